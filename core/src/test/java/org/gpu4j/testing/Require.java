package org.gpu4j.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;

/**
 * What a test needs from the machine: a backend, its devices, or a tool such as {@code nvcc}.
 *
 * <p>When a requirement is not met, the test is <b>skipped</b> with the reason (JUnit {@link Assumptions}) — unless
 * the environment variable {@code GPU4J_REQUIRE} (a comma list such as {@code cpu,opencl,nvcc}; also read from the
 * system property {@code gpu4j.require}) names it: then the test <b>fails</b> with the reason, so a CI machine that
 * is meant to run a backend can never pass by skipping it. The rule itself is gpu4j-junit's
 * {@link org.gpu4j.junit.Requirements}, which this delegates to.
 *
 * {@snippet :
 * @Test void addsOnOpenCl() {
 *     Require.backend("opencl");                     // skips (or fails under GPU4J_REQUIRE=opencl) with the reason
 *     try (Accelerator acc = Gpu4j.open("opencl")) { ... }
 * }
 * }
 */
public final class Require {
    /** The environment variable listing what must be present. */
    public static final String ENV = org.gpu4j.junit.Requirements.ENV;
    /** The system property equivalent of {@link #ENV}; both are honoured. */
    public static final String PROPERTY = org.gpu4j.junit.Requirements.PROPERTY;

    private Require() {}

    /** The names {@code GPU4J_REQUIRE} and {@code -Dgpu4j.require} list, lower case. */
    public static Set<String> required() {
        return org.gpu4j.junit.Requirements.required();
    }

    static Set<String> parse(String list) {
        return org.gpu4j.junit.Requirements.parse(list);
    }

    /** Whether {@code name} must be present on this machine. */
    public static boolean isRequired(String name) {
        return org.gpu4j.junit.Requirements.isRequired(name);
    }

    /**
     * The probe of backend {@code id} ({@code cpu}, {@code opencl}, {@code cuda}) when it has at least one device;
     * otherwise skips the test with the backend's reason, or fails if {@code GPU4J_REQUIRE} names it.
     */
    public static Probe backend(String id) {
        return org.gpu4j.junit.Requirements.backend(id);
    }

    /**
     * Every device of backend {@code id} (at least one), or skip/fail as {@link #backend(String)}. Call it inside a
     * test; as the argument source of a parameterised class or test use {@link #targets(String)}, because a skip
     * thrown from an argument source loses its reason in Surefire's report.
     */
    public static List<Device> devices(String id) {
        return backend(id).devices();
    }

    /**
     * The selectors of every device of backend {@code id} ({@code opencl:0}, {@code opencl:1}...), to parameterise a
     * test class over them; when the backend has no device, the bare backend id, so that {@link #open(String)} in
     * each test skips it with the reason (or fails it under {@code GPU4J_REQUIRE}) and the report shows why.
     *
     * {@snippet :
     * @ParameterizedClass(name = "{0}")
     * @MethodSource("targets")
     * class OpenClContractTest extends AcceleratorContract {
     *     static List<String> targets() { return Require.targets("opencl"); }
     *     @Parameter String selector;
     *     @Override protected Accelerator open() { return Require.open(selector); }
     * }
     * }
     */
    public static List<String> targets(String id) {
        for (Probe p : Gpu4j.probes()) {
            if (p.backend().equals(id) && p.isAvailable()) return p.devices().stream().map(Device::id).toList();
        }
        return List.of(id);
    }

    /** Opens the device {@code selector} picks after requiring its backend (the part before ':'). */
    public static Accelerator open(String selector) {
        int colon = selector.indexOf(':');
        backend(colon < 0 ? selector : selector.substring(0, colon));
        return Gpu4j.open(selector);
    }

    /**
     * A requirement that is not a backend, e.g. {@code nvcc}: {@code whyMissing} is null when it is met; otherwise
     * the test skips with that reason, or fails if {@code GPU4J_REQUIRE} names {@code name}.
     */
    public static void tool(String name, String whyMissing) {
        if (whyMissing != null) unmet(name, name, whyMissing);
    }

    /** The executable {@code name} found on the {@code PATH}; skips/fails as {@link #tool} when there is none. */
    public static Path executable(String name) {
        Path found = findOnPath(name);
        tool(name, found == null ? name + " is not on the PATH (" + System.getenv("PATH") + ")" : null);
        return found;
    }

    /** The executable {@code name} on the {@code PATH}, or null. */
    public static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }

    /**
     * A seed for a test's random data: fresh each call, or the value of {@code -Dgpu4j.seed} when set, so a failure
     * (whose message prints the seed) can be reproduced.
     */
    public static Seed seed() {
        String fixed = System.getProperty(Seed.PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            try {
                return new Seed(Long.parseLong(fixed.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + Seed.PROPERTY + "=" + fixed + " is not a long", e);
            }
        }
        return new Seed(ThreadLocalRandom.current().nextLong());
    }

    static void unmet(String what, String name, String reason) {
        unmet(what, name, reason, required());
    }

    /** Skips, or fails when {@code required} contains {@code name}. */
    static void unmet(String what, String name, String reason, Set<String> required) {
        org.gpu4j.junit.Requirements.unmet(what, name, reason, required);
    }
}
