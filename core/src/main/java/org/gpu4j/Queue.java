package org.gpu4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeEvent;
import org.gpu4j.spi.NativeQueue;

/**
 * One in-order command queue of an {@link Accelerator}: an OpenCL command queue, a CUDA stream, a task lane of the
 * Java CPU backend. Commands on one queue run in the order they were issued; commands on different queues of one
 * accelerator may run at the same time where the device can (transfers beside kernels, two kernels side by side),
 * and are ordered only by {@link #waitFor(Event...)}. Get one with {@link Accelerator#newQueue()}; the accelerator's
 * own queue, the one every call without a queue uses, is {@link Accelerator#defaultQueue()}.
 *
 * <p><b>Issuing commands on a queue.</b> Explicitly: {@link #copy}, {@link #fill}, {@link #launch},
 * {@link #waitFor(Event...)}, {@link #record()}, and the arrays' {@code copyFromAsync(queue, ...)},
 * {@code toArrayAsync(queue)} and {@code copyToAsync(queue, ...)}. For everything else (built-in operations,
 * expression kernels, plain {@code copyFrom}/{@code toArray}) a <em>scope</em>: inside {@link #use()} (or
 * {@link #run}, {@link #call}) every command the current thread issues on this queue's accelerator goes to this
 * queue. A scope belongs to its thread; other threads are not affected.
 *
 * {@snippet :
 * Queue copies = acc.newQueue();
 * Event up = x.copyFromAsync(copies, host);      // upload on the second queue
 * Queue q = acc.defaultQueue().waitFor(up);      // compute waits for the upload only
 * acc.vectors().axpy(2f, x, y);                  // default queue
 * try (Queue.Scope s = copies.use()) {
 *     acc.vectors().scale(3f, z, z);             // runs on 'copies', beside the axpy
 * }
 * CompletableFuture<float[]> r = y.toArrayAsync(); // completes when the data is on the host
 * }
 *
 * <p><b>Events.</b> Every explicit command returns an {@link Event} (with its device timing, as a kernel launch's);
 * {@link #record()} gives one after everything issued so far (for built-in operations, which return none). An event
 * of this accelerator, of any of its queues, is waited for on the device ({@code clEnqueueBarrierWithWaitList},
 * {@code cuStreamWaitEvent}, a waiting task on the Java CPU backend); an event of another accelerator through the
 * host, without blocking the caller.
 *
 * <p><b>Host memory.</b> Asynchronous transfers go through a direct (off-heap) staging buffer: an upload copies the
 * Java array into it before it returns, so the array may be reused at once; a download copies from it into the Java
 * array when the device has finished, then completes its future.
 *
 * <p><b>Threads.</b> Thread-safe: several threads may issue commands on one queue (their relative order is the order
 * in which the calls were made). {@link #close()} waits a bounded time for the queue's work, then releases it; the
 * accelerator's {@link Accelerator#close()} drains and releases every queue it still has.
 */
public final class Queue implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.gpu4j");

    final Accelerator acc;
    final NativeQueue nat;
    private final boolean isDefault;
    private final String name;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object closeLock = new Object();
    private volatile boolean closed;
    private final AtomicBoolean released = new AtomicBoolean();

    Queue(Accelerator acc, NativeQueue nat, boolean isDefault, String name) {
        this.acc = acc;
        this.nat = nat;
        this.isDefault = isDefault;
        this.name = name;
    }

    /** The accelerator this queue belongs to. */
    public Accelerator accelerator() { return acc; }

    /** True for the accelerator's own queue ({@link Accelerator#defaultQueue()}). */
    public boolean isDefault() { return isDefault; }

    public boolean isClosed() { return closed || acc.isClosed(); }

    // ---------------------------------------------------------------- commands

    /**
     * Copies all of {@code src} into {@code dst} (equal element types and lengths), after the commands issued on this
     * queue before it. {@code dst} must belong to this queue's accelerator; {@code src} may belong to another one:
     * then it is downloaded on {@code src}'s accelerator (on the queue of the current thread's scope there, else its
     * default queue) into host memory and uploaded from there on this queue (the Java CPU, OpenCL and CUDA backends
     * alike), and this queue's later commands wait for it. The call does not block.
     *
     * @throws IllegalArgumentException for different types or lengths, a {@code dst} of another accelerator, or ranges
     *         of one array that overlap partly
     */
    public Event copy(DeviceArray src, DeviceArray dst) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        acc.owned(dst, "dst");
        if (src.elementType() != dst.elementType()) {
            throw new IllegalArgumentException("src: element type " + src.elementType() + " does not match " + dst.describe());
        }
        if (src.length != dst.length) {
            throw new IllegalArgumentException("src: length " + src.length + " does not match " + dst.describe());
        }
        src.checkOpen();
        if (src.acc != acc) return copyBetween(src, dst);
        if (src.length == 0) return Event.completed();
        enter();
        try {
            Accelerator.acquire(src, "src");
            try {
                Accelerator.acquire(dst, "dst");
                try {
                    BufferRef s = src.ref(), d = dst.ref();
                    if (s.handle() == d.handle() && s.offset() != d.offset()
                            && s.offset() < d.offset() + d.length() && d.offset() < s.offset() + s.length()) {
                        throw new IllegalArgumentException("src and dst overlap: " + src.describe() + " and " + dst.describe());
                    }
                    if (s.handle() == d.handle() && s.offset() == d.offset()) return record0();
                    return new Event(nat.copy(s, d), acc);
                } finally {
                    dst.alloc.releaseUse();
                }
            } finally {
                src.alloc.releaseUse();
            }
        } finally {
            exit();
            java.lang.ref.Reference.reachabilityFence(src);
            java.lang.ref.Reference.reachabilityFence(dst);
        }
    }

    /** The copy between accelerators: download into a staging buffer there, upload from it here once it is filled. */
    private Event copyBetween(DeviceArray src, DeviceArray dst) {
        long bytes = src.length * (long) src.elementType().bytes();
        if (bytes > DeviceArray.MAX_JAVA_ARRAY) {
            throw new IllegalArgumentException("a copy between accelerators moves at most " + DeviceArray.MAX_JAVA_ARRAY
                    + " bytes at a time; copy " + src.describe() + " in slices");
        }
        if (src.length == 0) return Event.completed();
        Queue from = src.acc.currentQueue();
        Event peer = copyPeer(from, src, dst);
        if (peer != null) return peer;
        ByteBuffer stage = stage(bytes);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        NativeEvent down = from.readNative(src, 0, stage, src.length);
        src.acc.completer.watch(down, () -> gate.complete(null), gate::completeExceptionally);
        enter();
        try {
            Accelerator.acquire(dst, "dst");
            try {
                nat.waitForHost(gate);
                NativeEvent up = nat.write(dst.ref(), stage);
                keep(up, stage);
                return new Event(new GatedEvent(up, gate, src.describe() + " of " + src.acc.name()), acc);
            } finally {
                dst.alloc.releaseUse();
            }
        } finally {
            exit();
            java.lang.ref.Reference.reachabilityFence(dst);
        }
    }

    /**
     * The backend's direct path between two of its accelerators (a CUDA peer copy), or null where there is none.
     * {@code src} stays held (acquired) until the copy completed: its own accelerator does not know of the command.
     */
    private Event copyPeer(Queue from, DeviceArray src, DeviceArray dst) {
        from.enter();
        try {
            enter();
            try {
                Accelerator.acquire(src, "src");
                boolean handed = false;
                try {
                    Accelerator.acquire(dst, "dst");
                    try {
                        NativeEvent e = nat.copyFromPeer(from.nat, src.ref(), dst.ref());
                        if (e == null) return null;
                        Allocation held = src.alloc;
                        acc.completer.watch(e, held::releaseUse, t -> {
                            if (!(t instanceof Completer.Abandoned)) held.releaseUse(); // else it may still be running
                        });
                        handed = true;
                        return new Event(e, acc);
                    } finally {
                        dst.alloc.releaseUse();
                    }
                } finally {
                    if (!handed) src.alloc.releaseUse();
                }
            } finally {
                exit();
            }
        } finally {
            from.exit();
            java.lang.ref.Reference.reachabilityFence(src);
            java.lang.ref.Reference.reachabilityFence(dst);
        }
    }

    /**
     * Sets every element of {@code dst} (of this queue's accelerator) to {@code value}, which must be the element
     * type's box ({@code Float} for a {@link FloatArray}...).
     */
    public Event fill(DeviceArray dst, Number value) {
        acc.owned(dst, "dst");
        Objects.requireNonNull(value, "value");
        Class<?> want = switch (dst.elementType()) {
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case INT -> Integer.class;
            case LONG -> Long.class;
        };
        if (value.getClass() != want) {
            throw new IllegalArgumentException("value: expected a " + want.getSimpleName() + " for " + dst.describe()
                    + ", got " + value.getClass().getSimpleName() + " " + value);
        }
        if (dst.length == 0) return Event.completed();
        enter();
        try {
            Accelerator.acquire(dst, "dst");
            try {
                return new Event(nat.fill(dst.ref(), value), acc);
            } finally {
                dst.alloc.releaseUse();
            }
        } finally {
            exit();
            java.lang.ref.Reference.reachabilityFence(dst);
        }
    }

    /** {@link Kernel#launch(Queue, Range, Object...)} on this queue. */
    public Event launch(Kernel kernel, Range range, Object... args) {
        return Objects.requireNonNull(kernel, "kernel").launch(this, range, args);
    }

    /**
     * Makes every command issued on this queue after this call wait until {@code events} completed. Events of this
     * accelerator (any of its queues) are waited for on the device; events of another accelerator through the host
     * (a gate the device waits on), so this call never blocks. A failed event does not fail the later commands; it
     * still reports its failure itself.
     *
     * @return this queue
     */
    public Queue waitFor(Event... events) {
        Objects.requireNonNull(events, "events");
        List<NativeEvent> own = new ArrayList<>();
        List<CompletableFuture<?>> foreign = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            Event e = Objects.requireNonNull(events[i], "events[" + i + "]");
            NativeEvent n = e.nat;
            if (n == null) continue;
            if (e.owner == acc) {
                own.add(n instanceof GatedEvent g ? g.inner : n);
            } else {
                foreign.add(e.toFuture());
            }
        }
        enter();
        try {
            for (CompletableFuture<?> f : foreign) nat.waitForHost(f);
            if (!own.isEmpty()) nat.waitFor(own.toArray(new NativeEvent[0]));
            return this;
        } finally {
            exit();
        }
    }

    /** An event that completes when every command issued on this queue so far has completed. */
    public Event record() {
        enter();
        try {
            return record0();
        } finally {
            exit();
        }
    }

    private Event record0() { return new Event(nat.marker(), acc); }

    /** Waits until every command issued on this queue so far has completed; device faults surface here. */
    public void finish() { finish(Duration.ofNanos(Long.MAX_VALUE)); }

    /**
     * Waits at most {@code timeout} for the commands issued on this queue so far.
     *
     * @return true when they completed, false when the time ran out first
     * @throws WaitInterruptedException if the calling thread is interrupted while it waits (its interrupt flag stays set)
     */
    public boolean finish(Duration timeout) {
        long nanos = Accelerator.toNanos(Objects.requireNonNull(timeout, "timeout"));
        enter();
        try {
            return nat.finish(nanos);
        } finally {
            exit();
        }
    }

    // ---------------------------------------------------------------- scopes

    /** The scope of {@link #use()}: closing it restores the queue the thread used before. Belongs to its thread. */
    public interface Scope extends AutoCloseable {
        @Override void close();
    }

    /**
     * Until the returned scope is closed, every command the current thread issues on this queue's accelerator
     * without naming a queue (built-in operations, expression kernels, {@code copyFrom}, {@code toArray},
     * {@link Kernel#launch(Range, Object...)}) goes to this queue. Scopes nest; close them in reverse order, on the
     * thread that opened them. Inside a scope, {@link Accelerator#finish()} still waits for every queue.
     */
    public Scope use() {
        checkOpen();
        ThreadLocal<Queue> tl = acc.scope;
        Queue prev = tl.get();
        tl.set(this);
        Thread owner = Thread.currentThread();
        return () -> {
            if (Thread.currentThread() != owner) throw new IllegalStateException("a queue scope must be closed on its own thread");
            if (prev == null) tl.remove();
            else tl.set(prev);
        };
    }

    /** Runs {@code work} inside {@link #use()}. */
    public void run(Runnable work) {
        Objects.requireNonNull(work, "work");
        try (Scope s = use()) {
            work.run();
        }
    }

    /** Runs {@code work} inside {@link #use()} and returns its result. */
    public <T> T call(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        try (Scope s = use()) {
            return work.get();
        }
    }

    // ---------------------------------------------------------------- close

    /** {@link #close(Duration)} with {@link Accelerator#defaultCloseTimeout()}. The default queue closes only with its accelerator. */
    @Override public void close() { close(Accelerator.defaultCloseTimeout()); }

    /**
     * Closes this queue: new commands on it fail with {@link IllegalStateException}; commands being issued and the
     * queued work get up to {@code grace}, then the native queue is released. When they do not finish in time the
     * queue stays with its accelerator, whose close drains (or gives up on) it; the method then returns false. The
     * default queue is not closed (it returns true): it closes with its accelerator.
     *
     * @throws IllegalStateException when called from inside a command of this queue on the same thread
     */
    public boolean close(Duration grace) {
        long graceNanos = Accelerator.toNanos(Objects.requireNonNull(grace, "grace"));
        if (isDefault) return true;
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("close() of a queue of " + acc.name() + " was called from inside one of its commands");
        }
        synchronized (closeLock) {
            if (closed) return true;
            closed = true;
            long deadline = System.nanoTime() + graceNanos;
            try {
                acc.enter();
            } catch (IllegalStateException closing) {
                return true; // the accelerator's close drains and releases it
            }
            try {
                boolean locked;
                try {
                    locked = lock.writeLock().tryLock(graceNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (!locked) return false;
                try {
                    boolean drained;
                    try {
                        drained = nat.finish(Math.max(0, deadline - System.nanoTime()));
                    } catch (WaitInterruptedException e) {
                        return false;
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "gpu4j: work failed on a queue of " + acc.name() + " while closing it", e);
                        drained = true;
                    }
                    if (!drained) return false;
                    releaseNative();
                    acc.queues.remove(this);
                    return true;
                } finally {
                    lock.writeLock().unlock();
                }
            } finally {
                acc.exit();
            }
        }
    }

    /** Marks closed (the accelerator is closing it). */
    void markClosed() { closed = true; }

    void releaseNative() {
        if (!isDefault && released.compareAndSet(false, true)) {
            try {
                nat.release();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "gpu4j: error releasing a queue of " + acc.name(), e);
            }
        }
    }

    void abandonNative() {
        if (released.compareAndSet(false, true)) {
            try {
                nat.abandon();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "gpu4j: error abandoning a queue of " + acc.name(), e);
            }
        }
    }

    @Override public String toString() {
        return "Queue[" + name + " of " + acc.name() + (isClosed() ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- plumbing for the arrays and the accelerator

    void checkOpen() {
        acc.checkOpen();
        if (closed) throw new IllegalStateException(this + " is closed");
    }

    /** Enters a command: the accelerator's {@link Accelerator#enter()} and this queue's own hold. */
    void enter() {
        acc.enter();
        if (closed) {
            acc.exit();
            throw new IllegalStateException(this + " is closed");
        }
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            acc.exit();
            throw new IllegalStateException(this + " is closed");
        }
    }

    void exit() {
        lock.readLock().unlock();
        acc.exit();
    }

    static ByteBuffer stage(long bytes) {
        return ByteBuffer.allocateDirect((int) Math.max(1, bytes)).order(ByteOrder.nativeOrder());
    }

    static void put(ByteBuffer bb, Object src, int off, int count, ElementType t) {
        switch (t) {
            case FLOAT -> bb.asFloatBuffer().put(0, (float[]) src, off, count);
            case DOUBLE -> bb.asDoubleBuffer().put(0, (double[]) src, off, count);
            case INT -> bb.asIntBuffer().put(0, (int[]) src, off, count);
            case LONG -> bb.asLongBuffer().put(0, (long[]) src, off, count);
        }
    }

    static void get(ByteBuffer bb, Object dst, int off, int count, ElementType t) {
        switch (t) {
            case FLOAT -> bb.asFloatBuffer().get(0, (float[]) dst, off, count);
            case DOUBLE -> bb.asDoubleBuffer().get(0, (double[]) dst, off, count);
            case INT -> bb.asIntBuffer().get(0, (int[]) dst, off, count);
            case LONG -> bb.asLongBuffer().get(0, (long[]) dst, off, count);
        }
    }

    /** True when {@code e} has completed (or failed: the device is done with what it used). */
    private static boolean settled(NativeEvent e) {
        try {
            return e.await(0);
        } catch (RuntimeException failed) {
            return true;
        }
    }

    /** Keeps {@code held} (a staging buffer the device reads or writes) reachable until {@code e} completed. */
    private void keep(NativeEvent e, Object held) {
        if (settled(e)) return;
        acc.completer.watch(e, () -> java.lang.ref.Reference.reachabilityFence(held),
                t -> java.lang.ref.Reference.reachabilityFence(held));
    }

    /** An upload of {@code src[srcOffset, +count)} into {@code dst} at {@code dstOffset}; the host data is captured before it returns. */
    Event write(DeviceArray dst, long dstOffset, Object src, int srcOffset, int count) {
        dst.checkOpen();
        if (count == 0) return Event.completed();
        ElementType t = dst.elementType();
        ByteBuffer bb = stage((long) count * t.bytes());
        put(bb, src, srcOffset, count, t);
        enter();
        try {
            Accelerator.acquire(dst, "dst");
            try {
                NativeEvent e = nat.write(dst.ref(dstOffset, count), bb);
                keep(e, bb);
                return new Event(e, acc);
            } finally {
                dst.alloc.releaseUse();
            }
        } finally {
            exit();
            java.lang.ref.Reference.reachabilityFence(dst);
        }
    }

    /** Enqueues a download of {@code count} elements from {@code srcOffset} into {@code bb}. */
    NativeEvent readNative(DeviceArray src, long srcOffset, ByteBuffer bb, long count) {
        src.checkOpen();
        enter();
        try {
            Accelerator.acquire(src, "src");
            try {
                return nat.read(src.ref(srcOffset, count), bb);
            } finally {
                src.alloc.releaseUse();
            }
        } finally {
            exit();
            java.lang.ref.Reference.reachabilityFence(src);
        }
    }

    /** A download completing {@code dst} into the future once the data is on the host; fails it on a device error or close. */
    <T> CompletableFuture<T> readAsync(DeviceArray src, long srcOffset, T dst, int dstOffset, int count) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (count == 0) {
            src.checkOpen();
            f.complete(dst);
            return f;
        }
        ElementType t = src.elementType();
        ByteBuffer bb = stage((long) count * t.bytes());
        NativeEvent e = readNative(src, srcOffset, bb, count);
        acc.completer.watch(e, () -> {
            get(bb, dst, dstOffset, count, t);
            f.complete(dst);
        }, f::completeExceptionally);
        return f;
    }

    /** A download that waits (interruptibly) for the data. */
    void readSync(DeviceArray src, long srcOffset, Object dst, int dstOffset, int count) {
        ElementType t = src.elementType();
        ByteBuffer bb = stage((long) count * t.bytes());
        NativeEvent e = readNative(src, srcOffset, bb, count);
        try {
            e.waitFor();
        } catch (WaitInterruptedException interrupted) {
            keep(e, bb); // the device may still write into it
            throw interrupted;
        }
        get(bb, dst, dstOffset, count, t);
    }

    /**
     * The event of the upload half of a copy between accelerators: complete when the upload is, failed when the
     * download on the other accelerator failed (the upload then wrote whatever the staging buffer held).
     */
    static final class GatedEvent implements NativeEvent {
        final NativeEvent inner;
        private final CompletableFuture<Void> gate;
        private final String what;

        GatedEvent(NativeEvent inner, CompletableFuture<Void> gate, String what) {
            this.inner = inner;
            this.gate = gate;
            this.what = what;
        }

        private void check() {
            if (gate.isCompletedExceptionally()) {
                Throwable cause;
                try {
                    gate.join();
                    cause = null;
                } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                    cause = e.getCause() != null ? e.getCause() : e;
                }
                throw new LaunchException("the copy from " + what + " failed: " + cause, cause);
            }
        }

        @Override public void waitFor() {
            inner.waitFor();
            check();
        }

        @Override public boolean await(long timeoutNanos) {
            if (!inner.await(timeoutNanos)) return false;
            check();
            return true;
        }

        @Override public long queuedNanos() { return inner.queuedNanos(); }
        @Override public long startNanos() { return inner.startNanos(); }
        @Override public long endNanos() { return inner.endNanos(); }
        @Override public void release() { inner.release(); }
    }
}
