package org.gpu4j;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The native state behind a tracked object (an allocation or a program): what to free, and whether it has been.
 * Holds no reference to the Java object it backs, so that object can become unreachable and be cleaned.
 */
final class Allocation implements Runnable {
    final Accelerator owner;
    final Object handle;
    final ElementType type;   // null for programs
    final long length;
    final String what;
    final Throwable site;
    final AtomicBoolean released = new AtomicBoolean();
    volatile Cleaner.Cleanable cleanable;

    Allocation(Accelerator owner, Object handle, ElementType type, long length, String what) {
        this.owner = owner;
        this.handle = handle;
        this.type = type;
        this.length = length;
        this.what = what;
        this.site = Leaks.site(what);
    }

    /** Runs on the cleaner thread when the owning object became unreachable (or from {@link #close}). */
    @Override public void run() {
        if (released.compareAndSet(false, true)) {
            Leaks.report(what + " on " + owner.device().id(), site);
            owner.freeNative(this);
        }
    }

    /** Explicit close: frees once, deregisters from the cleaner without reporting a leak. */
    void close() {
        if (released.compareAndSet(false, true)) {
            owner.freeNative(this);
        }
        Cleaner.Cleanable c = cleanable;
        if (c != null) c.clean();
    }

    /** Marks released without freeing (the accelerator frees in bulk on close). */
    boolean markReleased() {
        boolean first = released.compareAndSet(false, true);
        Cleaner.Cleanable c = cleanable;
        if (c != null) c.clean();
        return first;
    }
}
