package org.gpu4j.cpu;

import org.gpu4j.Accelerator;
import org.gpu4j.contract.CrossCopyContract;
import org.gpu4j.testing.Require;

/** Copies between two Java CPU accelerators. */
class CpuCrossCopyTest extends CrossCopyContract {
    @Override protected Accelerator openSource() { return Require.open("cpu"); }

    @Override protected Accelerator openTarget() { return Require.open("cpu"); }
}
