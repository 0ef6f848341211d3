package org.gpu4j.cuda;

import org.gpu4j.Accelerator;
import org.gpu4j.contract.CrossCopyContract;
import org.gpu4j.testing.Require;

/** Copies between accelerators, from cuda to cpu (skips with the reason without CUDA; fails under GPU4J_REQUIRE=cuda). */
class CudaToCpuCopyTest extends CrossCopyContract {
    @Override protected Accelerator openSource() { return Require.open("cuda"); }

    @Override protected Accelerator openTarget() { return Require.open("cpu"); }
}
