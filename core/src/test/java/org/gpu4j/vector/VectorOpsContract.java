package org.gpu4j.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.DoubleArray;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.LongArray;
import org.gpu4j.Vectors;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The vector operations of {@code acc.vectors()}, checked against a plain Java oracle on random data from
 * {@link Require#seed()} (the seed is in every failure message; {@code -Dgpu4j.seed=N} replays it). Each backend
 * module runs it by saying how to open its accelerator.
 * The oracle accumulates float in double and double with Neumaier compensation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class VectorOpsContract {
    protected static final int[] SIZES = {0, 1, 2, 31, 257, 1_000_003};
    /** Unit roundoff. */
    private static final double UF = 0x1p-24, UD = 0x1p-53;

    protected Accelerator acc;
    protected Vectors v;

    /** Opens the accelerator under test (skips, or fails under GPU4J_REQUIRE, when the backend is missing). */
    protected abstract Accelerator open();

    @BeforeAll void openAccelerator() {
        acc = open();
        v = acc.vectors();
    }

    @AfterAll void closeAccelerator() {
        if (acc != null) acc.close();
    }

    private static float[] floats(Random r, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return a;
    }

    private static double[] doubles(Random r, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = lo + (hi - lo) * r.nextDouble();
        return a;
    }

    // ------------------------------------------------------------------ comparison helpers

    /** Same value: bit-equal, any NaN equal to any NaN. */
    private static void assertSame(String what, float[] e, float[] a) {
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
            }
        }
    }

    private static void assertSame(String what, double[] e, double[] a) {
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
            }
        }
    }

    /** Within k ulps of the oracle, special values (NaN, ±Inf) identical. */
    private static void assertUlps(String what, float[] e, float[] a, int k) {
        for (int i = 0; i < e.length; i++) {
            if (Float.isFinite(e[i]) && Float.isFinite(a[i])) {
                if (Math.abs(e[i] - a[i]) > k * Math.ulp(e[i])) fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (> " + k + " ulp)");
            } else if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
            }
        }
    }

    private static void assertUlps(String what, double[] e, double[] a, int k) {
        for (int i = 0; i < e.length; i++) {
            if (Double.isFinite(e[i]) && Double.isFinite(a[i])) {
                if (Math.abs(e[i] - a[i]) > k * Math.ulp(e[i])) fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (> " + k + " ulp)");
            } else if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
            }
        }
    }

    private static void assertWithin(String what, double expected, double actual, double bound) {
        if (!(Math.abs(expected - actual) <= bound)) {
            fail(what + ": expected " + expected + " but was " + actual + " (|err| " + Math.abs(expected - actual) + " > bound " + bound + ")");
        }
    }

    /** Neumaier sum, the oracle for double reductions. */
    private static double kahan(double[] x) {
        double s = 0, c = 0;
        for (double d : x) {
            double t = s + d;
            c += Math.abs(s) >= Math.abs(d) ? (s - t) + d : (d - t) + s;
            s = t;
        }
        return s + c;
    }

    /**
     * Reduction error bound in units of the roundoff: the devices add in trees and blocks — GPU: n/(P·256) serial
     * adds per thread + 8 tree levels; PoCL: 4096/16 per block + n/P/4096 blocks + 4 lane levels (≤ 520 at n = 2^24);
     * Java: double — so no path has more than 600 + log2(n) float adds: |err| ≤ (600 + log2 n)·u·Σ|terms|.
     */
    private static double depth(int n) { return 600 + 64 - Long.numberOfLeadingZeros(Math.max(1, n)); }

    // ------------------------------------------------------------------ element-wise

    @Test void elementwiseFloat() {
        for (int n : SIZES) {
            Seed seed = Require.seed();
            Random r = seed.random();
            String at = " (n = " + n + ", " + seed + ")";
            float[] a = floats(r, n, -4, 4), b = floats(r, n, -4, 4), pos = floats(r, n, 1e-3, 100);
            if (n > 2) { b[1] = 0; a[2] = Float.NaN; }   // x/0, NaN propagation
            float alpha = (float) r.nextGaussian(), beta = (float) r.nextGaussian();
            try (FloatArray da = acc.upload(a); FloatArray db = acc.upload(b); FloatArray dp = acc.upload(pos);
                 FloatArray out = acc.allocFloats(n)) {
                float[] e = new float[n];
                v.add(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] + b[i];
                assertSame("add" + at, e, out.toArray());   // IEEE add is correctly rounded everywhere
                v.sub(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] - b[i];
                assertSame("sub" + at, e, out.toArray());
                v.mul(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] * b[i];
                assertSame("mul" + at, e, out.toArray());
                v.div(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] / b[i];
                assertUlps("div" + at, e, out.toArray(), 3);   // OpenCL allows 2.5 ulp for float division
                v.scale(alpha, da, out); for (int i = 0; i < n; i++) e[i] = alpha * a[i];
                assertSame("scale" + at, e, out.toArray());
                v.abs(da, out); for (int i = 0; i < n; i++) e[i] = Math.abs(a[i]);
                assertSame("abs" + at, e, out.toArray());
                v.sqrt(dp, out); for (int i = 0; i < n; i++) e[i] = (float) Math.sqrt(pos[i]);
                assertUlps("sqrt" + at, e, out.toArray(), 3);   // OpenCL allows 3 ulp for float sqrt
                v.sqrt(da, out); for (int i = 0; i < n; i++) e[i] = (float) Math.sqrt(a[i]);
                assertUlps("sqrt of negatives" + at, e, out.toArray(), 3);   // NaN below 0, same bound above
                v.exp(da, out); for (int i = 0; i < n; i++) e[i] = (float) Math.exp(a[i]);
                assertUlps("exp" + at, e, out.toArray(), 4);   // OpenCL: exp ≤ 3 ulp, +1 for the oracle's rounding to float
                v.log(dp, out); for (int i = 0; i < n; i++) e[i] = (float) Math.log(pos[i]);
                assertUlps("log" + at, e, out.toArray(), 4);   // OpenCL: log ≤ 3 ulp, +1 for the oracle's rounding
                v.pow(dp, da, out); for (int i = 0; i < n; i++) e[i] = (float) Math.pow(pos[i], a[i]);
                assertUlps("pow" + at, e, out.toArray(), 17);  // OpenCL: pow ≤ 16 ulp, +1 for the oracle's rounding
                v.min(da, db, out); for (int i = 0; i < n; i++) e[i] = Math.min(a[i], b[i]);
                assertSame("min" + at, e, out.toArray());
                v.max(da, db, out); for (int i = 0; i < n; i++) e[i] = Math.max(a[i], b[i]);
                assertSame("max" + at, e, out.toArray());
                v.clamp(da, -1f, 2f, out); for (int i = 0; i < n; i++) e[i] = Math.min(Math.max(a[i], -1f), 2f);
                assertSame("clamp" + at, e, out.toArray());
                v.axpby(alpha, da, beta, db, out);
                float[] got = out.toArray();
                for (int i = 0; i < n; i++) {
                    float ex = alpha * a[i] + beta * b[i];
                    // a device may contract to FMA: three roundings at most, each ≤ u·(|αa| + |βb|)
                    if (!Float.isNaN(ex)) assertWithin("axpby[" + i + "]" + at, ex, got[i], 3 * UF * (Math.abs(alpha * a[i]) + Math.abs(beta * b[i])));
                    else assertTrue(Float.isNaN(got[i]), "axpby NaN[" + i + "]" + at);
                }
                v.copy(db, out);
                v.axpy(alpha, da, out);   // out = alpha a + b
                got = out.toArray();
                for (int i = 0; i < n; i++) {
                    float ex = alpha * a[i] + b[i];
                    // FMA contraction or not: two roundings at most, each ≤ u·(|αa| + |b|)
                    if (!Float.isNaN(ex)) assertWithin("axpy[" + i + "]" + at, ex, got[i], 2 * UF * (Math.abs(alpha * a[i]) + Math.abs(b[i])));
                    else assertTrue(Float.isNaN(got[i]), "axpy NaN[" + i + "]" + at);
                }
                v.add(da, da, da);   // in place
                for (int i = 0; i < n; i++) e[i] = a[i] + a[i];
                assertSame("add in place" + at, e, da.toArray());
            }
        }
    }

    @Test void elementwiseDouble() {
        for (int n : SIZES) {
            Seed seed = Require.seed();
            Random r = seed.random();
            String at = " (n = " + n + ", " + seed + ")";
            double[] a = doubles(r, n, -4, 4), b = doubles(r, n, -4, 4), pos = doubles(r, n, 1e-3, 100);
            if (n > 2) { b[1] = 0; a[2] = Double.NaN; }
            double alpha = r.nextGaussian(), beta = r.nextGaussian();
            try (DoubleArray da = acc.upload(a); DoubleArray db = acc.upload(b); DoubleArray dp = acc.upload(pos);
                 DoubleArray out = acc.allocDoubles(n)) {
                double[] e = new double[n];
                v.add(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] + b[i];
                assertSame("add" + at, e, out.toArray());
                v.sub(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] - b[i];
                assertSame("sub" + at, e, out.toArray());
                v.mul(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] * b[i];
                assertSame("mul" + at, e, out.toArray());
                v.div(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] / b[i];
                assertSame("div" + at, e, out.toArray());   // double division is correctly rounded in OpenCL and CUDA
                v.scale(alpha, da, out); for (int i = 0; i < n; i++) e[i] = alpha * a[i];
                assertSame("scale" + at, e, out.toArray());
                v.abs(da, out); for (int i = 0; i < n; i++) e[i] = Math.abs(a[i]);
                assertSame("abs" + at, e, out.toArray());
                v.sqrt(dp, out); for (int i = 0; i < n; i++) e[i] = Math.sqrt(pos[i]);
                assertSame("sqrt" + at, e, out.toArray());  // double sqrt is correctly rounded in OpenCL and CUDA
                v.exp(da, out); for (int i = 0; i < n; i++) e[i] = Math.exp(a[i]);
                assertUlps("exp" + at, e, out.toArray(), 4);   // OpenCL: exp ≤ 3 ulp; Math.exp ≤ 1 ulp
                v.log(dp, out); for (int i = 0; i < n; i++) e[i] = Math.log(pos[i]);
                assertUlps("log" + at, e, out.toArray(), 4);   // OpenCL: log ≤ 3 ulp; Math.log ≤ 1 ulp
                v.pow(dp, da, out); for (int i = 0; i < n; i++) e[i] = Math.pow(pos[i], a[i]);
                assertUlps("pow" + at, e, out.toArray(), 17);  // OpenCL: pow ≤ 16 ulp; Math.pow ≤ 1 ulp
                v.min(da, db, out); for (int i = 0; i < n; i++) e[i] = Math.min(a[i], b[i]);
                assertSame("min" + at, e, out.toArray());
                v.max(da, db, out); for (int i = 0; i < n; i++) e[i] = Math.max(a[i], b[i]);
                assertSame("max" + at, e, out.toArray());
                v.clamp(da, -1.0, 2.0, out); for (int i = 0; i < n; i++) e[i] = Math.min(Math.max(a[i], -1.0), 2.0);
                assertSame("clamp" + at, e, out.toArray());
                v.axpby(alpha, da, beta, db, out);
                double[] got = out.toArray();
                for (int i = 0; i < n; i++) {
                    double ex = alpha * a[i] + beta * b[i];
                    // a device may contract to FMA: three roundings at most, each ≤ u·(|αa| + |βb|)
                    if (!Double.isNaN(ex)) assertWithin("axpby[" + i + "]" + at, ex, got[i], 3 * UD * (Math.abs(alpha * a[i]) + Math.abs(beta * b[i])));
                    else assertTrue(Double.isNaN(got[i]), "axpby NaN[" + i + "]" + at);
                }
                v.copy(db, out);
                v.axpy(alpha, da, out);
                got = out.toArray();
                for (int i = 0; i < n; i++) {
                    double ex = alpha * a[i] + b[i];
                    // FMA contraction or not: two roundings at most
                    if (!Double.isNaN(ex)) assertWithin("axpy[" + i + "]" + at, ex, got[i], 2 * UD * (Math.abs(alpha * a[i]) + Math.abs(b[i])));
                    else assertTrue(Double.isNaN(got[i]), "axpy NaN[" + i + "]" + at);
                }
            }
        }
    }

    @Test void signedZerosInMinMax() {
        try (FloatArray a = acc.upload(new float[] {0f, -0f, Float.NaN, 1f}); FloatArray b = acc.upload(new float[] {-0f, 0f, 1f, Float.NaN});
             FloatArray out = acc.allocFloats(4)) {
            v.min(a, b, out);
            assertSame("min", new float[] {-0f, -0f, Float.NaN, Float.NaN}, out.toArray());
            v.max(a, b, out);
            assertSame("max", new float[] {0f, 0f, Float.NaN, Float.NaN}, out.toArray());
        }
    }

    @Test void integersWrapAndDivideLikeJava() {
        for (int n : SIZES) {
            Seed seed = Require.seed();
            Random r = seed.random();
            String at = " (n = " + n + ", " + seed + ")";
            int[] a = new int[n], b = new int[n];
            long[] la = new long[n], lb = new long[n];
            int[] specials = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE};
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(); la[i] = r.nextLong();
                b[i] = r.nextInt(4) == 0 ? specials[r.nextInt(specials.length)] : r.nextInt();
                lb[i] = r.nextInt(4) == 0 ? (b[i] == Integer.MIN_VALUE ? Long.MIN_VALUE : b[i]) : r.nextLong();
            }
            if (n > 1) { a[0] = Integer.MIN_VALUE; b[0] = -1; la[0] = Long.MIN_VALUE; lb[0] = -1; a[1] = Integer.MAX_VALUE; b[1] = 0; lb[1] = 0; }
            try (IntArray da = acc.upload(a); IntArray db = acc.upload(b); IntArray out = acc.allocInts(n);
                 LongArray dla = acc.upload(la); LongArray dlb = acc.upload(lb); LongArray lout = acc.allocLongs(n)) {
                int[] e = new int[n];
                long[] le = new long[n];
                v.add(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] + b[i];
                assertArrayEq("int add" + at, e, out.toArray());
                v.sub(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] - b[i];
                assertArrayEq("int sub" + at, e, out.toArray());
                v.mul(da, db, out); for (int i = 0; i < n; i++) e[i] = a[i] * b[i];
                assertArrayEq("int mul" + at, e, out.toArray());
                v.div(da, db, out); for (int i = 0; i < n; i++) e[i] = b[i] == 0 ? 0 : a[i] / b[i];
                assertArrayEq("int div" + at, e, out.toArray());
                v.add(dla, dlb, lout); for (int i = 0; i < n; i++) le[i] = la[i] + lb[i];
                assertLongArrayEq("long add" + at, le, lout.toArray());
                v.sub(dla, dlb, lout); for (int i = 0; i < n; i++) le[i] = la[i] - lb[i];
                assertLongArrayEq("long sub" + at, le, lout.toArray());
                v.mul(dla, dlb, lout); for (int i = 0; i < n; i++) le[i] = la[i] * lb[i];
                assertLongArrayEq("long mul" + at, le, lout.toArray());
                v.div(dla, dlb, lout); for (int i = 0; i < n; i++) le[i] = lb[i] == 0 ? 0 : la[i] / lb[i];
                assertLongArrayEq("long div" + at, le, lout.toArray());
                int s = 0; for (int x : a) s += x;
                assertEquals(s, v.sum(da), "int sum wraps" + at);
                long ls = 0; for (long x : la) ls += x;
                assertEquals(ls, v.sum(dla), "long sum wraps" + at);
            }
        }
        // the wrap-around spelled out
        try (IntArray a = acc.upload(new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 7, Integer.MIN_VALUE});
             IntArray b = acc.upload(new int[] {1, -1, 0, -1}); IntArray out = acc.allocInts(4);
             LongArray la = acc.upload(new long[] {Long.MAX_VALUE, 1})) {
            v.add(a, b, out);
            assertEquals("[-2147483648, 2147483647, 7, 2147483647]", java.util.Arrays.toString(out.toArray()), "MAX+1 wraps to MIN, MIN-1 to MAX");
            v.div(a, b, out);
            assertEquals("[2147483647, -2147483648, 0, -2147483648]", java.util.Arrays.toString(out.toArray()), "x/0 = 0, MIN/-1 = MIN");
            assertEquals(Long.MIN_VALUE, v.sum(la), "Long.MAX_VALUE + 1 wraps");
            v.inclusiveScan(la, la);
            assertEquals("[9223372036854775807, -9223372036854775808]", java.util.Arrays.toString(la.toArray()), "scan wraps");
        }
    }

    // ------------------------------------------------------------------ reductions

    @Test void floatReductions() {
        for (int n : SIZES) {
            Seed seed = Require.seed();
            Random r = seed.random();
            String at = " (n = " + n + ", " + seed + ")";
            float[] x = floats(r, n, -1, 1), y = floats(r, n, -1, 1);
            double sum = 0, abs = 0, dot = 0, dotAbs = 0, ssq = 0;
            float mn = Float.POSITIVE_INFINITY, mx = Float.NEGATIVE_INFINITY;
            long imin = -1, imax = -1;
            for (int i = 0; i < n; i++) {
                sum += x[i]; abs += Math.abs(x[i]); dot += (double) x[i] * y[i]; dotAbs += Math.abs((double) x[i] * y[i]);
                ssq += (double) x[i] * x[i];
                if (x[i] < mn) { mn = x[i]; imin = i; }
                if (x[i] > mx) { mx = x[i]; imax = i; }
            }
            double bound = depth(n) * UF;
            try (FloatArray dx = acc.upload(x); FloatArray dy = acc.upload(y)) {
                assertWithin("sum" + at, sum, v.sum(dx), bound * abs + UF * Math.abs(sum));   // tree bound + final rounding to float
                assertWithin("asum" + at, abs, v.asum(dx), bound * abs + UF * abs);
                assertWithin("dot" + at, dot, v.dot(dx, dy), (bound + UF) * dotAbs + UF * Math.abs(dot)); // + one rounding per product
                assertWithin("nrm2" + at, Math.sqrt(ssq), v.nrm2(dx), (bound + 3 * UF) * Math.sqrt(ssq)); // positive terms: relative tree bound, + scale, square, sqrt
                if (n == 0) {
                    for (Runnable op : new Runnable[] {() -> v.min(dx), () -> v.max(dx), () -> v.argmin(dx), () -> v.argmax(dx), () -> v.mean(dx)}) {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op::run, "empty" + at);
                        assertTrue(e.getMessage().contains("empty"), e.getMessage());
                    }
                    continue;
                }
                assertWithin("mean" + at, sum / n, v.mean(dx), (bound * abs + UF * Math.abs(sum)) / n + UF * Math.abs(sum / n));
                assertEquals(mn, v.min(dx), "min" + at);
                assertEquals(mx, v.max(dx), "max" + at);
                assertEquals(imin, v.argmin(dx), "argmin" + at);
                assertEquals(imax, v.argmax(dx), "argmax" + at);
            }
        }
    }

    @Test void doubleReductions() {
        for (int n : SIZES) {
            Seed seed = Require.seed();
            Random r = seed.random();
            String at = " (n = " + n + ", " + seed + ")";
            double[] x = doubles(r, n, -1, 1), y = doubles(r, n, -1, 1), prod = new double[n], absx = new double[n], sq = new double[n];
            double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
            long imin = -1, imax = -1;
            double dotAbs = 0;
            for (int i = 0; i < n; i++) {
                prod[i] = x[i] * y[i]; absx[i] = Math.abs(x[i]); sq[i] = x[i] * x[i]; dotAbs += Math.abs(prod[i]);
                if (x[i] < mn) { mn = x[i]; imin = i; }
                if (x[i] > mx) { mx = x[i]; imax = i; }
            }
            double sum = kahan(x), abs = kahan(absx), dot = kahan(prod), nrm = Math.sqrt(kahan(sq));
            double bound = depth(n) * UD;
            try (DoubleArray dx = acc.upload(x); DoubleArray dy = acc.upload(y)) {
                assertWithin("sum" + at, sum, v.sum(dx), bound * abs + UD * Math.abs(sum));   // tree bound + final rounding
                assertWithin("asum" + at, abs, v.asum(dx), bound * abs + UD * abs);
                assertWithin("dot" + at, dot, v.dot(dx, dy), (bound + UD) * dotAbs + UD * Math.abs(dot));
                assertWithin("nrm2" + at, nrm, v.nrm2(dx), (bound + 4 * UD) * nrm);  // positive terms: relative bound + scale/square/sqrt
                if (n == 0) continue;
                assertWithin("mean" + at, sum / n, v.mean(dx), (bound * abs + UD * Math.abs(sum)) / n + UD * Math.abs(sum / n));
                assertEquals(mn, v.min(dx), "min" + at);
                assertEquals(mx, v.max(dx), "max" + at);
                assertEquals(imin, v.argmin(dx), "argmin" + at);
                assertEquals(imax, v.argmax(dx), "argmax" + at);
            }
        }
    }

    /** Integer-valued floats with small partial sums add exactly in any order: a lost or doubled element shows. */
    @Test void exactSumsOfIntegerValuedFloats() {
        for (int n : SIZES) {
            Seed seed = Require.seed();
            Random r = seed.random();
            float[] x = new float[n];
            double[] d = new double[n];
            long s = 0, s2 = 0;
            for (int i = 0; i < n; i++) { x[i] = r.nextInt(17) - 8; d[i] = x[i]; s += (long) x[i]; s2 += (long) (x[i] * x[i]); }
            try (FloatArray dx = acc.upload(x); DoubleArray dd = acc.upload(d)) {
                assertEquals((float) s, v.sum(dx), "sum (n = " + n + ", " + seed + ")");   // |partial sums| ≤ 8n < 2^24: exact
                assertEquals((float) s2, v.dot(dx, dx), "dot (n = " + n + ", " + seed + ")");
                assertEquals((double) s, v.sum(dd), "double sum (n = " + n + ", " + seed + ")");
            }
        }
    }

    @Test void nanAndInfinityPropagate() {
        for (int n : new int[] {1, 2, 31, 257, 1_000_003}) {
            Seed seed = Require.seed();
            Random r = seed.random();
            String at = " (n = " + n + ", " + seed + ")";
            float[] x = floats(r, n, -1, 1);
            int k = r.nextInt(n);
            float[] withNaN = x.clone();
            withNaN[k] = Float.NaN;
            int later = k + 1 + (n - k - 1 > 0 ? r.nextInt(n - k - 1) : 0);
            if (later < n) withNaN[later] = Float.NaN;   // a second NaN later: the first one's index wins
            if (k > 0) withNaN[k - 1] = 5f;              // a larger value before the NaN
            try (FloatArray dn = acc.upload(withNaN); DoubleArray dd = acc.upload(toDouble(withNaN))) {
                assertTrue(Float.isNaN(v.sum(dn)), "sum with NaN" + at);
                assertTrue(Float.isNaN(v.min(dn)), "min with NaN" + at);
                assertTrue(Float.isNaN(v.max(dn)), "max with NaN" + at);
                assertTrue(Float.isNaN(v.nrm2(dn)), "nrm2 with NaN" + at);
                assertEquals(k, v.argmax(dn), "argmax gives the first NaN" + at);
                assertEquals(k, v.argmin(dn), "argmin gives the first NaN" + at);
                assertTrue(Double.isNaN(v.sum(dd)), "double sum with NaN" + at);
                assertTrue(Double.isNaN(v.max(dd)), "double max with NaN" + at);
                assertEquals(k, v.argmax(dd), "double argmax gives the first NaN" + at);
            }
            float[] inf = x.clone();
            inf[k] = Float.POSITIVE_INFINITY;
            try (FloatArray di = acc.upload(inf)) {
                assertEquals(Float.POSITIVE_INFINITY, v.sum(di), "sum with +Inf" + at);
                assertEquals(Float.POSITIVE_INFINITY, v.max(di), "max with +Inf" + at);
                assertEquals(k, v.argmax(di), "argmax at +Inf" + at);
                assertEquals(Float.POSITIVE_INFINITY, v.nrm2(di), "nrm2 with +Inf" + at);
            }
            if (n > 1) {
                float[] both = x.clone();
                both[k] = Float.POSITIVE_INFINITY;
                both[(k + 1) % n] = Float.NEGATIVE_INFINITY;
                try (FloatArray db = acc.upload(both)) {
                    assertTrue(Float.isNaN(v.sum(db)), "sum with +Inf and -Inf is NaN" + at);
                    assertEquals(Float.NEGATIVE_INFINITY, v.min(db), "min with -Inf" + at);
                    assertEquals((k + 1) % n, v.argmin(db), "argmin at -Inf" + at);
                }
            }
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    @Test void argExtremesPickTheFirstOfTies() {
        try (FloatArray x = acc.upload(new float[] {1, 3, -2, 3, -2, 0f, -0f})) {
            assertEquals(1, v.argmax(x));
            assertEquals(2, v.argmin(x));
        }
        int n = 1_000_003;
        float[] big = new float[n];
        big[777_777] = 1; big[999_999] = 1; big[3] = -1; big[500_000] = -1;
        try (FloatArray x = acc.upload(big)) {
            assertEquals(777_777, v.argmax(x), "first of two maxima in different segments");
            assertEquals(3, v.argmin(x), "first of two minima");
        }
    }

    @Test void overflowSafeNorm() {
        float[] x = {3e30f, 4e30f, 0f};
        float[] tiny = {3e-30f, 4e-30f};
        try (FloatArray dx = acc.upload(x); FloatArray dt = acc.upload(tiny); DoubleArray dd = acc.upload(new double[] {3e300, 4e300})) {
            assertWithin("nrm2 of large floats", 5e30, v.nrm2(dx), 5e30 * 4 * UF);   // a naive float Σx² overflows to Inf
            assertWithin("nrm2 of tiny floats", 5e-30, v.nrm2(dt), 5e-30 * 4 * UF);  // a naive float Σx² underflows to 0
            assertWithin("nrm2 of large doubles", 5e300, v.nrm2(dd), 5e300 * 4 * UD);
        }
    }

    // ------------------------------------------------------------------ scans

    @Test void integerScans() {
        for (int n : SIZES) {
            Seed seed = Require.seed();
            Random r = seed.random();
            String at = " (n = " + n + ", " + seed + ")";
            int[] a = new int[n];
            long[] la = new long[n];
            for (int i = 0; i < n; i++) { a[i] = r.nextInt(); la[i] = r.nextLong(); }   // full range: sums wrap
            int[] inc = new int[n], exc = new int[n];
            long[] linc = new long[n], lexc = new long[n];
            int s = 0; long ls = 0;
            for (int i = 0; i < n; i++) { exc[i] = s; s += a[i]; inc[i] = s; lexc[i] = ls; ls += la[i]; linc[i] = ls; }
            try (IntArray da = acc.upload(a); IntArray out = acc.allocInts(n); LongArray dla = acc.upload(la); LongArray lout = acc.allocLongs(n)) {
                v.inclusiveScan(da, out);
                assertArrayEq("int inclusive" + at, inc, out.toArray());
                v.exclusiveScan(da, out);
                assertArrayEq("int exclusive" + at, exc, out.toArray());
                v.inclusiveScan(dla, lout);
                assertLongArrayEq("long inclusive" + at, linc, lout.toArray());
                v.exclusiveScan(dla, lout);
                assertLongArrayEq("long exclusive" + at, lexc, lout.toArray());
                v.exclusiveScan(da, da);   // in place
                assertArrayEq("int exclusive in place" + at, exc, da.toArray());
            }
        }
    }

    private static void assertArrayEq(String what, int[] e, int[] a) {
        for (int i = 0; i < e.length; i++) if (e[i] != a[i]) fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
    }

    private static void assertLongArrayEq(String what, long[] e, long[] a) {
        for (int i = 0; i < e.length; i++) if (e[i] != a[i]) fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
    }

    @Test void floatingScans() {
        for (int n : SIZES) {
            Seed seed = Require.seed();
            Random r = seed.random();
            String at = " (n = " + n + ", " + seed + ")";
            // integer values with |prefix| < 2^24 add exactly in any order, so the scan must match exactly
            float[] x = new float[n];
            double[] d = new double[n];
            float[] inc = new float[n], exc = new float[n];
            double[] dinc = new double[n], dexc = new double[n];
            long s = 0;
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(17) - 8; d[i] = x[i] + 0.5 * r.nextInt(3);   // doubles: multiples of 0.5, still exact
                exc[i] = s; s += (long) x[i]; inc[i] = s;
            }
            double ds = 0;
            for (int i = 0; i < n; i++) { dexc[i] = ds; ds += d[i]; dinc[i] = ds; }
            try (FloatArray dx = acc.upload(x); FloatArray out = acc.allocFloats(n); DoubleArray dd = acc.upload(d); DoubleArray dout = acc.allocDoubles(n)) {
                v.inclusiveScan(dx, out);
                assertSame("float inclusive" + at, inc, out.toArray());
                v.exclusiveScan(dx, out);
                assertSame("float exclusive" + at, exc, out.toArray());
                v.inclusiveScan(dd, dout);
                assertSame("double inclusive" + at, dinc, dout.toArray());
                v.exclusiveScan(dd, dout);
                assertSame("double exclusive" + at, dexc, dout.toArray());
                v.inclusiveScan(dx, dx);
                assertSame("float inclusive in place" + at, inc, dx.toArray());
            }
            // real values: element i within the bound of any summation order, i·u·Σ_{j≤i}|x_j| (Higham 4.3), checked
            // on small n where that bound is tight enough to catch a wrong element
            if (n > 0 && n <= 257) {
                float[] y = floats(r, n, -1, 1);
                try (FloatArray dy = acc.upload(y); FloatArray o = acc.allocFloats(n)) {
                    v.inclusiveScan(dy, o);
                    float[] got = o.toArray();
                    double p = 0, pa = 0;
                    for (int i = 0; i < n; i++) {
                        p += y[i]; pa += Math.abs(y[i]);
                        assertWithin("float inclusive real[" + i + "]" + at, p, got[i], (i + 2) * UF * pa);
                    }
                }
            }
        }
    }

    /** The sizes of {@link #scansAcrossChunks}; a subclass may drop the largest where its shape runs it slowly. */
    protected int[] chunkSizes() {
        int c = VectorKernels.SCAN_CHUNK;
        return new int[] {c - 1, c, c + 1, 7 * c + 5, 65_537, (1 << 24) + 3};
    }

    /**
     * Sizes around the CPU-shaped single-pass scan's chunks ({@link VectorKernels#SCAN_CHUNK} elements, claimed in
     * order): one chunk, one element either side, several chunks with a ragged tail, a prime, and 2^24 + 3. Integers
     * over their full range (the sums wrap), integer-valued floats whose prefixes stay below 2^24 in magnitude (exact
     * in any order), in place and out of place.
     */
    @Test void scansAcrossChunks() {
        for (int n : chunkSizes()) {
            Seed seed = Require.seed();
            Random r = seed.random(n);
            String at = " (n = " + n + ", " + seed + ")";
            boolean big = n > 1 << 20;
            int[] a = new int[n], inc = new int[n], exc = new int[n];
            float[] x = new float[n], finc = new float[n], fexc = new float[n];
            int s = 0;
            long fs = 0;
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt();
                exc[i] = s; s += a[i]; inc[i] = s;
                x[i] = r.nextInt(3) - 1;   // a random walk: |prefix| << 2^24 even at 2^24 + 3 elements
                fexc[i] = fs; fs += (long) x[i]; finc[i] = fs;
            }
            try (IntArray da = acc.upload(a); IntArray out = acc.allocInts(n); FloatArray dx = acc.upload(x);
                 FloatArray fout = acc.allocFloats(n)) {
                v.inclusiveScan(da, out);
                assertArrayEq("int inclusive" + at, inc, out.toArray());
                v.exclusiveScan(dx, fout);
                assertSame("float exclusive" + at, fexc, fout.toArray());
                v.inclusiveScan(dx, dx);   // in place
                assertSame("float inclusive in place" + at, finc, dx.toArray());
                v.exclusiveScan(da, da);   // in place
                assertArrayEq("int exclusive in place" + at, exc, da.toArray());
            }
            if (big) continue;   // the other types at the smaller sizes (the suite's time)
            long[] la = new long[n], linc = new long[n];
            double[] d = new double[n], dexc = new double[n];
            long ls = 0;
            double ds = 0;
            for (int i = 0; i < n; i++) {
                la[i] = r.nextLong(); ls += la[i]; linc[i] = ls;
                d[i] = 0.5 * (r.nextInt(5) - 2); dexc[i] = ds; ds += d[i];   // multiples of 0.5: exact
            }
            try (LongArray dla = acc.upload(la); DoubleArray dd = acc.upload(d); DoubleArray dout = acc.allocDoubles(n)) {
                v.inclusiveScan(dla, dla);
                assertLongArrayEq("long inclusive in place" + at, linc, dla.toArray());
                v.exclusiveScan(dd, dout);
                assertSame("double exclusive" + at, dexc, dout.toArray());
            }
        }
    }

    /**
     * Four threads scanning at once on one accelerator (each scan owns its counter and flags): every result exact,
     * the whole bounded by 120 s so a lost wake-up or a deadlock fails instead of hanging the build.
     */
    @Test void concurrentScansOnOneAccelerator() throws Exception {
        Seed seed = Require.seed();
        int threads = 4, rounds = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int stream = t;
                done.add(pool.submit(() -> {
                    Random r = seed.random(1000 + stream);
                    go.await();
                    int scans = 0;
                    for (int round = 0; round < rounds; round++) {
                        int n = 1 + r.nextInt(12 * VectorKernels.SCAN_CHUNK);
                        String at = " (thread " + stream + ", round " + round + ", n = " + n + ", " + seed + ")";
                        int[] a = new int[n], inc = new int[n], exc = new int[n];
                        float[] x = new float[n], fexc = new float[n];
                        int s = 0;
                        long fs = 0;
                        for (int i = 0; i < n; i++) {
                            a[i] = r.nextInt(); exc[i] = s; s += a[i]; inc[i] = s;
                            x[i] = r.nextInt(9) - 4; fexc[i] = fs; fs += (long) x[i];
                        }
                        try (IntArray da = acc.upload(a); IntArray out = acc.allocInts(n); FloatArray dx = acc.upload(x)) {
                            v.inclusiveScan(da, out);
                            v.exclusiveScan(dx, dx);
                            v.exclusiveScan(da, da);
                            assertArrayEq("int inclusive" + at, inc, out.toArray());
                            assertSame("float exclusive in place" + at, fexc, dx.toArray());
                            assertArrayEq("int exclusive in place" + at, exc, da.toArray());
                        }
                        scans += 3;
                    }
                    return scans;
                }));
            }
            go.countDown();
            int scans = 0;
            for (java.util.concurrent.Future<Integer> f : done) {
                try {
                    scans += f.get(120, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    fail("concurrent scans did not finish within 120 s (a deadlock?) [" + seed + "]");
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError ae) throw ae;
                    throw e;
                }
            }
            assertEquals(threads * rounds * 3, scans);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ arguments

    @Test void argumentsAreCheckedFirst() {
        try (FloatArray a = acc.allocFloats(3); FloatArray b = acc.allocFloats(4); FloatArray c = acc.allocFloats(3);
             FloatArray big = acc.allocFloats(10)) {
            NullPointerException npe = assertThrows(NullPointerException.class, () -> v.add(a, null, c));
            assertTrue(npe.getMessage().contains("b"), npe.getMessage());
            npe = assertThrows(NullPointerException.class, () -> v.sum((FloatArray) null));
            assertTrue(npe.getMessage().contains("x"), npe.getMessage());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.add(a, b, c));
            assertTrue(e.getMessage().contains("a has length 3") && e.getMessage().contains("b has length 4"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> v.dot(a, b));
            assertTrue(e.getMessage().contains("length"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> v.inclusiveScan(a, b));
            assertTrue(e.getMessage().contains("in has length 3"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> v.clamp(a, 2f, 1f, c));
            assertTrue(e.getMessage().contains("lo"), e.getMessage());
            try (FloatArray s1 = big.slice(0, 5); FloatArray s2 = big.slice(2, 5)) {
                e = assertThrows(IllegalArgumentException.class, () -> v.add(s1, s1, s2));
                assertTrue(e.getMessage().contains("overlap"), e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> v.inclusiveScan(s1, s2));
                assertTrue(e.getMessage().contains("overlap"), e.getMessage());
            }
            try (Accelerator other = open(); FloatArray foreign = other.allocFloats(3)) {
                e = assertThrows(IllegalArgumentException.class, () -> v.add(a, foreign, c));
                assertTrue(e.getMessage().contains("b"), e.getMessage());
            }
            FloatArray closed = acc.allocFloats(3);
            closed.close();
            assertThrows(IllegalStateException.class, () -> v.add(a, closed, c));
            assertThrows(IllegalStateException.class, () -> v.sum(closed));
        }
    }

    @Test void slicesAreRespected() {
        float[] x = new float[100];
        for (int i = 0; i < x.length; i++) x[i] = i;
        try (FloatArray dx = acc.upload(x); FloatArray s = dx.slice(10, 50); FloatArray t = dx.slice(60, 40);
             FloatArray u = dx.slice(0, 40)) {
            double e = 0;
            for (int i = 10; i < 60; i++) e += i;
            assertEquals((float) e, v.sum(s), "sum over a slice");
            assertEquals(49, v.argmax(s), "argmax indexes the slice");
            v.add(u, t, u);   // u[i] = i + (60 + i), in place, other part untouched
            float[] back = dx.toArray();
            for (int i = 0; i < 100; i++) assertEquals(i < 40 ? i + 60 + i : i, back[i], "slice add at " + i);
        }
    }
}
