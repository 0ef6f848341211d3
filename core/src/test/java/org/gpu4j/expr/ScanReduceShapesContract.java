package org.gpu4j.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Expression scans and reductions against a Java oracle on sizes around the GPU shape's tile and group edges
 * (0, 1, 255, 256, 257, primes, 10^6 + 3), whatever shape the accelerator's launch plan chose: OpenCL runs it
 * CPU-shaped and again GPU-shaped (tiles of 256 in local memory, forced on PoCL). Int scans and sums are exact
 * (wrapping); float scans of small integers are exact in any order (every partial sum is an integer below 2^24);
 * float scans of random values in [0, 1) are bounded (see {@link #floatScanBounded}); a non-commutative scan checks
 * that elements are combined in index order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ScanReduceShapesContract {
    protected static final int[] SIZES = {0, 1, 255, 256, 257, 4099, 65_537, 1_000_003};

    /**
     * The sizes of every test but {@link #intScansInclusiveExclusiveExact} (which always runs all of them); a
     * subclass may leave out 10^6 + 3 where barriers are slow (PoCL running GPU-shaped kernels).
     */
    protected int[] sizes() { return SIZES; }

    protected Accelerator acc;
    private final Seed seed = Require.seed();

    protected abstract Accelerator open();

    @BeforeAll void openAccelerator() { acc = open(); }

    @AfterAll void closeAccelerator() { if (acc != null) acc.close(); }

    private String where(int n) { return "n=" + n + " on " + acc.device().id() + " " + org.gpu4j.internal.CoreAccess.get().plan(acc) + " [" + seed + "]"; }

    @Test void intScansInclusiveExclusiveExact() {
        ScanKernel inc = acc.scan("int", "0", "a+b", "k[i]", "out[i] = item", "int *k, int *out");
        ScanKernel exc = acc.scan("int", "0", "a+b", "k[i]", "out[i] = prev_item", "int *k, int *out");
        for (int n : SIZES) {
            Random r = seed.random(n);
            int[] k = new int[n];
            for (int i = 0; i < n; i++) k[i] = r.nextInt(); // wraps: exact in two's complement, any order
            try (IntArray kd = acc.upload(k); IntArray out = acc.allocInts(n)) {
                inc.launch(kd, out);
                int[] gi = out.toArray();
                exc.launch(kd, out);
                int[] ge = out.toArray();
                int s = 0;
                for (int i = 0; i < n; i++) {
                    if (ge[i] != s) assertEquals(s, ge[i], "exclusive at " + i + ", " + where(n));
                    s += k[i];
                    if (gi[i] != s) assertEquals(s, gi[i], "inclusive at " + i + ", " + where(n));
                }
            }
        }
    }

    @Test void floatScansOfSmallIntegersExact() {
        ScanKernel inc = acc.scan("float", "0", "a+b", "x[i]", "y[i] = item", "float *x, float *y");
        ScanKernel exc = acc.scan("float", "0", "a+b", "x[i]", "y[i] = prev_item", "float *x, float *y");
        for (int n : sizes()) {
            Random r = seed.random(n + 1);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = r.nextInt(17) - 8; // |partial sums| <= 8 * 10^6 < 2^24: exact
            try (FloatArray xd = acc.upload(x); FloatArray y = acc.allocFloats(n)) {
                inc.launch(xd, y);
                float[] gi = y.toArray();
                exc.launch(xd, y);
                float[] ge = y.toArray();
                float s = 0;
                for (int i = 0; i < n; i++) {
                    if (ge[i] != s) assertEquals(s, ge[i], "exclusive at " + i + ", " + where(n));
                    s += x[i];
                    if (gi[i] != s) assertEquals(s, gi[i], "inclusive at " + i + ", " + where(n));
                }
            }
        }
    }

    /**
     * Random floats in [0, 1): every shape adds each prefix in a chain of at most 2^14 roundings of positive terms
     * (segment or tile carries plus a tree of 8 levels), so the relative error is below 2^14 * 2^-24 = 2^-10.
     */
    @Test void floatScanBounded() {
        ScanKernel inc = acc.scan("float", "0", "a+b", "x[i]", "y[i] = item", "float *x, float *y");
        ScanKernel exc = acc.scan("float", "0", "a+b", "x[i]", "y[i] = prev_item", "float *x, float *y");
        for (int n : sizes()) {
            Random r = seed.random(n + 2);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = r.nextFloat();
            try (FloatArray xd = acc.upload(x); FloatArray y = acc.allocFloats(n)) {
                inc.launch(xd, y);
                float[] gi = y.toArray();
                exc.launch(xd, y);
                float[] ge = y.toArray();
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double tol = Math.scalb(s, -10) + 1e-30;
                    if (Math.abs(ge[i] - s) > tol) assertEquals(s, ge[i], tol, "exclusive at " + i + ", " + where(n));
                    s += x[i];
                    tol = Math.scalb(s, -10);
                    if (Math.abs(gi[i] - s) > tol) assertEquals(s, gi[i], tol, "inclusive at " + i + ", " + where(n));
                }
            }
        }
    }

    /** "The last non-zero so far": associative, not commutative, so any out-of-order combine shows. */
    @Test void nonCommutativeScanInIndexOrderAndInPlace() {
        ScanKernel last = acc.scan("int", "0", "b != 0 ? b : a", "k[i]", "out[i] = item", "int *k, int *out");
        ScanKernel inPlace = acc.scan("int", "0", "a+b", "k[i]", "k[i] = item", "int *k");
        for (int n : sizes()) {
            Random r = seed.random(n + 3);
            int[] k = new int[n];
            for (int i = 0; i < n; i++) k[i] = r.nextInt(8) == 0 ? 1 + r.nextInt(1000) : 0;
            try (IntArray kd = acc.upload(k); IntArray out = acc.allocInts(n)) {
                last.launch(kd, out);
                int[] g = out.toArray();
                inPlace.launch(kd);
                int[] p = kd.toArray();
                int cur = 0, s = 0;
                for (int i = 0; i < n; i++) {
                    if (k[i] != 0) cur = k[i];
                    s += k[i];
                    if (g[i] != cur) assertEquals(cur, g[i], "last non-zero at " + i + ", " + where(n));
                    if (p[i] != s) assertEquals(s, p[i], "in-place at " + i + ", " + where(n));
                }
            }
        }
    }

    @Test void reductionsOverOddSizes() {
        ReductionKernel isum = acc.reduction("int", "0", "a+b", "k[i]", "int *k");
        ReductionKernel fsum = acc.reduction("float", "0", "a+b", "x[i]", "float *x");
        ReductionKernel fmax = acc.reduction("float", "-INFINITY", "fmax(a, b)", "x[i]", "float *x");
        for (int n : sizes()) {
            Random r = seed.random(n + 4);
            int[] k = new int[n];
            float[] x = new float[n];
            int s = 0;
            double fs = 0;
            float mx = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                k[i] = r.nextInt();
                x[i] = r.nextFloat();
                s += k[i];
                fs += x[i];
                mx = Math.max(mx, x[i]);
            }
            try (IntArray kd = acc.upload(k); FloatArray xd = acc.upload(x)) {
                assertEquals(s, isum.launch(kd).intValue(), "int sum, " + where(n));
                assertEquals(mx, fmax.launch(xd).floatValue(), "float max, " + where(n));
                // positive terms, chains of at most 2^14 roundings on every shape: relative 2^-10
                float got = fsum.launch(xd).floatValue();
                assertTrue(Math.abs(got - fs) <= Math.scalb(fs, -10), "float sum " + got + " vs " + fs + ", " + where(n));
            }
        }
    }
}
