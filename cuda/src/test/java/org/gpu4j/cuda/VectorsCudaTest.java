package org.gpu4j.cuda;

import org.gpu4j.Accelerator;
import org.gpu4j.vector.VectorOpsContract;
import org.junit.jupiter.api.BeforeEach;

/**
 * The vector-operation contract on the first CUDA device (the GPU-shaped kernels of vector.cu, reduce.cu and
 * scan.cu). Where CUDA is unavailable each test skips with the reason (see {@link CudaTests}), or fails when
 * GPU4J_REQUIRE names cuda.
 */
class VectorsCudaTest extends VectorOpsContract {
    @Override protected Accelerator open() { return CudaTests.openOrStandIn(); }

    @BeforeEach void requireCuda() { CudaTests.require(); }
}
