package org.gpu4j.matrix;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * GEMM for the Java CPU backend: C = alpha * op(A) * op(B) + beta * C, row-major, on the Java arrays behind device
 * arrays.
 *
 * <p>When the JVM has {@code jdk.incubator.vector} (run with {@code --add-modules jdk.incubator.vector}), float and
 * double GEMM run {@link VectorGemm}'s register-blocked kernel instead, about 3x faster; {@code
 * -Dgpu4j.cpu.vectorApi=false} turns it off. The rest of this comment is about the fallback.
 *
 * <p>Design of the fallback (what C2 vectorises, measured on JDK 17): C is first scaled by beta (zeroed when beta == 0). Then for
 * each block of columns x k-steps ({@value #NB32} x {@value #KB32} for float, {@value #NB} x {@value #KB64} for
 * double and long), op(B) is packed as one array per k-row, and the rows of C are shared out over the cores in
 * chunks; each chunk walks 8-row tiles held in ONE local array at constant row offsets ({@code ct[j + r*NB]}),
 * updating 8 rows per packed B row with alpha * a(i, k) broadcast. The float path also packs the tile's 8 rows of
 * alpha * op(A) into a small local array ({@code ap[kk*8 + r]}): read in place, the 8 rows of A (at N = 2048 a multiple of
 * 4 KiB apart) fight over one L1 set with the tile and B. The inner loop is
 * {@code j + constant} into arrays C2 can tell apart, with a constant trip count, so it runs in vector registers;
 * a flat packed B, separate row arrays, a k loop unrolled by 2 or more, or a variable trip count stay scalar
 * (about 5-10x slower, measured). The wider float block (512 columns: fewer vector-loop entries per flop) measured
 * faster than 256; its packed B (256 KiB) stays in L2 and the tile (16 KiB) in L1. Both changes together: +20-30%
 * at N = 2048 (measured against the 256-column, unpacked-A kernel in one run).
 */
final class JavaGemm {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.cpu");
    /** jdk.incubator.vector is in the boot layer and {@link VectorGemm} loads: float/double GEMM use it. */
    private static final boolean VECTOR_API_PRESENT = detectVectorApi();
    static final int NB = 256;
    /** Float block: 512 columns x 128 k-steps (packed B 256 KiB in L2, 8-row C tile 16 KiB in L1). */
    static final int NB32 = 512;
    static final int KB32 = 128;
    static final int KB64 = 128;
    private static final int MIN_PARALLEL_FLOPS = 1 << 18;

    private JavaGemm() {}

    private static boolean detectVectorApi() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "Java CPU GEMM: auto-vectorised loops (run with --add-modules "
                    + "jdk.incubator.vector for the Vector API kernel, about 3x faster)");
            return false;
        }
        try {
            String what = VectorGemm.describe();
            LOG.log(System.Logger.Level.DEBUG, "Java CPU GEMM: " + what);
            return true;
        } catch (LinkageError | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Java CPU GEMM: the Vector API kernel cannot load, using the "
                    + "auto-vectorised loops: " + e);
            return false;
        }
    }

    /**
     * Whether float and double GEMM run on the Vector API: the JVM has jdk.incubator.vector and the system property
     * {@code gpu4j.cpu.vectorApi} is not {@code false} (read on every call, so tests can compare both paths).
     */
    static boolean vectorApi() {
        return VECTOR_API_PRESENT && !"false".equalsIgnoreCase(System.getProperty("gpu4j.cpu.vectorApi"));
    }

    /** Which float/double GEMM kernel the Java CPU backend runs now, in words. */
    static String describe() {
        if (vectorApi()) return VectorGemm.describe();
        return "auto-vectorised Java loops (" + (VECTOR_API_PRESENT ? "Vector API turned off by -Dgpu4j.cpu.vectorApi=false"
                : "no jdk.incubator.vector in this JVM") + ")";
    }

    private static int chunks(int m, long work) {
        int p = Runtime.getRuntime().availableProcessors();
        if (p <= 1 || work < MIN_PARALLEL_FLOPS) return 1;
        int tiles = (m + 7) / 8;
        return Math.max(1, Math.min(tiles, p * 4));
    }

    /** Row range [from, to) of chunk {@code c} of {@code n}, on 8-row boundaries. */
    private static int bound(int m, int n, int c) {
        int tiles = (m + 7) / 8;
        return Math.min(m, (int) ((long) tiles * c / n) * 8);
    }

    private static void forChunks(int m, long work, ChunkBody body) {
        int n = chunks(m, work);
        if (n == 1) body.run(0, m);
        else IntStream.range(0, n).parallel().forEach(c -> body.run(bound(m, n, c), bound(m, n, c + 1)));
    }

    @FunctionalInterface
    private interface ChunkBody { void run(int rowFrom, int rowTo); }

    // ------------------------------------------------------------------ float

    static void sgemm(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int n, int k,
                      boolean tA, boolean tB, float alpha, float beta) {
        if (m == 0 || n == 0) return;
        forChunks(m, (long) m * n, (from, to) -> {
            int s = co + from * n, e = co + to * n;
            if (beta == 0f) Arrays.fill(c, s, e, 0f);
            else if (beta != 1f) for (int i = s; i < e; i++) c[i] *= beta;
        });
        if (k == 0) return;
        if (vectorApi()) {
            VectorGemm.sgemm(a, ao, b, bo, c, co, m, n, k, tA, tB, alpha);
            return;
        }
        float[][] bp = new float[Math.min(KB32, k)][NB32];
        for (int jb = 0; jb < n; jb += NB32) {
            int jn = Math.min(NB32, n - jb);
            for (int kb = 0; kb < k; kb += KB32) {
                int kn = Math.min(KB32, k - kb);
                for (int kk = 0; kk < kn; kk++) {
                    float[] row = bp[kk];
                    if (!tB) System.arraycopy(b, bo + (kb + kk) * n + jb, row, 0, jn);
                    else for (int j = 0; j < jn; j++) row[j] = b[bo + (jb + j) * k + kb + kk];
                }
                final int fjb = jb, fkb = kb;
                forChunks(m, 2L * m * jn * kn, (from, to) ->
                        sTiles(a, ao, tA, m, k, alpha, bp, fkb, kn, jn, c, co, n, fjb, from, to));
            }
        }
    }

    private static void sTiles(float[] a, int ao, boolean tA, int m, int k, float alpha, float[][] bp, int kb, int kn,
                               int jn, float[] c, int co, int n, int jb, int rowFrom, int rowTo) {
        final float[] ct = new float[8 * NB32];
        final float[] ap = new float[8 * KB32]; // alpha * op(A) for the tile's 8 rows, ap[kk*8 + r]; rows past m are 0
        final int rs = tA ? 1 : k, ks = tA ? m : 1;
        for (int i0 = rowFrom; i0 < rowTo; i0 += 8) {
            final int rows = Math.min(8, rowTo - i0);
            for (int r = 0; r < rows; r++) System.arraycopy(c, co + (i0 + r) * n + jb, ct, r * NB32, jn);
            final int base = ao + (tA ? kb * m + i0 : i0 * k + kb);
            for (int r = 0; r < 8; r++) {
                if (r < rows) for (int kk = 0, p = base + r * rs; kk < kn; kk++, p += ks) ap[kk * 8 + r] = alpha * a[p];
                else for (int kk = 0; kk < kn; kk++) ap[kk * 8 + r] = 0f;
            }
            for (int kk = 0; kk < kn; kk++) {
                final int q = kk * 8;
                final float a0 = ap[q], a1 = ap[q + 1], a2 = ap[q + 2], a3 = ap[q + 3];
                final float a4 = ap[q + 4], a5 = ap[q + 5], a6 = ap[q + 6], a7 = ap[q + 7];
                final float[] bk = bp[kk];
                if (jn == NB32) { // a constant trip count: C2 vectorises only this form
                    for (int j = 0; j < NB32; j++) {
                        final float bj = bk[j];
                        ct[j] += a0 * bj;
                        ct[j + NB32] += a1 * bj;
                        ct[j + 2 * NB32] += a2 * bj;
                        ct[j + 3 * NB32] += a3 * bj;
                        ct[j + 4 * NB32] += a4 * bj;
                        ct[j + 5 * NB32] += a5 * bj;
                        ct[j + 6 * NB32] += a6 * bj;
                        ct[j + 7 * NB32] += a7 * bj;
                    }
                } else {
                    for (int j = 0; j < jn; j++) {
                        final float bj = bk[j];
                        ct[j] += a0 * bj;
                        ct[j + NB32] += a1 * bj;
                        ct[j + 2 * NB32] += a2 * bj;
                        ct[j + 3 * NB32] += a3 * bj;
                        ct[j + 4 * NB32] += a4 * bj;
                        ct[j + 5 * NB32] += a5 * bj;
                        ct[j + 6 * NB32] += a6 * bj;
                        ct[j + 7 * NB32] += a7 * bj;
                    }
                }
            }
            for (int r = 0; r < rows; r++) System.arraycopy(ct, r * NB32, c, co + (i0 + r) * n + jb, jn);
        }
    }

    // ------------------------------------------------------------------ double

    static void dgemm(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int n, int k,
                      boolean tA, boolean tB, double alpha, double beta) {
        if (m == 0 || n == 0) return;
        forChunks(m, (long) m * n, (from, to) -> {
            int s = co + from * n, e = co + to * n;
            if (beta == 0d) Arrays.fill(c, s, e, 0d);
            else if (beta != 1d) for (int i = s; i < e; i++) c[i] *= beta;
        });
        if (k == 0) return;
        if (vectorApi()) {
            VectorGemm.dgemm(a, ao, b, bo, c, co, m, n, k, tA, tB, alpha);
            return;
        }
        double[][] bp = new double[Math.min(KB64, k)][NB];
        for (int jb = 0; jb < n; jb += NB) {
            int jn = Math.min(NB, n - jb);
            for (int kb = 0; kb < k; kb += KB64) {
                int kn = Math.min(KB64, k - kb);
                for (int kk = 0; kk < kn; kk++) {
                    double[] row = bp[kk];
                    if (!tB) System.arraycopy(b, bo + (kb + kk) * n + jb, row, 0, jn);
                    else for (int j = 0; j < jn; j++) row[j] = b[bo + (jb + j) * k + kb + kk];
                }
                final int fjb = jb, fkb = kb;
                forChunks(m, 2L * m * jn * kn, (from, to) ->
                        dTiles(a, ao, tA, m, k, alpha, bp, fkb, kn, jn, c, co, n, fjb, from, to));
            }
        }
    }

    private static void dTiles(double[] a, int ao, boolean tA, int m, int k, double alpha, double[][] bp, int kb,
                               int kn, int jn, double[] c, int co, int n, int jb, int rowFrom, int rowTo) {
        final double[] ct = new double[8 * NB];
        final int rs = tA ? 1 : k, ks = tA ? m : 1;
        for (int i0 = rowFrom; i0 < rowTo; i0 += 8) {
            final int rows = Math.min(8, rowTo - i0);
            for (int r = 0; r < rows; r++) System.arraycopy(c, co + (i0 + r) * n + jb, ct, r * NB, jn);
            final int base = ao + (tA ? kb * m + i0 : i0 * k + kb);
            for (int kk = 0; kk < kn; kk++) {
                final int p = base + kk * ks;
                final double a0 = alpha * a[p];
                final double a1 = rows > 1 ? alpha * a[p + rs] : 0d;
                final double a2 = rows > 2 ? alpha * a[p + 2 * rs] : 0d;
                final double a3 = rows > 3 ? alpha * a[p + 3 * rs] : 0d;
                final double a4 = rows > 4 ? alpha * a[p + 4 * rs] : 0d;
                final double a5 = rows > 5 ? alpha * a[p + 5 * rs] : 0d;
                final double a6 = rows > 6 ? alpha * a[p + 6 * rs] : 0d;
                final double a7 = rows > 7 ? alpha * a[p + 7 * rs] : 0d;
                final double[] bk = bp[kk];
                if (jn == NB) { // a constant trip count: C2 vectorises only this form
                    for (int j = 0; j < NB; j++) {
                        final double bj = bk[j];
                        ct[j] += a0 * bj;
                        ct[j + NB] += a1 * bj;
                        ct[j + 2 * NB] += a2 * bj;
                        ct[j + 3 * NB] += a3 * bj;
                        ct[j + 4 * NB] += a4 * bj;
                        ct[j + 5 * NB] += a5 * bj;
                        ct[j + 6 * NB] += a6 * bj;
                        ct[j + 7 * NB] += a7 * bj;
                    }
                } else {
                    for (int j = 0; j < jn; j++) {
                        final double bj = bk[j];
                        ct[j] += a0 * bj;
                        ct[j + NB] += a1 * bj;
                        ct[j + 2 * NB] += a2 * bj;
                        ct[j + 3 * NB] += a3 * bj;
                        ct[j + 4 * NB] += a4 * bj;
                        ct[j + 5 * NB] += a5 * bj;
                        ct[j + 6 * NB] += a6 * bj;
                        ct[j + 7 * NB] += a7 * bj;
                    }
                }
            }
            for (int r = 0; r < rows; r++) System.arraycopy(ct, r * NB, c, co + (i0 + r) * n + jb, jn);
        }
    }

    // ------------------------------------------------------------------ long (wraps like Java arithmetic)

    static void lgemm(long[] a, int ao, long[] b, int bo, long[] c, int co, int m, int n, int k,
                      boolean tA, boolean tB, long alpha, long beta) {
        if (m == 0 || n == 0) return;
        forChunks(m, (long) m * n, (from, to) -> {
            int s = co + from * n, e = co + to * n;
            if (beta == 0L) Arrays.fill(c, s, e, 0L);
            else if (beta != 1L) for (int i = s; i < e; i++) c[i] *= beta;
        });
        if (k == 0) return;
        long[][] bp = new long[Math.min(KB64, k)][NB];
        for (int jb = 0; jb < n; jb += NB) {
            int jn = Math.min(NB, n - jb);
            for (int kb = 0; kb < k; kb += KB64) {
                int kn = Math.min(KB64, k - kb);
                for (int kk = 0; kk < kn; kk++) {
                    long[] row = bp[kk];
                    if (!tB) System.arraycopy(b, bo + (kb + kk) * n + jb, row, 0, jn);
                    else for (int j = 0; j < jn; j++) row[j] = b[bo + (jb + j) * k + kb + kk];
                }
                final int fjb = jb, fkb = kb;
                forChunks(m, 2L * m * jn * kn, (from, to) ->
                        lTiles(a, ao, tA, m, k, alpha, bp, fkb, kn, jn, c, co, n, fjb, from, to));
            }
        }
    }

    private static void lTiles(long[] a, int ao, boolean tA, int m, int k, long alpha, long[][] bp, int kb,
                               int kn, int jn, long[] c, int co, int n, int jb, int rowFrom, int rowTo) {
        final long[] ct = new long[8 * NB];
        final int rs = tA ? 1 : k, ks = tA ? m : 1;
        for (int i0 = rowFrom; i0 < rowTo; i0 += 8) {
            final int rows = Math.min(8, rowTo - i0);
            for (int r = 0; r < rows; r++) System.arraycopy(c, co + (i0 + r) * n + jb, ct, r * NB, jn);
            final int base = ao + (tA ? kb * m + i0 : i0 * k + kb);
            for (int kk = 0; kk < kn; kk++) {
                final int p = base + kk * ks;
                final long a0 = alpha * a[p];
                final long a1 = rows > 1 ? alpha * a[p + rs] : 0L;
                final long a2 = rows > 2 ? alpha * a[p + 2 * rs] : 0L;
                final long a3 = rows > 3 ? alpha * a[p + 3 * rs] : 0L;
                final long a4 = rows > 4 ? alpha * a[p + 4 * rs] : 0L;
                final long a5 = rows > 5 ? alpha * a[p + 5 * rs] : 0L;
                final long a6 = rows > 6 ? alpha * a[p + 6 * rs] : 0L;
                final long a7 = rows > 7 ? alpha * a[p + 7 * rs] : 0L;
                final long[] bk = bp[kk];
                if (jn == NB) { // a constant trip count: C2 vectorises only this form
                    for (int j = 0; j < NB; j++) {
                        final long bj = bk[j];
                        ct[j] += a0 * bj;
                        ct[j + NB] += a1 * bj;
                        ct[j + 2 * NB] += a2 * bj;
                        ct[j + 3 * NB] += a3 * bj;
                        ct[j + 4 * NB] += a4 * bj;
                        ct[j + 5 * NB] += a5 * bj;
                        ct[j + 6 * NB] += a6 * bj;
                        ct[j + 7 * NB] += a7 * bj;
                    }
                } else {
                    for (int j = 0; j < jn; j++) {
                        final long bj = bk[j];
                        ct[j] += a0 * bj;
                        ct[j + NB] += a1 * bj;
                        ct[j + 2 * NB] += a2 * bj;
                        ct[j + 3 * NB] += a3 * bj;
                        ct[j + 4 * NB] += a4 * bj;
                        ct[j + 5 * NB] += a5 * bj;
                        ct[j + 6 * NB] += a6 * bj;
                        ct[j + 7 * NB] += a7 * bj;
                    }
                }
            }
            for (int r = 0; r < rows; r++) System.arraycopy(ct, r * NB, c, co + (i0 + r) * n + jb, jn);
        }
    }
}
