package org.gpu4j.opencl;

import org.gpu4j.contract.DeviceGroupContract;

/** A device group of PoCL and the Java CPU backend (skips with the reason without OpenCL; fails under GPU4J_REQUIRE=opencl). */
class OpenClDeviceGroupTest extends DeviceGroupContract {
    @Override protected String[] selectors() { return new String[] {"opencl", "cpu"}; }
}
