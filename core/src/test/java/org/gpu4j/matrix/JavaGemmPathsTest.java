package org.gpu4j.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both float/double GEMM paths of the Java CPU backend, called directly: the Vector API kernel (this build's tests
 * run with --add-modules jdk.incubator.vector) and the auto-vectorised fallback (-Dgpu4j.cpu.vectorApi=false), each
 * against the oracle on shapes that leave partial register blocks on every side (MR = 12 or 6 rows, NR = 2 vectors),
 * both transposes, and alpha/beta including beta = 0 over a C full of NaN.
 */
class JavaGemmPathsTest {
    private static final String PROP = "gpu4j.cpu.vectorApi";
    // m, n, k: 1 and primes around the register blocks (12/6 rows, 32/16 columns); k past one or more k-blocks of
    // VectorGemm.SKC/DKC (512 or 256) and not a multiple of it; n past one column block (SNB 192 or 384 / DNB 192 columns) with a ragged
    // last block; a single column panel with enough work to run parallel (the cores then split the rows); rectangular
    private static final int[][] SHAPES = {{1, 1, 1}, {12, 32, 7}, {13, 33, 5}, {11, 31, 17}, {25, 65, 3},
        {37, 17, 129}, {1, 97, 2}, {97, 1, 3}, {24, 64, 2051}, {0, 5, 3}, {5, 0, 3}, {5, 7, 0},
        {7, 17, 63}, {65, 63, 257}, {63, 65, 513}, {257, 7, 17}, {517, 13, 67}, {65, 401, 257}, {17, 1, 300}};

    @AfterEach void restore() { System.clearProperty(PROP); }

    @Test void theBuildRunsTheVectorApiKernel() {
        assertTrue(JavaGemm.vectorApi(), "surefire's argLine adds --add-modules jdk.incubator.vector, so the Vector API"
                + " kernel must be active; got: " + JavaGemm.describe());
        assertTrue(MatrixKernels.javaGemmKernel().startsWith("Vector API, "), MatrixKernels.javaGemmKernel());
        System.setProperty(PROP, "false");
        assertTrue(!JavaGemm.vectorApi() && JavaGemm.describe().contains("turned off"), JavaGemm.describe());
    }

    @Test void sgemmBothPathsMatchTheOracle() {
        for (String path : new String[] {"true", "false"}) {
            System.setProperty(PROP, path);
            long seed = Seeds.next();
            Random r = new Random(seed);
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    boolean tA = (t & 1) != 0, tB = (t & 2) != 0;
                    int m = s[0], n = s[1], k = s[2];
                    float alpha = t == 3 ? -0.75f : 1f, beta = t == 0 ? 0f : t == 1 ? 1f : 0.5f;
                    float[] a = Seeds.floats(r, m * k), b = Seeds.floats(r, k * n), c0 = Seeds.floats(r, m * n);
                    if (beta == 0f) Arrays.fill(c0, Float.NaN); // beta == 0: C is not read, NaNs there vanish
                    float[] c = c0.clone();
                    // one element of padding on both sides: the kernel must honour offsets and stay in bounds
                    float[] ap = pad(a), bp = pad(b), cp = pad(c);
                    JavaGemm.sgemm(ap, 1, bp, 1, cp, 1, m, n, k, tA, tB, alpha, beta);
                    double[][] ref = Oracle.sgemm(alpha, Oracle.opf(a, k, m, tA), Oracle.opf(b, n, k, tB), beta, c0, m, n, k);
                    String what = "vectorApi=" + path + " seed=" + seed + " m=" + m + " n=" + n + " k=" + k + " tA=" + tA + " tB=" + tB;
                    assertEquals(-7f, cp[0], what + ": wrote before C");
                    assertEquals(-7f, cp[cp.length - 1], what + ": wrote past C");
                    for (int i = 0; i < m * n; i++) {
                        // float GEMM bound: (k+3)·ε·(|α|Σ|a||b| + |β c|), ε = 2^-24 (sums of k products, alpha, beta)
                        assertEquals(ref[0][i], cp[i + 1], (k + 3) * 0x1p-24 * ref[1][i] + Float.MIN_NORMAL, what + " at " + i);
                    }
                }
            }
        }
    }

    @Test void dgemmBothPathsMatchTheOracle() {
        for (String path : new String[] {"true", "false"}) {
            System.setProperty(PROP, path);
            long seed = Seeds.next();
            Random r = new Random(seed);
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    boolean tA = (t & 1) != 0, tB = (t & 2) != 0;
                    int m = s[0], n = s[1], k = s[2];
                    double alpha = t == 3 ? -0.75 : 1, beta = t == 0 ? 0 : t == 1 ? 1 : 0.5;
                    double[] a = Seeds.doubles(r, m * k), b = Seeds.doubles(r, k * n), c0 = Seeds.doubles(r, m * n);
                    if (beta == 0) Arrays.fill(c0, Double.NaN);
                    double[] cp = new double[m * n + 2];
                    Arrays.fill(cp, -7);
                    System.arraycopy(c0, 0, cp, 1, m * n);
                    JavaGemm.dgemm(a, 0, b, 0, cp, 1, m, n, k, tA, tB, alpha, beta);
                    double[][] ref = Oracle.dgemm(alpha, Oracle.opd(a, k, m, tA), Oracle.opd(b, n, k, tB), beta, c0, m, n, k);
                    String what = "vectorApi=" + path + " seed=" + seed + " m=" + m + " n=" + n + " k=" + k + " tA=" + tA + " tB=" + tB;
                    assertEquals(-7, cp[0], what + ": wrote before C");
                    assertEquals(-7, cp[cp.length - 1], what + ": wrote past C");
                    for (int i = 0; i < m * n; i++) {
                        // double GEMM bound: (k+3)·ε·(|α|Σ|a||b| + |β c|), ε = 2^-53
                        assertEquals(ref[0][i], cp[i + 1], (k + 3) * 0x1p-53 * ref[1][i] + Double.MIN_NORMAL, what + " at " + i);
                    }
                }
            }
        }
    }

    private static float[] pad(float[] x) {
        float[] p = new float[x.length + 2];
        p[0] = -7f;
        p[p.length - 1] = -7f;
        System.arraycopy(x, 0, p, 1, x.length);
        return p;
    }
}
