package org.gpu4j.spi;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.gpu4j.WaitInterruptedException;

/**
 * The bounded, interruptible wait that backends use instead of blocking native waits ({@code clFinish},
 * {@code cuStreamSynchronize}), which have no bound and ignore Java interrupts: poll a completion test, spinning
 * for the first {@value #YIELD_AFTER_NANOS} ns, then yielding the core between polls up to {@value #SPIN_NANOS} ns
 * (a short command costs about what the native wait costs), then parking with
 * a backoff that doubles up to {@value #MAX_PARK_NANOS} ns, checking the deadline and the thread's interrupt flag on
 * every round.
 */
public final class Waits {
    private Waits() {}

    public static final long SPIN_NANOS = 50_000;
    /** How long the first phase spins before it starts yielding its core on every poll. */
    public static final long YIELD_AFTER_NANOS = 2_000;
    public static final long MAX_PARK_NANOS = 1_000_000;

    /**
     * Polls {@code done} until it is true (returns true) or {@code timeoutNanos} have passed (false;
     * {@link Long#MAX_VALUE} waits without a bound). {@code done} may throw to report a failed command.
     *
     * @throws WaitInterruptedException when the thread is interrupted; its interrupt flag stays set
     */
    public static boolean until(BooleanSupplier done, long timeoutNanos, String what) {
        long start = System.nanoTime();
        long park = 2_000;
        for (;;) {
            if (done.getAsBoolean()) return true;
            if (Thread.currentThread().isInterrupted()) throw WaitInterruptedException.whileWaitingFor(what);
            long elapsed = System.nanoTime() - start;
            if (timeoutNanos != Long.MAX_VALUE && elapsed >= timeoutNanos) return false;
            if (elapsed < YIELD_AFTER_NANOS) {
                Thread.onSpinWait();
            } else if (elapsed < SPIN_NANOS) {
                // a waiting thread that keeps its core would take it from the worker threads of a CPU device (PoCL)
                // that must run the command: after a short spin, give the core up on each poll (measured on PoCL on
                // a loaded 2-core host: an empty kernel's wait polled with yields ran 0.7-0.85 x clFinish's time,
                // a pure spin 0.8-1.0 x)
                Thread.yield();
            } else {
                long left = timeoutNanos == Long.MAX_VALUE ? park : Math.min(park, timeoutNanos - elapsed);
                LockSupport.parkNanos(Math.max(1, left));
                park = Math.min(MAX_PARK_NANOS, park * 2);
            }
        }
    }
}
