package org.gpu4j.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gpu4j.Accelerator;
import org.gpu4j.ElementType;
import org.gpu4j.Event;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.LaunchException;
import org.gpu4j.LocalMemory;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.WaitInterruptedException;

/**
 * {@code StressMain <selector> <scenario> <seconds>}: one bounded stress scenario of the lifetime model, run in its
 * own JVM so that a crash (the JVM dying) fails the test that started it. Prints one {@code STRESS} line with the
 * figures (threads, cycles, rounds, outcomes by exception type) and exits 0 when every outcome was one of the allowed
 * ones: a right result, or {@link IllegalStateException} where something was closed under the call.
 *
 * <p>Scenarios: {@code churn} (threads open, use and close their own accelerators), {@code races} (close an array,
 * a program or the accelerator while another thread uses it, for each kind of use), {@code gc} (arguments made
 * inline while another thread collects), {@code sizes} (oversize local memory, overflowing ranges), {@code runaway}
 * (a kernel that never ends: {@code close} must return within its grace period and the JVM must exit),
 * {@code twins} (Java kernels that throw errors, close their own accelerator, get interrupted), {@code queues}
 * (threads issuing commands on two queues of one accelerator, with dependencies across them and asynchronous
 * downloads, while another thread closes a queue or the accelerator under them).
 */
public final class StressMain {
    private StressMain() {}

    /** A kernel in all three dialects: {@code y[i] = x[i] * s} for {@code i < n}. */
    static final KernelSource SCALE = KernelSource.named("stress_scale")
            .withOpenCL("__kernel void stress_scale(__global const float* x, __global float* y, float s, int n) {"
                    + " int i = get_global_id(0); if (i < n) y[i] = x[i] * s; }")
            .withCuda("extern \"C\" __global__ void stress_scale(const float* x, float* y, float s, int n) {"
                    + " int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) y[i] = x[i] * s; }")
            .withJava("stress_scale", (id, a) -> {
                int i = (int) id.x();
                if (i < a.intValue(3)) a.floats(1)[a.offset(1) + i] = a.floats(0)[a.offset(0) + i] * a.floatValue(2);
            });

    /** A kernel that never ends while {@code flag[0] == 0} (nobody sets it). */
    static final KernelSource SPIN = KernelSource.named("stress_spin")
            .withOpenCL("__kernel void stress_spin(__global volatile int* flag) { while (flag[0] == 0) { } }")
            .withCuda("extern \"C\" __global__ void stress_spin(volatile int* flag) { while (flag[0] == 0) { } }")
            .withJava("stress_spin", (id, a) -> {
                int[] f = a.ints(0);
                int o = a.offset(0);
                while (f[o] == 0) Thread.onSpinWait();
            });

    /** Counts outcomes by kind; anything not allowed is a failure with its first example kept. */
    static final class Outcomes {
        final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

        void ok() { count("ok"); }

        void count(String k) { counts.computeIfAbsent(k, x -> new AtomicLong()).incrementAndGet(); }

        /** An exception from a use that raced with a close: only IllegalStateException is allowed. */
        void raced(Throwable t) {
            if (t instanceof IllegalStateException) {
                count("IllegalStateException");
            } else {
                count(t.getClass().getSimpleName());
                fail("unexpected " + t);
                if (failures.size() < 3) t.printStackTrace(System.out);
            }
        }

        void fail(String what) {
            count("FAILED");
            if (failures.size() < 20) failures.add(what);
        }

        String summary() { return new TreeMap<>(counts).toString(); }
    }

    public static void main(String[] args) throws Exception {
        String selector = args[0];
        String scenario = args[1];
        double seconds = Double.parseDouble(args[2]);
        Outcomes out = new Outcomes();
        long t0 = System.nanoTime();
        String figures = switch (scenario) {
            case "churn" -> churn(selector, seconds, out);
            case "races" -> races(selector, seconds, out);
            case "gc" -> gc(selector, seconds, out);
            case "sizes" -> sizes(selector, out);
            case "runaway" -> runaway(selector, out);
            case "twins" -> twins(selector, out);
            case "queues" -> queues(selector, seconds, out);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
        double took = (System.nanoTime() - t0) / 1e9;
        boolean ok = out.failures.isEmpty();
        System.out.printf(Locale.ROOT, "STRESS %s %s: %s in %.1f s, outcomes %s: %s%n", scenario, selector, figures, took,
                out.summary(), ok ? "OK" : "FAILED " + out.failures);
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    // ------------------------------------------------------------------ churn

    /** Four threads, each opening, using (upload, kernel, built-in op, download) and closing accelerators. */
    static String churn(String selector, double seconds, Outcomes out) throws Exception {
        int threads = 4;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong cycles = new AtomicLong();
        long rss0 = ReliabilityContract.rssBytes();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread th = new Thread(() -> {
                Random rnd = new Random(seed);
                while (System.nanoTime() < deadline) {
                    try (Accelerator acc = Gpu4j.open(selector)) {
                        int n = 1 + rnd.nextInt(5000);
                        float[] xs = new float[n];
                        for (int i = 0; i < n; i++) xs[i] = i % 17;
                        try (FloatArray x = acc.upload(xs); FloatArray y = acc.allocFloats(n)) {
                            try (Program p = acc.program(SCALE)) {
                                p.kernel("stress_scale").launch(Range.of(n), x, y, 2f, n);
                            }
                            float[] back = y.toArray();
                            for (int i = 0; i < n; i++) {
                                if (back[i] != xs[i] * 2f) { out.fail("churn: y[" + i + "] = " + back[i]); break; }
                            }
                            double sum = acc.vectors().sum(x);
                            double want = 0;
                            for (float v : xs) want += v;
                            if (sum != want) out.fail("churn: sum " + sum + " != " + want);
                        }
                        out.ok();
                    } catch (Throwable e) {
                        out.fail("churn: " + e);
                        if (out.failures.size() < 3) e.printStackTrace(System.out);
                    }
                    cycles.incrementAndGet();
                }
            }, "churn-" + t);
            ts.add(th);
            th.start();
        }
        // RSS after the first third (JIT, driver start-up and malloc arenas belong to the baseline), and at the end.
        long warm = System.nanoTime() + (long) (seconds * 1e9 / 3);
        while (System.nanoTime() < warm) java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        long rssWarm = ReliabilityContract.rssBytes();
        long cyclesWarm = cycles.get();
        for (Thread th : ts) th.join();
        System.gc();
        long rss1 = ReliabilityContract.rssBytes();
        if (cycles.get() < 20) out.fail("churn: only " + cycles.get() + " cycles ran");
        return String.format(Locale.ROOT, "%d threads, %d open/use/close cycles, RSS %d MiB at start, %d MiB after"
                + " %d cycles, %d MiB at the end (%+d MiB over the last %d cycles)", threads, cycles.get(), rss0 >> 20,
                rssWarm >> 20, cyclesWarm, rss1 >> 20, (rss1 - rssWarm) >> 20, cycles.get() - cyclesWarm);
    }

    // ------------------------------------------------------------------ races

    private interface Use {
        void run(Accelerator acc, FloatArray x, FloatArray y, Kernel k, int n);
    }

    /**
     * Closes an array, a program or the accelerator on one thread while another uses it; each round is started by a
     * barrier so the two calls meet. Every kind of use: launch, toArray, copyFrom (host and device), fill, a built-in
     * reduction, an element-wise built-in op, a scan.
     */
    static String races(String selector, double seconds, Outcomes out) throws Exception {
        Map<String, Use> uses = new java.util.LinkedHashMap<>();
        uses.put("launch", (acc, x, y, k, n) -> {
            k.launch(Range.of(n), x, y, 3f, n);
            acc.finish();
        });
        uses.put("toArray", (acc, x, y, k, n) -> {
            float[] b = x.toArray();
            if (b[n - 1] != n - 1) throw new AssertionError("toArray: " + b[n - 1]);
        });
        uses.put("copyFromHost", (acc, x, y, k, n) -> x.copyFrom(new float[n]));
        uses.put("copyFromDevice", (acc, x, y, k, n) -> y.copyFrom(x));
        uses.put("fill", (acc, x, y, k, n) -> x.fill(1f));
        uses.put("sum", (acc, x, y, k, n) -> acc.vectors().sum(x));
        uses.put("axpy", (acc, x, y, k, n) -> acc.vectors().axpy(2f, x, y));
        uses.put("scan", (acc, x, y, k, n) -> acc.vectors().inclusiveScan(x, y));   // 4 chunks claimed in order
        String[] victims = {"array", "program", "accelerator"};
        long perCase = (long) (seconds * 1e9 / (uses.size() * victims.length));
        long rounds = 0;
        int n = 1 << 16;
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) xs[i] = i;
        CyclicBarrier barrier = new CyclicBarrier(2);
        for (String victim : victims) {
            for (Map.Entry<String, Use> use : uses.entrySet()) {
                long end = System.nanoTime() + perCase;
                Accelerator acc = Gpu4j.open(selector);
                try {
                    int r = 0;
                    while (System.nanoTime() < end || r < 5) {
                        r++;
                        rounds++;
                        if (victim.equals("accelerator") && acc.isClosed()) acc = Gpu4j.open(selector);
                        Accelerator a = acc;
                        FloatArray x = a.upload(xs);
                        FloatArray y = a.allocFloats(n);
                        Program p = a.program(SCALE);
                        Kernel k = p.kernel("stress_scale");
                        AtomicBoolean used = new AtomicBoolean();
                        Thread user = new Thread(() -> {
                            try {
                                barrier.await(10, TimeUnit.SECONDS);
                                use.getValue().run(a, x, y, k, n);
                                out.ok();
                            } catch (AssertionError e) {
                                out.fail(use.getKey() + " vs close of " + victim + ": " + e.getMessage());
                            } catch (Throwable e) {
                                out.raced(e);
                            } finally {
                                used.set(true);
                            }
                        });
                        user.start();
                        barrier.await(10, TimeUnit.SECONDS);
                        if ((r & 1) == 0) Thread.onSpinWait(); // vary who goes first
                        switch (victim) {
                            case "array" -> { x.close(); y.close(); }
                            case "program" -> p.close();
                            default -> a.close();
                        }
                        user.join(30_000);
                        if (user.isAlive()) out.fail(use.getKey() + " vs close of " + victim + ": the user thread hangs");
                        x.close();
                        y.close();
                        p.close();
                    }
                } finally {
                    acc.close();
                }
            }
        }
        if (rounds < 100) out.fail("races: only " + rounds + " rounds ran");
        return rounds + " rounds over " + uses.size() + " uses x " + victims.length + " victims (array, program,"
                + " accelerator)";
    }

    // ------------------------------------------------------------------ gc

    /** Arguments made inline ({@code acc.upload(xs)} passed straight to a launch or an op) while another thread collects. */
    static String gc(String selector, double seconds, Outcomes out) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong collections = new AtomicLong();
        int threads = 2;
        AtomicLong ops = new AtomicLong();
        Thread collector = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
                collections.incrementAndGet();
                // Back-to-back full collections would stop the world nearly all the time; leave the workers ~1 ms.
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }, "collector");
        collector.setDaemon(true);
        try (Accelerator acc = Gpu4j.open(selector)) {
            Kernel k = acc.program(SCALE).kernel("stress_scale");
            try (FloatArray w = acc.upload(new float[16])) {
                acc.vectors().sum(w); // builds the reduction's program before the clock starts
            }
            collector.start();
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    Random rnd = new Random(42);
                    while (System.nanoTime() < deadline) {
                        int n = 1 + rnd.nextInt(20_000);
                        float[] xs = new float[n];
                        Arrays.fill(xs, 1.5f);
                        try (FloatArray y = acc.allocFloats(n)) {
                            k.launch(Range.of(n), acc.upload(xs), y, 2f, n); // the upload is never closed on purpose
                            float[] b = y.toArray();
                            if (b[n - 1] != 3f) out.fail("gc: launch gave " + b[n - 1]);
                            double s = acc.vectors().sum(acc.upload(xs));
                            if (s != 1.5 * n) out.fail("gc: sum " + s + " != " + 1.5 * n);
                            out.ok();
                        } catch (Throwable e) {
                            out.fail("gc: " + e);
                        }
                        ops.incrementAndGet();
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) th.join();
        } finally {
            stop.set(true);
            if (collector.isAlive()) collector.join();
        }
        long launches = ops.get();
        if (launches < 20) out.fail("gc: only " + launches + " rounds ran: the scenario proved nothing");
        return threads + " threads, " + launches + " rounds of inline launch + sum, " + collections.get() + " System.gc()";
    }

    // ------------------------------------------------------------------ sizes

    /** Oversize local memory and overflowing ranges: IllegalArgumentException before any native call, then still usable. */
    static String sizes(String selector, Outcomes out) {
        int cases = 0;
        try (Accelerator acc = Gpu4j.open(selector)) {
            KernelSource local = KernelSource.named("stress_local")
                    .withOpenCL("__kernel void stress_local(__global float* y, __local float* s) {"
                            + " s[get_local_id(0)] = 1; barrier(CLK_LOCAL_MEM_FENCE); y[get_global_id(0)] = s[0]; }")
                    .withCuda("extern \"C\" __global__ void stress_local(float* y) {"
                            + " extern __shared__ float s[]; s[threadIdx.x] = 1; __syncthreads();"
                            + " y[blockIdx.x * blockDim.x + threadIdx.x] = s[0]; }")
                    .withJava("stress_local", (id, a) -> a.floats(0)[a.offset(0) + (int) id.x()] = 1);
            long lm = acc.device().localMemory();
            try (FloatArray y = acc.allocFloats(64)) {
                Kernel k = acc.program(local).kernel("stress_local");
                List<Object[]> bad = new ArrayList<>();
                if (lm > 0) {
                    bad.add(new Object[] {"local memory of 1.5x the device's", LocalMemory.bytes(lm + lm / 2)});
                    bad.add(new Object[] {"local memory of the device's + 4 bytes", LocalMemory.bytes(lm + 4)});
                }
                if (lm > 0) bad.add(new Object[] {"local memory of 2^40 bytes", LocalMemory.bytes(1L << 40)});
                for (Object[] b : bad) {
                    cases++;
                    expectIae(out, "sizes: " + b[0], () -> k.launch(Range.of(64).local(64), y, b[1]));
                }
            }
            cases += 4;
            expectIae(out, "sizes: Range.of(2^32, 2^32)", () -> Range.of(1L << 32, 1L << 32));
            expectIae(out, "sizes: Range.of(2^21, 2^21, 2^22)", () -> Range.of(1L << 21, 1L << 21, 1L << 22));
            expectIae(out, "sizes: local(2^32, 2^32)", () -> Range.of(1L << 32, 1L << 32).local(1L << 32, 1L << 32));
            expectIae(out, "sizes: LocalMemory.of(DOUBLE, 2^61 + 1)", () -> LocalMemory.of(ElementType.DOUBLE, (1L << 61) + 1));
            Probe.checkWorks(acc, 1000, 3);
            out.ok();
        }
        return cases + " oversize and overflow cases";
    }

    private static void expectIae(Outcomes out, String what, Runnable r) {
        try {
            r.run();
            out.fail(what + ": accepted");
        } catch (IllegalArgumentException e) {
            out.count("IllegalArgumentException");
        } catch (Throwable e) {
            out.fail(what + ": " + e);
        }
    }

    // ------------------------------------------------------------------ runaway

    /**
     * A kernel that never ends, launched on a thread of its own: {@code finish(timeout)} and {@code Event.await}
     * return false, an interrupt ends a waiting thread's wait, {@code close(grace)} returns within grace + a margin,
     * the accelerator says it is broken, another accelerator of the same backend still works, and the JVM exits.
     */
    static String runaway(String selector, Outcomes out) throws Exception {
        Duration grace = Duration.ofMillis(1500);
        Accelerator acc = Gpu4j.open(selector);
        IntArray flag = acc.allocInts(1);
        Kernel spin = acc.program(SPIN).kernel("stress_spin");
        // Enough work-items that the Java backend runs them on its pool; one on devices.
        long items = acc.device().backend().equals("cpu") ? 4096 : 1;
        AtomicLong launchThreadDone = new AtomicLong();
        Event[] ev = new Event[1];
        CountDownLatch launched = new CountDownLatch(1);
        Thread launcher = new Thread(() -> {
            try {
                ev[0] = spin.launch(Range.of(items), flag);
                launched.countDown();
            } catch (Throwable e) {
                launched.countDown();
                out.count("launch: " + e.getClass().getSimpleName());
            }
            launchThreadDone.incrementAndGet();
        }, "runaway-launcher");
        launcher.setDaemon(true);
        launcher.start();
        boolean asynchronous = launched.await(2, TimeUnit.SECONDS); // devices return at once; the Java backend runs it
        if (asynchronous && ev[0] != null) {
            if (ev[0].await(Duration.ofMillis(200))) out.fail("runaway: Event.await said a spinning kernel completed");
            else out.count("await timed out");
        }
        if (acc.finish(Duration.ofMillis(200))) out.fail("runaway: finish(200 ms) said a spinning kernel completed");
        else out.count("finish timed out");
        // An interrupt ends another thread's unbounded wait.
        AtomicBoolean interruptedOk = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                acc.finish();
            } catch (WaitInterruptedException e) {
                interruptedOk.set(Thread.currentThread().isInterrupted());
            } catch (Throwable e) {
                out.fail("runaway: finish() ended with " + e);
            }
        }, "waiter");
        waiter.start();
        long w0 = System.nanoTime();
        while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.getState() != Thread.State.WAITING
                && waiter.isAlive() && System.nanoTime() - w0 < 2_000_000_000L) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        waiter.join(5_000);
        if (waiter.isAlive()) out.fail("runaway: an interrupted finish() did not return within 5 s");
        else if (!interruptedOk.get()) out.fail("runaway: finish() did not end with WaitInterruptedException and the flag set");
        else out.count("interrupt ended finish()");
        // Another accelerator of the same backend is not stopped by this one.
        try (Accelerator other = Gpu4j.open(selector)) {
            Probe.checkWorks(other, 50_000, 5);
            out.count("other accelerator works");
        }
        long c0 = System.nanoTime();
        boolean released = acc.close(grace);
        double closeSecs = (System.nanoTime() - c0) / 1e9;
        if (released) out.fail("runaway: close() said it released everything under a spinning kernel");
        if (closeSecs > grace.toMillis() / 1000.0 + 2.0) out.fail("runaway: close took " + closeSecs + " s");
        if (!acc.isBroken()) out.fail("runaway: the accelerator does not say it is broken");
        try {
            acc.allocFloats(1);
            out.fail("runaway: a broken accelerator accepted a call");
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("broken")) out.fail("runaway: the message does not say why: " + e.getMessage());
            else out.count("broken says why");
        }
        out.ok();
        return String.format(Locale.ROOT, "close(%d ms) returned in %.2f s (released=%s), broken=%s", grace.toMillis(),
                closeSecs, released, acc.isBroken());
    }

    // ------------------------------------------------------------------ twins

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T { throw (T) t; }

    /** Java kernels (any backend runs its Java twin only on cpu; elsewhere this checks nothing native). */
    static String twins(String selector, Outcomes out) throws Exception {
        int cases = 0;
        try (Accelerator acc = Gpu4j.open(selector)) {
            if (!acc.device().backend().equals("cpu")) return "no Java twins on " + selector;
            Map<String, Consumer<Integer>> throwers = new java.util.LinkedHashMap<>();
            throwers.put("RuntimeException", i -> { throw new IllegalStateException("boom at " + i); });
            throwers.put("OutOfMemoryError", i -> { throw new OutOfMemoryError("pretend"); });
            throwers.put("LinkageError", i -> { throw new LinkageError("pretend"); });
            throwers.put("sneaky IOException", i -> StressMain.<RuntimeException>sneaky(new java.io.IOException("sneaky")));
            for (long items : new long[] {1, 100, 5000}) {
                for (Map.Entry<String, Consumer<Integer>> t : throwers.entrySet()) {
                    cases++;
                    long bad = items / 2;
                    KernelSource src = KernelSource.named("thrower").withJava("thrower", (id, a) -> {
                        if (id.x() == bad) t.getValue().accept((int) id.x());
                    });
                    try (Program p = acc.program(src)) {
                        p.kernel("thrower").launch(Range.of(items));
                        out.fail("twins: " + t.getKey() + " was not thrown");
                    } catch (LaunchException e) {
                        if (e.getCause() == null || !e.getMessage().contains("(" + bad + ")")) {
                            out.fail("twins: " + t.getKey() + " gave " + e + " cause " + e.getCause());
                        } else {
                            out.count("LaunchException(" + t.getKey() + ")");
                        }
                    } catch (Throwable e) {
                        out.fail("twins: " + t.getKey() + " escaped as " + e);
                    }
                }
            }
            // A twin closing its own accelerator: IllegalStateException inside it, not a deadlock.
            for (long items : new long[] {1, 5000}) {
                cases++;
                KernelSource src = KernelSource.named("closer").withJava("closer", (id, a) -> {
                    if (id.x() == 0) acc.close();
                });
                try (Program p = acc.program(src)) {
                    p.kernel("closer").launch(Range.of(items));
                    out.fail("twins: close() from a twin did not fail");
                } catch (LaunchException e) {
                    if (e.getCause() instanceof IllegalStateException) out.count("close from twin -> ISE");
                    else out.fail("twins: close() from a twin gave " + e.getCause());
                }
                if (acc.isClosed()) out.fail("twins: the accelerator was closed by its own twin");
            }
            // Interrupting a thread whose launch runs a long twin ends its wait.
            cases++;
            KernelSource slow = KernelSource.named("slow").withJava("slow", (id, a) -> {
                long end = System.nanoTime() + 2_000_000; // 2 ms per work-item, 4096 of them: ~4 s on 2 cores
                while (System.nanoTime() < end) Thread.onSpinWait();
            });
            Kernel k = acc.program(slow).kernel("slow");
            AtomicBoolean ok = new AtomicBoolean();
            Thread t = new Thread(() -> {
                try {
                    k.launch(Range.of(4096));
                    out.fail("twins: an interrupted launch completed");
                } catch (WaitInterruptedException e) {
                    ok.set(Thread.currentThread().isInterrupted());
                } catch (Throwable e) {
                    out.fail("twins: an interrupted launch gave " + e);
                }
            });
            t.start();
            long w0 = System.nanoTime();
            while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING
                    && System.nanoTime() - w0 < 2_000_000_000L) {
                Thread.onSpinWait();
            }
            t.interrupt();
            t.join(3_000);
            if (t.isAlive()) out.fail("twins: an interrupted launch did not return within 3 s");
            else if (ok.get()) out.count("interrupt ended launch");
            else out.fail("twins: interrupt flag not kept");
            if (!acc.finish(Duration.ofSeconds(10))) out.fail("twins: cancelled work-items still running after 10 s");
            Probe.checkWorks(acc, 1000, 9);
            out.ok();
        }
        return cases + " cases";
    }
    // ------------------------------------------------------------------ queues

    /**
     * Rounds of: one accelerator, two queues, four threads each uploading asynchronously, launching on one queue after
     * an event of the other, downloading asynchronously and through a scope; a closer thread closes one queue and then
     * the accelerator at random moments. Allowed: right data, {@link IllegalStateException} from a call, a future
     * failed with an {@link IllegalStateException} (closed before it completed). Every future must be settled within
     * 30 s of its accelerator's close, and no thread may be left blocked.
     */
    static String queues(String selector, double seconds, Outcomes out) throws Exception {
        int threads = 4;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong rounds = new AtomicLong(), commands = new AtomicLong(), futures = new AtomicLong();
        Random closerRnd = new Random(42);
        while (System.nanoTime() < deadline) {
            Accelerator acc = Gpu4j.open(selector);
            org.gpu4j.Queue q1 = acc.newQueue(), q2 = acc.newQueue();
            Kernel k = acc.program(SCALE).kernel("stress_scale");
            List<java.util.concurrent.CompletableFuture<float[]>> pending =
                    java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch started = new CountDownLatch(threads);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                Thread th = new Thread(() -> {
                    Random rnd = new Random(seed * 31L + rounds.get());
                    started.countDown();
                    while (!stop.get()) {
                        int n = 1 + rnd.nextInt(20_000);
                        float[] xs = new float[n];
                        for (int i = 0; i < n; i++) xs[i] = (i + seed) % 101;
                        try (FloatArray x = acc.allocFloats(n); FloatArray y = acc.allocFloats(n)) {
                            org.gpu4j.Queue a = rnd.nextBoolean() ? q1 : q2, b = a == q1 ? q2 : q1;
                            Event up = x.copyFromAsync(a, xs);
                            b.waitFor(up);
                            k.launch(b, Range.of(n), x, y, 2f, n);
                            java.util.concurrent.CompletableFuture<float[]> f = y.toArrayAsync(b);
                            pending.add(f);
                            futures.incrementAndGet();
                            commands.addAndGet(4);
                            if (rnd.nextInt(4) == 0) {
                                double sum = b.call(() -> acc.vectors().sum(y));
                                double want = 0;
                                for (float v : xs) want += 2f * v;
                                if (sum != want) out.fail("queues: scoped sum " + sum + " != " + want);
                                commands.incrementAndGet();
                            }
                            float[] back = f.get(60, TimeUnit.SECONDS);
                            for (int i = 0; i < n; i++) {
                                if (back[i] != xs[i] * 2f) { out.fail("queues: y[" + i + "] = " + back[i]); break; }
                            }
                            out.ok();
                        } catch (java.util.concurrent.ExecutionException e) {
                            out.raced(e.getCause());
                        } catch (java.util.concurrent.TimeoutException e) {
                            out.fail("queues: a download future was not settled within 60 s");
                        } catch (Throwable e) {
                            out.raced(e);
                        }
                    }
                }, "queues-" + t);
                ts.add(th);
                th.start();
            }
            started.await();
            java.util.concurrent.locks.LockSupport.parkNanos((long) (closerRnd.nextDouble() * 150e6));
            (closerRnd.nextBoolean() ? q1 : q2).close();
            java.util.concurrent.locks.LockSupport.parkNanos((long) (closerRnd.nextDouble() * 100e6));
            if (!acc.close(Duration.ofSeconds(20))) out.fail("queues: close did not drain within 20 s");
            stop.set(true);
            for (Thread th : ts) {
                th.join(60_000);
                if (th.isAlive()) out.fail("queues: " + th.getName() + " still blocked 60 s after the close");
            }
            synchronized (pending) {
                for (var f : pending) {
                    if (!f.isDone()) out.fail("queues: a future left unsettled by close");
                }
            }
            rounds.incrementAndGet();
        }
        if (rounds.get() < 3) out.fail("queues: only " + rounds.get() + " rounds ran");
        return String.format(Locale.ROOT, "%d threads, %d rounds of open/2 queues/close, %d commands, %d async downloads",
                threads, rounds.get(), commands.get(), futures.get());
    }
}
