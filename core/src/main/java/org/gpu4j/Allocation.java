package org.gpu4j;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The native state behind a tracked object (an allocation or a program): what to free, whether it may still be
 * used, and whether it has been freed. Holds no reference to the Java object it backs, so that object can become
 * unreachable and be cleaned.
 *
 * <p><b>Uses.</b> Every command that touches the native object {@linkplain #acquire acquires} it for as long as the
 * command is being checked and enqueued (and, on backends that run commands synchronously, executed), and
 * {@linkplain #releaseUse releases} it after. A close (explicit, by the Cleaner, or by the accelerator) marks the
 * object closed at once, so no new use can start, and frees it when the last use ends: whichever thread ends the
 * last use frees it. So nothing is freed while a command is between its checks and its enqueue. The state is one
 * atomic int: the number of uses in progress, plus {@link #CLOSED}.
 */
final class Allocation implements Runnable {
    private static final int CLOSED = 1 << 30;

    final Accelerator owner;
    final Object handle;
    final ElementType type;   // null for programs
    final long length;
    final String what;
    final Throwable site;
    /** Set once a close was asked for (explicitly, by the Cleaner or by the accelerator): no use may start. */
    final AtomicBoolean released = new AtomicBoolean();
    /** Set by the one thread that frees the native object. */
    private final AtomicBoolean freed = new AtomicBoolean();
    private final AtomicInteger uses = new AtomicInteger();
    volatile Cleaner.Cleanable cleanable;

    Allocation(Accelerator owner, Object handle, ElementType type, long length, String what) {
        this.owner = owner;
        this.handle = handle;
        this.type = type;
        this.length = length;
        this.what = what;
        this.site = Leaks.site(what);
    }

    /** Starts a use; false when the object is closed (or being closed), in which case nothing was acquired. */
    boolean acquire() {
        for (;;) {
            int s = uses.get();
            if ((s & CLOSED) != 0) return false;
            if (uses.compareAndSet(s, s + 1)) return true;
        }
    }

    /** Ends a use started by {@link #acquire}; the last use of a closed object frees it. */
    void releaseUse() {
        if (uses.decrementAndGet() == CLOSED) owner.freeNative(this);
    }

    /** Marks closed; true when no use is in progress, so the caller may free now (else the last use frees). */
    private boolean markClosed() {
        released.set(true);
        for (;;) {
            int s = uses.get();
            if ((s & CLOSED) != 0) return false;
            if (uses.compareAndSet(s, s | CLOSED)) return s == 0;
        }
    }

    /** Claims the right to free the native object: true exactly once. */
    boolean claimFree() { return freed.compareAndSet(false, true); }

    boolean isFreed() { return freed.get(); }

    /** Uses in progress (for the accelerator's close, which frees only what no command is using). */
    int usesInProgress() { return uses.get() & ~CLOSED; }

    /**
     * Runs on the cleaner thread when the owning object became unreachable (or from {@link #close}). A dropped array
     * is a leak (its memory was held until the collector found it) and is reported; a dropped program is not: a
     * program may be left for its accelerator to close ({@link Program}), so the Cleaner frees it quietly.
     */
    @Override public void run() {
        if (!released.get()) {
            if (type != null) Leaks.report(what + " on " + owner.name(), site);
            if (markClosed()) owner.freeNative(this);
        }
    }

    /** Explicit close: frees once (now, or when the last use ends), deregisters from the cleaner without a leak report. */
    void close() {
        boolean first = !released.get();
        if (first && markClosed()) owner.freeNative(this);
        Cleaner.Cleanable c = cleanable;
        if (c != null) c.clean();
    }

    /** Marks closed without freeing (the accelerator frees in bulk on close); deregisters from the cleaner. */
    void markClosedForBulkFree() {
        markClosed();
        Cleaner.Cleanable c = cleanable;
        if (c != null) c.clean();
    }
}
