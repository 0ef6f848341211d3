package org.gpu4j;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.gpu4j.spi.NativeEvent;

/**
 * Completes host-side work when device events complete: the asynchronous downloads' futures, the staging buffers of
 * asynchronous uploads (kept reachable until the device has read them), the gates of copies between accelerators.
 * One daemon thread per accelerator, started on first use, polls the pending events (spin briefly, then park with a
 * backoff up to {@value #MAX_PARK_NANOS} ns). Each pending entry is settled exactly once: by this thread, or by
 * {@link #settleAll} when the accelerator closes (then what did not complete fails).
 */
final class Completer {
    private static final System.Logger LOG = System.getLogger("org.gpu4j");
    static final long MAX_PARK_NANOS = 200_000;

    /** One watched event; {@code claimed} makes settling it happen once. */
    private static final class Pending {
        final NativeEvent event;
        final Runnable onDone;
        final Consumer<Throwable> onFail;
        final AtomicBoolean claimed = new AtomicBoolean();

        Pending(NativeEvent event, Runnable onDone, Consumer<Throwable> onFail) {
            this.event = event;
            this.onDone = onDone;
            this.onFail = onFail;
        }

        void done() {
            if (!claimed.compareAndSet(false, true)) return;
            try {
                onDone.run();
            } catch (Throwable t) {
                onFail.accept(t);
            }
        }

        void fail(Throwable t) {
            if (claimed.compareAndSet(false, true)) onFail.accept(t);
        }
    }

    /** The failure of entries given up on by a close that did not drain: their command may still be running. */
    static final class Abandoned extends IllegalStateException {
        Abandoned(String message) { super(message); }
    }

    /** Entries of accelerators closed without draining: what they hold stays reachable until the process ends. */
    private static final ConcurrentLinkedQueue<Pending> KEPT = new ConcurrentLinkedQueue<>();

    private final String name;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final Object startLock = new Object();
    private volatile Thread thread;
    private volatile boolean stopped;
    /** Entries the completer thread has in hand (from before it may remove one until it has settled it). */
    private final java.util.concurrent.atomic.AtomicInteger inHand = new java.util.concurrent.atomic.AtomicInteger();

    Completer(String name) { this.name = name; }

    /**
     * Runs {@code onDone} once {@code event} completed, or {@code onFail} with its failure (or with the accelerator's
     * closing); an exception from {@code onDone} goes to {@code onFail}. Neither may block for long: they run on the
     * completer's thread.
     */
    void watch(NativeEvent event, Runnable onDone, Consumer<Throwable> onFail) {
        Pending p = new Pending(event, onDone, onFail);
        if (stopped) {
            p.fail(new IllegalStateException("accelerator " + name + " is closed"));
            return;
        }
        pending.add(p);
        start();
        if (stopped) settle(p, true); // closed meanwhile: settleAll may have run before the add
        else LockSupport.unpark(thread);
    }

    /** Entries not settled yet (for tests and leak checks). */
    int pendingCount() { return pending.size(); }

    private void start() {
        if (thread != null) return;
        synchronized (startLock) {
            if (thread != null || stopped) return;
            Thread t = new Thread(this::loop, "gpu4j-completer-" + name);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    private void loop() {
        long park = 1_000;
        long idleSince = System.nanoTime();
        while (!stopped) {
            boolean progress = false;
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                inHand.incrementAndGet(); // before any removal: settleAll waits for what is in hand
                try {
                    if (p.claimed.get()) { it.remove(); progress = true; continue; }
                    try {
                        if (!p.event.await(0)) continue;
                        it.remove();
                        p.done();
                    } catch (Throwable t) {
                        it.remove();
                        p.fail(t);
                    }
                    progress = true;
                } finally {
                    inHand.decrementAndGet();
                }
            }
            if (progress) { park = 1_000; idleSince = System.nanoTime(); continue; }
            if (System.nanoTime() - idleSince < 20_000) { Thread.onSpinWait(); continue; }
            LockSupport.parkNanos(this, pending.isEmpty() ? 50_000_000 : park);
            if (Thread.interrupted() && stopped) break;
            park = Math.min(MAX_PARK_NANOS, park * 2);
        }
    }

    private static void settle(Pending p, boolean closing) {
        boolean completed;
        try {
            completed = p.event.await(0);
        } catch (Throwable t) {
            p.fail(t);
            return;
        }
        if (completed) p.done();
        else if (closing) p.fail(new IllegalStateException("its accelerator was closed before the command completed"));
    }

    /**
     * On close, after the queues drained (or were given up on when {@code drained} is false): settles every pending
     * entry now (completed events complete, the others fail) and stops the thread.
     */
    void settleAll(boolean drained, String why) {
        stopped = true;
        Pending p;
        while ((p = pending.poll()) != null) {
            if (drained) {
                settle(p, true);
            } else {
                KEPT.add(p); // its staging memory may still be in use by the device: never let it be collected
                p.fail(new Abandoned("accelerator " + name + " was closed without draining: " + why));
            }
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            // An entry the thread removed just before is being settled there: let it finish, so every future is
            // complete when the close returns (bounded; not from the completer thread itself, e.g. a callback).
            if (t != Thread.currentThread()) {
                try {
                    org.gpu4j.spi.Waits.until(() -> inHand.get() == 0, 10_000_000_000L, "the completion thread of " + name);
                } catch (WaitInterruptedException e) {
                    // the interrupt stays set; the entries still complete, on that thread
                }
            }
        }
        if (!drained) LOG.log(System.Logger.Level.DEBUG, "gpu4j: failed the pending host work of " + name);
    }
}
