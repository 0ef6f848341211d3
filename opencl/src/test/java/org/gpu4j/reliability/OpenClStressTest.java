package org.gpu4j.reliability;

import org.gpu4j.testing.Require;
import org.junit.jupiter.api.BeforeAll;

/** The stress suite on the first OpenCL device (PoCL in CI); skips or fails as {@link Require} says. */
class OpenClStressTest extends StressContract {
    @BeforeAll static void requireOpenCl() {
        Require.backend("opencl");
    }

    @Override protected String selector() { return "opencl:0"; }
}
