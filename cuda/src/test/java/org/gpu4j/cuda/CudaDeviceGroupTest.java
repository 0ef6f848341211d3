package org.gpu4j.cuda;

import org.gpu4j.contract.DeviceGroupContract;

/** A device group of the best CUDA device and the Java CPU backend (skips with the reason without CUDA; fails under GPU4J_REQUIRE=cuda). */
class CudaDeviceGroupTest extends DeviceGroupContract {
    @Override protected String[] selectors() { return new String[] {"cuda", "cpu"}; }
}
