package org.gpu4j.cpu;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import org.gpu4j.JavaKernel;
import org.gpu4j.KernelArgs;
import org.gpu4j.KernelParam;
import org.gpu4j.LaunchException;
import org.gpu4j.Range;
import org.gpu4j.WaitInterruptedException;
import org.gpu4j.WorkItem;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeEvent;
import org.gpu4j.spi.NativeKernel;

/**
 * Runs a {@link JavaKernel} once per work-item. Ranges of up to {@link #SERIAL_CUTOFF} work-items start on the
 * calling thread and move to the pool once they have taken {@link #SERIAL_BUDGET_NANOS}; larger ones are split into
 * contiguous blocks of the linear index over the accelerator's own ForkJoin pool (one worker per core: not the
 * common pool, whose parallelism is cores - 1, 1 on a two-core machine).
 *
 * <p>The first failure of any work-item — a {@link RuntimeException}, an {@link Error} such as
 * {@link OutOfMemoryError}, or a checked exception thrown sneakily — stops the launch (work-items not yet started
 * do not run) and is thrown as a {@link LaunchException} naming the work-item, with the failure as its cause. An
 * interrupt of the launching thread, or the accelerator giving up on the launch while closing, cancels the
 * work-items not yet started the same way.
 */
final class CpuKernel implements NativeKernel {
    static final long SERIAL_CUTOFF = 1024;

    private final CpuAccelerator acc;
    private final String name;
    private final JavaKernel kernel;
    private final List<KernelParam> params;

    CpuKernel(CpuAccelerator acc, String name, JavaKernel kernel, List<KernelParam> params) {
        this.acc = acc;
        this.name = name;
        this.kernel = kernel;
        this.params = params;
    }

    @Override public String name() { return name; }

    @Override public List<KernelParam> params() { return params; }

    /** One launch in progress: its first failure, and a latch for {@code finish}. */
    static final class Run {
        final Failure failure = new Failure();
        final CountDownLatch done = new CountDownLatch(1);

        void cancel(String why) { failure.cancel(why); }
    }

    @Override public NativeEvent launch(Range range, Object[] args) {
        Args a = new Args(args);
        long[] g = range.globalSizes();
        long gx = g[0], gy = g.length > 1 ? g[1] : 1;
        long total = range.totalItems();
        long start = System.nanoTime();
        Run run = acc.begin();
        Failure failure = run.failure;
        try {
            int p = acc.parallelism();
            long from = 0;
            if (total <= SERIAL_CUTOFF || p <= 1) {
                // Small ranges start on this thread; once the items prove expensive (a chunked kernel whose few
                // work-items each cover a large slice) the rest goes to the pool, so 8 chunks of 2 M elements do not
                // run on one core. Cheap items (an empty kernel, a short loop) never pay for waking the pool.
                from = runSerialWhileCheap(a, g, gx, gy, total, p, start, failure);
            }
            if (from < total && failure.error == null) {
                // Few work-items (an op launching one chunk per core) each get a task; many are split 8 per core.
                long rest = total - from;
                long grain = rest <= 64L * p ? 1 : Math.max(SERIAL_CUTOFF / 4, rest / ((long) p * 8));
                ForkJoinPool pool = acc.pool();
                Block root = new Block(a, g, gx, gy, from, total, grain, failure);
                if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool) {
                    root.invoke();
                } else {
                    try {
                        pool.execute(root);
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        throw new IllegalStateException("accelerator " + acc.device().id() + " is closed", e);
                    }
                    try {
                        root.get();
                    } catch (InterruptedException e) {
                        failure.cancel("the launching thread was interrupted");
                        throw WaitInterruptedException.whileWaitingFor("Java kernel " + name);
                    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                        failure.set(e.getCause() != null ? e.getCause() : e, null);
                    }
                }
            }
        } finally {
            acc.end(run);
        }
        long end = System.nanoTime();
        if (failure.error != null) {
            Throwable t = failure.error;
            if (failure.cancelled) throw new LaunchException("Java kernel " + name + " was cancelled: " + failure.where, t);
            throw new LaunchException("Java kernel " + name + " failed at work-item " + failure.where + ": " + t, t);
        }
        return new Done(start, end);
    }

    /** Work-item time after which a small launch hands its remaining items to the pool. */
    static final long SERIAL_BUDGET_NANOS = 20_000;

    /**
     * Runs work-items in order on this thread until they are done, fail, or {@link #SERIAL_BUDGET_NANOS} has passed
     * with at least 2 items left on a multi-core pool; returns the index of the first item not run.
     */
    private long runSerialWhileCheap(Args a, long[] g, long gx, long gy, long total, int p, long start, Failure failure) {
        long idx = 0;
        long batch = 1; // doubling batches: the clock is read about log2(total) times, not once per item
        while (idx < total) {
            long to = Math.min(total, idx + batch);
            runBlock(a, g, gx, gy, idx, to, failure);
            idx = to;
            batch *= 2;
            if (failure.error != null) return total;
            if (Thread.currentThread().isInterrupted()) {
                failure.cancel("the launching thread was interrupted");
                throw WaitInterruptedException.whileWaitingFor("Java kernel " + name);
            }
            if (p > 1 && total - idx >= 2 && System.nanoTime() - start > SERIAL_BUDGET_NANOS) return idx;
        }
        return idx;
    }

    private void runBlock(Args a, long[] g, long gx, long gy, long from, long to, Failure failure) {
        Item it = new Item(g);
        long idx = from;
        try {
            for (; idx < to; idx++) {
                if (failure.error != null) return;
                it.x = idx % gx;
                long r = idx / gx;
                it.y = r % gy;
                it.z = r / gy;
                kernel.execute(it, a);
            }
        } catch (Throwable e) { // Errors and sneaky checked exceptions too: every failure becomes a LaunchException
            failure.set(e, it);
        }
    }

    private final class Block extends RecursiveAction {
        private final Args a;
        private final long[] g;
        private final long gx, gy, from, to, grain;
        private final Failure failure;

        Block(Args a, long[] g, long gx, long gy, long from, long to, long grain, Failure failure) {
            this.a = a;
            this.g = g;
            this.gx = gx;
            this.gy = gy;
            this.from = from;
            this.to = to;
            this.grain = grain;
            this.failure = failure;
        }

        @Override protected void compute() {
            if (to - from <= grain || failure.error != null) {
                runBlock(a, g, gx, gy, from, to, failure);
                return;
            }
            long mid = from + (to - from) / 2;
            invokeAll(new Block(a, g, gx, gy, from, mid, grain, failure),
                    new Block(a, g, gx, gy, mid, to, grain, failure));
        }
    }

    static final class Failure {
        volatile Throwable error;
        volatile String where;
        volatile boolean cancelled;

        synchronized void set(Throwable t, Item it) {
            if (error == null) {
                where = it == null ? "(unknown)" : it.toString();
                error = t;
            }
        }

        synchronized void cancel(String why) {
            if (error == null) {
                where = why;
                cancelled = true;
                error = new java.util.concurrent.CancellationException(why);
            }
        }
    }

    private static final class Item implements WorkItem {
        final long[] g;
        long x, y, z;

        Item(long[] g) { this.g = g; }

        @Override public long x() { return x; }
        @Override public long y() { return y; }
        @Override public long z() { return z; }
        @Override public long globalSize(int d) { return d < g.length ? g[d] : 1; }

        @Override public String toString() {
            return g.length == 1 ? "(" + x + ")" : g.length == 2 ? "(" + x + ", " + y + ")" : "(" + x + ", " + y + ", " + z + ")";
        }
    }

    private record Done(long start, long end) implements NativeEvent {
        @Override public void waitFor() {}
        @Override public long queuedNanos() { return start; }
        @Override public long startNanos() { return start; }
        @Override public long endNanos() { return end; }
    }

    /**
     * Arguments as the Java kernel sees them: arrays are the Java arrays behind the CPU buffers (or, for slices, the
     * bounded copies {@link CpuProgram} stages), scalars are read only with the accessor of their own type.
     * Messages count arguments from 1, and name the accessor the kernel called with its 0-based index.
     */
    static final class Args implements KernelArgs {
        /** A Java kernel read an argument as a type it is not: misuse, rethrown by the launch as itself. */
        static final class Mismatch extends IllegalArgumentException {
            Mismatch(String message) { super(message); }
        }

        private final Object[] args;

        Args(Object[] args) { this.args = args; }

        @Override public int count() { return args.length; }

        private Object arg(int i, String accessor) {
            if (i < 0 || i >= args.length) {
                throw new Mismatch(accessor + "(" + i + "): the kernel was launched with " + args.length + " argument"
                        + (args.length == 1 ? "" : "s") + " (indices 0 to " + (args.length - 1) + ")");
            }
            return args[i];
        }

        private Object array(int i, Class<?> type, String accessor) {
            Object o = arg(i, accessor);
            if (o instanceof BufferRef r && type.isInstance(r.handle())) return r.handle();
            throw new Mismatch(accessor + "(" + i + "): argument " + (i + 1) + " is " + describe(o) + ", not "
                    + (type == int[].class ? "an " : "a ") + type.getSimpleName().replace("[]", "") + " array");
        }

        private static String describe(Object o) {
            if (o instanceof BufferRef r) return "an array of " + r.type();
            return o == null ? "null" : (o instanceof Integer ? "an " : "a ") + o.getClass().getSimpleName() + " (" + o + ")";
        }

        @Override public float[] floats(int i) { return (float[]) array(i, float[].class, "floats"); }
        @Override public double[] doubles(int i) { return (double[]) array(i, double[].class, "doubles"); }
        @Override public int[] ints(int i) { return (int[]) array(i, int[].class, "ints"); }
        @Override public long[] longs(int i) { return (long[]) array(i, long[].class, "longs"); }

        @Override public int offset(int i) {
            if (arg(i, "offset") instanceof BufferRef r) return (int) r.offset();
            throw new Mismatch("offset(" + i + "): argument " + (i + 1) + " is " + describe(args[i]) + ", not an array");
        }

        @Override public int length(int i) {
            if (arg(i, "length") instanceof BufferRef r) return (int) r.length();
            throw new Mismatch("length(" + i + "): argument " + (i + 1) + " is " + describe(args[i]) + ", not an array");
        }

        private Mismatch notA(int i, String accessor, String want) {
            return new Mismatch(accessor + "(" + i + "): argument " + (i + 1) + " is " + describe(args[i]) + ", not " + want
                    + "; pass the type the kernel reads (or declare its parameters, and the launch says so before it runs)");
        }

        @Override public float floatValue(int i) {
            if (arg(i, "floatValue") instanceof Float f) return f;
            throw notA(i, "floatValue", "a Float");
        }

        @Override public double doubleValue(int i) {
            if (arg(i, "doubleValue") instanceof Double d) return d;
            throw notA(i, "doubleValue", "a Double");
        }

        @Override public int intValue(int i) {
            Object o = arg(i, "intValue");
            if (o instanceof Integer n) return n;
            if (o instanceof Short n) return n;
            if (o instanceof Byte n) return n;
            throw notA(i, "intValue", "an Integer (or Short, Byte)");
        }

        @Override public long longValue(int i) {
            if (arg(i, "longValue") instanceof Long n) return n;
            throw notA(i, "longValue", "a Long");
        }
    }
}
