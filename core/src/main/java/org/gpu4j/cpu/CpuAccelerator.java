package org.gpu4j.cpu;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.gpu4j.WaitInterruptedException;
import org.gpu4j.Device;
import org.gpu4j.DeviceMemoryException;
import org.gpu4j.ElementType;
import org.gpu4j.KernelSource;
import org.gpu4j.spi.BackendAccelerator;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeProgram;

/**
 * An opened Java CPU device. Commands run synchronously on the calling thread (kernels fan out over this
 * accelerator's own ForkJoin pool), which satisfies the asynchronous contract trivially: when a call returns, its
 * work is done. Each accelerator has its own pool (made on first use, shut down on close), so a kernel that never
 * returns on one accelerator cannot stall another; {@link #finish(long)} waits for the launches running on other
 * threads, and {@link #abandon()} cancels their work-items that have not started and interrupts the pool's threads.
 */
final class CpuAccelerator implements BackendAccelerator {
    /** The largest array the backend can hold: a Java array's limit. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Device device;
    private final int parallelism = Runtime.getRuntime().availableProcessors();
    private volatile ForkJoinPool pool;
    private volatile boolean shutDown;
    /** Launches in progress, for finish() and abandon(). */
    private final Set<CpuKernel.Run> running = ConcurrentHashMap.newKeySet();

    CpuAccelerator(Device device) { this.device = device; }

    /** This accelerator's kernel pool: one worker per core, daemon threads named after the device. */
    ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p != null) return p;
        synchronized (this) {
            if (shutDown) throw new IllegalStateException("accelerator " + device.id() + " is closed");
            if (pool == null) {
                pool = new ForkJoinPool(parallelism, fjp -> {
                    var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fjp);
                    t.setName("gpu4j-" + device.id() + "-" + t.getPoolIndex());
                    t.setDaemon(true);
                    return t;
                }, null, false);
            }
            return pool;
        }
    }

    int parallelism() { return parallelism; }

    CpuKernel.Run begin() {
        CpuKernel.Run r = new CpuKernel.Run();
        running.add(r);
        return r;
    }

    void end(CpuKernel.Run r) {
        running.remove(r);
        r.done.countDown();
    }

    @Override public boolean isKernelThread() {
        ForkJoinPool p = pool;
        if (Thread.currentThread() instanceof CpuQueue.LaneThread lane && lane.owner == this) return true;
        return p != null && Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == p;
    }

    private final CpuQueue inlineQueue = CpuQueue.inline(this);
    private final java.util.concurrent.atomic.AtomicInteger lanes = new java.util.concurrent.atomic.AtomicInteger();

    /** The default queue: each command on the calling thread, as always. */
    @Override public org.gpu4j.spi.NativeQueue defaultQueue() { return inlineQueue; }

    /** A lane: one thread running its commands in order (see {@link CpuQueue}). */
    @Override public org.gpu4j.spi.NativeQueue newQueue() {
        synchronized (this) {
            if (shutDown) throw new IllegalStateException("accelerator " + device.id() + " is closed");
        }
        return CpuQueue.lane(this, lanes.incrementAndGet());
    }

    @Override public Device device() { return device; }

    @Override public Object allocate(ElementType type, long length) {
        if (length > MAX_ELEMENTS) {
            throw new DeviceMemoryException("the Java CPU backend holds at most " + MAX_ELEMENTS
                    + " elements per array (a Java array's limit), asked for " + length);
        }
        int n = (int) length;
        try {
            return switch (type) {
                case FLOAT -> new float[n];
                case DOUBLE -> new double[n];
                case INT -> new int[n];
                case LONG -> new long[n];
            };
        } catch (OutOfMemoryError e) {
            throw new DeviceMemoryException("Java heap cannot hold " + length + " " + type + " elements ("
                    + Device.formatBytes(length * type.bytes()) + "; max heap " + Device.formatBytes(device.globalMemory()) + ")", e);
        }
    }

    /** Java arrays are born zeroed: core skips its clear. */
    @Override public boolean allocationsAreZeroed() { return true; }

    @Override public void free(Object handle) {
        // heap memory: the garbage collector frees it
    }

    @Override public void write(BufferRef dst, Object src, int srcOffset) {
        copy(src, srcOffset, dst.handle(), (int) dst.offset(), (int) dst.length());
    }

    @Override public void read(BufferRef src, Object dst, int dstOffset) {
        copy(src.handle(), (int) src.offset(), dst, dstOffset, (int) src.length());
    }

    /** One copy, straight between the buffer and the heap storage (no temporary array, heap or direct). */
    @Override public void writeBuffer(BufferRef dst, java.nio.Buffer src) {
        org.gpu4j.spi.HostBuffers.transfer(src, 0, dst.handle(), (int) dst.offset(), (int) dst.length());
    }

    @Override public void readBuffer(BufferRef src, java.nio.Buffer dst) {
        org.gpu4j.spi.HostBuffers.transfer(src.handle(), (int) src.offset(), dst, 0, (int) src.length());
    }

    @Override public void copy(BufferRef src, BufferRef dst) {
        copy(src.handle(), (int) src.offset(), dst.handle(), (int) dst.offset(), (int) src.length());
    }

    /** Copies of at least this many elements are split over the kernel pool: one core cannot fill the memory bus. */
    static final int PARALLEL_COPY = 1 << 18;

    /**
     * System.arraycopy, split into one contiguous piece per pool worker for large copies. Source and destination
     * ranges are disjoint or identical (core guarantees it), so the pieces are independent.
     */
    void copy(Object src, int srcPos, Object dst, int dstPos, int length) {
        int p = parallelism;
        if (length < PARALLEL_COPY || p <= 1 || src == dst && srcPos == dstPos) {
            if (src != dst || srcPos != dstPos) System.arraycopy(src, srcPos, dst, dstPos, length);
            return;
        }
        int per = (length + p - 1) / p;
        java.util.List<java.util.concurrent.Callable<Void>> pieces = new java.util.ArrayList<>(p);
        for (int from = 0; from < length; from += per) {
            int f = from, n = Math.min(per, length - from);
            pieces.add(() -> {
                System.arraycopy(src, srcPos + f, dst, dstPos + f, n);
                return null;
            });
        }
        for (var done : pool().invokeAll(pieces)) {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while copying", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) throw r;
                if (c instanceof Error er) throw er;
                throw new IllegalStateException(c);
            }
        }
    }

    @Override public void fill(BufferRef dst, Number value) {
        int from = (int) dst.offset();
        int to = (int) (dst.offset() + dst.length());
        switch (dst.type()) {
            case FLOAT -> Arrays.fill((float[]) dst.handle(), from, to, value.floatValue());
            case DOUBLE -> Arrays.fill((double[]) dst.handle(), from, to, value.doubleValue());
            case INT -> Arrays.fill((int[]) dst.handle(), from, to, value.intValue());
            case LONG -> Arrays.fill((long[]) dst.handle(), from, to, value.longValue());
        }
    }

    @Override public NativeProgram build(KernelSource source, String options) {
        if (source.javaKernels().isEmpty()) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no Java implementation, which the"
                    + " Java CPU backend needs; it has only " + source.texts().keySet()
                    + " (add one with KernelSource.withJava(name, kernel))");
        }
        return new CpuProgram(this, source);
    }

    /** Every command completed when it returned on its thread; waits for the launches still running on others. */
    @Override public boolean finish(long timeoutNanos) {
        if (running.isEmpty()) return true;
        long deadline = System.nanoTime() + timeoutNanos;
        for (CpuKernel.Run r : running.toArray(new CpuKernel.Run[0])) {
            try {
                if (timeoutNanos == Long.MAX_VALUE) r.done.await();
                else if (!r.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return false;
            } catch (InterruptedException e) {
                throw WaitInterruptedException.whileWaitingFor("the Java kernels running on " + device.id());
            }
        }
        return true;
    }

    @Override public void close() {
        ForkJoinPool p;
        synchronized (this) {
            shutDown = true;
            p = pool;
        }
        if (p != null) p.shutdown();
    }

    /** Cancels the work-items of running launches that have not started, and interrupts the pool's threads. */
    @Override public void abandon() {
        for (CpuKernel.Run r : running) r.cancel("its accelerator was closed while it was running");
        ForkJoinPool p;
        synchronized (this) {
            shutDown = true;
            p = pool;
        }
        if (p != null) p.shutdownNow();
    }
}
