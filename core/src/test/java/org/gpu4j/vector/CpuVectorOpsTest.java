package org.gpu4j.vector;

import org.gpu4j.Accelerator;

/** The vector-operation contract on the Java CPU backend. */
class CpuVectorOpsTest extends VectorOpsContract {
    @Override protected Accelerator open() { return org.gpu4j.testing.Require.open("cpu"); }
}
