package org.gpu4j.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.gpu4j.Leaks;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaked a gpu4j object: an array or program that became unreachable without being closed.
 * After the class's tests it runs the garbage collector, waits for the cleaner ({@link Leaks#collect}), and fails if
 * {@link Leaks#reported()} rose by more than the leaks the class declared as deliberate ({@link #expectLeaks}).
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
    private static final AtomicLong EXPECTED = new AtomicLong();
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeaks.class);
    /** How long to wait for the cleaner; generous, it normally takes milliseconds. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Declares that the running test leaked {@code count} objects on purpose (and saw them reported). */
    public static void expectLeaks(long count) {
        EXPECTED.addAndGet(count);
    }

    private record Baseline(long reported, long expected) {}

    @Override public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("baseline", new Baseline(Leaks.reported(), EXPECTED.get()));
    }

    @Override public void afterAll(ExtensionContext context) {
        Baseline b = context.getStore(NS).get("baseline", Baseline.class);
        if (b == null) return;
        long reported = Leaks.collect(WAIT) - b.reported;
        long expected = EXPECTED.get() - b.expected;
        if (reported > expected) {
            throw new AssertionError((reported - expected) + " gpu4j object(s) leaked by "
                    + context.getDisplayName() + " (never closed; see the 'gpu4j leak' warnings in the log"
                    + (Leaks.recordingStacks() ? ", which carry the allocation stacks)" : "; run with -Dgpu4j.leaks=report for allocation stacks)"));
        }
    }
}
