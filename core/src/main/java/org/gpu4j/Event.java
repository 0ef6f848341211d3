package org.gpu4j;

import org.gpu4j.spi.NativeEvent;

/**
 * A record of one enqueued command, with its device timing. {@link #waitFor()} blocks until it has completed;
 * the timing accessors wait too. Times are nanoseconds on the device clock; -1 where the backend cannot tell.
 * Thread-safe; {@link #await(java.time.Duration)} waits with a bound.
 *
 * {@snippet :
 * Event e = kernel.launch(Range.of(n), x, y, n);
 * System.out.printf("kernel: %.3f ms%n", e.kernelNanos() / 1e6);
 * }
 */
public final class Event {
    private static final Event DONE = new Event(null);
    final NativeEvent nat;
    /** The accelerator whose queue ran the command; null for {@link #completed()}. */
    final Accelerator owner;

    Event(NativeEvent nat) { this(nat, null); }

    Event(NativeEvent nat, Accelerator owner) {
        this.nat = nat;
        this.owner = owner;
    }

    /** An event for work that needed no device command (an empty range). */
    static Event completed() { return DONE; }

    /**
     * Waits until the command completes; a device fault is thrown as {@link LaunchException}.
     *
     * @throws WaitInterruptedException if the calling thread is interrupted while it waits (its interrupt flag stays set)
     */
    public Event waitFor() {
        if (nat != null) nat.waitFor();
        return this;
    }

    /**
     * Waits at most {@code timeout} for the command.
     *
     * @return true when it completed, false when the time ran out first (the command keeps running)
     * @throws LaunchException if the command failed
     * @throws WaitInterruptedException if the calling thread is interrupted while it waits (its interrupt flag stays set)
     */
    public boolean await(java.time.Duration timeout) {
        long nanos = Accelerator.toNanos(java.util.Objects.requireNonNull(timeout, "timeout"));
        return nat == null || nat.await(nanos);
    }

    /**
     * A future completed with this event when the command has completed, or exceptionally with its failure
     * ({@link LaunchException}) or when its accelerator is closed first. Completed once; dependent actions run on the
     * accelerator's completion thread unless you use the {@code ...Async} forms. Usable as a dependency of another
     * accelerator's queue ({@link Queue#waitFor(Event...)} does that itself).
     */
    public java.util.concurrent.CompletableFuture<Event> toFuture() {
        java.util.concurrent.CompletableFuture<Event> f = new java.util.concurrent.CompletableFuture<>();
        if (nat == null) {
            f.complete(this);
        } else if (owner != null) {
            owner.completer.watch(nat, () -> f.complete(this), f::completeExceptionally);
        } else {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    nat.waitFor();
                    f.complete(this);
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        }
        return f;
    }

    /** True once the command has completed or failed (does not wait, does not throw). */
    public boolean isDone() {
        if (nat == null) return true;
        try {
            return nat.await(0);
        } catch (RuntimeException failed) {
            return true;
        }
    }

    /** When the command was enqueued (device clock), or -1. */
    public long queuedNanos() { waitFor(); return nat == null ? -1 : nat.queuedNanos(); }
    /** When the device started it, or -1. */
    public long startNanos() { waitFor(); return nat == null ? -1 : nat.startNanos(); }
    /** When the device finished it, or -1. */
    public long endNanos() { waitFor(); return nat == null ? -1 : nat.endNanos(); }

    /** Device execution time (end - start) in nanoseconds, or -1 when unknown. */
    public long kernelNanos() {
        long s = startNanos(), e = endNanos();
        return s < 0 || e < 0 ? -1 : e - s;
    }

    @Override public String toString() {
        long k = nat == null ? 0 : kernelNanos();
        return "Event[" + (k < 0 ? "no timing" : String.format(java.util.Locale.ROOT, "%.3f ms", k / 1e6)) + "]";
    }
}
