package org.gpu4j.cuda;

import org.gpu4j.Accelerator;
import org.gpu4j.matrix.MatrixOpsContract;
import org.junit.jupiter.api.BeforeEach;

/**
 * The matrix contract on the first CUDA device (the tiled GEMM of matmul.cu, gemv, transpose and the element-wise
 * matrix kernels) against the host oracle. Where CUDA is unavailable each test skips with the reason (see
 * {@link CudaTests}), or fails when GPU4J_REQUIRE names cuda.
 */
class MatricesCudaTest extends MatrixOpsContract {
    @Override protected Accelerator open() { return CudaTests.openOrStandIn(); }

    @BeforeEach void requireCuda() { CudaTests.require(); }
}
