package org.gpu4j.expr;

import org.gpu4j.Accelerator;

/** Scans and reductions over odd sizes on the Java CPU backend. */
class ScanReduceShapesCpuTest extends ScanReduceShapesContract {
    @Override protected Accelerator open() { return org.gpu4j.testing.Require.open("cpu"); }
}
