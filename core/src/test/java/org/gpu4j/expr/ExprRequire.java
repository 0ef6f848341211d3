package org.gpu4j.expr;

import java.util.Arrays;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Skip-or-fail for a missing backend or tool: fails when GPU4J_REQUIRE (comma list) names it, else skips with the reason. */
public final class ExprRequire {
    private ExprRequire() {}

    public static boolean required(String what) {
        String env = System.getenv("GPU4J_REQUIRE");
        return env != null && Arrays.stream(env.split(",")).map(String::trim).anyMatch(what::equalsIgnoreCase);
    }

    public static void missing(String what, String reason) {
        if (required(what)) Assertions.fail(what + " is required by GPU4J_REQUIRE but unavailable: " + reason);
        Assumptions.abort(what + " unavailable: " + reason);
    }
}
