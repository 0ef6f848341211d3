package org.gpu4j.reliability;

import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The reliability contract on the first OpenCL device (PoCL in CI). */
class OpenClReliabilityTest extends ReliabilityContract {
    @BeforeAll static void requireOpenCl() {
        Probe p = Gpu4j.probes().stream().filter(x -> x.backend().equals("opencl")).findFirst()
                .orElse(Probe.unavailable("opencl", "the opencl provider is not on the classpath"));
        if (!p.isAvailable()) {
            String why = "OpenCL unavailable: " + p.reason();
            String req = System.getenv("GPU4J_REQUIRE");
            if (req != null && java.util.Arrays.asList(req.split(",")).contains("opencl")) Assertions.fail(why);
            Assumptions.abort(why);
        }
    }

    @Override protected String selector() { return "opencl:0"; }
}
