package org.gpu4j.samples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Locale;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;

/**
 * Skips a test whose backend is missing, with the reason, unless {@code GPU4J_REQUIRE} (env, or property
 * {@code gpu4j.require}) names that backend: then the test fails with the reason.
 */
final class Backends {
    private Backends() {}

    static void require(String backend) {
        Probe p = Gpu4j.probes().stream().filter(x -> x.backend().equals(backend)).findFirst().orElse(null);
        String reason = p == null ? "no " + backend + " backend on the class path" : p.reason();
        boolean available = p != null && p.isAvailable();
        if (available) return;
        if (required(backend)) fail(backend + " is required (GPU4J_REQUIRE) but unavailable: " + reason);
        assumeTrue(false, backend + " unavailable: " + reason);
    }

    static boolean required(String backend) {
        String req = System.getProperty("gpu4j.require", System.getenv("GPU4J_REQUIRE"));
        if (req == null) return false;
        return Arrays.stream(req.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).anyMatch(backend::equals);
    }
}
