package org.gpu4j.random;

import org.gpu4j.Accelerator;

/** The random-number contract on the Java CPU backend. */
class CpuRandomTest extends RandomContract {
    @Override protected Accelerator open() { return org.gpu4j.testing.Require.open("cpu"); }
}
