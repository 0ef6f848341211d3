package org.gpu4j.reliability;

import org.gpu4j.testing.Require;
import org.junit.jupiter.api.BeforeEach;

/**
 * The reliability contract on the first CUDA device. Where there is none each test skips with the reason (checked
 * per test, so that the report counts them), or fails under GPU4J_REQUIRE=cuda.
 */
class CudaReliabilityTest extends ReliabilityContract {
    @BeforeEach void requireCuda() {
        Require.backend("cuda");
    }

    @Override protected String selector() { return "cuda:0"; }
}
