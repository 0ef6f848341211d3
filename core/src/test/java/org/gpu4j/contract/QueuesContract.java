package org.gpu4j.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.gpu4j.Accelerator;
import org.gpu4j.Event;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.LongArray;
import org.gpu4j.Program;
import org.gpu4j.Queue;
import org.gpu4j.Range;
import org.gpu4j.testing.NoLeaks;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several queues on one accelerator, events as dependencies and asynchronous downloads, run unchanged on every
 * backend (a subclass says how to open the device). Independent kernels on two queues must overlap in time (their
 * event intervals intersect); a chain of commands across queues must see every result it waits for; futures complete
 * once, with the data, or exceptionally when the accelerator is closed under them.
 */
@ExtendWith(NoLeaks.class)
public abstract class QueuesContract {
    /** A prime length: not a multiple of any work-group size. */
    protected static final int N = 100_003;

    protected Accelerator acc;
    private Program program;
    private Kernel busy, twicePlusOne;

    protected abstract Accelerator open();

    @BeforeEach void openAccelerator() {
        acc = open();
        program = acc.program(QueueKernels.source());
        busy = program.kernel("busy");
        twicePlusOne = program.kernel("twice_plus_one");
    }

    @AfterEach void closeAccelerator() {
        if (acc != null) acc.close();
    }

    /** The iterations that keep one work-item of {@code busy} running about {@code millis} ms on this device. */
    private int itersFor(double millis) {
        try (FloatArray out = acc.allocFloats(1)) {
            int iters = 1 << 16;
            for (;;) {
                long t0 = System.nanoTime();
                Event e = busy.launch(Range.of(1), out, iters, 1f).waitFor();
                long ns = e.kernelNanos() > 0 ? e.kernelNanos() : System.nanoTime() - t0;
                if (ns > 20_000_000 || iters >= 1 << 30) {
                    return (int) Math.min(1 << 30, Math.max(1, (long) (iters * (millis * 1e6 / ns))));
                }
                iters *= 4;
            }
        }
    }

    private static int[] randomInts(Random r, int n) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) x[i] = r.nextInt(1 << 20) - (1 << 19);
        return x;
    }

    // -------------------------------------------------------------------------------------------- queues

    @Test void defaultQueueIsTheAcceleratorsOwn() {
        Queue d = acc.defaultQueue();
        assertSame(d, acc.defaultQueue());
        assertTrue(d.isDefault());
        assertSame(acc, d.accelerator());
        try (Queue q = acc.newQueue()) {
            assertFalse(q.isDefault());
            assertSame(acc, q.accelerator());
        }
        assertTrue(d.close(Duration.ZERO), "closing the default queue is a no-op");
        assertFalse(d.isClosed());
    }

    @Test void independentKernelsOnTwoQueuesOverlapInTime() {
        int iters = itersFor(150);
        try (Queue q1 = acc.newQueue(); Queue q2 = acc.newQueue();
             FloatArray a = acc.allocFloats(1); FloatArray b = acc.allocFloats(1)) {
            // Several tries: a loaded machine may start the second only late; one overlapping pair is the proof.
            String seen = "";
            for (int attempt = 0; attempt < 3; attempt++) {
                Event e1 = busy.launch(q1, Range.of(1), a, iters, 1f);
                Event e2 = q2.launch(busy, Range.of(1), b, iters, 2f);
                e1.waitFor();
                e2.waitFor();
                long s1 = e1.startNanos(), t1 = e1.endNanos(), s2 = e2.startNanos(), t2 = e2.endNanos();
                assertTrue(s1 >= 0 && t1 > s1 && s2 >= 0 && t2 > s2, () -> "events carry timings: " + e1 + " " + e2);
                if (s2 < t1 && s1 < t2) return;
                seen += String.format(" [%d, %d] and [%d, %d];", s1, t1, s2, t2);
            }
            throw new AssertionError("two independent kernels on two queues never overlapped on " + acc.device() + ":" + seen);
        }
    }

    @Test void dependencyChainAcrossQueuesIsRespected() {
        Seed seed = Require.seed();
        int[] x = randomInts(seed.random(), N);
        int iters = itersFor(60);
        try (Queue q1 = acc.newQueue(); Queue q2 = acc.newQueue();
             IntArray a = acc.allocInts(N); IntArray b = acc.allocInts(N); IntArray c = acc.allocInts(N);
             IntArray d = acc.allocInts(N); FloatArray scratch = acc.allocFloats(1)) {
            // q1: slow work, then upload a, b = 2a + 1. q2 waits for b, c = 2b + 1. q1 waits for c, d = 2c + 1.
            busy.launch(q1, Range.of(1), scratch, iters, 1f);
            a.copyFromAsync(q1, x);
            Event producedB = twicePlusOne.launch(q1, Range.of(N), a, b, N);
            q2.waitFor(producedB);
            Event producedC = q2.launch(twicePlusOne, Range.of(N), b, c, N);
            q1.waitFor(producedC);
            twicePlusOne.launch(q1, Range.of(N), c, d, N);
            int[] got = d.toArrayAsync(q1).join();
            int[] want = new int[N];
            for (int i = 0; i < N; i++) want[i] = 2 * (2 * (2 * x[i] + 1) + 1) + 1;
            assertArrayEquals(want, got, seed.message("d = 2(2(2x+1)+1)+1 through two queues"));
            assertTrue(producedB.isDone() && producedC.isDone());
        }
    }

    @Test void waitingForAnEventOfAnotherAcceleratorGoesThroughTheHost() {
        Seed seed = Require.seed();
        int[] x = randomInts(seed.random(), N);
        try (Accelerator other = open(); Queue q = acc.newQueue();
             IntArray src = other.upload(x); IntArray mid = other.allocInts(N); IntArray dst = acc.allocInts(N)) {
            Program p = other.program(QueueKernels.source());
            Event made = p.kernel("twice_plus_one").launch(Range.of(N), src, mid, N);
            q.waitFor(made);
            Event copied = q.copy(mid, dst);
            int[] got = dst.toArrayAsync(q).join();
            copied.waitFor();
            for (int i = 0; i < N; i++) assertEquals(2 * x[i] + 1, got[i], seed.message("element " + i));
            p.close();
        }
    }

    @Test void commandsInAScopeGoToItsQueue() {
        Seed seed = Require.seed();
        Random r = seed.random();
        float[] x = new float[N], y = new float[N];
        for (int i = 0; i < N; i++) { x[i] = r.nextFloat() - 0.5f; y[i] = r.nextFloat(); }
        try (Queue q = acc.newQueue(); FloatArray dx = acc.allocFloats(N); FloatArray dy = acc.allocFloats(N)) {
            float[] got;
            double sum;
            try (Queue.Scope s = q.use()) {
                dx.copyFrom(x);
                dy.copyFrom(y);
                acc.vectors().axpy(2f, dx, dy);   // y = 2x + y, on q
                sum = acc.vectors().sum(dy);
                got = dy.toArray();
            }
            Event after = q.record();
            after.waitFor();
            double want = 0;
            for (int i = 0; i < N; i++) {
                float w = 2f * x[i] + y[i];
                assertEquals(w, got[i], 1e-6f * Math.max(1, Math.abs(w)), seed.message("axpy element " + i));
                want += w;
            }
            // the sum's bound: N roundings of values below 3 in float partials
            assertEquals(want, sum, 3.0 * N * 6e-8 * 4, seed.message("sum on the scoped queue"));
            assertEquals(1, q.call(() -> 1));
        }
    }

    @Test void queueCopiesAndFillsReturnTimedEvents() {
        try (Queue q = acc.newQueue(); LongArray a = acc.allocLongs(N); LongArray b = acc.allocLongs(N)) {
            Event f = q.fill(a, Long.MIN_VALUE + 7);
            Event c = q.copy(a, b);
            long[] got = b.toArrayAsync(q).join();
            for (long v : got) assertEquals(Long.MIN_VALUE + 7, v);
            c.waitFor();
            assertTrue(f.isDone() && c.isDone());
            assertTrue(c.endNanos() >= c.startNanos(), c::toString);
            assertThrows(IllegalArgumentException.class, () -> q.fill(a, 1), "an Integer for a LongArray");
        }
    }

    // -------------------------------------------------------------------------------------------- async downloads

    @Test void asyncDownloadsCompleteWithTheData() throws Exception {
        Seed seed = Require.seed();
        Random r = seed.random();
        float[] x = new float[N];
        for (int i = 0; i < N; i++) x[i] = Float.intBitsToFloat(r.nextInt()); // every bit pattern: NaNs too
        try (Queue q = acc.newQueue(); FloatArray a = acc.allocFloats(N)) {
            Event up = a.copyFromAsync(q, x);
            float[] into = new float[N];
            CompletableFuture<float[]> f1 = a.copyToAsync(q, into);
            CompletableFuture<float[]> f2 = a.toArrayAsync();     // default queue: waits for the upload first
            acc.defaultQueue().waitFor(up);
            CompletableFuture<float[]> f3 = a.toArrayAsync(acc.defaultQueue());
            assertSame(into, f1.get(30, TimeUnit.SECONDS));
            float[] got3 = f3.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < N; i++) {
                assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(into[i]), seed.message("bits of " + i));
                assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(got3[i]), seed.message("bits of " + i));
            }
            f2.get(30, TimeUnit.SECONDS); // its content is unordered against q: only that it completes
            try (FloatArray empty = acc.allocFloats(0)) {
                assertEquals(0, empty.toArrayAsync(q).join().length);
            }
        }
    }

    @Test void asyncCallsRefuseBadInputBeforeAnyNativeCall() {
        try (Queue q = acc.newQueue(); FloatArray a = acc.allocFloats(10); Accelerator other = open();
             Queue foreign = other.newQueue()) {
            assertThrows(IllegalArgumentException.class, () -> a.copyToAsync(q, new float[9]));
            assertThrows(IllegalArgumentException.class, () -> a.copyFromAsync(q, new float[11]));
            assertThrows(IllegalArgumentException.class, () -> a.toArrayAsync(foreign));
            assertThrows(IllegalArgumentException.class, () -> busy.launch(foreign, Range.of(1), a, 1, 1f));
            assertThrows(NullPointerException.class, () -> a.copyFromAsync(null, new float[10]));
            q.close();
            assertTrue(q.isClosed());
            assertThrows(IllegalStateException.class, () -> a.toArrayAsync(q));
            assertThrows(IllegalStateException.class, () -> busy.launch(q, Range.of(1), a, 1, 1f));
            assertThrows(IllegalStateException.class, () -> q.use());
            FloatArray closed = acc.allocFloats(3);
            closed.close();
            assertThrows(IllegalStateException.class, () -> closed.toArrayAsync());
        }
    }

    @Test void closingTheAcceleratorSettlesEveryPendingFutureOnce() throws Exception {
        int iters = itersFor(100);
        Accelerator a2 = open();
        Program p = a2.program(QueueKernels.source());
        Kernel k = p.kernel("busy");
        Queue q = a2.newQueue();
        FloatArray out = a2.allocFloats(4);
        List<CompletableFuture<float[]>> fs = new ArrayList<>();
        k.launch(q, Range.of(1), out, iters, 1f);
        for (int i = 0; i < 8; i++) fs.add(out.toArrayAsync(q));
        assertTrue(a2.close(Duration.ofSeconds(60)), "drains within the grace");
        for (CompletableFuture<float[]> f : fs) {
            assertTrue(f.isDone(), "settled by close");
            assertEquals(4, f.get().length, "completed with the data: the work drained before the close");
            assertFalse(f.complete(new float[0]), "already complete");
        }
        assertThrows(IllegalStateException.class, () -> out.toArrayAsync(q));
        assertThrows(IllegalStateException.class, a2::newQueue);
    }

    @Test void closingWithoutDrainingFailsPendingFutures() {
        int iters = itersFor(400);
        Accelerator a2 = open();
        Program p = a2.program(QueueKernels.source());
        Queue q = a2.newQueue();
        FloatArray out = a2.allocFloats(1);
        Event running = p.kernel("busy").launch(q, Range.of(1), out, iters, 1f);
        CompletableFuture<float[]> f = out.toArrayAsync(q);
        boolean released = a2.close(Duration.ofMillis(1));
        if (released) {
            // the device finished 400 ms of work within 1 ms: impossible unless it never ran; say so
            throw new AssertionError("close(1 ms) drained a 400 ms kernel: " + running);
        }
        assertTrue(a2.isBroken());
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("closed"), e.getCause()::getMessage);
        assertFalse(f.complete(new float[1]), "completed once, exceptionally");
        // the abandoned work still ends: wait for it so the next test gets the cores back
        try {
            running.await(Duration.ofSeconds(30));
        } catch (RuntimeException failedOrCancelled) {
            // the Java CPU backend cancels it; that is an outcome too
        }
    }

    @Test void closingAQueueDrainsItAndIsIdempotent() {
        int iters = itersFor(30);
        FloatArray out = acc.allocFloats(1);
        Queue q = acc.newQueue();
        Event e = busy.launch(q, Range.of(1), out, iters, 1f);
        assertTrue(q.close(Duration.ofSeconds(60)));
        assertTrue(e.isDone(), "close drained the queue");
        assertTrue(q.close(Duration.ZERO));
        out.close();
    }
}
