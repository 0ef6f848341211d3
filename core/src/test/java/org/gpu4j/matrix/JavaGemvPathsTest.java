package org.gpu4j.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both gemv row kernels of the Java CPU backend, called directly: {@link VectorGemv} (this build's tests run with
 * --add-modules jdk.incubator.vector) and the scalar fallback {@link MatrixKernels#gemvF32}/{@code gemvF64}, each
 * against the oracle on shapes that leave partial groups of four rows and partial vectors of columns, bands that start
 * inside the matrix, offsets on every array (one element of padding around each), and beta = 0 over a y full of NaN.
 */
class JavaGemvPathsTest {
    // m, n: 1, below/at/above a vector (8 doubles or 16 floats on AVX-512, half that on AVX2), primes, 0 columns
    private static final int[][] SHAPES = {{1, 1}, {4, 16}, {5, 17}, {7, 7}, {9, 33}, {13, 65}, {3, 1000}, {1000, 3},
        {6, 0}, {11, 131}};

    @Test void theBuildHasTheVectorApi() {
        assertTrue(JavaGemm.vectorApi(), "surefire's argLine adds --add-modules jdk.incubator.vector: " + JavaGemm.describe());
    }

    @Test void floatBothPathsMatchTheOracle() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        for (boolean vector : new boolean[] {true, false}) {
            for (int[] s : SHAPES) {
                int m = s[0], n = s[1];
                for (int t = 0; t < 3; t++) {
                    float alpha = t == 2 ? -0.75f : 1.5f, beta = t == 0 ? 0f : 0.5f;
                    float[] a = Seeds.floats(r, m * n), x = Seeds.floats(r, n), y0 = Seeds.floats(r, m);
                    if (beta == 0f) Arrays.fill(y0, Float.NaN); // beta == 0: y is not read
                    float[] ap = pad(a), xp = pad(x), yp = pad(y0.clone());
                    // two bands, the second starting at row 1 (inside a group of four)
                    int split = Math.min(m, 1);
                    for (int[] band : new int[][] {{0, split}, {split, m}}) {
                        if (vector) VectorGemv.sgemv(ap, 1, xp, 1, yp, 1, n, band[0], band[1], alpha, beta);
                        else MatrixKernels.gemvF32(ap, 1, xp, 1, yp, 1, n, band[0], band[1], alpha, beta);
                    }
                    double[][] ref = Oracle.sgemm(alpha, a, x, beta, y0, m, 1, n);
                    String what = "vector=" + vector + " seed=" + seed + " m=" + m + " n=" + n + " alpha=" + alpha + " beta=" + beta;
                    assertEquals(-7f, yp[0], what + ": wrote before y");
                    assertEquals(-7f, yp[yp.length - 1], what + ": wrote past y");
                    for (int i = 0; i < m; i++) {
                        // n products summed, then alpha and beta: |err| <= (n+3)·ε·(|α|Σ|a||x| + |β y|), ε = 2^-24
                        assertEquals(ref[0][i], yp[i + 1], (n + 3) * 0x1p-24 * ref[1][i] + Float.MIN_NORMAL, what + " row " + i);
                    }
                }
            }
        }
    }

    @Test void doubleBothPathsMatchTheOracle() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        for (boolean vector : new boolean[] {true, false}) {
            for (int[] s : SHAPES) {
                int m = s[0], n = s[1];
                double alpha = -1.25, beta = m % 2 == 0 ? 0 : 2;
                double[] a = Seeds.doubles(r, m * n), x = Seeds.doubles(r, n), y0 = Seeds.doubles(r, m);
                if (beta == 0) Arrays.fill(y0, Double.NaN);
                double[] ap = pad(a), xp = pad(x), yp = pad(y0.clone());
                if (vector) VectorGemv.dgemv(ap, 1, xp, 1, yp, 1, n, 0, m, alpha, beta);
                else MatrixKernels.gemvF64(ap, 1, xp, 1, yp, 1, n, 0, m, alpha, beta);
                double[][] ref = Oracle.dgemm(alpha, a, x, beta, y0, m, 1, n);
                String what = "vector=" + vector + " seed=" + seed + " m=" + m + " n=" + n;
                assertEquals(-7d, yp[0], what + ": wrote before y");
                assertEquals(-7d, yp[yp.length - 1], what + ": wrote past y");
                for (int i = 0; i < m; i++) {
                    assertEquals(ref[0][i], yp[i + 1], (n + 3) * 0x1p-53 * ref[1][i] + Double.MIN_NORMAL, what + " row " + i);
                }
            }
        }
    }

    private static float[] pad(float[] v) {
        float[] p = new float[v.length + 2];
        p[0] = -7f;
        p[p.length - 1] = -7f;
        System.arraycopy(v, 0, p, 1, v.length);
        return p;
    }

    private static double[] pad(double[] v) {
        double[] p = new double[v.length + 2];
        p[0] = -7d;
        p[p.length - 1] = -7d;
        System.arraycopy(v, 0, p, 1, v.length);
        return p;
    }
}
