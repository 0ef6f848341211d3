package org.gpu4j.opencl;

import org.gpu4j.Accelerator;
import org.gpu4j.contract.CrossCopyContract;
import org.gpu4j.testing.Require;

/** Copies between accelerators, from opencl to cpu (PoCL in CI; skips with the reason without OpenCL, fails under GPU4J_REQUIRE=opencl). */
class OpenClToCpuCopyTest extends CrossCopyContract {
    @Override protected Accelerator openSource() { return Require.open("opencl"); }

    @Override protected Accelerator openTarget() { return Require.open("cpu"); }
}
