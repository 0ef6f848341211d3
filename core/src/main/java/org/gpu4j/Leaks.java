package org.gpu4j;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The safety net behind every native or pooled object: a {@link Cleaner} frees what the program forgot to close.
 *
 * <p>With {@code -Dgpu4j.leaks=report}, each object records the stack of its allocation, and when an array becomes
 * unreachable without having been closed it is reported through {@link System.Logger} (level WARNING) with that
 * stack, and counted in {@link #reported()}. With {@code -Dgpu4j.leaks=off} nothing is recorded (the Cleaner still
 * frees). The default records no stacks but still counts and logs leaks, one line each. A dropped program is freed
 * without a report: it may be left for its accelerator to close ({@link Program}).
 */
public final class Leaks {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.leaks");
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "gpu4j-cleaner");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong REPORTED = new AtomicLong();
    private static final String MODE = System.getProperty("gpu4j.leaks", "count");

    private Leaks() {}

    /** Whether allocation stacks are being recorded ({@code -Dgpu4j.leaks=report}). */
    public static boolean recordingStacks() { return "report".equalsIgnoreCase(MODE); }

    /** How many leaked objects have been reported in this JVM so far. */
    public static long reported() { return REPORTED.get(); }

    /**
     * Runs the garbage collector and waits, at most {@code timeout}, until the cleaner has processed what it found,
     * so that every object that was already unreachable has been reported. For tests and leak checks; it costs a few
     * full collections.
     *
     * @return {@link #reported()} afterwards
     */
    public static long collect(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Two rounds: the cleaner may run the first sentinel before other references found by the same collection.
        for (int round = 0; round < 2; round++) {
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            registerSentinel(done);
            try {
                while (!done.await(5, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() - deadline > 0) return reported();
                    System.gc();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reported();
            }
        }
        return reported();
    }

    private static void registerSentinel(java.util.concurrent.CountDownLatch done) {
        CLEANER.register(new Object(), done::countDown);
    }

    /** Registers {@code owner}; when it becomes unreachable, {@code state.run()} runs unless it was closed first. */
    static Cleaner.Cleanable register(Object owner, Runnable state) {
        return CLEANER.register(owner, state);
    }

    /** An allocation site, or null when stacks are not recorded. */
    static Throwable site(String what) {
        return recordingStacks() ? new Throwable("allocation of " + what) : null;
    }

    static void report(String what, Throwable site) {
        REPORTED.incrementAndGet();
        if ("off".equalsIgnoreCase(MODE)) return;
        if (site != null) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j leak: " + what + " was never closed; allocated at:", site);
        } else {
            LOG.log(System.Logger.Level.WARNING, "gpu4j leak: " + what
                    + " was never closed (run with -Dgpu4j.leaks=report for its allocation stack)");
        }
    }
}
