package org.gpu4j.expr;

import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;

/** The expression contract on the Java CPU backend (the Java evaluator against hand-written oracles). */
class ExpressionsCpuTest extends ExpressionContract {
    @Override protected Accelerator open() { return Gpu4j.open("cpu"); }
}
