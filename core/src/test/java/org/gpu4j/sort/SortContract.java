package org.gpu4j.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.function.IntFunction;
import org.gpu4j.Accelerator;
import org.gpu4j.DoubleArray;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.LongArray;
import org.gpu4j.Sorting;
import org.gpu4j.Sorting.Order;
import org.gpu4j.expr.ExpressionException;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code acc.sorting()} against {@link Arrays#sort} and a stable Java sort (TimSort over boxed indices), on fresh
 * random data (seed in every failure message): key patterns random, all equal, sorted, reverse sorted, few
 * distinct, differing only in the top or only in the bottom byte; sizes 0, 1, 2, primes, 2^20+3, and 10^7 once;
 * NaN, ±Inf, ±0.0, MIN/MAX. Every backend must give the oracle's result exactly (so all backends give the same bits).
 * Each backend module runs it by saying how to open its accelerator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SortContract {
    protected static final int[] SIZES = {0, 1, 2, 31, 257, 65_537, (1 << 20) + 3};
    protected static final String[] PATTERNS = {"random", "equal", "sorted", "reverse", "few", "top", "bottom"};

    protected Accelerator acc;
    protected Sorting s;
    private final Seed seed = Require.seed();

    /** Opens the accelerator under test (skips, or fails under GPU4J_REQUIRE, when the backend is missing). */
    protected abstract Accelerator open();

    /** Opens {@code backend} with the sort method forced, and checks the plan took it. */
    public static Accelerator openWithSortMethod(String backend, org.gpu4j.internal.LaunchPlan.SortMethod method) {
        System.setProperty(org.gpu4j.internal.LaunchPlan.SORT_METHOD_PROPERTY, method.name().toLowerCase(java.util.Locale.ROOT));
        try {
            Accelerator acc = org.gpu4j.testing.Require.open(backend);
            org.gpu4j.internal.LaunchPlan plan = org.gpu4j.internal.CoreAccess.get().plan(acc);
            if (plan.sortMethod() != method) throw new IllegalStateException(method + " not taken: " + plan.sortMethod());
            return acc;
        } finally {
            System.clearProperty(org.gpu4j.internal.LaunchPlan.SORT_METHOD_PROPERTY);
        }
    }

    @BeforeAll void openAccelerator() {
        acc = open();
        s = acc.sorting();
    }

    @AfterAll void closeAccelerator() {
        if (acc != null) acc.close();
    }

    // ------------------------------------------------------------------ data

    static int[] ints(Random r, String pattern, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (pattern) {
                case "random" -> r.nextInt();
                case "equal" -> 42;
                case "sorted", "reverse" -> i - n / 2;
                case "few" -> r.nextInt(5) - 2;
                case "top" -> (r.nextInt(256) << 24) | 0x5a5a5a;
                case "bottom" -> 0x12345600 | r.nextInt(256);
                default -> throw new IllegalArgumentException(pattern);
            };
        }
        if (pattern.equals("reverse")) for (int i = 0; i < n / 2; i++) { int t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; }
        if (pattern.equals("random") && n > 4) { a[0] = Integer.MIN_VALUE; a[1] = Integer.MAX_VALUE; a[2] = 0; a[3] = -1; }
        return a;
    }

    static long[] longs(Random r, String pattern, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (pattern) {
                case "random" -> r.nextLong();
                case "equal" -> -7L;
                case "sorted", "reverse" -> (long) (i - n / 2) << 20;
                case "few" -> (r.nextInt(5) - 2) * 0x100000001L;
                case "top" -> ((long) r.nextInt(256) << 56) | 0x5a5a5a5a5aL;
                case "bottom" -> 0x1234567800L | r.nextInt(256);
                default -> throw new IllegalArgumentException(pattern);
            };
        }
        if (pattern.equals("reverse")) for (int i = 0; i < n / 2; i++) { long t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; }
        if (pattern.equals("random") && n > 4) { a[0] = Long.MIN_VALUE; a[1] = Long.MAX_VALUE; a[2] = 0; a[3] = -1; }
        return a;
    }

    private static final float[] FSPECIAL = {Float.NaN, Float.intBitsToFloat(0xffc00001), Float.intBitsToFloat(0x7f800001),
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.MIN_NORMAL, 1f, -1f};

    static float[] floats(Random r, String pattern, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (pattern) {
                case "random" -> r.nextInt(8) == 0 ? FSPECIAL[r.nextInt(FSPECIAL.length)] : (float) r.nextGaussian() * 1e3f;
                case "equal" -> 2.5f;
                case "sorted", "reverse" -> (i - n / 2) * 0.25f;
                case "few" -> FSPECIAL[r.nextInt(7)];   // NaNs, Infs, zeros of both signs
                case "top" -> Float.intBitsToFloat((r.nextInt(256) << 24) | 0x5a5a5a);
                case "bottom" -> Float.intBitsToFloat(0x3f345600 | r.nextInt(256));
                default -> throw new IllegalArgumentException(pattern);
            };
        }
        if (pattern.equals("reverse")) for (int i = 0; i < n / 2; i++) { float t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; }
        return a;
    }

    private static final double[] DSPECIAL = {Double.NaN, Double.longBitsToDouble(0xfff0000000000001L), Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0d, -0d, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1d, -1d};

    static double[] doubles(Random r, String pattern, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (pattern) {
                case "random" -> r.nextInt(8) == 0 ? DSPECIAL[r.nextInt(DSPECIAL.length)] : r.nextGaussian() * 1e6;
                case "equal" -> -3.25;
                case "sorted", "reverse" -> (i - n / 2) * 0.5;
                case "few" -> DSPECIAL[r.nextInt(6)];
                case "top" -> Double.longBitsToDouble(((long) r.nextInt(256) << 56) | 0x5a5a5a5aL);
                case "bottom" -> Double.longBitsToDouble(0x3ff0000012345600L | r.nextInt(256));
                default -> throw new IllegalArgumentException(pattern);
            };
        }
        if (pattern.equals("reverse")) for (int i = 0; i < n / 2; i++) { double t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; }
        return a;
    }

    /** The stable permutation sorting {@code n} keys by {@code cmp} (TimSort is stable). */
    static int[] stableOrder(int n, Comparator<Integer> cmp) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, cmp);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = idx[i];
        return out;
    }

    static int[] stableInts(int[] k, boolean desc) {
        // pack (key, index): a signed sort of the longs is the stable order
        long[] p = new long[k.length];
        for (int i = 0; i < k.length; i++) p[i] = ((long) (desc ? ~k[i] : k[i]) << 32) | i;
        Arrays.sort(p);
        int[] out = new int[k.length];
        for (int i = 0; i < k.length; i++) out[i] = (int) p[i];
        return out;
    }

    static float[] canon(float[] a) {
        float[] b = a.clone();
        for (int i = 0; i < b.length; i++) if (b[i] != b[i]) b[i] = Float.NaN;
        return b;
    }

    static double[] canon(double[] a) {
        double[] b = a.clone();
        for (int i = 0; i < b.length; i++) if (b[i] != b[i]) b[i] = Double.NaN;
        return b;
    }

    static int[] raw(float[] a) { int[] b = new int[a.length]; for (int i = 0; i < a.length; i++) b[i] = Float.floatToRawIntBits(a[i]); return b; }
    static long[] raw(double[] a) { long[] b = new long[a.length]; for (int i = 0; i < a.length; i++) b[i] = Double.doubleToRawLongBits(a[i]); return b; }

    static int[] reversed(int[] a) { int[] b = new int[a.length]; for (int i = 0; i < a.length; i++) b[i] = a[a.length - 1 - i]; return b; }
    static long[] reversed(long[] a) { long[] b = new long[a.length]; for (int i = 0; i < a.length; i++) b[i] = a[a.length - 1 - i]; return b; }

    // ------------------------------------------------------------------ keys only

    @Test void sortsIntsLikeArraysSort() {
        for (String pat : PATTERNS) for (int n : SIZES) {
            int[] k = ints(seed.random(n), pat, n);
            int[] e = k.clone();
            Arrays.sort(e);
            try (IntArray d = acc.upload(k)) {
                s.sort(d);
                assertArrayEquals(e, d.toArray(), seed.message("sort of " + n + " ints, " + pat));
                d.copyFrom(k);
                s.sort(d, Order.DESCENDING);
                assertArrayEquals(reversed(e), d.toArray(), seed.message("descending sort of " + n + " ints, " + pat));
            }
        }
    }

    @Test void sortsLongsLikeArraysSort() {
        for (String pat : PATTERNS) for (int n : new int[] {0, 1, 2, 31, 65_537, (1 << 20) + 3}) {
            long[] k = longs(seed.random(n), pat, n);
            long[] e = k.clone();
            Arrays.sort(e);
            try (LongArray d = acc.upload(k)) {
                s.sort(d);
                assertArrayEquals(e, d.toArray(), seed.message("sort of " + n + " longs, " + pat));
                d.copyFrom(k);
                s.sort(d, Order.DESCENDING);
                assertArrayEquals(reversed(e), d.toArray(), seed.message("descending sort of " + n + " longs, " + pat));
            }
        }
    }

    @Test void sortsFloatsInArraysSortOrderWithCanonicalNaN() {
        for (String pat : PATTERNS) for (int n : SIZES) {
            float[] k = floats(seed.random(n), pat, n);
            float[] e = k.clone();
            Arrays.sort(e);
            int[] want = raw(canon(e));
            try (FloatArray d = acc.upload(k)) {
                s.sort(d);
                assertArrayEquals(want, raw(d.toArray()), seed.message("sort of " + n + " floats, " + pat + " (raw bits)"));
                d.copyFrom(k);
                s.sort(d, Order.DESCENDING);
                assertArrayEquals(reversed(want), raw(d.toArray()), seed.message("descending sort of " + n + " floats, " + pat));
            }
        }
    }

    @Test void sortsDoublesInArraysSortOrderWithCanonicalNaN() {
        for (String pat : PATTERNS) for (int n : new int[] {0, 1, 2, 31, 65_537, (1 << 20) + 3}) {
            double[] k = doubles(seed.random(n), pat, n);
            double[] e = k.clone();
            Arrays.sort(e);
            long[] want = raw(canon(e));
            try (DoubleArray d = acc.upload(k)) {
                s.sort(d);
                assertArrayEquals(want, raw(d.toArray()), seed.message("sort of " + n + " doubles, " + pat + " (raw bits)"));
                d.copyFrom(k);
                s.sort(d, Order.DESCENDING);
                assertArrayEquals(reversed(want), raw(d.toArray()), seed.message("descending sort of " + n + " doubles, " + pat));
            }
        }
    }

    @Test void specialFloatsInOrder() {
        float[] k = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, -1f, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0xffc00001), -0f, 0f};
        try (FloatArray d = acc.upload(k)) {
            s.sort(d);
            float[] got = d.toArray();
            assertArrayEquals(raw(new float[] {Float.NEGATIVE_INFINITY, -1f, -0f, -0f, 0f, 0f, Float.POSITIVE_INFINITY, Float.NaN, Float.NaN}),
                    raw(got), Arrays.toString(got));
        }
    }

    @Test void tenMillionIntsOnce() {
        int n = 10_000_000;
        int[] k = ints(seed.random(7), "random", n);
        int[] e = k.clone();
        Arrays.parallelSort(e);
        try (IntArray d = acc.upload(k)) {
            long t0 = System.nanoTime();
            s.sort(d);
            int[] got = d.toArray();
            long t1 = System.nanoTime();
            System.out.printf("[SortContract] %s: sort of 10^7 random ints incl. download %.1f ms%n", acc.device().id(), (t1 - t0) / 1e6);
            assertArrayEquals(e, got, seed.message("sort of 10^7 ints"));
        }
    }

    @Test void sortsSlicesOnly() {
        Random r = seed.random(3);
        int[] k = ints(r, "random", 10_007);
        try (IntArray d = acc.upload(k)) {
            IntArray mid = d.slice(1_001, 5_003);
            s.sort(mid);
            int[] e = k.clone();
            Arrays.sort(e, 1_001, 6_004);
            assertArrayEquals(e, d.toArray(), seed.message("sort of a slice leaves the rest"));
        }
        float[] f = floats(r, "random", 4_099);
        try (FloatArray d = acc.upload(f); IntArray v = acc.allocInts(2_000)) {
            FloatArray mid = d.slice(17, 2_000);
            try (IntArray idx = s.argsort(mid)) {
                float[] part = Arrays.copyOfRange(f, 17, 2_017);
                int[] want = stableOrder(part.length, (a, b) -> Float.compare(part[a], part[b]));
                assertArrayEquals(want, idx.toArray(), seed.message("argsort of a float slice"));
            }
        }
    }

    // ------------------------------------------------------------------ stability: values, argsort

    @Test void sortByKeyIsStableWithIndexValues() {
        for (String pat : PATTERNS) for (int n : SIZES) {
            int[] k = ints(seed.random(n), pat, n);
            int[] iota = new int[n];
            for (int i = 0; i < n; i++) iota[i] = i;
            for (boolean desc : new boolean[] {false, true}) {
                int[] want = stableInts(k, desc);
                try (IntArray kd = acc.upload(k); IntArray vd = acc.upload(iota)) {
                    s.sortByKey(kd, vd, desc ? Order.DESCENDING : Order.ASCENDING);
                    assertArrayEquals(want, vd.toArray(), seed.message("values of sortByKey, " + n + " ints, " + pat + (desc ? " desc" : "")));
                    int[] ks = kd.toArray();
                    for (int i = 0; i < n; i++) if (ks[i] != k[want[i]]) fail("keys of sortByKey at " + i + " [" + seed + "]");
                }
            }
        }
    }

    @Test void argsortFloatsIsStableNaNsEqual() {
        for (String pat : PATTERNS) for (int n : new int[] {0, 1, 2, 257, 65_537}) {
            float[] k = floats(seed.random(n), pat, n);
            int[] want = stableOrder(n, (a, b) -> Float.compare(k[a], k[b]) == 0 || (k[a] != k[a] && k[b] != k[b]) ? 0 : Float.compare(k[a], k[b]));
            int[] wantDesc = stableOrder(n, (a, b) -> Float.compare(k[a], k[b]) == 0 || (k[a] != k[a] && k[b] != k[b]) ? 0 : Float.compare(k[b], k[a]));
            try (FloatArray d = acc.upload(k); IntArray idx = s.argsort(d); LongArray lidx = s.argsortLong(d, Order.DESCENDING)) {
                assertArrayEquals(want, idx.toArray(), seed.message("argsort of " + n + " floats, " + pat));
                long[] l = lidx.toArray();
                for (int i = 0; i < n; i++) if (l[i] != wantDesc[i]) fail("descending long argsort at " + i + ": " + l[i] + " vs " + wantDesc[i] + " [" + seed + "]");
                assertArrayEquals(raw(k), raw(d.toArray()), "argsort leaves its keys unchanged");
            }
        }
    }

    @Test void argsortDoublesAndLongs() {
        int n = 100_003;
        double[] k = doubles(seed.random(11), "few", n);
        long[] lk = longs(seed.random(12), "top", n);
        int[] want = stableOrder(n, (a, b) -> (k[a] != k[a] && k[b] != k[b]) ? 0 : Double.compare(k[a], k[b]));
        int[] lwant = stableOrder(n, (a, b) -> Long.compare(lk[a], lk[b]));
        try (DoubleArray d = acc.upload(k); IntArray idx = s.argsort(d); LongArray ld = acc.upload(lk); IntArray lidx = s.argsort(ld)) {
            assertArrayEquals(want, idx.toArray(), seed.message("argsort of doubles"));
            assertArrayEquals(lwant, lidx.toArray(), seed.message("argsort of longs"));
        }
    }

    @Test void sortByKeyCarriesEveryValueType() {
        int n = 70_001;
        Random r = seed.random(5);
        float[] k = floats(r, "few", n);
        int[] order = stableOrder(n, (a, b) -> (k[a] != k[a] && k[b] != k[b]) ? 0 : Float.compare(k[a], k[b]));
        float[] fv = new float[n];
        long[] lv = new long[n];
        double[] dv = new double[n];
        for (int i = 0; i < n; i++) { fv[i] = r.nextFloat(); lv[i] = r.nextLong(); dv[i] = r.nextDouble(); }
        try (FloatArray kd = acc.upload(k); FloatArray v = acc.upload(fv)) {
            s.sortByKey(kd, v);
            float[] got = v.toArray();
            for (int i = 0; i < n; i++) if (got[i] != fv[order[i]]) fail("float values at " + i + " [" + seed + "]");
        }
        try (FloatArray kd = acc.upload(k); LongArray v = acc.upload(lv)) {
            s.sortByKey(kd, v);
            long[] got = v.toArray();
            for (int i = 0; i < n; i++) if (got[i] != lv[order[i]]) fail("long values at " + i + " [" + seed + "]");
        }
        long[] lk = longs(r, "few", n);
        int[] lorder = stableInts(toIntRank(lk), false);
        try (LongArray kd = acc.upload(lk); DoubleArray v = acc.upload(dv)) {
            s.sortByKey(kd, v);
            double[] got = v.toArray();
            for (int i = 0; i < n; i++) if (got[i] != dv[lorder[i]]) fail("double values at " + i + " [" + seed + "]");
        }
        try (LongArray kd = acc.upload(lk); IntArray v = acc.upload(new int[n])) {
            s.sortByKey(kd, v, Order.DESCENDING);
            long[] got = kd.toArray();
            long[] e = lk.clone();
            Arrays.sort(e);
            assertArrayEquals(reversed(e), got, "long keys with int values, descending");
        }
    }

    /** Ranks of longs (order-preserving ints) for the packed stable oracle. */
    private static int[] toIntRank(long[] a) {
        long[] d = Arrays.stream(a).distinct().sorted().toArray();
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) out[i] = Arrays.binarySearch(d, a[i]);
        return out;
    }

    // ------------------------------------------------------------------ copyIf, partition, unique

    @Test void copyIfPartitionUniqueMatchJava() {
        for (int n : new int[] {0, 1, 2, 257, 65_537, (1 << 20) + 3}) {
            int[] k = ints(seed.random(n), "few", n);
            int[] kept = Arrays.stream(k).filter(x -> x > 0).toArray();
            int[] rest = Arrays.stream(k).filter(x -> !(x > 0)).toArray();
            try (IntArray d = acc.upload(k); IntArray out = acc.allocInts(n)) {
                long c = s.copyIf(d, out, "x > 0");
                assertEquals(kept.length, c, seed.message("copyIf count, n = " + n));
                assertArrayEquals(kept, Arrays.copyOf(out.toArray(), (int) c), seed.message("copyIf, n = " + n));
                long split = s.partition(d, out, "x > 0");
                assertEquals(kept.length, split, seed.message("partition split"));
                int[] both = new int[n];
                System.arraycopy(kept, 0, both, 0, kept.length);
                System.arraycopy(rest, 0, both, kept.length, rest.length);
                assertArrayEquals(both, out.toArray(), seed.message("partition, n = " + n));
                int[] sorted = k.clone();
                Arrays.sort(sorted);
                int[] distinct = Arrays.stream(sorted).distinct().toArray();
                d.copyFrom(sorted);
                long u = s.unique(d, out);
                assertEquals(distinct.length, u, seed.message("unique count"));
                assertArrayEquals(distinct, Arrays.copyOf(out.toArray(), (int) u), seed.message("unique"));
            }
        }
    }

    @Test void floatStreamOpsUseIndexAndNaN() {
        int n = 100_003;
        float[] k = floats(seed.random(9), "random", n);
        try (FloatArray d = acc.upload(k); FloatArray out = acc.allocFloats(n)) {
            long c = s.copyIf(d, out, "x != x || (i % 3 == 0 && x < 0.5f); // NaN, or every third below 0.5");
            float[] got = Arrays.copyOf(out.toArray(), (int) c);
            int m = 0;
            for (int i = 0; i < n; i++) if (k[i] != k[i] || (i % 3 == 0 && k[i] < 0.5f)) {
                if (Float.floatToRawIntBits(got[m]) != Float.floatToRawIntBits(k[i])) fail("copyIf element " + m + " [" + seed + "]");
                m++;
            }
            assertEquals(m, c, seed.message("copyIf count with i and NaN"));
            float[] sorted = k.clone();
            Arrays.sort(sorted);
            sorted = canon(sorted);
            d.copyFrom(sorted);
            long u = s.unique(d, out);
            float[] want = new float[n];
            int w = 0;
            for (int i = 0; i < n; i++) if (i == 0 || Float.floatToIntBits(sorted[i]) != Float.floatToIntBits(sorted[i - 1])) want[w++] = sorted[i];
            assertEquals(w, u, seed.message("unique of floats: NaNs one, -0.0 and 0.0 two"));
            assertArrayEquals(raw(Arrays.copyOf(want, w)), raw(Arrays.copyOf(out.toArray(), w)));
        }
        double[] dk = doubles(seed.random(10), "few", 1000);
        try (DoubleArray d = acc.upload(dk); DoubleArray out = acc.allocDoubles(1000); LongArray l = acc.upload(longs(seed.random(1), "few", 1000));
             LongArray lo = acc.allocLongs(1000)) {
            long c = s.partition(d, out, "x < 0");
            assertEquals(Arrays.stream(dk).filter(x -> x < 0).count(), c);
            assertEquals(Arrays.stream(l.toArray()).filter(x -> x == 0).count(), s.copyIf(l, lo, "x == 0"));
        }
    }

    // ------------------------------------------------------------------ bad input

    @Test void refusesBadInputBeforeAnyNativeCall() {
        try (IntArray k = acc.allocInts(10); IntArray v9 = acc.allocInts(9); FloatArray f = acc.allocFloats(10); IntArray big = acc.allocInts(20);
             Accelerator other = Require.open("cpu"); IntArray foreign = other.allocInts(10)) {
            assertThrows(NullPointerException.class, () -> s.sort(null));
            assertThrows(NullPointerException.class, () -> s.sort(k, null));
            assertMessage(IllegalArgumentException.class, "length", () -> s.sortByKey(k, v9));
            assertMessage(IllegalArgumentException.class, "length", () -> s.argsort(k, v9, Order.ASCENDING));
            assertMessage(IllegalArgumentException.class, "accelerator", () -> s.sortByKey(k, foreign));
            assertMessage(IllegalArgumentException.class, "accelerator", () -> s.sort(foreign));
            assertMessage(IllegalArgumentException.class, "overlap", () -> s.sortByKey(k, k));
            assertMessage(IllegalArgumentException.class, "overlap", () -> s.sortByKey(big.slice(0, 10), big.slice(5, 10)));
            assertMessage(IllegalArgumentException.class, "overlap", () -> s.argsort(big.slice(0, 10), big.slice(9, 10), Order.ASCENDING));
            assertMessage(IllegalArgumentException.class, "indices", () -> s.argsort(k, f, Order.ASCENDING));
            assertMessage(IllegalArgumentException.class, "element type", () -> s.copyIf(k, f, "x > 0"));
            assertMessage(IllegalArgumentException.class, "overlap", () -> s.copyIf(k, k, "x > 0"));
            assertMessage(IllegalArgumentException.class, "overlap", () -> s.unique(big.slice(0, 10), big.slice(3, 10)));
            ExpressionException bad = assertThrows(ExpressionException.class, () -> s.copyIf(k, big.slice(0, 10), "x >"));
            assertEquals("predicate", bad.snippetName(), bad.getMessage());
            assertThrows(ExpressionException.class, () -> s.partition(k, big.slice(10, 10), "y > 0"));
            assertThrows(ExpressionException.class, () -> s.copyIf(k, big.slice(10, 10), "x = 1"));
            assertThrows(ExpressionException.class, () -> s.copyIf(k, big.slice(10, 10), "x > 0; flags__[0] = 1"));
            assertThrows(NullPointerException.class, () -> s.copyIf(k, big.slice(10, 10), null));
            IntArray closed = acc.allocInts(10);
            closed.close();
            assertThrows(IllegalStateException.class, () -> s.sort(closed));
            assertThrows(IllegalStateException.class, () -> s.sortByKey(k, closed));
            assertThrows(IllegalStateException.class, () -> s.argsort(closed));
            assertThrows(IllegalStateException.class, () -> s.unique(closed, k));
        }
    }

    private static void assertMessage(Class<? extends Throwable> type, String part, org.junit.jupiter.api.function.Executable run) {
        Throwable t = assertThrows(type, run);
        assertTrue(t.getMessage() != null && t.getMessage().contains(part), "message should mention '" + part + "': " + t.getMessage());
    }
}
