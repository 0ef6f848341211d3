package org.gpu4j.junit;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine, and what happens when it is missing: the test is <b>skipped</b> with the reason
 * (a JUnit assumption) — unless the environment variable {@code GPU4J_REQUIRE} (a comma list such as
 * {@code cpu,opencl,nvcc}; also read from the system property {@code gpu4j.require}) names it: then the test
 * <b>fails</b> with the reason, so a CI machine that is meant to run a backend cannot pass by skipping it.
 *
 * <p>{@link EveryDevice} applies this to every backend it runs on. Stateless; safe to call from any thread.
 */
public final class Requirements {
    /** The environment variable listing what must be present. */
    public static final String ENV = "GPU4J_REQUIRE";
    /** The system property equivalent of {@link #ENV}; both are honoured. */
    public static final String PROPERTY = "gpu4j.require";

    private Requirements() {}

    /** The names {@code GPU4J_REQUIRE} and {@code -Dgpu4j.require} list, lower case. */
    public static Set<String> required() {
        return parse(System.getenv(ENV) + "," + System.getProperty(PROPERTY, ""));
    }

    /** The names of a comma list, trimmed and lower case; {@code null} and empty entries are dropped. */
    public static Set<String> parse(String list) {
        if (list == null) return Set.of();
        return Arrays.stream(list.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty() && !s.equals("null"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether {@code name} must be present on this machine. */
    public static boolean isRequired(String name) {
        return required().contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The probe of backend {@code id} ({@code cpu}, {@code opencl}, {@code cuda}) when it has at least one device;
     * otherwise skips the test with the backend's reason, or fails if {@code GPU4J_REQUIRE} names it.
     *
     * @param id the backend id
     * @return the backend's probe, which has at least one device
     */
    public static Probe backend(String id) {
        List<Probe> probes = Gpu4j.probes();
        for (Probe p : probes) {
            if (p.backend().equals(id)) {
                if (!p.isAvailable()) unmet("backend " + id, id, p.reason());
                return p;
            }
        }
        unmet("backend " + id, id, "no provider for backend '" + id + "' on the class path (found "
                + probes.stream().map(Probe::backend).toList() + ")");
        throw new AssertionError("unreachable");
    }

    /**
     * Skips the running test with {@code reason}, or fails it when {@code GPU4J_REQUIRE} names {@code name}.
     *
     * @param what what is missing, for the message ({@code "backend opencl"})
     * @param name the name {@code GPU4J_REQUIRE} would list ({@code "opencl"})
     * @param reason why it is missing
     */
    public static void unmet(String what, String name, String reason) {
        unmet(what, name, reason, required());
    }

    /**
     * As {@link #unmet(String, String, String)} with an explicit set of required names.
     *
     * @param what what is missing, for the message
     * @param name the name {@code required} would contain
     * @param reason why it is missing
     * @param required the names that must be present
     */
    public static void unmet(String what, String name, String reason, Set<String> required) {
        if (required.contains(name.toLowerCase(Locale.ROOT))) {
            Assertions.fail(what + " is required here (" + ENV + "=" + String.join(",", required)
                    + ") but unavailable: " + reason);
        }
        Assumptions.abort(what + " unavailable: " + reason + " (" + ENV + "=" + name + " turns this skip into a failure)");
    }
}
