package org.gpu4j.reliability;

import org.gpu4j.testing.Require;
import org.junit.jupiter.api.BeforeAll;

/** The reliability contract on the first OpenCL device (PoCL in CI); skips or fails as {@link Require} says. */
class OpenClReliabilityTest extends ReliabilityContract {
    @BeforeAll static void requireOpenCl() {
        Require.backend("opencl");
    }

    @Override protected String selector() { return "opencl:0"; }
}
