package org.gpu4j.opencl;

import java.util.Arrays;
import java.util.Locale;
import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support: opens the OpenCL device, or skips with the backend's reason — unless {@code GPU4J_REQUIRE} names
 * {@code opencl}, in which case the test fails with that reason. (Local stand-in for core's
 * {@code org.gpu4j.testing.Require} until it is merged.)
 */
final class OpenClTests {
    private OpenClTests() {}

    static boolean required() {
        String req = System.getenv("GPU4J_REQUIRE");
        if (req == null) return false;
        return Arrays.stream(req.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).anyMatch("opencl"::equals);
    }

    /** The OpenCL probe, after skipping or failing when the backend is unavailable. */
    static Probe probe() {
        Probe p = Gpu4j.probes().stream().filter(x -> x.backend().equals("opencl")).findFirst()
                .orElse(Probe.unavailable("opencl", "the opencl provider is not on the classpath"));
        if (!p.isAvailable()) {
            String why = "OpenCL unavailable: " + p.reason();
            if (required()) Assertions.fail(why + " (GPU4J_REQUIRE names opencl)");
            Assumptions.abort(why);
        }
        return p;
    }

    /** Opens {@code opencl} (its best device), skipping or failing as {@link #probe()}. */
    static Accelerator open() {
        probe();
        return Gpu4j.open("opencl");
    }

    /** The backend behind an accelerator opened by this test module (package-private access for white-box tests). */
    static OpenClAccelerator backendOf(Accelerator acc) {
        try {
            var m = Accelerator.class.getDeclaredMethod("backend");
            m.setAccessible(true);
            return (OpenClAccelerator) m.invoke(acc);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
