package org.gpu4j.opencl;

import org.gpu4j.Accelerator;
import org.gpu4j.expr.ExpressionDifferential;
import org.gpu4j.testing.Require;

/**
 * The expression differential test on the first OpenCL device (PoCL here): random expressions over edge values
 * against the Java oracle. Skips with the reason when no OpenCL device is present, fails if GPU4J_REQUIRE names opencl.
 */
class ExpressionDifferentialOpenClTest extends ExpressionDifferential {
    @Override protected Accelerator open() { return Require.open("opencl"); }
}
