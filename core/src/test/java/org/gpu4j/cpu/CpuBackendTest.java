package org.gpu4j.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceType;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.LaunchException;
import org.gpu4j.LocalMemory;
import org.gpu4j.LongArray;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is particular to the Java CPU backend (the shared behaviour is in {@link CpuContractTest}). */
class CpuBackendTest {
    private Accelerator acc;

    @BeforeEach void open() { acc = Gpu4j.open("cpu"); }

    @AfterEach void close() { acc.close(); }

    /**
     * A launch of a few expensive work-items (a chunked kernel: 4 chunks of real work) must not run on one core: the
     * items after the first leave the calling thread once it has spent its serial budget. Before this, launches of up
     * to 1024 work-items always ran serially, so a 4-chunk vector kernel ran at one core's bandwidth.
     */
    @Test void fewExpensiveWorkItemsRunOnMoreThanOneThread() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2,
                "one core: nothing to spread the work-items over");
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        KernelSource src = KernelSource.named("chunks").withJava("busy", (id, a) -> {
            threads.add(Thread.currentThread().getName());
            long until = System.nanoTime() + 5_000_000; // 5 ms of work, far beyond the serial budget
            while (System.nanoTime() < until) Thread.onSpinWait();
        });
        try (Program p = acc.program(src)) {
            p.kernel("busy").launch(Range.of(4));
        }
        assertTrue(threads.size() >= 2, "4 work-items of 5 ms ran on " + threads);
    }

    @Test void describesTheJvm() {
        var d = acc.device();
        assertEquals("cpu:0", d.id());
        assertEquals(DeviceType.CPU, d.type());
        assertEquals(Runtime.getRuntime().availableProcessors(), d.computeUnits());
        assertEquals(Runtime.getRuntime().maxMemory(), d.globalMemory());
        assertTrue(d.fp64());
        assertTrue(d.toString().startsWith("Java CPU 'Java CPU ("), d::toString);
    }

    /** Each work-item writes its own linear index: every item runs exactly once, in parallel or not. */
    @Test void runsEveryWorkItemOnceIn3D() {
        int gx = 67, gy = 31, gz = 5; // 10385 items: above the serial cut-off, so split over the pool
        KernelSource src = KernelSource.named("ids").withJava("ids", (id, a) -> {
            long gxs = id.globalSize(0), gys = id.globalSize(1);
            int i = (int) ((id.z() * gys + id.y()) * gxs + id.x());
            a.ints(0)[i] += 1;
            a.longs(1)[i] = id.x() * 1_000_000L + id.y() * 1_000 + id.z();
        });
        try (Program p = acc.program(src); IntArray hits = acc.allocInts(gx * gy * gz);
             LongArray where = acc.allocLongs(gx * gy * gz)) {
            Kernel k = p.kernel("ids");
            assertTrue(k.params().isEmpty(), "a Java-only kernel declares no parameters");
            k.launch(Range.of(gx, gy, gz), hits, where);
            int[] h = hits.toArray();
            long[] w = where.toArray();
            for (int z = 0; z < gz; z++) {
                for (int y = 0; y < gy; y++) {
                    for (int x = 0; x < gx; x++) {
                        int i = (z * gy + y) * gx + x;
                        assertEquals(1, h[i], "hits of work-item " + x + "," + y + "," + z);
                        assertEquals(x * 1_000_000L + y * 1_000 + z, w[i]);
                    }
                }
            }
        }
    }

    @Test void aSingleWorkItemRunsOnTheCallingThread() {
        // whether a small launch moves to the pool depends on how long its items take; one item never does
        Thread caller = Thread.currentThread();
        AtomicInteger elsewhere = new AtomicInteger();
        KernelSource src = KernelSource.named("where").withJava("where", (id, a) -> {
            if (Thread.currentThread() != caller) elsewhere.incrementAndGet();
        });
        try (Program p = acc.program(src)) {
            for (int i = 0; i < 100; i++) p.kernel("where").launch(Range.of(1));
        }
        assertEquals(0, elsewhere.get());
    }

    @Test void aFailingWorkItemBecomesALaunchException() {
        KernelSource src = KernelSource.named("bad").withJava("bad", (id, a) -> {
            if (id.x() == 4242) throw new ArithmeticException("boom");
        });
        try (Program p = acc.program(src)) {
            LaunchException e = assertThrows(LaunchException.class, () -> p.kernel("bad").launch(Range.of(100_000)));
            assertTrue(e.getMessage().contains("bad") && e.getMessage().contains("(4242)") && e.getMessage().contains("boom"),
                    e::getMessage);
            assertInstanceOf(ArithmeticException.class, e.getCause());
            // the accelerator stays usable
            try (IntArray x = acc.upload(new int[] {1, 2})) {
                assertArrayEquals(new int[] {1, 2}, x.toArray());
            }
        }
    }

    @Test void needsAJavaTwin() {
        KernelSource clOnly = KernelSource.opencl("cl_only", "__kernel void f(__global float* x) { }");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> acc.program(clOnly));
        assertTrue(e.getMessage().contains("cl_only") && e.getMessage().contains("withJava"), e::getMessage);
        try (Program p = acc.program(clOnly.withJava("f", (id, a) -> { }))) {
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> p.kernel("g"));
            assertTrue(missing.getMessage().contains("[f]"), missing::getMessage);
        }
    }

    @Test void readsParametersFromTheCudaTwinWhenThereIsNoOpenClText() {
        KernelSource src = KernelSource.cuda("twice", "extern \"C\" __global__ void twice(int* x, int n) { }")
                .withJava("twice", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(1)) a.ints(0)[a.offset(0) + i] *= 2;
                });
        try (Program p = acc.program(src); IntArray x = acc.upload(new int[] {1, 2, 3})) {
            Kernel k = p.kernel("twice");
            assertEquals("(int* x, int n)", k.signature());
            k.launch(Range.of(3), x, 3);
            assertArrayEquals(new int[] {2, 4, 6}, x.toArray());
            assertThrows(IllegalArgumentException.class, () -> k.launch(Range.of(3), x, 3L));
        }
    }

    @Test void acceptsAndIgnoresLocalMemory() {
        KernelSource src = KernelSource.opencl("loc", "__kernel void loc(__global int* x, __local int* tmp) { }")
                .withJava("loc", (id, a) -> a.ints(0)[(int) id.x()] = 7);
        try (Program p = acc.program(src); IntArray x = acc.allocInts(4)) {
            p.kernel("loc").launch(Range.of(4), x, LocalMemory.of(org.gpu4j.ElementType.INT, 16));
            assertArrayEquals(new int[] {7, 7, 7, 7}, x.toArray());
            assertThrows(IllegalArgumentException.class, () -> p.kernel("loc").launch(Range.of(4), x, x));
        }
    }
}
