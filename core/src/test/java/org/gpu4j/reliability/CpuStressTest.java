package org.gpu4j.reliability;

/** The stress suite on the Java CPU backend. */
class CpuStressTest extends StressContract {
    @Override protected String selector() { return "cpu"; }
}
