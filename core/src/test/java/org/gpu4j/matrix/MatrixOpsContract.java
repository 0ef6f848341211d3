package org.gpu4j.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.DoubleArray;
import org.gpu4j.DoubleMatrix;
import org.gpu4j.FloatArray;
import org.gpu4j.FloatMatrix;
import org.gpu4j.LongMatrix;
import org.gpu4j.Matrices;
import org.gpu4j.Matrices.Op;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The matrix operations, checked on one backend against the host oracle ({@link Oracle}) on fresh random data.
 * Subclasses open the backend's accelerator; every failure message carries the seed (replay with -Dgpu4j.seed=N).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MatrixOpsContract {
    private static final double EPS_F = 0x1p-24, EPS_D = 0x1p-53;

    protected Accelerator acc;
    protected Matrices mx;

    /** Opens the accelerator under test (skipping with the reason when its backend is absent). */
    protected abstract Accelerator open();

    @BeforeAll void openAccelerator() {
        acc = open();
        mx = acc.matrices();
    }

    @AfterAll void closeAccelerator() {
        if (acc != null) {
            int live = acc.liveObjects();
            acc.close();
            // matrices made by the tests are closed by try-with-resources; only the shared programs (4), the
            // CPU-shaped GEMM's packing buffers (2 per element type, on CPU OpenCL devices) and the programs a
            // subclass builds itself remain
            assertTrue(live <= 8 + extraPrograms(), "objects left open after the matrix tests: " + live);
        }
    }

    /** Shared programs a subclass's own tests build (with other options than the ops'): they stay open too. */
    protected int extraPrograms() { return 0; }

    // ------------------------------------------------------------------ float GEMM

    private void checkSgemm(long seed, float alpha, boolean tA, boolean tB, float beta, int m, int n, int k) {
        Random r = new Random(seed);
        int ar = tA ? k : m, ac = tA ? m : k, br = tB ? n : k, bc = tB ? k : n;
        float[] a = Seeds.floats(r, ar * ac), b = Seeds.floats(r, br * bc), c0 = Seeds.floats(r, m * n);
        float[] got;
        try (FloatMatrix A = acc.upload(Seeds.rows(a, ar, ac)); FloatMatrix B = acc.upload(Seeds.rows(b, br, bc));
             FloatMatrix C = FloatMatrix.wrap(acc.upload(c0), m, n)) {
            mx.gemm(alpha, A, tA ? Op.TRANSPOSE : Op.NONE, B, tB ? Op.TRANSPOSE : Op.NONE, beta, C);
            got = C.data().toArray();
        }
        // large products: the oracle checks every column of the first, last and 40 random rows (cost m·n·k / m·42)
        int[] rows = (long) m * n * k > 50_000_000L ? sampleRows(r, m) : java.util.stream.IntStream.range(0, m).toArray();
        float[] opA = Oracle.opf(a, ar, ac, tA), aRows = new float[rows.length * k], cRows = new float[rows.length * n];
        float[] gotRows = new float[rows.length * n];
        for (int x = 0; x < rows.length; x++) {
            System.arraycopy(opA, rows[x] * k, aRows, x * k, k);
            System.arraycopy(c0, rows[x] * n, cRows, x * n, n);
            System.arraycopy(got, rows[x] * n, gotRows, x * n, n);
        }
        got = gotRows;
        double[][] ref = Oracle.sgemm(alpha, aRows, Oracle.opf(b, br, bc, tB), beta, cRows, rows.length, n, k);
        for (int i = 0; i < rows.length * n; i++) {
            // float GEMM: each of k products/sums and the alpha/beta steps round once: |err| <= (k+3)·ε·(|α|Σ|a||b| + |β c|)
            double tol = (k + 3) * EPS_F * ref[1][i] + Float.MIN_NORMAL;
            double err = Math.abs(got[i] - ref[0][i]);
            if (!(err <= tol)) {
                fail("sgemm " + m + "x" + n + "x" + k + " tA=" + tA + " tB=" + tB + " α=" + alpha + " β=" + beta
                        + " seed=" + seed + ": C[" + rows[i / n] + "][" + i % n + "] = " + got[i] + ", expected " + ref[0][i]
                        + " (|err| " + err + " > " + tol + ")");
            }
        }
    }

    private static int[] sampleRows(Random r, int m) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>(java.util.List.of(0, m - 1));
        while (s.size() < Math.min(m, 42)) s.add(r.nextInt(m));
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest(name = "tA={0} tB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void sgemmAllOpCombinationsAtOddShape(boolean tA, boolean tB) {
        checkSgemm(Seeds.next(), 1.5f, tA, tB, -0.75f, 17, 5, 33);
        checkSgemm(Seeds.next(), -0.5f, tA, tB, 0f, 23, 41, 19);
    }

    @ParameterizedTest(name = "{0}x{2} * {2}x{1}")
    @CsvSource({"1,1,1", "17,5,33", "256,256,256", "1000,777,3", "9,1,300", "1,130,7"})
    void sgemmShapes(int m, int n, int k) {
        checkSgemm(Seeds.next(), 1f, false, false, 0f, m, n, k);
    }

    @Test void sgemmLarge1023() {
        checkSgemm(Seeds.next(), 0.75f, false, false, 0.5f, 1023, 1023, 1023);
    }

    @Test void multiplyFloatMatchesGemmAndNewMatrixHasProductShape() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        float[] a = Seeds.floats(r, 17 * 33), b = Seeds.floats(r, 33 * 5);
        try (FloatMatrix A = acc.upload(Seeds.rows(a, 17, 33)); FloatMatrix B = acc.upload(Seeds.rows(b, 33, 5));
             FloatMatrix C = mx.multiply(A, B)) {
            assertEquals(17, C.rows());
            assertEquals(5, C.cols());
            float[] got = C.data().toArray();
            double[][] ref = Oracle.sgemm(1f, a, b, 0f, new float[17 * 5], 17, 5, 33);
            for (int i = 0; i < got.length; i++) {
                // as sgemm: (k+3)·ε·Σ|a||b|
                assertEquals(ref[0][i], got[i], 36 * EPS_F * ref[1][i] + Float.MIN_NORMAL, "seed=" + seed + " at " + i);
            }
        }
    }

    @Test void betaZeroDoesNotReadCAndNaNInAPropagates() {
        float[][] a = {{1, 2}, {3, Float.NaN}};
        float[][] b = {{1, 0}, {0, 1}};
        try (FloatMatrix A = acc.upload(a); FloatMatrix B = acc.upload(b);
             FloatMatrix C = acc.upload(new float[][] {{Float.NaN, Float.POSITIVE_INFINITY}, {Float.NaN, 1}})) {
            mx.gemm(1f, A, Op.NONE, B, Op.NONE, 0f, C);
            float[][] c = C.toArray2D();
            assertEquals(1f, c[0][0]);
            assertEquals(2f, c[0][1]);
            assertTrue(Float.isNaN(c[1][0]) && Float.isNaN(c[1][1]), "NaN in A must reach row 1: " + java.util.Arrays.deepToString(c));
        }
    }

    // ------------------------------------------------------------------ double GEMM

    private void checkDgemm(long seed, double alpha, boolean tA, boolean tB, double beta, int m, int n, int k) {
        Random r = new Random(seed);
        int ar = tA ? k : m, ac = tA ? m : k, br = tB ? n : k, bc = tB ? k : n;
        double[] a = Seeds.doubles(r, ar * ac), b = Seeds.doubles(r, br * bc), c0 = Seeds.doubles(r, m * n);
        double[] got;
        try (DoubleMatrix A = acc.upload(Seeds.rows(a, ar, ac)); DoubleMatrix B = acc.upload(Seeds.rows(b, br, bc));
             DoubleMatrix C = DoubleMatrix.wrap(acc.upload(c0), m, n)) {
            mx.gemm(alpha, A, tA ? Op.TRANSPOSE : Op.NONE, B, tB ? Op.TRANSPOSE : Op.NONE, beta, C);
            got = C.data().toArray();
        }
        double[][] ref = Oracle.dgemm(alpha, Oracle.opd(a, ar, ac, tA), Oracle.opd(b, br, bc, tB), beta, c0, m, n, k);
        for (int i = 0; i < m * n; i++) {
            // double GEMM vs a compensated oracle: |err| <= (k+3)·ε·(|α|Σ|a||b| + |β c|)
            double tol = (k + 3) * EPS_D * ref[1][i] + Double.MIN_NORMAL;
            double err = Math.abs(got[i] - ref[0][i]);
            if (!(err <= tol)) {
                fail("dgemm " + m + "x" + n + "x" + k + " tA=" + tA + " tB=" + tB + " seed=" + seed + ": C[" + i / n
                        + "][" + i % n + "] = " + got[i] + ", expected " + ref[0][i] + " (|err| " + err + " > " + tol + ")");
            }
        }
    }

    @ParameterizedTest(name = "tA={0} tB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void dgemmAllOpCombinationsAtOddShape(boolean tA, boolean tB) {
        checkDgemm(Seeds.next(), -1.25, tA, tB, 0.5, 17, 5, 33);
    }

    @ParameterizedTest(name = "{0}x{2} * {2}x{1}")
    @CsvSource({"1,1,1", "17,5,33", "256,256,256", "1000,777,3"})
    void dgemmShapes(int m, int n, int k) {
        checkDgemm(Seeds.next(), 1, false, false, 0, m, n, k);
    }

    // ------------------------------------------------------------------ long multiply

    @ParameterizedTest(name = "{0}x{2} * {2}x{1}")
    @CsvSource({"1,1,1", "17,5,33", "70,65,129"})
    void longMultiplyIsExactAndWraps(int m, int n, int k) {
        long seed = Seeds.next();
        Random r = new Random(seed);
        long[] a = new long[m * k], b = new long[k * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextLong();   // full-range values: products overflow and wrap
        for (int i = 0; i < b.length; i++) b[i] = r.nextInt(2001) - 1000;
        if (b.length > 0) b[0] = Long.MAX_VALUE;
        try (LongMatrix A = acc.upload(Seeds.rows(a, m, k)); LongMatrix B = acc.upload(Seeds.rows(b, k, n));
             LongMatrix C = mx.multiply(A, B)) {
            assertArrayEquals(Oracle.lmul(a, b, m, n, k), C.data().toArray(), "seed=" + seed); // integers: exact
        }
    }

    @Test void longWrapAroundExample() {
        try (LongMatrix A = acc.upload(new long[][] {{Long.MAX_VALUE, 1}});
             LongMatrix B = acc.upload(new long[][] {{2}, {3}});
             LongMatrix C = mx.multiply(A, B)) {
            assertEquals(Long.MAX_VALUE * 2 + 3, C.toArray2D()[0][0]); // = 1, as Java computes it
        }
    }

    // ------------------------------------------------------------------ transpose

    /**
     * Shapes around the CPU-shaped kernels' 8x8 (4x4) register blocks, 8-column strips and 128-row bands, empty and
     * single-row/column matrices, and 1024 (a power of two whose rows alias in the caches).
     */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"0,0", "0,5", "5,0", "1,1", "1,37", "37,1", "7,7", "8,8", "9,9", "31,31", "33,33", "33,65", "127,127",
            "128,128", "129,129", "256,256", "1000,3", "3,1000", "1,1000", "1000,1", "37,1000", "97,61", "255,257",
            "1024,1024"})
    void transposeAllTypes(int rows, int cols) {
        long seed = Seeds.next();
        Random r = new Random(seed);
        float[] f = withSpecials(Seeds.floats(r, rows * cols), r);
        double[] d = withSpecials(Seeds.doubles(r, rows * cols), r);
        long[] l = r.longs(rows * cols).toArray();
        try (FloatMatrix F = FloatMatrix.wrap(acc.upload(f), rows, cols); FloatMatrix Ft = mx.transpose(F);
             DoubleMatrix D = DoubleMatrix.wrap(acc.upload(d), rows, cols); DoubleMatrix Dt = mx.transpose(D);
             LongMatrix L = LongMatrix.wrap(acc.upload(l), rows, cols); LongMatrix Lt = mx.transpose(L)) {
            assertEquals(cols, Ft.rows());
            assertEquals(rows, Ft.cols());
            // a transpose moves values: bit-exact (raw bits, so NaN payloads and -0.0 count)
            assertArrayEquals(bits(Oracle.opf(f, rows, cols, true)), bits(Ft.data().toArray()), "seed=" + seed);
            assertArrayEquals(bits(Oracle.opd(d, rows, cols, true)), bits(Dt.data().toArray()), "seed=" + seed);
            assertArrayEquals(transposed(l, rows, cols), Lt.data().toArray(), "seed=" + seed);
        }
    }

    /** Matrices over slices at odd offsets (unaligned rows for the vector loads and stores), bordered by sentinels. */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"9,17", "136,129", "3,1000"})
    void transposeOfSlicesAtOddOffsets(int rows, int cols) {
        long seed = Seeds.next();
        Random r = new Random(seed);
        int n = rows * cols, ia = 3, io = 5, pad = 11;
        float[] f = withSpecials(Seeds.floats(r, n + ia + pad), r);
        double[] d = withSpecials(Seeds.doubles(r, n + ia + pad), r);
        long[] l = r.longs(n + ia + pad).toArray();
        float[] fo = new float[n + io + pad];
        double[] dO = new double[n + io + pad];
        long[] lo = new long[n + io + pad];
        java.util.Arrays.fill(fo, Float.intBitsToFloat(0x7fc0dead));
        java.util.Arrays.fill(dO, Double.longBitsToDouble(0x7ff800000000beefL));
        java.util.Arrays.fill(lo, 0x5a5a5a5a5a5a5a5aL);
        try (FloatArray fa = acc.upload(f); FloatArray fb = acc.upload(fo);
             DoubleArray da = acc.upload(d); DoubleArray db = acc.upload(dO);
             org.gpu4j.LongArray la = acc.upload(l); org.gpu4j.LongArray lb = acc.upload(lo)) {
            mx.transpose(FloatMatrix.wrap(fa.slice(ia, n), rows, cols), FloatMatrix.wrap(fb.slice(io, n), cols, rows));
            mx.transpose(DoubleMatrix.wrap(da.slice(ia, n), rows, cols), DoubleMatrix.wrap(db.slice(io, n), cols, rows));
            mx.transpose(LongMatrix.wrap(la.slice(ia, n), rows, cols), LongMatrix.wrap(lb.slice(io, n), cols, rows));
            float[] fe = fo.clone();
            System.arraycopy(Oracle.opf(java.util.Arrays.copyOfRange(f, ia, ia + n), rows, cols, true), 0, fe, io, n);
            double[] de = dO.clone();
            System.arraycopy(Oracle.opd(java.util.Arrays.copyOfRange(d, ia, ia + n), rows, cols, true), 0, de, io, n);
            long[] le = lo.clone();
            System.arraycopy(transposed(java.util.Arrays.copyOfRange(l, ia, ia + n), rows, cols), 0, le, io, n);
            assertArrayEquals(bits(fe), bits(fb.toArray()), "seed=" + seed);
            assertArrayEquals(bits(de), bits(db.toArray()), "seed=" + seed);
            assertArrayEquals(le, lb.toArray(), "seed=" + seed);
        }
    }

    /**
     * Matrices of 16 MiB and more, where the CPU-shaped OpenCL kernel (on x86-64) takes its streamed path with
     * non-temporal stores when out is 32-byte aligned and rows is a multiple of the block: rows = 8 (mod 16) and
     * ragged columns (2056x2043), an exact power of two, rows not a multiple of 8 (the cached path), doubles and
     * longs (4x4 blocks), and outputs in slices at an aligned (8 floats) and an unaligned (5) offset, bordered by
     * sentinels so a store past the slice shows.
     */
    @ParameterizedTest(name = "{0} {1}x{2} out at +{3}")
    @CsvSource({"float,2056,2043,0", "float,2048,2048,0", "float,2050,2051,0", "float,2048,2049,8", "float,2048,2049,5",
            "double,1452,1447,0", "long,1452,1447,4"})
    void transposeOfLargeMatrices(String type, int rows, int cols, int io) {
        long seed = Seeds.next();
        Random r = new Random(seed);
        int n = rows * cols, pad = 16;
        switch (type) {
            case "float" -> {
                float[] f = withSpecials(Seeds.floats(r, n), r);
                float[] fo = new float[n + io + pad];
                java.util.Arrays.fill(fo, Float.intBitsToFloat(0x7fc0dead));
                try (FloatArray fa = acc.upload(f); FloatArray fb = acc.upload(fo)) {
                    mx.transpose(FloatMatrix.wrap(fa, rows, cols), FloatMatrix.wrap(fb.slice(io, n), cols, rows));
                    System.arraycopy(Oracle.opf(f, rows, cols, true), 0, fo, io, n);
                    assertArrayEquals(bits(fo), bits(fb.toArray()), "seed=" + seed);
                }
            }
            case "double" -> {
                double[] d = withSpecials(Seeds.doubles(r, n), r);
                double[] dO = new double[n + io + pad];
                java.util.Arrays.fill(dO, Double.longBitsToDouble(0x7ff800000000beefL));
                try (DoubleArray da = acc.upload(d); DoubleArray db = acc.upload(dO)) {
                    mx.transpose(DoubleMatrix.wrap(da, rows, cols), DoubleMatrix.wrap(db.slice(io, n), cols, rows));
                    System.arraycopy(Oracle.opd(d, rows, cols, true), 0, dO, io, n);
                    assertArrayEquals(bits(dO), bits(db.toArray()), "seed=" + seed);
                }
            }
            default -> {
                long[] l = r.longs(n).toArray();
                long[] lo = new long[n + io + pad];
                java.util.Arrays.fill(lo, 0x5a5a5a5a5a5a5a5aL);
                try (org.gpu4j.LongArray la = acc.upload(l); org.gpu4j.LongArray lb = acc.upload(lo)) {
                    mx.transpose(LongMatrix.wrap(la, rows, cols), LongMatrix.wrap(lb.slice(io, n), cols, rows));
                    System.arraycopy(transposed(l, rows, cols), 0, lo, io, n);
                    assertArrayEquals(lo, lb.toArray(), "seed=" + seed);
                }
            }
        }
    }

    private static long[] transposed(long[] l, int rows, int cols) {
        long[] lt = new long[l.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) lt[j * rows + i] = l[i * cols + j];
        return lt;
    }

    /** About one element in 16 replaced by a NaN with a payload, an infinity, -0.0, MIN_VALUE or MAX_VALUE. */
    private static float[] withSpecials(float[] x, Random r) {
        float[] sp = {Float.intBitsToFloat(0x7fa00001 + r.nextInt(1000)), Float.intBitsToFloat(0xffc01234),
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < x.length; i++) if (r.nextInt(16) == 0) x[i] = sp[r.nextInt(sp.length)];
        return x;
    }

    private static double[] withSpecials(double[] x, Random r) {
        double[] sp = {Double.longBitsToDouble(0x7ff4000000000001L + r.nextInt(1000)),
                Double.longBitsToDouble(0xfff8000000001234L), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                -0.0, Double.MIN_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < x.length; i++) if (r.nextInt(16) == 0) x[i] = sp[r.nextInt(sp.length)];
        return x;
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) b[i] = Float.floatToRawIntBits(x[i]);
        return b;
    }

    private static long[] bits(double[] x) {
        long[] b = new long[x.length];
        for (int i = 0; i < x.length; i++) b[i] = Double.doubleToRawLongBits(x[i]);
        return b;
    }

    // ------------------------------------------------------------------ gemv

    @ParameterizedTest(name = "{0}x{1}")
    // 7, 65, 1031 columns: the CPU-shaped kernel's 16-wide steps plus a tail; 5, 7, 65 rows: its four-row steps plus
    // single rows; 4096x20: the Java bands split over the cores
    @CsvSource({"1,1", "1,7", "7,1", "7,7", "4,16", "5,17", "65,65", "17,33", "1000,3", "3,1000", "257,129", "9,1031",
            "4096,20"})
    void gemvFloatAndDouble(int m, int n) {
        long seed = Seeds.next();
        Random r = new Random(seed);
        float[] a = Seeds.floats(r, m * n), x = Seeds.floats(r, n), y = Seeds.floats(r, m);
        double[] ad = Seeds.doubles(r, m * n), xd = Seeds.doubles(r, n), yd = Seeds.doubles(r, m);
        try (FloatMatrix A = acc.upload(Seeds.rows(a, m, n)); FloatArray X = acc.upload(x); FloatArray Y = acc.upload(y);
             DoubleMatrix AD = acc.upload(Seeds.rows(ad, m, n)); DoubleArray XD = acc.upload(xd); DoubleArray YD = acc.upload(yd)) {
            mx.gemv(0.5f, A, X, -2f, Y);
            mx.gemv(0.5, AD, XD, -2.0, YD);
            float[] got = Y.toArray();
            double[] gotd = YD.toArray();
            double[][] ref = Oracle.sgemm(0.5f, a, x, -2f, y, m, 1, n);
            double[][] refd = Oracle.dgemm(0.5, ad, xd, -2.0, yd, m, 1, n);
            for (int i = 0; i < m; i++) {
                // a dot product of n terms plus alpha/beta: |err| <= (n+3)·ε·(|α|Σ|a||x| + |β y|)
                assertEquals(ref[0][i], got[i], (n + 3) * EPS_F * ref[1][i] + Float.MIN_NORMAL, "float seed=" + seed + " row " + i);
                assertEquals(refd[0][i], gotd[i], (n + 3) * EPS_D * refd[1][i] + Double.MIN_NORMAL, "double seed=" + seed + " row " + i);
            }
        }
    }

    /** Empty shapes: 0 rows is nothing to do; 0 columns makes every A*x element 0, so y = beta*y (0 when beta is 0). */
    @Test void gemvEmptyShapes() {
        try (FloatArray data = acc.allocFloats(0); FloatArray x0 = acc.allocFloats(0); FloatArray x5 = acc.allocFloats(5);
             FloatArray y0 = acc.allocFloats(0); FloatArray y3 = acc.upload(new float[] {1f, -2f, Float.NaN});
             FloatArray y3b = acc.upload(new float[] {1f, -2f, 4f})) {
            mx.gemv(1f, FloatMatrix.wrap(data, 0, 5), x5, 1f, y0);
            mx.gemv(2f, FloatMatrix.wrap(data, 3, 0), x0, 0f, y3);
            assertArrayEquals(new float[] {0f, 0f, 0f}, y3.toArray(), "beta 0: y not read, NaN included");
            mx.gemv(2f, FloatMatrix.wrap(data, 3, 0), x0, 3f, y3b);
            assertArrayEquals(new float[] {3f, -6f, 12f}, y3b.toArray());
        }
    }

    /**
     * The documented scalars: beta == 0 does not read y (a NaN there is ignored); any other beta, NaN included,
     * scales y; alpha == 0 gives beta*y for finite A and x; a NaN alpha makes every element NaN. Also views: x and y
     * as slices at odd offsets, A as a view of part of a larger array.
     */
    @Test void gemvScalarsAndViews() {
        int m = 9, n = 21;
        long seed = Seeds.next();
        Random r = new Random(seed);
        float[] a = Seeds.floats(r, m * n + 5), x = Seeds.floats(r, n + 3), y = Seeds.floats(r, m + 1);
        float[] nan = new float[m];
        java.util.Arrays.fill(nan, Float.NaN);
        try (FloatArray big = acc.upload(a); FloatArray xs = acc.upload(x); FloatArray ys = acc.upload(y);
             FloatArray yn = acc.upload(nan)) {
            FloatMatrix A = FloatMatrix.wrap(big.slice(5, (long) m * n), m, n);
            FloatArray X = xs.slice(3, n), Y = ys.slice(1, m);
            float[] av = java.util.Arrays.copyOfRange(a, 5, 5 + m * n), xv = java.util.Arrays.copyOfRange(x, 3, 3 + n);
            float[] yv = java.util.Arrays.copyOfRange(y, 1, 1 + m);
            mx.gemv(1.5f, A, X, 0.25f, Y);
            double[][] ref = Oracle.sgemm(1.5f, av, xv, 0.25f, yv, m, 1, n);
            float[] got = Y.toArray();
            for (int i = 0; i < m; i++) {
                assertEquals(ref[0][i], got[i], (n + 3) * EPS_F * ref[1][i] + Float.MIN_NORMAL, "views, seed=" + seed + " row " + i);
            }
            assertEquals(y[0], ys.toArray()[0], "the element before the y slice is untouched");
            mx.gemv(1f, A, X, 0f, yn);
            double[][] ref0 = Oracle.sgemm(1f, av, xv, 0f, nan, m, 1, n);
            float[] got0 = yn.toArray();
            for (int i = 0; i < m; i++) {
                assertEquals(ref0[0][i], got0[i], (n + 3) * EPS_F * ref0[1][i] + Float.MIN_NORMAL, "beta 0 ignores a NaN y, row " + i);
            }
            mx.gemv(0f, A, X, 2f, yn); // alpha 0: 2 * y exactly
            for (int i = 0; i < m; i++) assertEquals(2 * got0[i], yn.toArray()[i], "alpha 0, row " + i);
            mx.gemv(1f, A, X, Float.NaN, yn);
            for (float v : yn.toArray()) assertTrue(Float.isNaN(v), "beta NaN gives NaN");
            mx.gemv(Float.NaN, A, X, 0f, Y);
            for (float v : Y.toArray()) assertTrue(Float.isNaN(v), "alpha NaN gives NaN");
        }
    }

    // ------------------------------------------------------------------ add, scale

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1,1", "17,33", "300,301", "1025,67"})
    void addAndScale(int m, int n) {
        long seed = Seeds.next();
        Random r = new Random(seed);
        float[] a = Seeds.floats(r, m * n), b = Seeds.floats(r, m * n);
        double[] ad = Seeds.doubles(r, m * n), bd = Seeds.doubles(r, m * n);
        try (FloatMatrix A = acc.upload(Seeds.rows(a, m, n)); FloatMatrix B = acc.upload(Seeds.rows(b, m, n));
             FloatMatrix O = acc.allocFloatMatrix(m, n);
             DoubleMatrix AD = acc.upload(Seeds.rows(ad, m, n)); DoubleMatrix BD = acc.upload(Seeds.rows(bd, m, n));
             DoubleMatrix OD = acc.allocDoubleMatrix(m, n)) {
            mx.add(A, B, O);
            mx.add(AD, BD, OD);
            float[] s = new float[m * n];
            double[] sd = new double[m * n];
            for (int i = 0; i < s.length; i++) { s[i] = a[i] + b[i]; sd[i] = ad[i] + bd[i]; }
            // one correctly rounded IEEE operation per element: identical results on every backend
            assertArrayEquals(s, O.data().toArray(), "seed=" + seed);
            assertArrayEquals(sd, OD.data().toArray(), "seed=" + seed);
            mx.scale(-3f, A, A); // in place
            mx.scale(-3.0, AD, OD);
            for (int i = 0; i < s.length; i++) { s[i] = -3f * a[i]; sd[i] = -3.0 * ad[i]; }
            assertArrayEquals(s, A.data().toArray(), "seed=" + seed);
            assertArrayEquals(sd, OD.data().toArray(), "seed=" + seed);
        }
    }

    // ------------------------------------------------------------------ conversion and validation

    @Test void conversionRoundTripsAndRejectsRaggedInput() {
        float[][] v = {{1, 2, 3}, {4, 5, 6}};
        try (FloatMatrix a = acc.upload(v)) {
            assertEquals(2, a.rows());
            assertEquals(3, a.cols());
            assertArrayEquals(v, a.toArray2D());
        }
        try (FloatMatrix e = acc.upload(new float[0][]); LongMatrix z = acc.allocLongMatrix(0, 4)) {
            assertEquals(0, e.rows());
            assertEquals(0, z.toArray2D().length);
        }
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> acc.upload(new double[][] {{1, 2}, {3}}));
        assertTrue(ex.getMessage().contains("ragged") && ex.getMessage().contains("row 1"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> acc.upload(new float[][] {{1}, null}));
        assertThrows(IllegalArgumentException.class, () -> acc.allocFloatMatrix(-1, 2));
    }

    @Test void shapeMismatchesNameTheMatricesAndShapes() {
        try (FloatMatrix a = acc.allocFloatMatrix(3, 4); FloatMatrix b = acc.allocFloatMatrix(5, 2);
             FloatMatrix c = acc.allocFloatMatrix(3, 2); FloatArray x = acc.allocFloats(3); FloatArray y = acc.allocFloats(3)) {
            String m1 = assertThrows(IllegalArgumentException.class, () -> mx.multiply(a, b)).getMessage();
            assertTrue(m1.contains("A is 3x4") && m1.contains("B is 5x2"), m1);
            String m2 = assertThrows(IllegalArgumentException.class,
                    () -> mx.gemm(1f, a, Op.TRANSPOSE, b, Op.NONE, 0f, c)).getMessage();
            assertTrue(m2.contains("A^T is 4x3") && m2.contains("B is 5x2"), m2);
            String m3 = assertThrows(IllegalArgumentException.class,
                    () -> mx.gemm(1f, a, Op.NONE, a, Op.TRANSPOSE, 0f, c)).getMessage();
            assertTrue(m3.contains("3x3") && m3.contains("C is 3x2"), m3);
            String m4 = assertThrows(IllegalArgumentException.class, () -> mx.gemv(1f, a, x, 0f, y)).getMessage();
            assertTrue(m4.contains("A is 3x4") && m4.contains("x must have 4"), m4);
            String m5 = assertThrows(IllegalArgumentException.class, () -> mx.transpose(a, a)).getMessage();
            assertTrue(m5.contains("4x3") && m5.contains("3x4"), m5);
            String m6 = assertThrows(IllegalArgumentException.class, () -> mx.add(a, c, c)).getMessage();
            assertTrue(m6.contains("3x4") && m6.contains("3x2"), m6);
        }
    }

    @Test void outputMayNotAliasAnInput() {
        try (FloatMatrix a = acc.allocFloatMatrix(4, 4)) {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> mx.gemm(1f, a, Op.NONE, a, Op.NONE, 0f, a)).getMessage();
            assertTrue(m.contains("C shares memory with A"), m);
            assertThrows(IllegalArgumentException.class, () -> mx.transpose(a, a));
        }
    }

    @Test void closedMatrixIsRejected() {
        FloatMatrix a = acc.allocFloatMatrix(2, 2);
        a.close();
        try (FloatMatrix b = acc.allocFloatMatrix(2, 2)) {
            assertThrows(IllegalStateException.class, () -> mx.multiply(a, b));
        }
    }
}
