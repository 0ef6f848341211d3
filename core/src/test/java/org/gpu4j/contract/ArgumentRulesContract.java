package org.gpu4j.contract;

import static org.gpu4j.contract.Typed.assertData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceMemoryException;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelParam;
import org.gpu4j.KernelSource;
import org.gpu4j.Leaks;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.expr.ExpressionException;
import org.gpu4j.testing.NoLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14's argument rules, the same on every backend: overlapping arguments (refused when one of them is written
 * unless identical, allowed when all are read-only), every scalar and array checked against the declaration
 * (short, char, uint, float4* and float4 included) before any native call, one argument numbering (from 1) in
 * every message, exact figures where rounded ones would read the same, and a memory cap that counts only what can
 * still be used. Run on each backend by a subclass ({@code CpuArgumentRulesTest}, {@code OpenClArgumentRulesTest},
 * {@code CudaArgumentRulesTest}).
 */
@ExtendWith(NoLeaks.class)
public abstract class ArgumentRulesContract {
    protected Accelerator acc;
    private Program program;

    /** Opens a new accelerator on the device under test. */
    protected abstract Accelerator open();

    /** The kernels of {@code rules.cl} / {@code rules.cu} with their Java twins. */
    public static KernelSource source() {
        return KernelSource.resource(ContractKernels.FOLDER, "rules")
                .withJava("shift", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(2)) a.floats(1)[a.offset(1) + i] = a.floats(0)[a.offset(0) + i] + 1f;
                })
                .withJava("product", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(3)) {
                        a.floats(2)[a.offset(2) + i] = a.floats(0)[a.offset(0) + i] * a.floats(1)[a.offset(1) + i];
                    }
                })
                .withJava("twice", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(1)) a.floats(0)[a.offset(0) + i] *= 2f;
                })
                .withJava("small_scalars", (id, a) -> {
                    if (id.x() == 0) {
                        int[] out = a.ints(0);
                        int o = a.offset(0);
                        out[o] = a.intValue(1);
                        out[o + 1] = a.intValue(2);
                        out[o + 2] = a.intValue(3);
                    }
                })
                .withJava("sum4", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(2)) {
                        float[] v = a.floats(0);
                        int o = a.offset(0) + 4 * i;
                        a.floats(1)[a.offset(1) + i] = v[o] + v[o + 1] + v[o + 2] + v[o + 3];
                    }
                })
                .withJava("splat4", (id, a) -> a.floats(0)[a.offset(0)] = a.floatValue(1))
                .withJava("scalar_bits", (id, a) -> {
                    if (id.x() == 0) {
                        a.ints(0)[a.offset(0)] = Float.floatToRawIntBits(a.floatValue(3));
                        a.ints(0)[a.offset(0) + 1] = a.intValue(4);
                        a.longs(1)[a.offset(1)] = a.longValue(5);
                        a.floats(2)[a.offset(2)] = a.floatValue(3);
                    }
                })
                .withJava("double_bits", (id, a) -> {
                    if (id.x() == 0) a.longs(0)[a.offset(0)] = Double.doubleToRawLongBits(a.doubleValue(1));
                });
    }

    @BeforeEach void openAccelerator() {
        acc = open();
        assertNotNull(acc);
        program = acc.program(source());
    }

    @AfterEach void closeAccelerator() {
        if (acc != null) acc.close();
    }

    private Kernel kernel(String name) { return program.kernel(name); }

    private static float[] iota(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i % 7 + 1;
        return v;
    }

    // ------------------------------------------------------------------------------ overlapping arguments

    /** Issue 14: "Partially overlapping unaligned slices given to a user kernel run with order-dependent results on cpu while OpenCL refuses them". */
    @Test void partialOverlapWithAWrittenArgumentIsRefusedOnEveryBackend() {
        float[] init = iota(100);
        try (FloatArray a = acc.upload(init)) {
            Kernel shift = kernel("shift");
            int[][] cases = {{0, 25}, {1, 26}, {25, 0}, {3, 4}, {0, 1}};
            for (int[] c : cases) {
                FloatArray src = a.slice(c[0], 50), dst = a.slice(c[1], 50);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> shift.launch(Range.of(50), src, dst, 50), () -> "src at " + c[0] + ", dst at " + c[1]);
                assertTrue(e.getMessage().contains("argument 1 (const float* src) and argument 2 (float* dst) of kernel shift")
                        && e.getMessage().contains("overlap partially") && e.getMessage().contains("argument 2 is written (not declared const)"),
                        e::getMessage);
            }
            // a whole array and a slice of it
            IllegalArgumentException whole = assertThrows(IllegalArgumentException.class,
                    () -> shift.launch(Range.of(50), a.slice(10, 50), a, 50));
            assertTrue(whole.getMessage().contains("overlap partially"), whole::getMessage);
            assertData(init, a.toArray(), () -> "a refused launch wrote its arguments");
        }
    }

    /** Issue 14: "a read-only overlap (dot(x[0:50], x[25:75])) is refused on OpenCL but works on cpu". */
    @Test void readOnlyOverlapRunsOnEveryBackend() {
        float[] init = iota(100);
        try (FloatArray a = acc.upload(init); FloatArray out = acc.allocFloats(50)) {
            for (int[] c : new int[][] {{0, 25}, {1, 26}, {25, 0}, {3, 4}, {7, 7}}) {
                kernel("product").launch(Range.of(50), a.slice(c[0], 50), a.slice(c[1], 50), out, 50);
                float[] want = new float[50];
                for (int i = 0; i < 50; i++) want[i] = init[c[0] + i] * init[c[1] + i];
                assertData(want, out.toArray(), () -> "x at " + c[0] + ", y at " + c[1]);
            }
            float dot = acc.vectors().dot(a.slice(0, 50), a.slice(25, 50));
            float unaligned = acc.vectors().dot(a.slice(1, 50), a.slice(26, 50));
            float want = 0, want2 = 0;
            for (int i = 0; i < 50; i++) {
                want += init[i] * init[25 + i];
                want2 += init[1 + i] * init[26 + i];
            }
            assertEquals(want, dot, "dot(x[0:50], x[25:75]) (small integers: exact in any order)");
            assertEquals(want2, unaligned, "dot(x[1:51], x[26:76])");
            assertData(init, a.toArray(), () -> "read-only arguments were written");
        }
    }

    @Test void identicalSlicesRunInPlaceAndDisjointOnesRun() {
        float[] init = iota(100);
        try (FloatArray a = acc.upload(init)) {
            kernel("shift").launch(Range.of(40), a.slice(3, 40), a.slice(3, 40), 40);  // unaligned, in place
            kernel("shift").launch(Range.of(10), a.slice(50, 10), a.slice(61, 10), 10); // disjoint
            kernel("twice").launch(Range.of(5), a.slice(90, 5), 5);
            float[] want = init.clone();
            for (int i = 3; i < 43; i++) want[i] += 1;
            for (int i = 0; i < 10; i++) want[61 + i] = want[50 + i] + 1;
            for (int i = 90; i < 95; i++) want[i] *= 2;
            assertData(want, a.toArray(), () -> "in-place, disjoint and single slices");
        }
    }

    // ------------------------------------------------------------------------------ declared types

    /** Issue 14: "An Integer for a short parameter ... passes the Java check and fails in the driver (CL_INVALID_ARG_SIZE)". */
    @Test void smallIntegerScalarsAreCheckedAndPassed() {
        try (IntArray out = acc.allocInts(3)) {
            Kernel k = kernel("small_scalars");
            k.launch(Range.of(1), out, (short) -7, (byte) -3, 5);
            assertData(new int[] {-7, -3, 5}, out.toArray(), () -> "short, char and uint arguments");
            IllegalArgumentException shortInt = assertThrows(IllegalArgumentException.class,
                    () -> k.launch(Range.of(1), out, 7, (byte) 1, 5));
            assertTrue(shortInt.getMessage().contains("argument 2 (short s) of kernel small_scalars: expected a Short (short), got Integer 7"),
                    shortInt::getMessage);
            IllegalArgumentException charInt = assertThrows(IllegalArgumentException.class,
                    () -> k.launch(Range.of(1), out, (short) 1, 3, 5));
            assertTrue(charInt.getMessage().contains("argument 3 (char c)") && charInt.getMessage().contains("a Byte (char)"),
                    charInt::getMessage);
            IllegalArgumentException uintShort = assertThrows(IllegalArgumentException.class,
                    () -> k.launch(Range.of(1), out, (short) 1, (byte) 1, (short) 5));
            assertTrue(uintShort.getMessage().contains("argument 4") && uintShort.getMessage().contains("an Integer"),
                    uintShort::getMessage);
            assertData(new int[] {-7, -3, 5}, out.toArray(), () -> "a refused launch ran");
        }
    }

    /**
     * Issue 21: a backend may leave an argument alone when it did not change since the kernel's last launch (OpenCL
     * keeps argument values in the kernel object). Every launch must still see its own values: a repeated value, a
     * changed one, 0.0 after -0.0, NaNs that differ only in their payload, a new array in place of a closed one (which
     * the driver may give the same address), and the same kernel launched alternately on two arrays.
     */
    @Test void everyLaunchSeesItsOwnArgumentsEvenWhenMostRepeat() {
        Kernel k = kernel("scalar_bits");
        float[] fs = {1.5f, 1.5f, -0.0f, 0.0f, 0.0f, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0x7fc00002),
                Float.intBitsToFloat(0x7fc00002), Float.NaN, Float.POSITIVE_INFINITY, -3f};
        int[] is = {7, 7, 7, -1, Integer.MIN_VALUE, Integer.MIN_VALUE, 0, 0, 0, 5, 5};
        long[] ls = {1L << 40, 1L << 40, -1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, 3, 3};
        try (IntArray a1 = acc.allocInts(2); IntArray a2 = acc.allocInts(2); org.gpu4j.LongArray l1 = acc.allocLongs(1);
             FloatArray v = acc.allocFloats(1)) {
            for (int r = 0; r < fs.length; r++) {
                IntArray bits = r % 3 == 2 ? a2 : a1; // the same array several times running, then the other one
                k.launch(Range.of(1), bits, l1, v, fs[r], is[r], ls[r]);
                int[] got = bits.toArray();
                int rr = r;
                assertEquals(Float.floatToRawIntBits(fs[r]), got[0], () -> "launch " + rr + ": float bits");
                assertEquals(is[r], got[1], () -> "launch " + rr + ": int");
                assertEquals(ls[r], l1.toArray()[0], () -> "launch " + rr + ": long");
            }
            // a closed array's replacement (drivers reuse addresses): the kernel must write the new one
            for (int r = 0; r < 4; r++) {
                try (IntArray fresh = acc.allocInts(2)) {
                    k.launch(Range.of(1), fresh, l1, v, 2.5f, 40 + r, 9L);
                    assertData(new int[] {Float.floatToRawIntBits(2.5f), 40 + r}, fresh.toArray(), () -> "a new array");
                }
            }
            assertEquals(2.5f, v.toArray()[0]);
            if (acc.device().fp64()) {
                Kernel d = kernel("double_bits");
                double[] ds = {2.0, 2.0, -0.0, 0.0, Double.longBitsToDouble(0x7ff8000000000001L),
                        Double.longBitsToDouble(0x7ff8000000000002L), 0.1};
                for (double x : ds) {
                    d.launch(Range.of(1), l1, x);
                    assertEquals(Double.doubleToRawLongBits(x), l1.toArray()[0], () -> "double bits of " + x);
                }
            }
        }
    }

    /** Issue 14: "... or a Float for a float4 passes the Java check and fails in the driver". */
    @Test void vectorTypesAreCheckedBeforeTheDriver() {
        try (FloatArray v = acc.upload(iota(4 * 9)); FloatArray out = acc.allocFloats(9); IntArray ints = acc.allocInts(36)) {
            kernel("sum4").launch(Range.of(9), v, out, 9);
            float[] in = iota(36), want = new float[9];
            for (int i = 0; i < 9; i++) want[i] = in[4 * i] + in[4 * i + 1] + in[4 * i + 2] + in[4 * i + 3];
            assertData(want, out.toArray(), () -> "a FloatArray for a float4*");
            IllegalArgumentException wrongArray = assertThrows(IllegalArgumentException.class,
                    () -> kernel("sum4").launch(Range.of(9), ints, out, 9));
            assertTrue(wrongArray.getMessage().contains("argument 1 (const float4* v)")
                    && wrongArray.getMessage().contains("expected a FloatArray"), wrongArray::getMessage);
            Kernel splat = kernel("splat4");
            assertEquals("float4", splat.params().get(1).typeName());
            IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                    () -> splat.launch(Range.of(1), out, 1f));
            assertTrue(scalar.getMessage().contains("argument 2 (float4 v) of kernel splat4")
                    && scalar.getMessage().contains("vector types cannot be passed"), scalar::getMessage);
        }
    }

    @Test void readOnlyParametersAreReported() {
        List<KernelParam> ps = kernel("product").params();
        assertEquals(4, ps.size());
        assertTrue(ps.get(0).readOnly() && ps.get(1).readOnly(), ps::toString);
        assertTrue(!ps.get(2).readOnly() && !ps.get(3).readOnly(), ps::toString);
        assertEquals("(const float* x, const float* y, float* out, int n)", kernel("product").signature());
    }

    // ------------------------------------------------------------------------------ messages

    /** Issue 14: "expected a Integer (int)" and "Kernel.launch numbers arguments from 0 while expression kernels number them from 1". */
    @Test void argumentsAreNumberedFromOneLikeExpressionKernels() {
        try (FloatArray a = acc.allocFloats(10); FloatArray b = acc.allocFloats(10)) {
            IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                    () -> kernel("shift").launch(Range.of(10), a, b, 10f));
            assertTrue(k.getMessage().contains("argument 3 (int n) of kernel shift: expected an Integer (int), got Float 10.0"),
                    k::getMessage);
            ExpressionException e = assertThrows(ExpressionException.class,
                    () -> acc.elementwise("float *x, int k", "x[i] = k").launch(a, 10f));
            assertTrue(e.getMessage().contains("argument 2 "), e::getMessage);
            IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
                    () -> kernel("shift").launch(Range.of(10), 1f, b, 10));
            assertTrue(first.getMessage().contains("argument 1 (const float* src)"), first::getMessage);
        }
    }

    /** Issue 14: "get(10) on a length-10 array says src: range [10, 10 + 1)". */
    @Test void getOutsideTheArraySaysIndexAndLength() {
        try (FloatArray a = acc.allocFloats(10)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.get(10));
            assertTrue(e.getMessage().startsWith("index 10 is out of bounds for length 10"), e::getMessage);
            IndexOutOfBoundsException s = assertThrows(IndexOutOfBoundsException.class, () -> a.slice(5, 5).get(-1));
            assertTrue(s.getMessage().startsWith("index -1 is out of bounds for length 5"), s::getMessage);
            IndexOutOfBoundsException r = assertThrows(IndexOutOfBoundsException.class,
                    () -> a.copyTo(5, new float[10], 0, 10));
            assertTrue(r.getMessage().contains("elements [5, 15)"), r::getMessage);
        }
    }

    /** Issue 14: "cannot allocate 1073741831 FLOAT elements (4.0 GiB): more than the largest allocation of opencl:0 (4.0 GiB)". */
    @Test void allocationMessagesGiveExactBytesWhenRoundedFiguresAreEqual() {
        long max = acc.device().maxAllocation();
        if (max > 0 && max / 4 + 1 < Long.MAX_VALUE / 4) {
            long n = max / 4 + 1;
            DeviceMemoryException e = assertThrows(DeviceMemoryException.class, () -> acc.allocFloats(n));
            long bytes = n * 4;
            if (org.gpu4j.Device.formatBytes(bytes).equals(org.gpu4j.Device.formatBytes(max))) {
                assertTrue(e.getMessage().contains(bytes + " bytes") && e.getMessage().contains(max + " bytes"), e::getMessage);
            }
        }
        acc.limitMemory(64L << 20);
        List<FloatArray> held = new ArrayList<>();
        try {
            for (int i = 0; i < 63; i++) held.add(acc.allocFloats(1 << 18)); // 63 MiB
            DeviceMemoryException e = assertThrows(DeviceMemoryException.class, () -> acc.allocFloats((1 << 18) + 1));
            assertTrue(e.getMessage().contains("exactly 1048580 bytes asked, 66060288 held, 67108864 the limit"), e::getMessage);
        } finally {
            held.forEach(FloatArray::close);
        }
    }

    // ------------------------------------------------------------------------------ the memory cap

    /** Issue 14: "2,000 dropped 1 MiB arrays under a 64 MiB cap gave ~1,800 DeviceMemoryExceptions". */
    @Test void droppedArraysAreReclaimedBeforeTheCapIsReached() {
        acc.limitMemory(64L << 20);
        int live = acc.liveObjects();
        long before = Leaks.reported();
        Logger leaks = Logger.getLogger("org.gpu4j.leaks");
        Level level = leaks.getLevel();
        leaks.setLevel(Level.OFF); // 2,000 leak reports (with stacks under -Dgpu4j.leaks=report) are expected here
        int failures = 0;
        String firstFailure = null;
        try {
            for (int i = 0; i < 2000; i++) {
                try {
                    dropOne(1 << 18);
                } catch (DeviceMemoryException e) {
                    failures++;
                    if (firstFailure == null) firstFailure = e.getMessage();
                }
            }
            Leaks.collect(java.time.Duration.ofSeconds(10));
        } finally {
            leaks.setLevel(level);
        }
        long reported = Leaks.reported() - before;
        NoLeaks.expectLeaks(reported);
        assertEquals(0, failures, "DeviceMemoryExceptions for dropped arrays; first: " + firstFailure);
        assertEquals(2000, reported, "every dropped array is reported as a leak, as usual");
        assertEquals(live, acc.liveObjects(), "every dropped array was freed");

        // When it does fail, the message says how many dropped objects were reclaimed first.
        List<FloatArray> kept = new ArrayList<>();
        leaks.setLevel(Level.OFF);
        try {
            for (int i = 0; i < 60; i++) kept.add(acc.allocFloats(1 << 18));
            for (int i = 0; i < 3; i++) dropOne(1 << 18);
            DeviceMemoryException e = assertThrows(DeviceMemoryException.class, () -> acc.allocFloats(8 << 18));
            assertTrue(e.getMessage().contains("after reclaiming 3 dropped but unclosed objects"), e::getMessage);
            Leaks.collect(java.time.Duration.ofSeconds(10));
        } finally {
            leaks.setLevel(level);
            kept.forEach(FloatArray::close);
        }
        NoLeaks.expectLeaks(3);
    }

    /** Allocates a 1 MiB array, writes it and drops it without closing it. */
    private WeakReference<FloatArray> dropOne(int n) {
        FloatArray x = acc.allocFloats(n);
        x.fill(1f);
        return new WeakReference<>(x);
    }
}
