package org.gpu4j.opencl;

import org.gpu4j.Accelerator;
import org.gpu4j.expr.ExpressionContract;
import org.gpu4j.testing.Require;

/**
 * The expression contract on the first OpenCL device (PoCL here): every expression, reduction and scan against the
 * Java evaluator. Skips with the reason when no OpenCL device is present, fails if GPU4J_REQUIRE names opencl.
 */
class ExpressionsOpenClTest extends ExpressionContract {
    @Override protected Accelerator open() { return Require.open("opencl"); }
}
