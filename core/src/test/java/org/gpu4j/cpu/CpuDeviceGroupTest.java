package org.gpu4j.cpu;

import org.gpu4j.contract.DeviceGroupContract;

/** A device group of two Java CPU accelerators. */
class CpuDeviceGroupTest extends DeviceGroupContract {
    @Override protected String[] selectors() { return new String[] {"cpu", "cpu"}; }
}
