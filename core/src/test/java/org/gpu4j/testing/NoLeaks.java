package org.gpu4j.testing;

import org.gpu4j.junit.LeakCheck;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaked a gpu4j object: an array that became unreachable without being closed (a dropped
 * program is not a leak: its accelerator or the Cleaner frees it).
 * After the class's tests it runs the garbage collector, waits for the cleaner ({@link org.gpu4j.Leaks#collect}), and fails if
 * {@link org.gpu4j.Leaks#reported()} rose by more than the leaks the class declared as deliberate ({@link #expectLeaks}).
 *
 * <p>Register it on a class with {@code @ExtendWith(NoLeaks.class)}, or for a whole module by automatic detection:
 * core's test-jar lists it in {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, and a module
 * enables detection in its {@code src/test/resources/junit-platform.properties} with
 * {@code junit.jupiter.extensions.autodetection.enabled=true}. It costs two garbage collections per test class.
 *
 * {@snippet :
 * @ExtendWith(NoLeaks.class)
 * class MyOpsTest { ... }
 * }
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {
    /** The check itself, gpu4j-junit's (one counter of deliberate leaks for both). */
    private final LeakCheck check = new LeakCheck();

    /** Declares that the running test leaked {@code count} objects on purpose (and saw them reported). */
    public static void expectLeaks(long count) {
        LeakCheck.expectLeaks(count);
    }

    @Override public void beforeAll(ExtensionContext context) {
        check.beforeAll(context);
    }

    @Override public void afterAll(ExtensionContext context) {
        check.afterAll(context);
    }
}
