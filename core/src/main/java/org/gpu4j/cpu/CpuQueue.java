package org.gpu4j.cpu;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.gpu4j.LaunchException;
import org.gpu4j.Range;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeEvent;
import org.gpu4j.spi.NativeKernel;
import org.gpu4j.spi.NativeQueue;
import org.gpu4j.spi.Waits;

/**
 * A queue of the Java CPU backend. The default queue runs each command on the calling thread, as the backend always
 * has (its events are complete when the call returns). A queue made by {@code newQueue()} is a <em>lane</em>: one
 * daemon thread that runs its commands in order, so they overlap with the caller and with other lanes; kernels still
 * fan out over the accelerator's ForkJoin pool. A command that fails fails its own event only; later commands run.
 */
final class CpuQueue implements NativeQueue {
    /** A lane's thread: {@link CpuAccelerator#isKernelThread()} knows it by its owner. */
    static final class LaneThread extends Thread {
        final CpuAccelerator owner;

        LaneThread(CpuAccelerator owner, Runnable r, String name) {
            super(r, name);
            this.owner = owner;
            setDaemon(true);
        }
    }

    private final CpuAccelerator acc;
    private final ExecutorService lane; // null: the inline default queue
    private volatile boolean abandoned;

    private CpuQueue(CpuAccelerator acc, ExecutorService lane) {
        this.acc = acc;
        this.lane = lane;
    }

    static CpuQueue inline(CpuAccelerator acc) { return new CpuQueue(acc, null); }

    static CpuQueue lane(CpuAccelerator acc, int number) {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(1, 1, 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(),
                r -> new LaneThread(acc, r, "gpu4j-" + acc.device().id() + "-lane-" + number));
        return new CpuQueue(acc, ex);
    }

    /** One command's record: a future and the nanoTime stamps. */
    static final class LaneEvent implements NativeEvent {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final String what;
        final long queued = System.nanoTime();
        volatile long start = -1, end = -1;

        LaneEvent(String what) { this.what = what; }

        void run(Runnable task, boolean abandoned) {
            start = System.nanoTime();
            try {
                if (abandoned) throw new IllegalStateException("its accelerator was closed before it ran");
                task.run();
                end = System.nanoTime();
                done.complete(null);
            } catch (Throwable t) {
                end = System.nanoTime();
                done.completeExceptionally(t);
            }
        }

        @Override public void waitFor() { await(Long.MAX_VALUE); }

        @Override public boolean await(long timeoutNanos) {
            if (!done.isDone() && !Waits.until(done::isDone, timeoutNanos, what)) return false;
            if (done.isCompletedExceptionally()) {
                Throwable t = done.handle((v, e) -> e).join();
                if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) t = t.getCause();
                if (t instanceof LaunchException le) throw new LaunchException(le.getMessage(), le);
                throw new LaunchException(what + " failed: " + t, t);
            }
            return true;
        }

        @Override public long queuedNanos() { waitFor(); return queued; }
        @Override public long startNanos() { waitFor(); return start; }
        @Override public long endNanos() { waitFor(); return end; }
    }

    private NativeEvent submit(String what, Runnable task) {
        LaneEvent e = new LaneEvent(what + " on " + acc.device().id());
        if (lane == null) {
            task.run(); // the default queue: on the caller, failures thrown as before
            e.start = e.queued;
            e.end = System.nanoTime();
            e.done.complete(null);
            return e;
        }
        try {
            lane.execute(() -> e.run(task, abandoned));
        } catch (RejectedExecutionException r) {
            throw new IllegalStateException("the queue of " + acc.device().id() + " is closed", r);
        }
        return e;
    }

    @Override public NativeEvent write(BufferRef dst, ByteBuffer src) {
        return submit("upload", () -> {
            int off = (int) dst.offset(), n = (int) dst.length();
            switch (dst.type()) {
                case FLOAT -> src.asFloatBuffer().get(0, (float[]) dst.handle(), off, n);
                case DOUBLE -> src.asDoubleBuffer().get(0, (double[]) dst.handle(), off, n);
                case INT -> src.asIntBuffer().get(0, (int[]) dst.handle(), off, n);
                case LONG -> src.asLongBuffer().get(0, (long[]) dst.handle(), off, n);
            }
        });
    }

    @Override public NativeEvent read(BufferRef src, ByteBuffer dst) {
        return submit("download", () -> {
            int off = (int) src.offset(), n = (int) src.length();
            switch (src.type()) {
                case FLOAT -> dst.asFloatBuffer().put(0, (float[]) src.handle(), off, n);
                case DOUBLE -> dst.asDoubleBuffer().put(0, (double[]) src.handle(), off, n);
                case INT -> dst.asIntBuffer().put(0, (int[]) src.handle(), off, n);
                case LONG -> dst.asLongBuffer().put(0, (long[]) src.handle(), off, n);
            }
        });
    }

    @Override public NativeEvent copy(BufferRef src, BufferRef dst) {
        return submit("copy", () -> acc.copy(src, dst));
    }

    @Override public NativeEvent fill(BufferRef dst, Number value) {
        return submit("fill", () -> acc.fill(dst, value));
    }

    @Override public NativeEvent launch(NativeKernel kernel, Range range, Object[] args) {
        return submit("Java kernel " + kernel.name(), () -> kernel.launch(range, args));
    }

    @Override public void waitFor(NativeEvent[] events) {
        if (lane == null) {
            for (NativeEvent e : events) awaitQuietly(e);
            return;
        }
        NativeEvent[] copy = events.clone();
        submit("wait", () -> {
            for (NativeEvent e : copy) awaitQuietly(e);
        });
    }

    /** Waits for a dependency; its failure is its own (it reports it), not this queue's. */
    private static void awaitQuietly(NativeEvent e) {
        try {
            e.waitFor();
        } catch (LaunchException failed) {
            // the dependency completed (by failing): later commands may run
        }
    }

    @Override public void waitForHost(CompletableFuture<?> gate) {
        if (lane == null) {
            Waits.until(gate::isDone, Long.MAX_VALUE, "a gate on " + acc.device().id());
            return;
        }
        submit("wait", () -> Waits.until(gate::isDone, Long.MAX_VALUE, "a gate on " + acc.device().id()));
    }

    @Override public NativeEvent marker() { return submit("marker", () -> {}); }

    @Override public boolean finish(long timeoutNanos) {
        if (lane == null) return acc.finish(timeoutNanos);
        LaneEvent m = new LaneEvent("the lane of " + acc.device().id());
        try {
            lane.execute(() -> m.run(() -> {}, false));
        } catch (RejectedExecutionException closed) {
            return true; // shut down: nothing more runs
        }
        return m.await(timeoutNanos);
    }

    @Override public void release() {
        if (lane != null) lane.shutdown();
    }

    /** Commands not started fail; the running one is interrupted. */
    @Override public void abandon() {
        abandoned = true;
        if (lane != null) for (Runnable notStarted : lane.shutdownNow()) notStarted.run(); // each fails its event
    }
}
