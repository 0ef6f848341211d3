package org.gpu4j.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceMemoryException;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.Range;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.junit.jupiter.api.Test;

/**
 * Reliability on one backend: the bad-input table (in process and in a forked JVM), faults, load and allocation
 * churn. A backend module runs it by naming its selector. Figures are printed so CI logs record them. Random work
 * comes from {@link Require#seed()} (one stream per thread), printed on failure; {@code -Dgpu4j.seed=N} replays it.
 */
public abstract class ReliabilityContract {
    /** The selector of the device under test, e.g. {@code cpu} or {@code opencl:0}. */
    protected abstract String selector();

    /** Seconds of the mixed-load test; {@code -Dgpu4j.soak.seconds} overrides (CI uses the default of 30). */
    protected long soakSeconds() { return Long.getLong("gpu4j.soak.seconds", 30); }

    protected Accelerator open() { return Gpu4j.open(selector()); }

    @Test void badInputTableInProcess() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<String> failures = BadInput.runAll(selector(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        long n = BadInput.countFor(Gpu4j.select(selector()).backend());
        System.out.println("[reliability] " + selector() + ": " + n + " bad-input cases, " + failures.size() + " failed");
        if (!failures.isEmpty()) fail(String.join("\n", failures));
        assertTrue(n >= 100, "the table must hold at least 100 cases, has " + n);
    }

    @Test void badInputTableInForkedJvm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dgpu4j.leaks=" + System.getProperty("gpu4j.leaks", "count"),
                BadInputMain.class.getName(), selector());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            fail("forked bad-input JVM did not finish in 300 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        int exit = p.exitValue();
        String last = text.lines().filter(l -> l.startsWith("BAD-INPUT")).reduce((a, b) -> b).orElse("(no summary)");
        System.out.println("[reliability] forked JVM on " + selector() + ": exit " + exit + ", " + last);
        // A JVM killed by a signal (crash) exits with 128+signal; anything but 0 is a failure.
        assertEquals(0, exit, "forked JVM exit " + exit + (exit > 128 ? " (killed by signal " + (exit - 128) + ")" : "")
                + "\n" + text);
    }

    @Test void deviceOutOfMemoryThenRecover() {
        try (Accelerator acc = open()) {
            // PoCL shares the host's memory and reports most of it as global memory; filling all of it would invite
            // the operating system's OOM killer on a shared machine, so the accelerator is capped at 3 GiB.
            acc.limitMemory(3L << 30);
            long chunkBytes = Math.min(acc.device().maxAllocation(), 512L << 20);
            long chunk = chunkBytes / 4;
            long limit = acc.memoryLimit() / chunkBytes + 16;
            List<FloatArray> held = new ArrayList<>();
            DeviceMemoryException oom = null;
            try {
                for (long i = 0; i < limit && oom == null; i++) {
                    try {
                        held.add(acc.allocFloats(chunk));
                    } catch (DeviceMemoryException e) {
                        oom = e;
                    }
                }
                System.out.println("[reliability] " + selector() + ": out of memory after " + held.size() + " x "
                        + org.gpu4j.Device.formatBytes(chunkBytes) + (oom == null ? " (never)" : ": " + oom.getMessage()));
                assertTrue(oom != null, "allocating " + limit + " chunks of " + chunkBytes
                        + " bytes never raised DeviceMemoryException (device reports "
                        + acc.device().globalMemory() + " bytes)");
            } finally {
                held.forEach(FloatArray::close);
            }
            held.clear();
            try (FloatArray again = acc.allocFloats(chunk)) {
                again.fill(3f);
                assertEquals(3f, again.get(chunk - 1));
            }
            Probe.checkWorks(acc, 1000, 7);
        }
    }

    @Test void interruptedThreadLeavesConsistentState() throws Exception {
        try (Accelerator acc = open()) {
            int base = acc.liveObjects();
            AtomicLong errors = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> seen = new ConcurrentLinkedQueue<>();
            Thread t = new Thread(() -> {
                for (int r = 0; r < 200; r++) {
                    Thread.currentThread().interrupt(); // interrupted during every blocking read
                    try (FloatArray x = acc.upload(new float[4096])) {
                        x.fill(r);
                        float[] back = x.toArray();
                        if (back[4095] != r) errors.incrementAndGet();
                    } catch (RuntimeException e) {
                        seen.add(e);
                    }
                }
                Thread.interrupted();
            });
            t.start();
            t.join();
            // An interrupted read may either complete or fail cleanly; it must never corrupt data or leak.
            for (Throwable e : seen) {
                assertTrue(e instanceof org.gpu4j.Gpu4jException || e instanceof IllegalStateException,
                        "unexpected exception after interrupt: " + e);
            }
            assertEquals(0, errors.get(), "reads returned wrong data after interrupts");
            assertEquals(base, acc.liveObjects(), "objects leaked after interrupted reads");
            Probe.checkWorks(acc, 5000, 11);
        }
    }

    @Test void closingWhileOtherThreadsWorkEndsThemWithIllegalState() throws Exception {
        Accelerator acc = open();
        int threads = 4;
        CountDownLatch started = new CountDownLatch(threads);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> bad = new ConcurrentLinkedQueue<>();
        AtomicLong ended = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        Seed seed = Require.seed();
        for (int t = 0; t < threads; t++) {
            final int id = t;
            Thread th = new Thread(() -> {
                started.countDown();
                Random r = seed.random(id);
                try {
                    while (!stop.get()) {
                        Probe.checkWorks(acc, 1 + r.nextInt(3000), r.nextLong());
                    }
                } catch (IllegalStateException expected) {
                    ended.incrementAndGet();
                } catch (Throwable e) {
                    bad.add(e);
                }
            });
            ts.add(th);
            th.start();
        }
        started.await();
        Probe.checkWorks(acc, 100, 1); // let them run a little while this thread works too
        acc.close();
        for (Thread th : ts) th.join(60_000);
        stop.set(true);
        System.out.println("[reliability] " + selector() + ": close under load ended " + ended.get() + " of " + threads
                + " threads with IllegalStateException");
        if (!bad.isEmpty()) {
            Throwable first = bad.peek();
            throw new AssertionError("a thread ended with " + first + " instead of IllegalStateException [" + seed + "]",
                    first);
        }
        assertEquals(threads, ended.get());
        assertEquals(0, acc.liveObjects());
    }

    @Test void mixedLoadFromEightThreads() throws Exception {
        long seconds = soakSeconds();
        try (Accelerator acc = open()) {
            Probe.checkWorks(acc, 10, 0); // builds the shared probe program, which the accelerator keeps
            int base = acc.liveObjects();
            int threads = 8;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            AtomicLong ops = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> bad = new ConcurrentLinkedQueue<>();
            List<Thread> ts = new ArrayList<>();
            Seed seed = Require.seed();
            for (int t = 0; t < threads; t++) {
                final int stream = t;
                Thread th = new Thread(() -> {
                    Random r = seed.random(stream);
                    try {
                        while (System.nanoTime() < deadline) {
                            mixedStep(acc, r);
                            ops.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        bad.add(new AssertionError("thread " + stream + " [" + seed + "]: " + e, e));
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) th.join();
            System.out.println("[reliability] " + selector() + ": " + threads + " threads held " + seconds + " s, "
                    + ops.get() + " mixed operations, every result checked, " + bad.size() + " failures");
            if (!bad.isEmpty()) throw (AssertionError) bad.peek();
            assertEquals(base, acc.liveObjects(), "objects left behind by the load");
            assertTrue(ops.get() > 0);
        }
    }

    /** One random operation with its result checked. */
    private static void mixedStep(Accelerator acc, Random r) {
        int n = 1 + r.nextInt(20_000);
        switch (r.nextInt(5)) {
            case 0 -> Probe.checkWorks(acc, n, r.nextLong());
            case 1 -> {
                try (IntArray v = acc.allocInts(n)) {
                    Probe.checkIncrements(acc, v, 1 + r.nextInt(4));
                }
            }
            case 2 -> {
                float value = r.nextFloat();
                try (FloatArray x = acc.allocFloats(n)) {
                    x.fill(value);
                    float[] back = x.toArray();
                    for (int i = 0; i < n; i++) if (back[i] != value) throw new AssertionError("fill: x[" + i + "] = " + back[i]);
                }
            }
            case 3 -> {
                int[] data = r.ints(n).toArray();
                try (IntArray a = acc.upload(data); IntArray b = acc.allocInts(n)) {
                    b.copyFrom(a);
                    int from = r.nextInt(n);
                    int[] part = new int[n - from];
                    b.copyTo(from, part, 0, part.length);
                    for (int i = 0; i < part.length; i++) {
                        if (part[i] != data[from + i]) throw new AssertionError("copy: element " + (from + i));
                    }
                }
            }
            default -> {
                float[] data = new float[n];
                for (int i = 0; i < n; i++) data[i] = r.nextInt(1000);
                try (FloatArray a = acc.upload(data)) {
                    int from = r.nextInt(n);
                    FloatArray s = a.slice(from, n - from);
                    float[] got = s.toArray();
                    for (int i = 0; i < got.length; i++) {
                        if (got[i] != data[from + i]) throw new AssertionError("slice: element " + (from + i));
                    }
                }
            }
        }
    }

    /**
     * 10^5 allocate/free cycles in a JVM of its own with a fixed, pre-touched heap, so that the resident set can only
     * grow through native memory: process RSS and the live-allocation count must come back to their baseline.
     */
    @Test void allocateFreeCyclesReturnToBaseline() throws Exception {
        int cycles = Integer.getInteger("gpu4j.churn.cycles", 100_000);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "-cp", System.getProperty("java.class.path"), ChurnMain.class.getName(), selector(),
                Integer.toString(cycles));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "churn JVM did not finish");
        String summary = text.lines().filter(l -> l.startsWith("CHURN")).reduce((a, b) -> b).orElse(null);
        System.out.println("[reliability] " + selector() + ": " + (summary == null ? text : summary));
        assertEquals(0, p.exitValue(), text);
    }

    /** Resident set size of this process from /proc/self/status, or -1 where there is none. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
