package org.gpu4j.junit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.gpu4j.Leaks;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaked a gpu4j object: an array that became unreachable without being closed (a dropped
 * program is not a leak: its accelerator or the Cleaner frees it).
 * After the class's tests it runs the garbage collector, waits for the cleaner ({@link Leaks#collect}), and fails if
 * {@link Leaks#reported()} rose by more than the leaks the class declared as deliberate ({@link #expectLeaks}).
 *
 * <p>{@link EveryDevice} runs it for its test class by itself; any other class registers it with
 * {@code @ExtendWith(LeakCheck.class)}. It costs two garbage collections per test class. Counters are per JVM, so
 * run test classes that check leaks one at a time (JUnit's default).
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicLong EXPECTED = new AtomicLong();
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheck.class);
    /** How long to wait for the cleaner; generous, it normally takes milliseconds. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Creates the extension (JUnit does, from {@code @ExtendWith}). */
    public LeakCheck() {}

    /**
     * Declares that the running test leaked {@code count} objects on purpose (and saw them reported).
     *
     * @param count how many objects were leaked on purpose
     */
    public static void expectLeaks(long count) {
        EXPECTED.addAndGet(count);
    }

    /** The state at the start of a class: what had been reported and expected so far. */
    static final class Baseline {
        private final long reported = Leaks.reported();
        private final long expected = EXPECTED.get();

        /** Throws when more objects leaked since this baseline than were expected. */
        void check(String what) {
            long leaked = Leaks.collect(WAIT) - reported;
            long declared = EXPECTED.get() - expected;
            if (leaked > declared) {
                throw new AssertionError((leaked - declared) + " gpu4j object(s) leaked by " + what
                        + " (never closed; see the 'gpu4j leak' warnings in the log"
                        + (Leaks.recordingStacks() ? ", which carry the allocation stacks)"
                                : "; run with -Dgpu4j.leaks=report for allocation stacks)"));
            }
        }
    }

    @Override public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("baseline", new Baseline());
    }

    @Override public void afterAll(ExtensionContext context) {
        Baseline b = context.getStore(NS).get("baseline", Baseline.class);
        if (b != null) b.check(context.getDisplayName());
    }
}
