package org.gpu4j.cuda;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The launches whose events are not yet resolved, oldest first, with O(1) bookkeeping per launch: an event that
 * resolves on its own (its caller waited for it) is not searched for and removed; it stays in the queue, marked
 * resolved, and is dropped when it reaches the head. The queue is bounded: past {@code max} entries the oldest half
 * is resolved (their kernels finished long ago in all but pathological cases), so at most {@code max} native event
 * handles are alive. Amortised cost: each event enters once and leaves once.
 */
final class PendingEvents<E extends PendingEvents.Tracked> {
    /** What the queue needs of an event. */
    interface Tracked {
        /** Already resolved (handles released); must not block. */
        boolean resolved();
        /** Completed on the device; must not block. */
        boolean isDone();
        /** Reads the times and releases the handles; waits for the device if it must; never throws. */
        void resolveQuietly();
    }

    private final ConcurrentLinkedQueue<E> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int max;

    PendingEvents(int max) { this.max = max; }

    /** Tracks {@code e}; resolves the oldest half first when the queue is full. */
    void add(E e) {
        if (queued.get() >= max) trim(max / 2);
        order.add(e);
        queued.incrementAndGet();
    }

    /** Entries in the queue, resolved ones not yet dropped included (at most about {@code max}). */
    int size() { return queued.get(); }

    private E poll() {
        E e = order.poll();
        if (e != null) queued.decrementAndGet();
        return e;
    }

    private void trim(int keep) {
        E e;
        while (queued.get() > keep && (e = poll()) != null) if (!e.resolved()) e.resolveQuietly();
    }

    /** Resolves the oldest entries that have completed, without waiting for any still running. */
    void resolveCompleted() {
        E e;
        while ((e = order.peek()) != null && (e.resolved() || e.isDone())) {
            if (order.remove(e)) { // head removal: O(1)
                queued.decrementAndGet();
                if (!e.resolved()) e.resolveQuietly();
            }
        }
    }

    /** Resolves every entry (the stream is idle: close). */
    void resolveAll() { trim(0); }
}
