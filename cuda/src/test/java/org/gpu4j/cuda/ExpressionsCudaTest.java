package org.gpu4j.cuda;

import org.gpu4j.Accelerator;
import org.gpu4j.expr.ExpressionContract;
import org.junit.jupiter.api.BeforeEach;

/**
 * The expression contract on the first CUDA device: every expression, reduction and scan generated as CUDA C and
 * compiled at run time, against the Java evaluator. Where CUDA is unavailable each test skips with the reason (see
 * {@link CudaTests}), or fails when GPU4J_REQUIRE names cuda.
 */
class ExpressionsCudaTest extends ExpressionContract {
    @Override protected Accelerator open() { return CudaTests.openOrStandIn(); }

    @BeforeEach void requireCuda() { CudaTests.require(); }
}
