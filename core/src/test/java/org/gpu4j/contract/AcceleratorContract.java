package org.gpu4j.contract;

import static org.gpu4j.contract.Typed.assertData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.DeviceArray;
import org.gpu4j.DeviceMemoryException;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.Event;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.Leaks;
import org.gpu4j.LocalMemory;
import org.gpu4j.LongArray;
import org.gpu4j.Program;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every backend must have, run unchanged against each one. A backend module subclasses it and says
 * how to open the accelerator under test; to run it on every device of a backend, parameterise the subclass:
 *
 * {@snippet :
 * @ParameterizedClass(name = "{0}")
 * @MethodSource("targets")
 * class OpenClContractTest extends AcceleratorContract {
 *     static List<String> targets() { return Require.targets("opencl"); }   // "opencl:0", "opencl:1"...
 *     @Parameter String selector;
 *     // skips each test with the reason when OpenCL is missing, or fails it under GPU4J_REQUIRE=opencl
 *     @Override protected Accelerator open() { return Require.open(selector); }
 * }
 * }
 *
 * <p>Each test gets a fresh accelerator ({@link #acc}), closed after it. Kernels come from one {@link KernelSource}
 * carrying OpenCL C, CUDA C and Java twins ({@link ContractKernels}). Random data comes from {@link Require#seed()}
 * and every data assertion prints the seed. Comparisons are exact: copies keep every bit, and the kernels do one
 * correctly rounded operation (or integer arithmetic) per element.
 *
 * <p>Requirements it sets on a backend beyond the SPI's javadoc: kernels report their declared parameters (so
 * launches are type-checked), and slices whose offset is a multiple of 4096 bytes can be passed to kernels.
 */
@ExtendWith(NoLeaks.class)
public abstract class AcceleratorContract {
    /** A large prime size: not a multiple of any work-group size, and more than a CPU's serial cut-off. */
    protected static final int LARGE = 1_000_003;

    /** The accelerator under test, opened before each test and closed after it. */
    protected Accelerator acc;

    /** Opens a new accelerator on the device under test; called once per test, and again by tests that need two. */
    protected abstract Accelerator open();

    @BeforeEach void openAccelerator() {
        acc = open();
        assertNotNull(acc, "open() returned null");
    }

    @AfterEach void closeAccelerator() {
        if (acc != null) acc.close();
    }

    static Stream<Arguments> typesAndSizes() {
        return Stream.of(ElementType.values())
                .flatMap(t -> Stream.of(0, 1, LARGE).map(n -> Arguments.of(t, n)));
    }

    private Program contractProgram() {
        return acc.program(ContractKernels.source());
    }

    private static String what(String op, ElementType t, long n) {
        return op + " of " + n + " " + t + " elements";
    }

    // ------------------------------------------------------------------------------------------------ device

    @Test void describesItsDevice() {
        Device d = acc.device();
        assertNotNull(d);
        assertEquals(d.backend() + ":" + d.index(), d.id());
        assertFalse(d.name().isBlank(), "device name");
        assertTrue(d.computeUnits() > 0, () -> "compute units of " + d);
        assertTrue(d.globalMemory() > 0, () -> "global memory of " + d);
        assertTrue(d.maxWorkGroupSize() > 0, () -> "max work-group size of " + d);
        assertFalse(acc.isClosed());
        assertTrue(acc.toString().contains(d.id()), acc::toString);
    }

    // ------------------------------------------------------------------------------------------------ arrays

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("typesAndSizes")
    void uploadsAndDownloadsEveryBit(ElementType t, int n) {
        Seed seed = Require.seed();
        Object data = Typed.random(t, n, seed.random());
        try (DeviceArray a = Typed.upload(acc, data)) {
            assertEquals(n, a.length());
            assertSame(t, a.elementType());
            assertSame(acc, a.accelerator());
            assertFalse(a.isSlice());
            assertFalse(a.isClosed());
            assertData(data, Typed.toArray(a), seed.message(what("upload + toArray", t, n)));
            Object back = Typed.newArray(t, n);
            Typed.copyTo(a, back);
            assertData(data, back, seed.message(what("upload + copyTo", t, n)));
            Object again = Typed.random(t, n, seed.random(1));
            Typed.copyFrom(a, again);
            assertData(again, Typed.toArray(a), seed.message(what("copyFrom + toArray", t, n)));
            if (n > 0) {
                assertEquals(Typed.element(again, n - 1), Typed.get(a, n - 1), seed.message(what("get(last)", t, n)));
            }
        }
        try (DeviceArray z = acc.alloc(t, n)) {
            assertEquals(n, z.length());
            assertData(Typed.newArray(t, n), Typed.toArray(z), () -> what("a new array is zero-filled:", t, n));
        }
    }

    @Test void typedAllocationsHaveTheirTypes() {
        try (FloatArray f = acc.allocFloats(3); DoubleArray d = acc.allocDoubles(3);
             IntArray i = acc.allocInts(3); LongArray l = acc.allocLongs(3)) {
            assertSame(ElementType.FLOAT, f.elementType());
            assertSame(ElementType.DOUBLE, d.elementType());
            assertSame(ElementType.INT, i.elementType());
            assertSame(ElementType.LONG, l.elementType());
            assertInstanceOf(FloatArray.class, acc.alloc(ElementType.FLOAT, 2)).close();
            assertEquals(4, acc.liveObjects(), "the four open arrays");
        }
        assertThrows(IllegalArgumentException.class, () -> acc.allocFloats(-1));
        assertThrows(NullPointerException.class, () -> acc.upload((float[]) null));
        long max = acc.device().maxAllocation();
        if (max > 0) { // one double more than the largest allocation: refused before any native call
            DeviceMemoryException e = assertThrows(DeviceMemoryException.class, () -> acc.allocDoubles(max / 8 + 1));
            assertTrue(e.getMessage().contains(acc.device().id()), e::getMessage);
        }
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void copiesPartsWithOffsets(ElementType t) {
        Seed seed = Require.seed();
        Random r = seed.random();
        int n = 4099;
        Object model = Typed.random(t, n, r);
        try (DeviceArray a = Typed.upload(acc, model)) {
            for (int round = 0; round < 25; round++) {
                int count = r.nextInt(n + 1);
                int srcLen = count + r.nextInt(50);
                Object src = Typed.random(t, srcLen, r);
                int srcOffset = r.nextInt(srcLen - count + 1);
                int dstOffset = r.nextInt(n - count + 1);
                Typed.copyFrom(a, src, srcOffset, dstOffset, count);
                System.arraycopy(src, srcOffset, model, dstOffset, count);

                int rc = r.nextInt(n + 1);
                int from = r.nextInt(n - rc + 1);
                int pad = r.nextInt(20);
                Object dst = Typed.newArray(t, rc + pad);
                Typed.copyTo(a, from, dst, pad, rc);
                assertData(Typed.range(model, from, rc), Typed.range(dst, pad, rc),
                        seed.message("round " + round + ": copyTo(" + from + ", dst, " + pad + ", " + rc + ")"));
            }
            assertData(model, Typed.toArray(a), seed.message(what("partial copies", t, n)));
            int i = r.nextInt(n);
            assertEquals(Typed.element(model, i), Typed.get(a, i), seed.message("get(" + i + ")"));

            // empty copies at the very end are allowed
            Typed.copyFrom(a, Typed.newArray(t, 0), 0, n, 0);
            Typed.copyTo(a, n, Typed.newArray(t, 0), 0, 0);
            // out of range: rejected before anything is copied
            Object one = Typed.newArray(t, 2);
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.copyFrom(a, one, 0, n - 1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.copyFrom(a, one, -1, 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.copyFrom(a, one, 1, 0, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.copyFrom(a, one, 0, -1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.copyTo(a, n, one, 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.copyTo(a, 0, one, 1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.get(a, n));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.get(a, -1));
            assertThrows(IllegalArgumentException.class, () -> Typed.copyFrom(a, Typed.newArray(t, n + 1)));
            assertThrows(IllegalArgumentException.class, () -> Typed.copyTo(a, Typed.newArray(t, n - 1)));
            assertData(model, Typed.toArray(a), seed.message("rejected copies changed the array"));
        }
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("typesAndSizes")
    void copiesDeviceToDevice(ElementType t, int n) {
        Seed seed = Require.seed();
        Object data = Typed.random(t, n, seed.random());
        try (DeviceArray a = Typed.upload(acc, data); DeviceArray b = acc.alloc(t, n)) {
            b.copyFrom(a);
            assertData(data, Typed.toArray(b), seed.message(what("device copy", t, n)));
            b.copyFrom(b); // onto itself: nothing to do
            assertData(data, Typed.toArray(b), seed.message(what("self copy", t, n)));
            try (DeviceArray longer = acc.alloc(t, n + 1); DeviceArray otherType = acc.alloc(Typed.other(t), n)) {
                assertThrows(IllegalArgumentException.class, () -> longer.copyFrom(a));
                assertThrows(IllegalArgumentException.class, () -> otherType.copyFrom(a));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void copiesBetweenSlices(ElementType t) {
        Seed seed = Require.seed();
        int n = 1000;
        Object src = Typed.random(t, n, seed.random());
        Object model = Typed.random(t, n, seed.random(1));
        try (DeviceArray a = Typed.upload(acc, src); DeviceArray b = Typed.upload(acc, model)) {
            Typed.slice(b, 100, 300).copyFrom(Typed.slice(a, 517, 300));
            System.arraycopy(src, 517, model, 100, 300);
            assertData(model, Typed.toArray(b), seed.message("slice-to-slice copy"));
            // within one array: disjoint ranges are fine, overlapping ones are rejected
            Typed.slice(a, 0, 10).copyFrom(Typed.slice(a, 990, 10));
            System.arraycopy(src, 990, src, 0, 10);
            assertData(src, Typed.toArray(a), seed.message("copy within one array"));
            assertThrows(IllegalArgumentException.class, () -> Typed.slice(a, 0, 10).copyFrom(Typed.slice(a, 5, 10)));
            assertThrows(IllegalArgumentException.class, () -> Typed.slice(a, 5, 10).copyFrom(Typed.slice(a, 0, 10)));
            assertData(src, Typed.toArray(a), seed.message("a rejected overlapping copy changed the array"));
        }
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    @SuppressWarnings("try") // closes the parent inside its try-with-resources on purpose
    void readsAndWritesThroughSlices(ElementType t) {
        Seed seed = Require.seed();
        Random r = seed.random();
        int n = 1000;
        Object model = Typed.random(t, n, r);
        try (DeviceArray a = Typed.upload(acc, model)) {
            DeviceArray s = Typed.slice(a, 100, 500);
            assertTrue(s.isSlice());
            assertEquals(500, s.length());
            assertSame(t, s.elementType());
            assertData(Typed.range(model, 100, 500), Typed.toArray(s), seed.message("read through a slice"));
            assertEquals(Typed.element(model, 100), Typed.get(s, 0), seed.message("slice.get(0)"));

            Object part = Typed.random(t, 500, r);
            Typed.copyFrom(s, part);
            System.arraycopy(part, 0, model, 100, 500);
            assertData(model, Typed.toArray(a), seed.message("write through a slice"));

            Object bit = Typed.random(t, 7, r);
            Typed.copyFrom(s, bit, 2, 40, 5);
            System.arraycopy(bit, 2, model, 140, 5);
            assertData(model, Typed.toArray(a), seed.message("partial write through a slice"));

            DeviceArray ss = Typed.slice(s, 50, 100); // elements 150..249 of a
            assertData(Typed.range(model, 150, 100), Typed.toArray(ss), seed.message("read through a slice of a slice"));
            Object v = Typed.awkwardValue(t);
            Typed.fill(ss, v);
            Typed.fill(model, 150, 250, v);
            assertData(model, Typed.toArray(a), seed.message("fill through a slice of a slice"));
            ss.clear();
            Typed.fill(model, 150, 250, Typed.element(Typed.newArray(t, 1), 0));
            assertData(model, Typed.toArray(a), seed.message("clear through a slice of a slice"));
            Object back = Typed.newArray(t, 3);
            Typed.copyTo(ss, 98, back, 0, 2);
            assertData(Typed.range(model, 248, 2), Typed.range(back, 0, 2), seed.message("partial read of a slice of a slice"));

            assertEquals(0, Typed.slice(a, n, 0).length());
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.slice(s, 450, 51));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.slice(a, -1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.slice(a, 0, n + 1));
            assertThrows(IndexOutOfBoundsException.class, () -> Typed.get(s, 500));

            // closing a slice ends the view only
            DeviceArray view = Typed.slice(a, 10, 10);
            view.close();
            assertTrue(view.isClosed());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Typed.toArray(view));
            assertTrue(e.getMessage().contains("closed"), e::getMessage);
            assertFalse(a.isClosed());
            assertData(model, Typed.toArray(a), seed.message("closing a slice changed its parent"));

            // closing the parent ends every slice
            a.close();
            assertTrue(s.isClosed());
            assertTrue(ss.isClosed());
            IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> Typed.toArray(s));
            assertTrue(e2.getMessage().contains(s.getClass().getSimpleName()) && e2.getMessage().contains("closed"), e2::getMessage);
            assertThrows(IllegalStateException.class, () -> Typed.fill(ss, v));
            assertThrows(IllegalStateException.class, () -> Typed.slice(s, 0, 1));
        }
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("typesAndSizes")
    void fillsAndClears(ElementType t, int n) {
        Seed seed = Require.seed();
        Object data = Typed.random(t, n, seed.random());
        Object v = Typed.awkwardValue(t);
        try (DeviceArray a = Typed.upload(acc, data)) {
            Typed.fill(a, v);
            Object expected = Typed.newArray(t, n);
            Typed.fill(expected, 0, n, v);
            assertData(expected, Typed.toArray(a), seed.message(what("fill(" + v + ")", t, n)));
            a.clear();
            assertData(Typed.newArray(t, n), Typed.toArray(a), seed.message(what("clear", t, n)));
            if (n >= 3) {
                Typed.fill(Typed.slice(a, 1, n - 2), v);
                Object edges = Typed.newArray(t, n);
                Typed.fill(edges, 1, n - 1, v);
                assertData(edges, Typed.toArray(a), seed.message(what("fill of a slice", t, n)));
            }
        }
        if (t == ElementType.FLOAT) {
            try (FloatArray f = acc.allocFloats(n)) {
                f.fill(Float.NaN);
                float[] nan = new float[n];
                java.util.Arrays.fill(nan, Float.NaN);
                assertData(nan, f.toArray(), () -> what("fill(NaN)", t, n));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ kernels

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 257, 4096, LARGE})
    void launchesAUserKernelWithAJavaTwin(int n) {
        Seed seed = Require.seed();
        Random r = seed.random();
        float[] a = new float[n], b = new float[n], c = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (r.nextFloat() - 0.5f) * 2000f;
            b[i] = (r.nextFloat() - 0.5f) * 2000f;
            c[i] = a[i] + b[i]; // one IEEE addition, correctly rounded on every backend: exact comparison
        }
        try (Program p = contractProgram();
             FloatArray x = acc.upload(a); FloatArray y = acc.upload(b); FloatArray z = acc.allocFloats(n)) {
            Kernel k = p.kernel("vector_add");
            assertEquals("vector_add", k.name());
            assertSame(p, k.program());
            Event e = k.launch(Range.of(n), x, y, z, n);
            assertNotNull(e);
            e.waitFor();
            long ns = e.kernelNanos();
            assertTrue(ns >= -1, "kernelNanos is a duration or -1");
            assertData(c, z.toArray(), seed.message("vector_add of " + n + " floats"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, LARGE})
    void launchesIntAndLongKernels(int n) {
        Seed seed = Require.seed();
        Random r = seed.random();
        int alpha = r.nextInt(201) - 100;
        int[] x = new int[n], y = new int[n], expected = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(2_000_001) - 1_000_000;   // |alpha * x + y| < 2^31: no overflow in C
            y[i] = r.nextInt(2_000_001) - 1_000_000;
            expected[i] = alpha * x[i] + y[i];
        }
        long start = (1L << 40) + r.nextInt(1000), step = 3_000_000_019L; // both beyond 32 bits
        long[] iota = new long[n];
        for (int i = 0; i < n; i++) iota[i] = start + i * step;
        try (Program p = contractProgram();
             IntArray dx = acc.upload(x); IntArray dy = acc.upload(y); LongArray out = acc.allocLongs(n)) {
            p.kernel("int_axpy").launch(Range.of(n), alpha, dx, dy, n);
            assertData(expected, dy.toArray(), seed.message("int_axpy of " + n + " ints, alpha " + alpha));
            p.kernel("long_iota").launch(Range.of(n), out, start, step, n);
            assertData(iota, out.toArray(), seed.message("long_iota of " + n + " longs"));
        }
    }

    @Test void launchesTwoDimensionalRanges() {
        int w = 37, h = 29;
        int[] expected = new int[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) expected[y * w + x] = x * 65536 + y;
        try (Program p = contractProgram(); IntArray out = acc.allocInts(w * h)) {
            Kernel k = p.kernel("grid_index");
            k.launch(Range.of(w, h), out, w, h);
            assertData(expected, out.toArray(), () -> "grid_index over Range.of(37, 29)");
            out.clear();
            k.launch(Range.of(40, 32), out, w, h); // a larger range: the kernel's bounds check keeps it inside
            assertData(expected, out.toArray(), () -> "grid_index over Range.of(40, 32)");
        }
    }

    /**
     * A kernel without an index check over awkward global sizes (primes, 1, a non-multiple of any work-group size):
     * every work-item inside runs once and none outside runs. A backend that padded the global size up to a multiple
     * of its work-group size would write past the end (on PoCL into host memory: this corrupted the JVM's own
     * structures and crashed it before the fix).
     */
    @Test void runsExactlyTheGlobalSizeAskedFor() {
        long[][] ranges = {{1}, {2}, {257}, {4099}, {1_000_003}, {37, 29}, {1, 131}, {131, 1}};
        int guard = 4096;
        for (long[] g : ranges) {
            int items = (int) (g.length == 1 ? g[0] : g[0] * g[1]);
            try (Program p = contractProgram(); IntArray out = acc.allocInts(items + guard)) {
                out.clear();
                p.kernel("mark").launch(g.length == 1 ? Range.of(g[0]) : Range.of(g[0], g[1]), out);
                int[] got = out.toArray();
                for (int i = 0; i < got.length; i++) {
                    int want = i < items ? 1 : 0;
                    if (got[i] != want) {
                        throw new AssertionError("Range " + java.util.Arrays.toString(g) + ": element " + i + " was marked "
                                + got[i] + " times, expected " + want + (i >= items ? " (past the global size)" : ""));
                    }
                }
            }
        }
    }

    @Test void launchesOnSlices() {
        Seed seed = Require.seed();
        Random r = seed.random();
        int n = 8192, m = 2048; // slice offsets of 1024, 2048 and 4096 floats: multiples of 4096 bytes
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat();
            b[i] = r.nextFloat();
        }
        float[] expected = new float[n];
        for (int i = 0; i < m; i++) expected[4096 + i] = a[1024 + i] + b[2048 + i];
        try (Program p = contractProgram(); FloatArray x = acc.upload(a); FloatArray y = acc.upload(b);
             FloatArray z = acc.allocFloats(n)) {
            p.kernel("vector_add").launch(Range.of(m), x.slice(1024, m), y.slice(2048, m), z.slice(4096, m), m);
            assertData(expected, z.toArray(), seed.message("vector_add on slices"));
        }
    }

    @Test void launchesWithAnExplicitLocalSize() {
        long local = Math.min(64, acc.device().maxWorkGroupSize());
        int n = (int) (local * 17);
        float[] a = new float[n], expected = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
            expected[i] = 2f * i; // small integers: exact in float
        }
        try (Program p = contractProgram(); FloatArray x = acc.upload(a); FloatArray z = acc.allocFloats(n)) {
            p.kernel("vector_add").launch(Range.of(n).local(local), x, x, z, n);
            assertData(expected, z.toArray(), () -> "vector_add with local size " + local);
        }
    }

    @Test void sharesProgramsByKey() {
        Program p1 = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "contract-kernels", ContractKernels::source, "");
        Program p2 = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "contract-kernels", () -> fail("built twice"), "");
        assertSame(p1, p2);
        p1.close(); // closing a shared program does nothing: the accelerator owns it
        assertFalse(p2.isClosed());
        try (FloatArray x = acc.upload(new float[] {1, 2}); FloatArray z = acc.allocFloats(2)) {
            p2.kernel("vector_add").launch(Range.of(2), x, x, z, 2);
            assertData(new float[] {2, 4}, z.toArray(), () -> "vector_add through a shared program");
        }
    }

    @Test void namesTheKernelsAProgramHasWhenOneIsMissing() {
        try (Program p = contractProgram()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.kernel("no_such_kernel"));
            assertTrue(e.getMessage().contains("no_such_kernel"), e::getMessage);
        }
    }

    @Test void rejectsWrongKernelArgumentsBeforeLaunch() {
        try (Program p = contractProgram(); FloatArray a = acc.upload(new float[] {1, 2, 3, 4});
             FloatArray c = acc.allocFloats(4); IntArray ints = acc.allocInts(4)) {
            Kernel k = p.kernel("vector_add");
            assertEquals(4, k.params().size(), () -> "the backend must report the declared parameters: " + k);
            Range r = Range.of(4);
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> k.launch(r, a, a, c));
            assertTrue(count.getMessage().contains("4 arguments"), count::getMessage);
            IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class, () -> k.launch(r, a, a, c, 4.0));
            assertTrue(scalar.getMessage().contains("argument 4"), scalar::getMessage);
            assertThrows(IllegalArgumentException.class, () -> k.launch(r, a, a, c, 4L));
            assertThrows(IllegalArgumentException.class, () -> k.launch(r, a, a, c, 4f));
            IllegalArgumentException array = assertThrows(IllegalArgumentException.class, () -> k.launch(r, ints, a, c, 4));
            assertTrue(array.getMessage().contains("argument 1"), array::getMessage);
            IllegalArgumentException order = assertThrows(IllegalArgumentException.class, () -> k.launch(r, 4, a, a, c));
            assertTrue(order.getMessage().contains("argument 1"), order::getMessage);
            assertThrows(IllegalArgumentException.class, () -> k.launch(r, a, null, c, 4));
            assertThrows(IllegalArgumentException.class, () -> k.launch(r, a, "b", c, 4));
            assertThrows(IllegalArgumentException.class, () -> k.launch(r, a, a, LocalMemory.bytes(16), 4));
            assertThrows(IllegalArgumentException.class, () -> k.launch(r, 1f, a, c, 4));
            assertData(new float[4], c.toArray(), () -> "a rejected launch wrote its output");
            assertData(new int[4], ints.toArray(), () -> "a rejected launch wrote an array");
        }
    }

    // ------------------------------------------------------------------------------------------------ ranges

    @Test void rejectsInvalidRanges() {
        assertThrows(IllegalArgumentException.class, () -> Range.of(-1));
        assertThrows(IllegalArgumentException.class, () -> Range.of(4, -1));
        assertThrows(IllegalArgumentException.class, () -> Range.of(4, 4, -2));
        assertThrows(IllegalArgumentException.class, () -> Range.of(8).local());       // zero local dimensions
        assertThrows(IllegalArgumentException.class, () -> Range.of(8, 8).local(8));   // fewer than the global's
        assertThrows(IllegalArgumentException.class, () -> Range.of(8).local(0));
        assertThrows(IllegalArgumentException.class, () -> Range.of(8).local(-4));
        assertThrows(IllegalArgumentException.class, () -> Range.of(10).local(3));     // does not divide
        assertThrows(IllegalArgumentException.class, () -> Range.of(12, 10).local(4, 4));

        long max = acc.device().maxWorkGroupSize();
        try (Program p = contractProgram(); FloatArray a = acc.upload(new float[] {1, 2, 3, 4});
             FloatArray c = acc.allocFloats(4)) {
            Kernel k = p.kernel("vector_add");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> k.launch(Range.of(2 * max).local(2 * max), a, a, c, 4));
            assertTrue(e.getMessage().contains(String.valueOf(max)), e::getMessage);
            assertThrows(IllegalArgumentException.class, () -> k.launch(Range.of(max, 2).local(max, 2), a, a, c, 4));
            // empty ranges launch nothing
            assertNotNull(k.launch(Range.of(0), a, a, c, 4));
            k.launch(Range.of(4, 0), a, a, c, 4);
            assertData(new float[4], c.toArray(), () -> "a rejected or empty launch wrote its output");
        }
    }

    // ------------------------------------------------------------------------------------------------ lifetime

    @Test void arraysCannotBeUsedAfterClose() {
        FloatArray a = acc.upload(new float[] {1, 2, 3});
        FloatArray b = acc.allocFloats(3);
        int live = acc.liveObjects();
        a.close();
        assertEquals(live - 1, acc.liveObjects(), "closing an array frees it");
        assertTrue(a.isClosed());
        a.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, a::toArray);
        assertTrue(e.getMessage().contains("FloatArray[3]") && e.getMessage().contains("closed"), e::getMessage);
        assertThrows(IllegalStateException.class, () -> a.copyFrom(new float[3]));
        assertThrows(IllegalStateException.class, () -> a.copyTo(new float[3]));
        assertThrows(IllegalStateException.class, () -> a.fill(1f));
        assertThrows(IllegalStateException.class, a::clear);
        assertThrows(IllegalStateException.class, () -> a.get(0));
        assertThrows(IllegalStateException.class, () -> a.slice(0, 1));
        assertThrows(IllegalStateException.class, () -> b.copyFrom(a));
        assertThrows(IllegalStateException.class, () -> a.copyFrom(b));
        try (Program p = contractProgram()) {
            IllegalStateException k = assertThrows(IllegalStateException.class,
                    () -> p.kernel("vector_add").launch(Range.of(3), a, a, b, 3));
            assertTrue(k.getMessage().contains("FloatArray[3]"), k::getMessage);
        }
        FloatArray empty = acc.allocFloats(0);
        empty.close();
        assertThrows(IllegalStateException.class, empty::toArray);
        b.close();
    }

    @Test void programsCannotBeUsedAfterClose() {
        Program p = contractProgram();
        Kernel k = p.kernel("vector_add");
        assertFalse(p.isClosed());
        p.close();
        assertTrue(p.isClosed());
        p.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.kernel("vector_add"));
        assertTrue(e.getMessage().contains("contract") && e.getMessage().contains("closed"), e::getMessage);
        try (FloatArray a = acc.allocFloats(2)) {
            IllegalStateException l = assertThrows(IllegalStateException.class, () -> k.launch(Range.of(2), a, a, a, 2));
            assertTrue(l.getMessage().contains("contract"), l::getMessage);
        }
    }

    @Test void nothingCanBeUsedAfterTheAcceleratorIsClosed() {
        Accelerator other = open();
        FloatArray a = other.upload(new float[] {1, 2});
        FloatArray s = a.slice(1, 1);
        Program p = other.program(ContractKernels.source());
        Kernel k = p.kernel("vector_add");
        assertEquals(2, other.liveObjects(), "one array and one program");
        String id = other.device().id();
        other.close();
        assertTrue(other.isClosed());
        assertEquals(0, other.liveObjects(), "closing the accelerator frees what it owns");
        other.close(); // idempotent
        assertTrue(a.isClosed() && s.isClosed() && p.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.allocFloats(1));
        assertTrue(e.getMessage().contains(id) && e.getMessage().contains("closed"), e::getMessage);
        assertThrows(IllegalStateException.class, () -> other.upload(new int[1]));
        assertThrows(IllegalStateException.class, () -> other.program(ContractKernels.source()));
        assertThrows(IllegalStateException.class, () -> org.gpu4j.internal.CoreAccess.get().sharedProgram(other, "k", ContractKernels::source, ""));
        assertThrows(IllegalStateException.class, other::finish);
        IllegalStateException ea = assertThrows(IllegalStateException.class, a::toArray);
        assertTrue(ea.getMessage().contains("FloatArray[2]") && ea.getMessage().contains(id), ea::getMessage);
        assertThrows(IllegalStateException.class, s::toArray);
        assertThrows(IllegalStateException.class, () -> p.kernel("vector_add"));
        assertThrows(IllegalStateException.class, () -> k.launch(Range.of(1), s, s, s, 1));
        a.close(); // closing after the accelerator: harmless
        p.close();
    }

    @Test void rejectsArraysOfAnotherAccelerator() {
        try (Accelerator other = open(); FloatArray foreign = other.upload(new float[] {1, 2, 3});
             FloatArray mine = acc.allocFloats(3); Program p = contractProgram()) {
            IllegalArgumentException copy = assertThrows(IllegalArgumentException.class, () -> mine.copyFrom(foreign));
            assertTrue(copy.getMessage().contains("another accelerator"), copy::getMessage);
            assertThrows(IllegalArgumentException.class, () -> foreign.copyFrom(mine));
            IllegalArgumentException launch = assertThrows(IllegalArgumentException.class,
                    () -> p.kernel("vector_add").launch(Range.of(3), foreign, mine, mine, 3));
            assertTrue(launch.getMessage().contains("argument 1") && launch.getMessage().contains("another accelerator"),
                    launch::getMessage);
            assertData(new float[3], mine.toArray(), () -> "a rejected copy or launch wrote the array");
        }
    }

    @Test void reportsALeakedArray() {
        int n = 4111; // a length no other test uses, to recognise this array's report
        String marker = "FloatArray[" + n + "] on " + acc.device().id();
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        try (LeakLogCapture c = new LeakLogCapture(marker, records)) {
            long before = Leaks.reported();
            int live = acc.liveObjects();
            WeakReference<FloatArray> ref = leakOne(n);
            assertEquals(live + 1, acc.liveObjects());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty()) {
                if (System.nanoTime() - deadline > 0) {
                    fail("a leaked array was not reported within 30 s (collected: " + (ref.get() == null)
                            + ", Leaks.reported() " + before + " -> " + Leaks.reported() + ")");
                }
                System.gc();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            NoLeaks.expectLeaks(1);
            assertTrue(Leaks.reported() > before, "Leaks.reported() counts the leak");
            assertEquals(live, acc.liveObjects(), "the leaked array was freed by the cleaner");
            LogRecord r = records.get(0);
            assertEquals(java.util.logging.Level.WARNING, r.getLevel());
            if (Leaks.recordingStacks()) {
                assertNotNull(r.getThrown(), "with -Dgpu4j.leaks=report the record carries the allocation stack");
                boolean here = Stream.of(r.getThrown().getStackTrace())
                        .anyMatch(f -> f.getMethodName().equals("leakOne"));
                assertTrue(here, "the stack names the allocating method leakOne");
            } else {
                assertTrue(r.getMessage().contains("-Dgpu4j.leaks=report"), r::getMessage);
            }
        }
    }

    /**
     * While open, takes the leak reports ({@code org.gpu4j.leaks}) whose message contains {@code fragment} into
     * {@code into}; every other record still goes to the root handlers, so that other tests' leaks stay visible.
     */
    private static final class LeakLogCapture implements AutoCloseable {
        private final Logger log = Logger.getLogger("org.gpu4j.leaks");
        private final boolean parents = log.getUseParentHandlers();
        private final Handler handler;

        LeakLogCapture(String fragment, List<LogRecord> into) {
            handler = new Handler() {
                @Override public void publish(LogRecord r) {
                    if (r.getMessage() != null && r.getMessage().contains(fragment)) into.add(r);
                    else for (Handler h : Logger.getLogger("").getHandlers()) h.publish(r);
                }
                @Override public void flush() {}
                @Override public void close() {}
            };
            log.addHandler(handler);
            log.setUseParentHandlers(false);
        }

        @Override public void close() {
            log.removeHandler(handler);
            log.setUseParentHandlers(parents);
        }
    }

    @Test void freesADroppedProgramWithoutALeakReport() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        try (LeakLogCapture c = new LeakLogCapture("Program '", records)) {
            int live = acc.liveObjects();
            WeakReference<Program> ref = dropProgram();
            assertEquals(live + 1, acc.liveObjects());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acc.liveObjects() != live) {
                if (System.nanoTime() - deadline > 0) {
                    fail("a dropped program was not freed within 30 s (collected: " + (ref.get() == null) + ")");
                }
                System.gc();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            Leaks.collect(Duration.ofSeconds(10));
            assertEquals(List.of(), records.stream().map(LogRecord::getMessage).toList(),
                    "a program left for the accelerator (or the Cleaner) to close is not a leak");
            try (Program again = contractProgram()) { // the device still builds and runs the same source
                assertTrue(!again.isClosed());
            }
        }
    }

    /** Builds a program and drops it without closing it, as {@code acc.program(src).kernel(k).launch(...)} does. */
    private WeakReference<Program> dropProgram() {
        Program p = contractProgram();
        return new WeakReference<>(p);
    }

    /** Allocates an array and drops it without closing it. */
    private WeakReference<FloatArray> leakOne(int n) {
        FloatArray leaked = acc.allocFloats(n);
        leaked.fill(1f);
        return new WeakReference<>(leaked);
    }

    // ------------------------------------------------------------------------------------------------ threads

    @Test void servesEightThreadsAtOnce() throws Exception {
        Seed seed = Require.seed();
        int threads = 8, rounds = 12;
        Program p = contractProgram();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int stream = t;
                done.add(pool.submit(() -> {
                    Random r = seed.random(stream);
                    go.await();
                    int checked = 0;
                    for (int round = 0; round < rounds; round++) {
                        int n = round == 0 ? 0 : 1 + r.nextInt(40_000);
                        float[] a = new float[n], b = new float[n], c = new float[n];
                        for (int i = 0; i < n; i++) {
                            a[i] = r.nextFloat() * 100f;
                            b[i] = r.nextFloat() * 100f;
                            c[i] = a[i] + b[i]; // one correctly rounded addition: exact
                        }
                        int alpha = r.nextInt(7) - 3;
                        int[] x = new int[n], y = new int[n], e = new int[n];
                        for (int i = 0; i < n; i++) {
                            x[i] = r.nextInt(1 << 20);
                            y[i] = r.nextInt(1 << 20);
                            e[i] = alpha * x[i] + y[i];
                        }
                        try (FloatArray da = acc.upload(a); FloatArray db = acc.upload(b); FloatArray dc = acc.allocFloats(n);
                             IntArray dx = acc.upload(x); IntArray dy = acc.upload(y)) {
                            p.kernel("vector_add").launch(Range.of(n), da, db, dc, n);
                            p.kernel("int_axpy").launch(Range.of(n), alpha, dx, dy, n);
                            String where = "thread " + stream + " round " + round + " n " + n;
                            assertData(c, dc.toArray(), seed.message(where + ": vector_add"));
                            assertData(e, dy.toArray(), seed.message(where + ": int_axpy"));
                            checked += 2;
                        }
                    }
                    return checked;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : done) total += f.get(2, TimeUnit.MINUTES);
            assertEquals(threads * rounds * 2, total);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES), "worker threads did not stop");
            p.close();
        }
        assertEquals(0, acc.liveObjects(), "every array and the program were closed");
    }
}
