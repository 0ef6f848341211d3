package org.gpu4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.DeviceRandom;
import org.gpu4j.DoubleArray;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.LongArray;
import org.gpu4j.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The random generators of {@code acc.random(seed)} on one backend: the Random123 known-answer vectors through the
 * device's Philox, every distribution equal bit for bit to {@link RandomReference} (the Java definition) for many
 * seeds, offsets, lengths, slices, splits over calls and launch geometries, the statistical tests of
 * {@link RandomStats} on data the device generated, and bad input refused before anything is enqueued. Each backend
 * module runs it by saying how to open its accelerator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RandomContract {
    protected Accelerator acc;

    /** Opens a fresh accelerator of the backend under test (skips, or fails under GPU4J_REQUIRE, when it is missing). */
    protected abstract Accelerator open();

    @BeforeAll void openAccelerator() { acc = open(); }

    @AfterAll void closeAccelerator() {
        if (acc != null) acc.close();
    }

    static final long[] SEEDS = {0, -1, 42, 0x243f6a8885a308d3L};
    static final long[] OFFSETS = {0, 1, 2, 3, 5, (1L << 32) - 1, (1L << 40) + 3, Long.MAX_VALUE - 2_000_000};
    static final int[] SMALL = {1, 2, 3, 5, 7, 33};

    // ---------------------------------------------------------------- known answers

    @Test void devicePhiloxMatchesRandom123() {
        RandomOps ops = new RandomOps(acc);
        for (KatVectors v : KatVectors.load()) {
            int[] c = v.counter(), k = v.key();
            // the same block twice, so the launch has more than one work-item
            int[] ctr = {c[0], c[1], c[2], c[3], c[0], c[1], c[2], c[3]}, key = {k[0], k[1], k[0], k[1]};
            int[] out = ops.philox(ctr, key, v.rounds());
            assertArrayEquals(v.expected(), java.util.Arrays.copyOfRange(out, 0, 4), acc.device().id() + ": " + v.line());
            assertArrayEquals(v.expected(), java.util.Arrays.copyOfRange(out, 4, 8), acc.device().id() + ": " + v.line());
        }
    }

    @Test void bitsOfSeedZeroAreTheZeroKnownAnswer() {
        try (IntArray x = acc.allocInts(4)) {
            acc.random(0).bits(x);
            assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, x.toArray());
        }
    }

    // ---------------------------------------------------------------- bit equality with the Java definition

    /** One fill case: a distribution with its parameters. */
    record Case(String name, Distribution d, Object p1, Object p2) {
        @Override public String toString() { return name; }
    }

    static final List<Case> CASES = List.of(
            new Case("bits", Distribution.BITS, null, null),
            new Case("uniform float", Distribution.UNIFORM_F32, null, null),
            new Case("uniform double", Distribution.UNIFORM_F64, null, null),
            new Case("int [-5, 12)", Distribution.RANGE_I32, -5, 12),
            new Case("int [MIN, MAX)", Distribution.RANGE_I32, Integer.MIN_VALUE, Integer.MAX_VALUE),
            new Case("int [7, 1e9+7)", Distribution.RANGE_I32, 7, 1_000_000_007),
            new Case("long [-5, 12)", Distribution.RANGE_I64, -5L, 12L),
            new Case("long [MIN, MAX)", Distribution.RANGE_I64, Long.MIN_VALUE, Long.MAX_VALUE),
            new Case("long [0, 3*2^61)", Distribution.RANGE_I64, 0L, 3L << 61),
            new Case("normal float (0, 1)", Distribution.NORMAL_F32, 0f, 1f),
            new Case("normal float (3, 2.5)", Distribution.NORMAL_F32, 3f, 2.5f),
            new Case("normal double (0, 1)", Distribution.NORMAL_F64, 0.0, 1.0),
            new Case("normal double (-1, 0.1)", Distribution.NORMAL_F64, -1.0, 0.1),
            new Case("exponential float 1", Distribution.EXPONENTIAL_F32, 1f, null),
            new Case("exponential float 0.25", Distribution.EXPONENTIAL_F32, 0.25f, null),
            new Case("exponential double 1", Distribution.EXPONENTIAL_F64, 1.0, null),
            new Case("exponential double 3", Distribution.EXPONENTIAL_F64, 3.0, null));

    private DeviceArray alloc(Distribution d, long n) { return acc.alloc(d.type, n); }

    /** Fills x from r through the public API. */
    static DeviceRandom fill(DeviceRandom r, Case c, DeviceArray x) {
        return switch (c.d()) {
            case BITS -> r.bits((IntArray) x);
            case UNIFORM_F32 -> r.uniform((FloatArray) x);
            case UNIFORM_F64 -> r.uniform((DoubleArray) x);
            case RANGE_I32 -> r.uniform((IntArray) x, (Integer) c.p1(), (Integer) c.p2());
            case RANGE_I64 -> r.uniform((LongArray) x, (Long) c.p1(), (Long) c.p2());
            case NORMAL_F32 -> r.normal((FloatArray) x, (Float) c.p1(), (Float) c.p2());
            case NORMAL_F64 -> r.normal((DoubleArray) x, (Double) c.p1(), (Double) c.p2());
            case EXPONENTIAL_F32 -> r.exponential((FloatArray) x, (Float) c.p1());
            case EXPONENTIAL_F64 -> r.exponential((DoubleArray) x, (Double) c.p1());
        };
    }

    /** The kernel parameters of a case, as DeviceRandom passes them (for launches with a chosen geometry). */
    static Object[] params(Case c) {
        return switch (c.d()) {
            case BITS, UNIFORM_F32, UNIFORM_F64 -> new Object[0];
            case RANGE_I32 -> new Object[] {c.p1(), (long) (Integer) c.p2() - (Integer) c.p1()};
            case RANGE_I64 -> new Object[] {c.p1(), (Long) c.p2() - (Long) c.p1()};
            case NORMAL_F32, NORMAL_F64 -> new Object[] {c.p1(), c.p2()};
            case EXPONENTIAL_F32 -> new Object[] {1.0f / (Float) c.p1()};
            case EXPONENTIAL_F64 -> new Object[] {1.0 / (Double) c.p1()};
        };
    }

    /** Elements [start, start + n) of a case by the Java definition. */
    static Object expected(Case c, long seed, long start, int n) {
        RandomReference r = new RandomReference(seed);
        return switch (c.d()) {
            case BITS -> r.bits(start, n);
            case UNIFORM_F32 -> r.uniformF32(start, n);
            case UNIFORM_F64 -> r.uniformF64(start, n);
            case RANGE_I32 -> r.rangeI32(start, n, (Integer) c.p1(), (Integer) c.p2());
            case RANGE_I64 -> r.rangeI64(start, n, (Long) c.p1(), (Long) c.p2());
            case NORMAL_F32 -> r.normalF32(start, n, (Float) c.p1(), (Float) c.p2());
            case NORMAL_F64 -> r.normalF64(start, n, (Double) c.p1(), (Double) c.p2());
            case EXPONENTIAL_F32 -> r.exponentialF32(start, n, (Float) c.p1());
            case EXPONENTIAL_F64 -> r.exponentialF64(start, n, (Double) c.p1());
        };
    }

    static Object toJava(DeviceArray a) {
        if (a instanceof FloatArray f) return f.toArray();
        if (a instanceof DoubleArray d) return d.toArray();
        if (a instanceof IntArray i) return i.toArray();
        return ((LongArray) a).toArray();
    }

    /** Bit-for-bit equality, naming the first differing element. */
    static void assertBits(String what, Object expected, Object actual) {
        int n = java.lang.reflect.Array.getLength(expected);
        assertEquals(n, java.lang.reflect.Array.getLength(actual), what + ": length");
        for (int i = 0; i < n; i++) {
            long e = bitsOf(expected, i), a = bitsOf(actual, i);
            if (e != a) {
                fail(what + ": element " + i + " expected " + java.lang.reflect.Array.get(expected, i) + " but was "
                        + java.lang.reflect.Array.get(actual, i) + " (bits " + Long.toHexString(e) + " vs " + Long.toHexString(a) + ")");
            }
        }
    }

    private static long bitsOf(Object arr, int i) {
        if (arr instanceof float[] f) return Float.floatToRawIntBits(f[i]);
        if (arr instanceof double[] d) return Double.doubleToRawLongBits(d[i]);
        if (arr instanceof int[] x) return x[i];
        return ((long[]) arr)[i];
    }

    private void checkCase(Case c, long seed, long offset, int n) {
        try (DeviceArray x = alloc(c.d(), n)) {
            DeviceRandom next = fill(acc.random(seed).at(offset), c, x);
            assertEquals(offset + n, next.offset(), "the returned generator's offset");
            assertBits(acc.device().id() + " " + c + ", seed " + seed + ", offset " + offset + ", n " + n,
                    expected(c, seed, offset, n), toJava(x));
        }
    }

    @Test void smallFillsEqualTheDefinitionForEverySeedAndOffset() {
        for (Case c : CASES) {
            for (long seed : SEEDS) {
                for (long off : OFFSETS) {
                    for (int n : SMALL) checkCase(c, seed, off, n);
                }
            }
        }
    }

    @Test void largeFillsEqualTheDefinition() {
        for (Case c : CASES) {
            checkCase(c, 42, 3, 1_000_003);
            checkCase(c, 0x243f6a8885a308d3L, (1L << 40) + 1, 100_001);
        }
    }

    @Test void emptyFillsDoNothing() {
        for (Case c : CASES) {
            try (DeviceArray x = alloc(c.d(), 0)) {
                assertEquals(17, fill(acc.random(1).at(17), c, x).offset());
            }
        }
    }

    @Test void slicesGetTheirElementsAndNothingAround() {
        for (Case c : CASES) {
            int n = 1000, from = 3, count = 990;
            try (DeviceArray x = alloc(c.d(), n)) {
                sentinel(x);
                Object before = toJava(x);
                fill(acc.random(7).at(11), c, slice(x, from, count));
                Object after = toJava(x);
                for (int i : new int[] {0, 1, 2, 993, 994, 999}) {
                    assertEquals(java.lang.reflect.Array.get(before, i), java.lang.reflect.Array.get(after, i),
                            c + ": element " + i + " outside the slice changed");
                }
                Object inside = java.lang.reflect.Array.newInstance(before.getClass().getComponentType(), count);
                System.arraycopy(after, from, inside, 0, count);
                assertBits(acc.device().id() + " " + c + " into a slice", expected(c, 7, 11, count), inside);
            }
        }
    }

    static DeviceArray slice(DeviceArray x, long from, long count) {
        if (x instanceof FloatArray f) return f.slice(from, count);
        if (x instanceof DoubleArray d) return d.slice(from, count);
        if (x instanceof IntArray i) return i.slice(from, count);
        return ((LongArray) x).slice(from, count);
    }

    private static void sentinel(DeviceArray x) {
        if (x instanceof FloatArray f) f.fill(-7f);
        else if (x instanceof DoubleArray d) d.fill(-7.0);
        else if (x instanceof IntArray i) i.fill(-7);
        else ((LongArray) x).fill(-7L);
    }

    @Test void splitsOverCallsEqualOneCall() {
        int n = 300_007;
        for (Case c : CASES) {
            Object expected = expected(c, 99, 5, n);
            for (int m : new int[] {1, 2, 3, 100_001, n - 1}) {
                try (DeviceArray x = alloc(c.d(), n)) {
                    DeviceRandom r = acc.random(99).at(5);
                    DeviceRandom rest = fill(r, c, slice(x, 0, m));                 // the returned generator ...
                    fill(rest, c, slice(x, m, n - m - 1));
                    fill(r.skip(n - 1), c, slice(x, n - 1, 1));                   // ... and skip() agree
                    assertBits(acc.device().id() + " " + c + " split at " + m, expected, toJava(x));
                }
            }
        }
    }

    @Test void anyLaunchGeometryGivesTheSameValues() {
        RandomOps ops = new RandomOps(acc);
        int n = 40_003;
        List<Range> ranges = new ArrayList<>(List.of(Range.of(1), Range.of(3), Range.of(7), Range.of(1000),
                Range.of(256).local(64), Range.of(50_000)));
        for (Case c : CASES) {
            Object expected = expected(c, 5, 9, n);
            for (Range g : ranges) {
                try (DeviceArray x = alloc(c.d(), n)) {
                    ops.fill(c.d(), x, 5, 9, g, params(c));
                    assertBits(acc.device().id() + " " + c + " launched as " + g, expected, toJava(x));
                }
            }
        }
    }

    // ---------------------------------------------------------------- statistics on device data

    private static void assertPass(RandomStats.Verdict v) { assertTrue(v.pass(), v.toString()); }

    @Test void uniformFloatsPassChiSquareMeanAndVariance() {
        try (FloatArray x = acc.allocFloats(1 << 24)) {
            acc.random(20_261_201).uniform(x);
            float[] u = x.toArray();
            assertPass(RandomStats.chiSquareUniform("uniform floats", u, 1 << 10));
            double[] d = RandomStats.toDoubles(u);
            assertPass(RandomStats.mean("uniform floats", d, 0.5, Math.sqrt(1 / 12.0)));
            assertPass(RandomStats.variance("uniform floats", d, 0.5, 1 / 12.0, 1 / 80.0));
        }
    }

    @Test void uniformDoublesPassChiSquare() {
        try (DoubleArray x = acc.allocDoubles(1 << 22)) {
            acc.random(3).uniform(x);
            double[] u = x.toArray();
            long[] counts = new long[1 << 10];
            for (double v : u) {
                assertTrue(v >= 0 && v < 1, "uniform double " + v);
                counts[(int) (v * counts.length)]++;
            }
            assertPass(RandomStats.chiSquare("uniform doubles", counts));
        }
    }

    @Test void normalsPassKolmogorovSmirnovMeanAndVariance() {
        int n = 1 << 20;
        try (FloatArray f = acc.allocFloats(n); DoubleArray d = acc.allocDoubles(n); FloatArray g = acc.allocFloats(n)) {
            acc.random(11).normal(f, 0f, 1f);
            acc.random(12).normal(d, 0.0, 1.0);
            acc.random(13).normal(g, 3f, 2f);
            double[] zf = RandomStats.toDoubles(f.toArray()), zd = d.toArray(), zg = RandomStats.toDoubles(g.toArray());
            assertPass(RandomStats.ks("normal floats", zf, RandomStats::phi));
            assertPass(RandomStats.ks("normal doubles", zd, RandomStats::phi));
            assertPass(RandomStats.ks("normal floats (3, 2)", zg, x -> RandomStats.phi((x - 3) / 2)));
            assertPass(RandomStats.mean("normal floats", zf, 0, 1));
            assertPass(RandomStats.variance("normal floats", zf, 0, 1, 3));
            assertPass(RandomStats.mean("normal doubles", zd, 0, 1));
            assertPass(RandomStats.variance("normal doubles", zd, 0, 1, 3));
            assertPass(RandomStats.mean("normal floats (3, 2)", zg, 3, 2));
            assertPass(RandomStats.variance("normal floats (3, 2)", zg, 3, 4, 3 * 16));
        }
    }

    @Test void exponentialsPassKolmogorovSmirnovMeanAndVariance() {
        int n = 1 << 20;
        try (FloatArray f = acc.allocFloats(n); DoubleArray d = acc.allocDoubles(n)) {
            acc.random(21).exponential(f, 2f);
            acc.random(22).exponential(d, 0.5);
            double[] ef = RandomStats.toDoubles(f.toArray()), ed = d.toArray();
            assertPass(RandomStats.ks("exponential floats, rate 2", ef, x -> x <= 0 ? 0 : -Math.expm1(-2 * x)));
            assertPass(RandomStats.ks("exponential doubles, rate 0.5", ed, x -> x <= 0 ? 0 : -Math.expm1(-0.5 * x)));
            // Exp(rate): mean 1/rate, variance 1/rate^2, fourth central moment 9/rate^4
            assertPass(RandomStats.mean("exponential floats", ef, 0.5, 0.5));
            assertPass(RandomStats.variance("exponential floats", ef, 0.5, 0.25, 9 / 16.0));
            assertPass(RandomStats.mean("exponential doubles", ed, 2, 2));
            assertPass(RandomStats.variance("exponential doubles", ed, 2, 4, 9 * 16.0));
        }
    }

    @Test void integerRangesPassChiSquare() {
        int n = 1 << 22;
        try (IntArray i = acc.allocInts(n); LongArray l = acc.allocLongs(n)) {
            acc.random(31).uniform(i, -5, 12);
            long[] counts = new long[17];
            for (int v : i.toArray()) {
                assertTrue(v >= -5 && v < 12, "int " + v + " outside [-5, 12)");
                counts[v + 5]++;
            }
            assertPass(RandomStats.chiSquare("ints in [-5, 12)", counts));
            acc.random(32).uniform(i, Integer.MIN_VALUE, Integer.MAX_VALUE);
            counts = new long[256];
            for (int v : i.toArray()) counts[(v >>> 24) ^ 0x80]++;     // top 8 bits; MAX_VALUE itself is excluded
            assertPass(RandomStats.chiSquare("ints in [MIN, MAX), top 8 bits", counts));
            acc.random(33).uniform(l, 0L, 3L << 61);
            counts = new long[3];
            for (long v : l.toArray()) {
                assertTrue(v >= 0 && v < 3L << 61, "long " + v + " outside [0, 3*2^61)");
                counts[(int) (v >>> 61)]++;
            }
            assertPass(RandomStats.chiSquare("longs in [0, 3*2^61), by 2^61", counts));
            acc.random(34).uniform(l, Long.MIN_VALUE, Long.MAX_VALUE);
            counts = new long[256];
            for (long v : l.toArray()) counts[(int) (v >>> 56) ^ 0x80]++;
            assertPass(RandomStats.chiSquare("longs in [MIN, MAX), top 8 bits", counts));
        }
    }

    @Test void adjacentSeedsAndOffsetsAreUncorrelated() {
        int n = 1 << 22;
        try (FloatArray a = acc.allocFloats(n + 4); FloatArray b = acc.allocFloats(n); FloatArray c = acc.allocFloats(n);
             FloatArray za = acc.allocFloats(n); FloatArray zb = acc.allocFloats(n)) {
            long s = 0x5eedL;
            acc.random(s).uniform(a);
            acc.random(s + 1).uniform(b);
            acc.random(s).at(1).uniform(c);
            double[] ua = RandomStats.toDoubles(a.toArray()), ub = RandomStats.toDoubles(b.toArray());
            double[] uc = RandomStats.toDoubles(c.toArray());
            double[] head = java.util.Arrays.copyOf(ua, n);
            assertPass(RandomStats.correlation("uniforms of seeds s and s+1", head, ub));
            assertPass(RandomStats.correlation("uniforms at offsets 0 and 1", head, uc));
            for (int lag = 2; lag <= 4; lag++) {
                assertPass(RandomStats.correlation("uniforms at offsets 0 and " + lag, head, java.util.Arrays.copyOfRange(ua, lag, lag + n)));
            }
            acc.random(s).normal(za, 0f, 1f);
            acc.random(s + 1).normal(zb, 0f, 1f);
            double[] na = RandomStats.toDoubles(za.toArray()), nb = RandomStats.toDoubles(zb.toArray());
            assertPass(RandomStats.correlation("normals of seeds s and s+1", na, nb));
            // the two normals of one Box-Muller pair are independent too
            double[] even = new double[n / 2], odd = new double[n / 2];
            for (int i = 0; i < n / 2; i++) {
                even[i] = na[2 * i];
                odd[i] = na[2 * i + 1];
            }
            assertPass(RandomStats.correlation("the two normals of a Box-Muller pair", even, odd));
        }
    }

    // ---------------------------------------------------------------- bad input

    private static void assertMessage(RuntimeException e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should name " + p);
    }

    @Test void badArgumentsAreRefusedBeforeAnythingIsEnqueued() {
        DeviceRandom r = acc.random(1);
        try (IntArray i = acc.allocInts(8); LongArray l = acc.allocLongs(8); FloatArray f = acc.allocFloats(8);
             DoubleArray d = acc.allocDoubles(8)) {
            i.fill(-7);
            f.fill(-7f);
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.at(-1)), "offset", "-1");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.skip(-1)), "n", "-1");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.at(Long.MAX_VALUE - 1).skip(2)), "2^63");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.at(Long.MAX_VALUE - 5).uniform(f)), "offset", "length");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.uniform(i, 5, 5)), "lo", "hi");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.uniform(i, 6, -6)), "lo", "hi");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.uniform(l, 3L, 3L)), "lo", "hi");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.uniform(l, Long.MAX_VALUE, Long.MIN_VALUE)), "lo", "hi");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.normal(f, 0f, -1f)), "sd");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.normal(f, 0f, Float.NaN)), "sd", "NaN");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.normal(f, 0f, Float.POSITIVE_INFINITY)), "sd");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.normal(f, Float.NaN, 1f)), "mean");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.normal(d, 0.0, -0.5)), "sd");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.normal(d, Double.NEGATIVE_INFINITY, 1.0)), "mean");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.exponential(f, 0f)), "rate");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.exponential(f, -2f)), "rate");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.exponential(f, Float.NaN)), "rate");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.exponential(d, Double.POSITIVE_INFINITY)), "rate");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> r.exponential(f, Float.MIN_VALUE)), "rate");
            assertThrows(NullPointerException.class, () -> r.uniform((FloatArray) null));
            assertThrows(NullPointerException.class, () -> r.normal((DoubleArray) null, 0, 1));
            // nothing reached the arrays
            assertArrayEquals(new int[] {-7, -7, -7, -7, -7, -7, -7, -7}, i.toArray());
            assertArrayEquals(new float[] {-7, -7, -7, -7, -7, -7, -7, -7}, f.toArray());
        }
        // sd = 0 is allowed: every element is the mean
        try (FloatArray f = acc.allocFloats(5)) {
            r.normal(f, 2.5f, 0f);
            assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f, 2.5f}, f.toArray());
        }
    }

    @Test void arraysOfAnotherAcceleratorAndClosedArraysAreRefused() {
        try (Accelerator other = open(); FloatArray foreign = other.allocFloats(4); IntArray ints = other.allocInts(4)) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> acc.random(1).uniform(foreign)), "x", "another accelerator");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> acc.random(1).uniform(ints, 0, 9)), "x", "another accelerator");
        }
        FloatArray closed = acc.allocFloats(4);
        closed.close();
        assertMessage(assertThrows(IllegalStateException.class, () -> acc.random(1).uniform(closed)), "closed");
        assertMessage(assertThrows(IllegalStateException.class, () -> acc.random(1).normal(closed, 0f, 1f)), "closed");
        Accelerator gone = open();
        DeviceRandom stale = gone.random(3);
        FloatArray orphan = gone.allocFloats(4);
        gone.close();
        assertThrows(IllegalStateException.class, () -> gone.random(3));
        assertThrows(IllegalStateException.class, () -> stale.uniform(orphan));
    }
}
