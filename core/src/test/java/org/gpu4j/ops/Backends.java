package org.gpu4j.ops;

import java.util.Arrays;
import java.util.Locale;
import org.gpu4j.Accelerator;
import org.gpu4j.BackendUnavailableException;
import org.gpu4j.Gpu4j;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens a backend for a test, or skips with the reason — unless the environment variable GPU4J_REQUIRE (a comma
 * list such as {@code cpu,opencl}) names it, in which case the test fails with the reason.
 * (Local stand-in until org.gpu4j.testing.Require is merged.)
 */
public final class Backends {
    private Backends() {}

    public static boolean required(String backend) {
        String req = System.getenv("GPU4J_REQUIRE");
        if (req == null) return false;
        return Arrays.stream(req.toLowerCase(Locale.ROOT).split(",")).map(String::trim).anyMatch(backend::equals);
    }

    public static Accelerator open(String selector, String backend) {
        try {
            return Gpu4j.open(selector);
        } catch (BackendUnavailableException e) {
            String why = "backend " + backend + " unavailable: " + e.getMessage();
            if (required(backend)) Assertions.fail("GPU4J_REQUIRE names " + backend + " but " + why, e);
            Assumptions.abort(why);
            throw e;
        }
    }
}
