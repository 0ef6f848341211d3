package org.gpu4j.cuda;

import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Skips a test with a reason, or fails it when GPU4J_REQUIRE (comma list) names the missing thing. */
final class Require {
    private Require() {}

    static boolean required(String what) {
        String req = System.getenv("GPU4J_REQUIRE");
        if (req == null) return false;
        for (String r : req.split(",")) if (r.trim().toLowerCase(Locale.ROOT).equals(what)) return true;
        return false;
    }

    /** Aborts (skips) the test with {@code why}, or fails it if {@code what} is required. */
    static void missing(String what, String why) {
        if (required(what)) Assertions.fail(what + " is required (GPU4J_REQUIRE) but unavailable: " + why);
        Assumptions.abort(why);
    }
}
