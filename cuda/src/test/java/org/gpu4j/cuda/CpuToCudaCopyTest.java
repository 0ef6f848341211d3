package org.gpu4j.cuda;

import org.gpu4j.Accelerator;
import org.gpu4j.contract.CrossCopyContract;
import org.gpu4j.testing.Require;

/** Copies between accelerators, from cpu to cuda (skips with the reason without CUDA; fails under GPU4J_REQUIRE=cuda). */
class CpuToCudaCopyTest extends CrossCopyContract {
    @Override protected Accelerator openSource() { return Require.open("cpu"); }

    @Override protected Accelerator openTarget() { return Require.open("cuda"); }
}
