package org.gpu4j.sort;

import org.gpu4j.Accelerator;

/** The sort contract on the Java CPU backend. */
class CpuSortTest extends SortContract {
    @Override protected Accelerator open() { return org.gpu4j.testing.Require.open("cpu"); }
}
