package org.gpu4j.opencl;

import org.gpu4j.Accelerator;
import org.gpu4j.spi.Probe;
import org.gpu4j.testing.Require;

/**
 * Test support for this module: the OpenCL device through {@link Require} (skips with the backend's reason, or
 * fails when {@code GPU4J_REQUIRE} names {@code opencl}), and white-box access to the backend behind an accelerator.
 */
final class OpenClTests {
    private OpenClTests() {}

    /** The OpenCL probe, after skipping or failing (under GPU4J_REQUIRE) when the backend is unavailable. */
    static Probe probe() {
        return Require.backend("opencl");
    }

    /** Opens {@code opencl} (its best device), skipping or failing as {@link #probe()}. */
    static Accelerator open() {
        return Require.open("opencl");
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
