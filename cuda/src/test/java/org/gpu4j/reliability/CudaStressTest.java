package org.gpu4j.reliability;

import org.gpu4j.testing.Require;
import org.junit.jupiter.api.BeforeAll;

/** The stress suite on the first CUDA device; skips with the reason where there is none (fails under GPU4J_REQUIRE=cuda). */
class CudaStressTest extends StressContract {
    @BeforeAll static void requireCuda() {
        Require.backend("cuda");
    }

    @Override protected String selector() { return "cuda:0"; }
}
