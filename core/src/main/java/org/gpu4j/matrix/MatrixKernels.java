package org.gpu4j.matrix;

import org.gpu4j.KernelArgs;
import org.gpu4j.KernelSource;
import org.gpu4j.WorkItem;

/**
 * The kernel sources of the built-in matrix operations: {@code matmul}, {@code transpose}, {@code gemv} and
 * {@code matrix} from {@code org/gpu4j/kernels/} (OpenCL C and CUDA C, module gpu4j-kernels), each with the Java
 * implementations of the same entry points for the Java CPU backend. Internal to gpu4j: use
 * {@link org.gpu4j.Matrices} ({@code acc.matrices()}).
 *
 * <p>Java work decomposition (the CPU backend picks it; device backends use the geometry in the .cl/.cu headers):
 * {@code gemm_*} does the whole product in one work-item (launch {@code Range.of(1)}; it fans out over the cores
 * itself, see {@link JavaGemm}); {@code transpose_*} moves one band of 128 rows (or part of one), 8x8 block by block, per work-item
 * over {@code Range.of(splits, ceil(rows/128))} ({@code LaunchPlan.bandSplits}); {@code gemv_*} a band of
 * {@code ceil(rows / global size)} rows per work-item, four rows at a time; {@code matrix_*} one contiguous chunk of
 * {@code ceil(n / global size)} elements per work-item. The pack/packed kernels mirror matmul.cl element for element.
 *
 * {@snippet :
 * Program p = acc.sharedProgram("gpu4j.matmul", MatrixKernels::matmul, "");
 * }
 */
public final class MatrixKernels {
    /** The base names of the kernel files these sources load. */
    public static final String[] FILES = {"matmul", "transpose", "gemv", "matrix"};

    private MatrixKernels() {}

    /** The source for one of {@link #FILES}. */
    public static KernelSource source(String baseName) {
        return switch (baseName) {
            case "matmul" -> matmul();
            case "transpose" -> transpose();
            case "gemv" -> gemv();
            case "matrix" -> matrix();
            default -> throw new IllegalArgumentException("no matrix kernel file '" + baseName + "'");
        };
    }

    /**
     * Loads {@code baseName} from the classpath; when gpu4j-kernels is absent, a Java-only source (enough for the
     * Java CPU backend; device backends then report that the source has no dialect they can build).
     */
    private static KernelSource load(String baseName) {
        try {
            return KernelSource.resource(baseName);
        } catch (IllegalArgumentException e) {
            return KernelSource.named(baseName);
        }
    }

    // ------------------------------------------------------------------ matmul

    public static KernelSource matmul() {
        return load("matmul")
                .withJava("gemm_f32", (id, a) -> JavaGemm.sgemm(a.floats(0), a.offset(0), a.floats(1), a.offset(1),
                        a.floats(2), a.offset(2), a.intValue(3), a.intValue(4), a.intValue(5), a.intValue(6) != 0,
                        a.intValue(7) != 0, a.floatValue(8), a.floatValue(9)))
                .withJava("gemm_f64", (id, a) -> JavaGemm.dgemm(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1),
                        a.doubles(2), a.offset(2), a.intValue(3), a.intValue(4), a.intValue(5), a.intValue(6) != 0,
                        a.intValue(7) != 0, a.doubleValue(8), a.doubleValue(9)))
                .withJava("gemm_i64", (id, a) -> JavaGemm.lgemm(a.longs(0), a.offset(0), a.longs(1), a.offset(1),
                        a.longs(2), a.offset(2), a.intValue(3), a.intValue(4), a.intValue(5), a.intValue(6) != 0,
                        a.intValue(7) != 0, a.longValue(8), a.longValue(9)))
                .withJava("gemm_pack_a_f32", MatrixKernels::packA)
                .withJava("gemm_pack_b_f32", MatrixKernels::packB)
                .withJava("gemm_pack_a_f64", MatrixKernels::packA)
                .withJava("gemm_pack_b_f64", MatrixKernels::packB)
                .withJava("gemm_packed_f32", (id, a) -> packed(id, a, W_F32))
                .withJava("gemm_packed_f64", (id, a) -> packed(id, a, W_F64));
    }

    /**
     * Which float/double GEMM kernel the Java CPU backend runs in this JVM, in words: the Vector API kernel when the
     * JVM has {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}), else auto-vectorised loops.
     */
    public static String javaGemmKernel() { return JavaGemm.describe(); }

    /** Rows per A panel of the CPU-shaped GEMM (GEMM_MR in matmul.cl/.cu; Matrices launches with it). */
    public static final int MR = 14;

    /** Columns per B panel of the CPU-shaped GEMM: two float16 (f32) or two double8 (f64) vectors. */
    public static final int W_F32 = 32, W_F64 = 16;

    /** gemm_pack_a_*(A, Ap, M, K, transA): work-item (k, p) writes Ap[(p*K + k)*MR + r], zero past row M. */
    private static void packA(WorkItem id, KernelArgs a) {
        int k = (int) id.x(), p = (int) id.y();
        int m = a.intValue(2), kk = a.intValue(3);
        boolean t = a.intValue(4) != 0;
        if (k >= kk || p >= (m + MR - 1) / MR) return;
        int ao = a.offset(0), po = a.offset(1) + (p * kk + k) * MR;
        if (isDouble(a, 0)) {
            double[] src = a.doubles(0), dst = a.doubles(1);
            for (int r = 0; r < MR; r++) {
                int i = p * MR + r;
                dst[po + r] = i < m ? src[ao + (t ? k * m + i : i * kk + k)] : 0d;
            }
        } else {
            float[] src = a.floats(0), dst = a.floats(1);
            for (int r = 0; r < MR; r++) {
                int i = p * MR + r;
                dst[po + r] = i < m ? src[ao + (t ? k * m + i : i * kk + k)] : 0f;
            }
        }
    }

    /** gemm_pack_b_*(B, Bp, K, N, transB, W): work-item (k, q) writes Bp[(q*K + k)*W + c], zero past column N. */
    private static void packB(WorkItem id, KernelArgs a) {
        int k = (int) id.x(), q = (int) id.y();
        int kk = a.intValue(2), n = a.intValue(3), w = a.intValue(5);
        boolean t = a.intValue(4) != 0;
        if (k >= kk || q >= (n + w - 1) / w) return;
        int bo = a.offset(0), po = a.offset(1) + (q * kk + k) * w;
        if (isDouble(a, 0)) {
            double[] src = a.doubles(0), dst = a.doubles(1);
            for (int c = 0; c < w; c++) {
                int j = q * w + c;
                dst[po + c] = j < n ? src[bo + (t ? j * kk + k : k * n + j)] : 0d;
            }
        } else {
            float[] src = a.floats(0), dst = a.floats(1);
            for (int c = 0; c < w; c++) {
                int j = q * w + c;
                dst[po + c] = j < n ? src[bo + (t ? j * kk + k : k * n + j)] : 0f;
            }
        }
    }

    /** gemm_packed_*(Ap, Bp, C, M, N, K, alpha, beta): work-item (q, p) computes the MR x w block of C at (MR p, w q). */
    private static void packed(WorkItem id, KernelArgs a, int w) {
        int q = (int) id.x(), p = (int) id.y();
        int m = a.intValue(3), n = a.intValue(4), kk = a.intValue(5);
        int i0 = p * MR, j0 = q * w;
        if (i0 >= m || j0 >= n) return;
        int rows = Math.min(MR, m - i0), cols = Math.min(w, n - j0);
        int ao = a.offset(0) + p * kk * MR, bo = a.offset(1) + q * kk * w, co = a.offset(2);
        boolean dbl = isDouble(a, 2);
        double[] acc = new double[MR * w];
        for (int k = 0; k < kk; k++) {
            for (int r = 0; r < MR; r++) {
                for (int c = 0; c < w; c++) {
                    if (dbl) {
                        acc[r * w + c] = Math.fma(a.doubles(0)[ao + k * MR + r], a.doubles(1)[bo + k * w + c], acc[r * w + c]);
                    } else {
                        acc[r * w + c] = Math.fma(a.floats(0)[ao + k * MR + r], a.floats(1)[bo + k * w + c], (float) acc[r * w + c]);
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int o = co + (i0 + r) * n + j0 + c;
                if (dbl) {
                    double alpha = a.doubleValue(6), beta = a.doubleValue(7);
                    double v = alpha * acc[r * w + c];
                    a.doubles(2)[o] = beta != 0d ? Math.fma(beta, a.doubles(2)[o], v) : v;
                } else {
                    float alpha = a.floatValue(6), beta = a.floatValue(7);
                    float v = alpha * (float) acc[r * w + c];
                    a.floats(2)[o] = beta != 0f ? Math.fma(beta, a.floats(2)[o], v) : v;
                }
            }
        }
    }

    private static boolean isDouble(KernelArgs a, int i) {
        try {
            a.doubles(i);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ transpose

    public static KernelSource transpose() {
        return load("transpose")
                .withJava("transpose_f32", (id, a) -> {
                    int[] g = band(id, a);
                    if (g != null) transposeF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.intValue(2), a.intValue(3), g);
                })
                .withJava("transpose_f64", (id, a) -> {
                    int[] g = band(id, a);
                    if (g != null) transposeF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.intValue(2), a.intValue(3), g);
                })
                .withJava("transpose_i64", (id, a) -> {
                    int[] g = band(id, a);
                    if (g != null) transposeI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), a.intValue(2), a.intValue(3), g);
                });
    }

    /** Rows per band of the CPU-shaped transpose (BAND in transpose.cl): the launch is (X, ceil(rows / BAND)). */
    public static final int TRANSPOSE_BAND = 128;

    /**
     * transpose_*(A, out, rows, cols) over (X, ceil(rows/128)), as the CPU-shaped kernel in transpose.cl: work-item
     * (x, y) moves rows [128y, 128y + 128) of the columns [x*w, (x+1)*w), w = ceil(cols/X) rounded up to 8; returns
     * {i0, i1, c0, c1}, or null when its part is empty.
     */
    private static int[] band(WorkItem id, KernelArgs a) {
        int rows = a.intValue(2), cols = a.intValue(3);
        long x = id.globalSize(0);
        long w = ((cols + x - 1) / x + 7) / 8 * 8;
        long i0 = id.y() * TRANSPOSE_BAND, c0 = id.x() * w;
        if (i0 >= rows || c0 >= cols) return null;
        return new int[] {(int) i0, (int) Math.min(rows, i0 + TRANSPOSE_BAND), (int) c0, (int) Math.min(cols, c0 + w)};
    }

    // One method per type (a shared one taking a lambda would be megamorphic and slow). The band is moved strip by
    // strip of 8 columns, each strip walked down the band's rows in 8x8 blocks: per block column, 8 loads down the
    // column and 8 contiguous stores; blocks cut by the matrix's edge are copied element by element. The tall band
    // keeps a strip's source lines and pages warm for the next strip; the 32x16 tiles through a buffer that this
    // replaced moved about 1.5 GB/s on one core of an AVX2 host, these blocks 4-6 GB/s (in-register SIMD transposes
    // through the JDK 17 Vector API measured no faster here: its shuffles pay an index check per rearrange).
    static void transposeF32(float[] s, int so, float[] d, int dO, int rows, int cols, int[] g) {
        for (int jb = g[2]; jb < g[3]; jb += 8) {
            int w = Math.min(8, g[3] - jb);
            for (int i = g[0]; i < g[1]; i += 8) {
                int h = Math.min(8, g[1] - i);
                int a = so + i * cols + jb, o = dO + jb * rows + i;
                if (w == 8 && h == 8) {
                    for (int j = 0; j < 8; j++, a++, o += rows) {
                        d[o] = s[a];
                        d[o + 1] = s[a + cols];
                        d[o + 2] = s[a + 2 * cols];
                        d[o + 3] = s[a + 3 * cols];
                        d[o + 4] = s[a + 4 * cols];
                        d[o + 5] = s[a + 5 * cols];
                        d[o + 6] = s[a + 6 * cols];
                        d[o + 7] = s[a + 7 * cols];
                    }
                } else {
                    for (int j = 0; j < w; j++) {
                        for (int r = 0; r < h; r++) d[o + j * rows + r] = s[a + r * cols + j];
                    }
                }
            }
        }
    }

    static void transposeF64(double[] s, int so, double[] d, int dO, int rows, int cols, int[] g) {
        for (int jb = g[2]; jb < g[3]; jb += 8) {
            int w = Math.min(8, g[3] - jb);
            for (int i = g[0]; i < g[1]; i += 8) {
                int h = Math.min(8, g[1] - i);
                int a = so + i * cols + jb, o = dO + jb * rows + i;
                if (w == 8 && h == 8) {
                    for (int j = 0; j < 8; j++, a++, o += rows) {
                        d[o] = s[a];
                        d[o + 1] = s[a + cols];
                        d[o + 2] = s[a + 2 * cols];
                        d[o + 3] = s[a + 3 * cols];
                        d[o + 4] = s[a + 4 * cols];
                        d[o + 5] = s[a + 5 * cols];
                        d[o + 6] = s[a + 6 * cols];
                        d[o + 7] = s[a + 7 * cols];
                    }
                } else {
                    for (int j = 0; j < w; j++) {
                        for (int r = 0; r < h; r++) d[o + j * rows + r] = s[a + r * cols + j];
                    }
                }
            }
        }
    }

    static void transposeI64(long[] s, int so, long[] d, int dO, int rows, int cols, int[] g) {
        for (int jb = g[2]; jb < g[3]; jb += 8) {
            int w = Math.min(8, g[3] - jb);
            for (int i = g[0]; i < g[1]; i += 8) {
                int h = Math.min(8, g[1] - i);
                int a = so + i * cols + jb, o = dO + jb * rows + i;
                if (w == 8 && h == 8) {
                    for (int j = 0; j < 8; j++, a++, o += rows) {
                        d[o] = s[a];
                        d[o + 1] = s[a + cols];
                        d[o + 2] = s[a + 2 * cols];
                        d[o + 3] = s[a + 3 * cols];
                        d[o + 4] = s[a + 4 * cols];
                        d[o + 5] = s[a + 5 * cols];
                        d[o + 6] = s[a + 6 * cols];
                        d[o + 7] = s[a + 7 * cols];
                    }
                } else {
                    for (int j = 0; j < w; j++) {
                        for (int r = 0; r < h; r++) d[o + j * rows + r] = s[a + r * cols + j];
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ gemv

    public static KernelSource gemv() {
        return load("gemv")
                .withJava("gemv_f32", (id, a) -> {
                    int m = a.intValue(3), n = a.intValue(4);
                    long per = band(id, m), from = id.x() * per;
                    if (from >= m) return;
                    if (JavaGemm.vectorApi()) {
                        VectorGemv.sgemv(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), n,
                                (int) from, (int) Math.min(m, from + per), a.floatValue(5), a.floatValue(6));
                    } else {
                        gemvF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), n,
                                (int) from, (int) Math.min(m, from + per), a.floatValue(5), a.floatValue(6));
                    }
                })
                .withJava("gemv_f64", (id, a) -> {
                    int m = a.intValue(3), n = a.intValue(4);
                    long per = band(id, m), from = id.x() * per;
                    if (from >= m) return;
                    if (JavaGemm.vectorApi()) {
                        VectorGemv.dgemv(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), n,
                                (int) from, (int) Math.min(m, from + per), a.doubleValue(5), a.doubleValue(6));
                    } else {
                        gemvF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), n,
                                (int) from, (int) Math.min(m, from + per), a.doubleValue(5), a.doubleValue(6));
                    }
                });
    }

    /** Rows per work-item of the Java gemv: work-item x of G takes rows [x*r, min((x+1)*r, m)), r = ceil(m/G). */
    private static long band(WorkItem id, int m) {
        long g = id.globalSize(0);
        return ((long) m + g - 1) / g;
    }

    /*
     * The scalar form, for JVMs without the Vector API (with it, {@link VectorGemv} runs the same plan on vectors,
     * 2-3x faster). y[from, to) of y = alpha*A*x + beta*y (beta == 0: y not read), four rows at a time: each column of x is loaded
     * once for the four rows, and each row keeps two FMA chains (even and odd columns), so eight independent chains
     * hide the FMA latency (one chain per row was bound by it: about 4 cycles a column). The rest of the band, one row
     * with four chains. Summation order differs from the device kernels', within gemv's error bound.
     */
    static void gemvF32(float[] A, int ao, float[] x, int xo, float[] y, int yo, int n, int from, int to,
                        float alpha, float beta) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
            final int r0 = ao + i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, t0 = 0f, t1 = 0f, t2 = 0f, t3 = 0f;
            int j = 0;
            for (; j + 2 <= n; j += 2) {
                final float xa = x[xo + j], xb = x[xo + j + 1];
                s0 = Math.fma(A[r0 + j], xa, s0);
                s1 = Math.fma(A[r1 + j], xa, s1);
                s2 = Math.fma(A[r2 + j], xa, s2);
                s3 = Math.fma(A[r3 + j], xa, s3);
                t0 = Math.fma(A[r0 + j + 1], xb, t0);
                t1 = Math.fma(A[r1 + j + 1], xb, t1);
                t2 = Math.fma(A[r2 + j + 1], xb, t2);
                t3 = Math.fma(A[r3 + j + 1], xb, t3);
            }
            if (j < n) {
                final float xa = x[xo + j];
                s0 = Math.fma(A[r0 + j], xa, s0);
                s1 = Math.fma(A[r1 + j], xa, s1);
                s2 = Math.fma(A[r2 + j], xa, s2);
                s3 = Math.fma(A[r3 + j], xa, s3);
            }
            storeF32(y, yo + i, s0 + t0, alpha, beta);
            storeF32(y, yo + i + 1, s1 + t1, alpha, beta);
            storeF32(y, yo + i + 2, s2 + t2, alpha, beta);
            storeF32(y, yo + i + 3, s3 + t3, alpha, beta);
        }
        for (; i < to; i++) storeF32(y, yo + i, dotF32(A, ao + i * n, x, xo, n), alpha, beta);
    }

    private static void storeF32(float[] y, int k, float s, float alpha, float beta) {
        float v = alpha * s;
        y[k] = beta != 0f ? Math.fma(beta, y[k], v) : v;
    }

    static void gemvF64(double[] A, int ao, double[] x, int xo, double[] y, int yo, int n, int from, int to,
                        double alpha, double beta) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
            final int r0 = ao + i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
            double s0 = 0d, s1 = 0d, s2 = 0d, s3 = 0d, t0 = 0d, t1 = 0d, t2 = 0d, t3 = 0d;
            int j = 0;
            for (; j + 2 <= n; j += 2) {
                final double xa = x[xo + j], xb = x[xo + j + 1];
                s0 = Math.fma(A[r0 + j], xa, s0);
                s1 = Math.fma(A[r1 + j], xa, s1);
                s2 = Math.fma(A[r2 + j], xa, s2);
                s3 = Math.fma(A[r3 + j], xa, s3);
                t0 = Math.fma(A[r0 + j + 1], xb, t0);
                t1 = Math.fma(A[r1 + j + 1], xb, t1);
                t2 = Math.fma(A[r2 + j + 1], xb, t2);
                t3 = Math.fma(A[r3 + j + 1], xb, t3);
            }
            if (j < n) {
                final double xa = x[xo + j];
                s0 = Math.fma(A[r0 + j], xa, s0);
                s1 = Math.fma(A[r1 + j], xa, s1);
                s2 = Math.fma(A[r2 + j], xa, s2);
                s3 = Math.fma(A[r3 + j], xa, s3);
            }
            storeF64(y, yo + i, s0 + t0, alpha, beta);
            storeF64(y, yo + i + 1, s1 + t1, alpha, beta);
            storeF64(y, yo + i + 2, s2 + t2, alpha, beta);
            storeF64(y, yo + i + 3, s3 + t3, alpha, beta);
        }
        for (; i < to; i++) storeF64(y, yo + i, dotF64(A, ao + i * n, x, xo, n), alpha, beta);
    }

    private static void storeF64(double[] y, int k, double s, double alpha, double beta) {
        double v = alpha * s;
        y[k] = beta != 0d ? Math.fma(beta, y[k], v) : v;
    }

    // A row's dot product with 4 independent FMA chains: one chain is bound by the FMA latency (about 4 cycles an
    // element), far below what memory delivers; 4 chains also sum in a different order, within gemv's error bound.
    static float dotF32(float[] A, int ao, float[] x, int xo, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 = Math.fma(A[ao + j], x[xo + j], s0);
            s1 = Math.fma(A[ao + j + 1], x[xo + j + 1], s1);
            s2 = Math.fma(A[ao + j + 2], x[xo + j + 2], s2);
            s3 = Math.fma(A[ao + j + 3], x[xo + j + 3], s3);
        }
        for (; j < n; j++) s0 = Math.fma(A[ao + j], x[xo + j], s0);
        return (s0 + s1) + (s2 + s3);
    }

    static double dotF64(double[] A, int ao, double[] x, int xo, int n) {
        double s0 = 0d, s1 = 0d, s2 = 0d, s3 = 0d;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 = Math.fma(A[ao + j], x[xo + j], s0);
            s1 = Math.fma(A[ao + j + 1], x[xo + j + 1], s1);
            s2 = Math.fma(A[ao + j + 2], x[xo + j + 2], s2);
            s3 = Math.fma(A[ao + j + 3], x[xo + j + 3], s3);
        }
        for (; j < n; j++) s0 = Math.fma(A[ao + j], x[xo + j], s0);
        return (s0 + s1) + (s2 + s3);
    }

    // ------------------------------------------------------------------ element-wise

    public static KernelSource matrix() {
        return load("matrix")
                .withJava("matrix_add_f32", (id, a) -> {
                    long n = a.longValue(3), per = per(id, n), from = Math.min(n, id.x() * per);
                    addF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2),
                            (int) from, (int) Math.min(n, from + per));
                })
                .withJava("matrix_scale_f32", (id, a) -> {
                    long n = a.longValue(3), per = per(id, n), from = Math.min(n, id.x() * per);
                    scaleF32(a.floatValue(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2),
                            (int) from, (int) Math.min(n, from + per));
                })
                .withJava("matrix_add_f64", (id, a) -> {
                    long n = a.longValue(3), per = per(id, n), from = Math.min(n, id.x() * per);
                    addF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2),
                            (int) from, (int) Math.min(n, from + per));
                })
                .withJava("matrix_scale_f64", (id, a) -> {
                    long n = a.longValue(3), per = per(id, n), from = Math.min(n, id.x() * per);
                    scaleF64(a.doubleValue(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2),
                            (int) from, (int) Math.min(n, from + per));
                });
    }

    /*
     * The element-wise loops, each a static method over int bounds so C2 compiles it as one counted loop and
     * vectorises it (the loops inside the lambdas compared an int index with a long bound read from an array:
     * not a counted loop, scalar code, measured 0.46-0.66 x the vector add of the same bytes). When every view starts at
     * the same offset (whole matrices, the usual case) the loop indexes all arrays alike, which C2 vectorises best.
     */
    static void addF32(float[] a, int ao, float[] b, int bo, float[] out, int oo, int from, int to) {
        if (ao == bo && bo == oo) for (int i = from + ao, e = to + ao; i < e; i++) out[i] = a[i] + b[i];
        else for (int i = from; i < to; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    static void scaleF32(float s, float[] a, int ao, float[] out, int oo, int from, int to) {
        if (ao == oo) for (int i = from + ao, e = to + ao; i < e; i++) out[i] = s * a[i];
        else for (int i = from; i < to; i++) out[oo + i] = s * a[ao + i];
    }

    static void addF64(double[] a, int ao, double[] b, int bo, double[] out, int oo, int from, int to) {
        if (ao == bo && bo == oo) for (int i = from + ao, e = to + ao; i < e; i++) out[i] = a[i] + b[i];
        else for (int i = from; i < to; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    static void scaleF64(double s, double[] a, int ao, double[] out, int oo, int from, int to) {
        if (ao == oo) for (int i = from + ao, e = to + ao; i < e; i++) out[i] = s * a[i];
        else for (int i = from; i < to; i++) out[oo + i] = s * a[ao + i];
    }

    /** Elements per work-item when n elements are split over the launch: work-item x takes [x*per, min(n, (x+1)*per)). */
    private static long per(WorkItem id, long n) {
        long g = id.globalSize(0);
        return (n + g - 1) / g;
    }
}
