package org.gpu4j.contract;

import static org.gpu4j.contract.Typed.assertData;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.ElementType;
import org.gpu4j.Event;
import org.gpu4j.IntArray;
import org.gpu4j.LaunchException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Copies between two accelerators ({@link Queue#copy} with a source of another accelerator), run for a pair of
 * devices a subclass opens: every bit of every element type arrives, the target queue's later commands see the data
 * without any wait by the caller, and a source that is closed or whose accelerator closes fails cleanly.
 */
@ExtendWith(NoLeaks.class)
public abstract class CrossCopyContract {
    protected Accelerator from, to;

    protected abstract Accelerator openSource();

    protected abstract Accelerator openTarget();

    @BeforeEach void openBoth() {
        from = openSource();
        to = openTarget();
    }

    @AfterEach void closeBoth() {
        if (to != null) to.close();
        if (from != null) from.close();
    }

    static Stream<Arguments> typesAndSizes() {
        return Stream.of(ElementType.values()).flatMap(t -> Stream.of(0, 1, 65_537, 1_000_003).map(n -> Arguments.of(t, n)));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("typesAndSizes")
    void copiesEveryBitBetweenAccelerators(ElementType t, int n) {
        Seed seed = Require.seed();
        Object data = Typed.random(t, n, seed.random());
        try (DeviceArray src = Typed.upload(from, data); DeviceArray dst = to.alloc(t, n); Queue q = to.newQueue()) {
            Event onQueue = q.copy(src, dst);
            Object viaQueue = Typed.toArray(dst); // default queue: wait for the queue's copy first
            onQueue.waitFor();
            assertData(data, Typed.toArray(dst), seed.message("copy on a new queue of " + n + " " + t));
            DeviceArray dst2 = to.alloc(t, n);
            to.defaultQueue().copy(src, dst2).waitFor();
            assertData(data, Typed.toArray(dst2), seed.message("copy on the default queue of " + n + " " + t));
            dst2.close();
            assertTrue(viaQueue != null);
        }
    }

    @Test void laterCommandsOnTheTargetQueueSeeTheCopy() {
        Seed seed = Require.seed();
        int n = 250_007;
        int[] x = (int[]) Typed.random(ElementType.INT, n, seed.random());
        for (int i = 0; i < n; i++) x[i] >>= 2; // 2x + 1 must not overflow
        Program p = to.program(QueueKernels.source());
        try (IntArray src = from.upload(x); IntArray mid = to.allocInts(n); IntArray out = to.allocInts(n);
             Queue q = to.newQueue()) {
            q.copy(src, mid);
            p.kernel("twice_plus_one").launch(q, Range.of(n), mid, out, n); // ordered after the copy by the queue
            int[] got = out.toArrayAsync(q).join();
            int[] want = new int[n];
            for (int i = 0; i < n; i++) want[i] = 2 * x[i] + 1;
            assertData(want, got, seed.message("2x+1 after a copy between accelerators"));
        } finally {
            p.close();
        }
    }

    @Test void slicesCopyBetweenAccelerators() {
        Seed seed = Require.seed();
        long[] x = (long[]) Typed.random(ElementType.LONG, 10_001, seed.random());
        try (DeviceArray src = from.upload(x); DeviceArray dst = to.allocLongs(20_000)) {
            to.defaultQueue().copy(src.isSlice() ? src : ((org.gpu4j.LongArray) src).slice(1, 10_000),
                    ((org.gpu4j.LongArray) dst).slice(5_000, 10_000)).waitFor();
            long[] got = ((org.gpu4j.LongArray) dst).toArray();
            long[] want = new long[20_000];
            System.arraycopy(x, 1, want, 5_000, 10_000);
            assertData(want, got, seed.message("slice [1, 10001) into [5000, 15000)"));
        }
    }

    @Test void refusesBadCopiesBeforeAnyNativeCall() {
        try (DeviceArray a = from.allocFloats(10); DeviceArray b = to.allocFloats(11); DeviceArray c = to.allocInts(10);
             DeviceArray d = from.allocFloats(10)) {
            Queue q = to.defaultQueue();
            assertThrows(IllegalArgumentException.class, () -> q.copy(a, b), "lengths");
            assertThrows(IllegalArgumentException.class, () -> q.copy(a, c), "types");
            assertThrows(IllegalArgumentException.class, () -> q.copy(b, d), "dst of another accelerator");
            a.close();
            assertThrows(IllegalStateException.class, () -> q.copy(a, to.allocFloats(10)), "closed source");
        }
    }

    @Test void aSourceAcceleratorClosedWithoutDrainingFailsTheCopysEvent() {
        Accelerator src = openSource();
        Program p = src.program(QueueKernels.source());
        try (DeviceArray dst = to.allocFloats(1); Queue tq = to.newQueue()) {
            org.gpu4j.FloatArray a = src.allocFloats(1);
            Queue sq = src.newQueue();
            int iters = 1 << 30; // seconds of work: still running when the source is closed
            p.kernel("busy").launch(sq, Range.of(1), a, iters, 1f);
            Event copied;
            try (Queue.Scope s = sq.use()) {
                copied = tq.copy(a, dst); // downloads on sq, behind the busy kernel
            }
            src.close(Duration.ofMillis(1));
            LaunchException e = assertThrows(LaunchException.class, () -> copied.await(Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("copy from"), e::getMessage);
            to.finish(); // the target queue goes on
        }
    }
}
