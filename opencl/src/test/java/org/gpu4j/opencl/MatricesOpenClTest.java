package org.gpu4j.opencl;

import org.gpu4j.Accelerator;
import org.gpu4j.ops.matrix.MatrixOpsContract;

/**
 * The matrix contract on the OpenCL backend (PoCL here): CPU devices run matmul.cl's CPU-shaped GEMM (packed panels,
 * float16 register blocks), GPUs the tiled one; both against the host oracle. Skips with the reason when OpenCL is
 * absent, fails instead under GPU4J_REQUIRE=opencl.
 */
class MatricesOpenClTest extends MatrixOpsContract {
    @Override protected Accelerator open() { return OpenClTests.open(); }
}
