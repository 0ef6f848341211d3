package org.gpu4j;

import java.util.Objects;
import org.gpu4j.ops.matrix.MatrixKernels;

/**
 * Matrix operations on one accelerator's row-major matrices ({@code acc.matrices()}): GEMM with optional
 * transposes, multiply, transpose, matrix-vector product, element-wise add and scale; {@code float} and
 * {@code double}, and {@code long} for multiply and transpose (integer products wrap like Java's {@code long}).
 *
 * <p>Shapes, accelerators and aliasing are checked here, before anything is enqueued; a mismatch is an
 * {@link IllegalArgumentException} naming the matrices and their shapes. Like every operation, these enqueue
 * asynchronously; reading a result ({@code toArray2D()}) waits for them.
 *
 * <p>Kernels: the same entry points exist in {@code matmul/transpose/gemv/matrix} .cl and .cu files and in Java
 * ({@link MatrixKernels}). GPUs run a 64x64-tiled GEMM with 4x4 register blocks; OpenCL CPU devices (PoCL) run a
 * CPU-shaped GEMM (packed panels, 8x16 {@code float16} register blocks, no barriers); the Java CPU backend runs a
 * cache- and register-blocked GEMM that C2 vectorises, over all cores.
 *
 * {@snippet :
 * Matrices mx = acc.matrices();
 * try (FloatMatrix a = FloatMatrix.of(acc, new float[][] {{1, 2, 3}, {4, 5, 6}});
 *      FloatMatrix c = FloatMatrix.alloc(acc, 2, 2)) {
 *     mx.gemm(1f, a, Matrices.Op.NONE, a, Matrices.Op.TRANSPOSE, 0f, c);   // c = a * a^T = {{14, 32}, {32, 77}}
 * }
 * }
 */
public final class Matrices {
    /** How a GEMM operand enters the product. */
    public enum Op {
        /** The matrix as it is. */
        NONE,
        /** Its transpose. */
        TRANSPOSE
    }

    private static final int TILE = 64;

    private final Accelerator acc;

    Matrices(Accelerator acc) { this.acc = acc; }

    /**
     * Packing buffers of the CPU-shaped GEMM, kept per element type and grown as needed: a fresh buffer is expensive
     * on devices that allocate lazily (PoCL pays the first touch of every page), and the pack kernels write every
     * element, padding included, so a reused buffer needs no clearing. GEMMs of one type on one accelerator share
     * them under a lock. The accelerator frees them when it closes.
     */
    private final java.util.Map<ElementType, DeviceArray[]> packScratch = new java.util.EnumMap<>(ElementType.class);

    private DeviceArray[] packBuffers(ElementType t, long aLength, long bLength) {
        DeviceArray[] s = packScratch.computeIfAbsent(t, x -> new DeviceArray[2]);
        long[] need = {aLength, bLength};
        for (int i = 0; i < 2; i++) {
            if (s[i] == null || s[i].length() < need[i]) {
                if (s[i] != null) s[i].close();
                s[i] = null;
                long max = acc.device().maxAllocation() > 0 ? acc.device().maxAllocation() / t.bytes() : Long.MAX_VALUE;
                // Some headroom for a slightly larger next call, within the device's largest allocation.
                s[i] = acc.allocUninitialized(t, Math.max(need[i], Math.min(need[i] + need[i] / 4, max)));
            }
        }
        return s;
    }

    /** The accelerator these operations run on. */
    public Accelerator accelerator() { return acc; }

    // ================================================================== GEMM / multiply

    /** C = alpha * op(A) * op(B) + beta * C. When beta is 0, C's old contents are not read (NaNs there vanish). */
    public void gemm(float alpha, FloatMatrix a, Op opA, FloatMatrix b, Op opB, float beta, FloatMatrix c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        gemm("gemm", ElementType.FLOAT, m(a), opA, m(b), opB, alpha, beta, m(c));
    }

    /** C = alpha * op(A) * op(B) + beta * C. When beta is 0, C's old contents are not read. */
    public void gemm(double alpha, DoubleMatrix a, Op opA, DoubleMatrix b, Op opB, double beta, DoubleMatrix c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        gemm("gemm", ElementType.DOUBLE, m(a), opA, m(b), opB, alpha, beta, m(c));
    }

    /** C = A * B into an existing C. */
    public void multiply(FloatMatrix a, FloatMatrix b, FloatMatrix c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        gemm("multiply", ElementType.FLOAT, m(a), Op.NONE, m(b), Op.NONE, 1f, 0f, m(c));
    }

    public void multiply(DoubleMatrix a, DoubleMatrix b, DoubleMatrix c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        gemm("multiply", ElementType.DOUBLE, m(a), Op.NONE, m(b), Op.NONE, 1d, 0d, m(c));
    }

    /** C = A * B with wrap-around on overflow, exactly as Java's {@code long} arithmetic. */
    public void multiply(LongMatrix a, LongMatrix b, LongMatrix c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        gemm("multiply", ElementType.LONG, m(a), Op.NONE, m(b), Op.NONE, 1L, 0L, m(c));
    }

    /** A new matrix A * B. */
    public FloatMatrix multiply(FloatMatrix a, FloatMatrix b) {
        checkMultiply(a, b);
        FloatMatrix c = FloatMatrix.alloc(acc, a.rows(), b.cols());
        return fill(c, () -> multiply(a, b, c));
    }

    public DoubleMatrix multiply(DoubleMatrix a, DoubleMatrix b) {
        checkMultiply(a, b);
        DoubleMatrix c = DoubleMatrix.alloc(acc, a.rows(), b.cols());
        return fill(c, () -> multiply(a, b, c));
    }

    public LongMatrix multiply(LongMatrix a, LongMatrix b) {
        checkMultiply(a, b);
        LongMatrix c = LongMatrix.alloc(acc, a.rows(), b.cols());
        return fill(c, () -> multiply(a, b, c));
    }

    private void checkMultiply(Object a, Object b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Mat ma = m(a), mb = m(b);
        own(ma, "a");
        own(mb, "b");
        if (ma.cols != mb.rows) {
            throw new IllegalArgumentException("multiply: A is " + ma.shape() + " and B is " + mb.shape()
                    + ": A has " + ma.cols + " columns but B has " + mb.rows + " rows");
        }
    }

    private void gemm(String what, ElementType t, Mat a, Op opA, Mat b, Op opB, Number alpha, Number beta, Mat c) {
        Objects.requireNonNull(opA, "opA");
        Objects.requireNonNull(opB, "opB");
        own(a, "a");
        own(b, "b");
        own(c, "c");
        boolean tA = opA == Op.TRANSPOSE, tB = opB == Op.TRANSPOSE;
        int m = tA ? a.cols : a.rows, k = tA ? a.rows : a.cols;
        int kb = tB ? b.cols : b.rows, n = tB ? b.rows : b.cols;
        String sa = (tA ? "op(A) = A^T is " + m + "x" + k + " (A " + a.shape() + ")" : "A is " + a.shape());
        String sb = (tB ? "op(B) = B^T is " + kb + "x" + n + " (B " + b.shape() + ")" : "B is " + b.shape());
        if (k != kb) {
            throw new IllegalArgumentException(what + ": " + sa + " and " + sb + ": inner dimensions " + k + " and "
                    + kb + " differ");
        }
        if (c.rows != m || c.cols != n) {
            throw new IllegalArgumentException(what + ": " + sa + " and " + sb + " give a " + m + "x" + n
                    + " product, but C is " + c.shape());
        }
        noOverlap(what, c.data, "C", a.data, "A");
        noOverlap(what, c.data, "C", b.data, "B");
        requireFp64(t, what);
        if (m == 0 || n == 0) return;
        Program p = program("matmul");
        String sfx = t.suffix();
        Integer ta = tA ? 1 : 0, tb = tB ? 1 : 0;
        if (javaBackend()) {
            p.kernel("gemm_" + sfx).launch(Range.of(1), a.data, b.data, c.data, m, n, k, ta, tb, alpha, beta);
        } else if (acc.device().type() == DeviceType.CPU && t != ElementType.LONG) {
            // CPU-shaped path (matmul.cl explains it): pack op(A) into MR-row panels and op(B) into W-column panels,
            // then MR x W register blocks, 4 row panels per work-group so they share one B panel.
            int mr = MatrixKernels.MR, w = t == ElementType.FLOAT ? MatrixKernels.W_F32 : MatrixKernels.W_F64;
            int mp = (m + mr - 1) / mr, np = (n + w - 1) / w;
            synchronized (packScratch) {
                DeviceArray[] scratch = packBuffers(t, (long) mp * mr * k, (long) np * w * k);
                DeviceArray ap = scratch[0], bp = scratch[1];
                if (k > 0) {
                    // the pack kernels check their indexes: k rounded up to whole work-groups of 16
                    long k16 = (k + 15L) / 16 * 16;
                    p.kernel("gemm_pack_a_" + sfx).launch(Range.of(k16, mp), a.data, ap, m, k, ta);
                    p.kernel("gemm_pack_b_" + sfx).launch(Range.of(k16, np), b.data, bp, k, n, tb, w);
                }
                int l = Math.min(mp, 4);
                long rowsGlobal = (long) (mp + l - 1) / l * l;
                p.kernel("gemm_packed_" + sfx).launch(Range.of(np, rowsGlobal).local(1, l), ap, bp, c.data,
                        m, n, k, alpha, beta);
            }
        } else {
            long gx = (long) (n + TILE - 1) / TILE * 16, gy = (long) (m + TILE - 1) / TILE * 16;
            p.kernel("gemm_" + sfx).launch(Range.of(gx, gy).local(16, 16), a.data, b.data, c.data, m, n, k, ta, tb,
                    alpha, beta);
        }
    }

    // ================================================================== transpose

    /** A new matrix A^T. */
    public FloatMatrix transpose(FloatMatrix a) {
        Objects.requireNonNull(a, "a");
        own(m(a), "a");
        FloatMatrix out = FloatMatrix.alloc(acc, a.cols(), a.rows());
        return fill(out, () -> transpose(a, out));
    }

    public DoubleMatrix transpose(DoubleMatrix a) {
        Objects.requireNonNull(a, "a");
        own(m(a), "a");
        DoubleMatrix out = DoubleMatrix.alloc(acc, a.cols(), a.rows());
        return fill(out, () -> transpose(a, out));
    }

    public LongMatrix transpose(LongMatrix a) {
        Objects.requireNonNull(a, "a");
        own(m(a), "a");
        LongMatrix out = LongMatrix.alloc(acc, a.cols(), a.rows());
        return fill(out, () -> transpose(a, out));
    }

    /** out = A^T; out must be cols x rows of A and must not share memory with A. */
    public void transpose(FloatMatrix a, FloatMatrix out) { transpose(ElementType.FLOAT, a, out); }
    public void transpose(DoubleMatrix a, DoubleMatrix out) { transpose(ElementType.DOUBLE, a, out); }
    public void transpose(LongMatrix a, LongMatrix out) { transpose(ElementType.LONG, a, out); }

    private void transpose(ElementType t, Object ao, Object oo) {
        Objects.requireNonNull(ao, "a");
        Objects.requireNonNull(oo, "out");
        Mat a = m(ao), out = m(oo);
        own(a, "a");
        own(out, "out");
        if (out.rows != a.cols || out.cols != a.rows) {
            throw new IllegalArgumentException("transpose: A is " + a.shape() + ", so out must be " + a.cols + "x"
                    + a.rows + ", but out is " + out.shape());
        }
        noOverlap("transpose", out.data, "out", a.data, "A");
        requireFp64(t, "transpose");
        if (a.rows == 0 || a.cols == 0) return;
        Kernel k = program("transpose").kernel("transpose_" + t.suffix());
        long tx = (a.cols + 31L) / 32, ty = (a.rows + 31L) / 32;
        Range r = javaBackend() ? Range.of(tx, ty) : Range.of(tx * 32, ty * 8).local(32, 8);
        k.launch(r, a.data, out.data, a.rows, a.cols);
    }

    // ================================================================== gemv

    /** y = alpha * A * x + beta * y, with x of length cols(A) and y of length rows(A). beta == 0: y is not read. */
    public void gemv(float alpha, FloatMatrix a, FloatArray x, float beta, FloatArray y) {
        Objects.requireNonNull(a, "a");
        gemv(ElementType.FLOAT, alpha, m(a), x, beta, y);
    }

    public void gemv(double alpha, DoubleMatrix a, DoubleArray x, double beta, DoubleArray y) {
        Objects.requireNonNull(a, "a");
        gemv(ElementType.DOUBLE, alpha, m(a), x, beta, y);
    }

    private void gemv(ElementType t, Number alpha, Mat a, DeviceArray x, Number beta, DeviceArray y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        own(a, "a");
        acc.owned(x, "x");
        acc.owned(y, "y");
        if (x.length() != a.cols) {
            throw new IllegalArgumentException("gemv: A is " + a.shape() + ", so x must have " + a.cols
                    + " elements, but x is " + x.describe());
        }
        if (y.length() != a.rows) {
            throw new IllegalArgumentException("gemv: A is " + a.shape() + ", so y must have " + a.rows
                    + " elements, but y is " + y.describe());
        }
        noOverlap("gemv", y, "y", a.data, "A");
        noOverlap("gemv", y, "y", x, "x");
        requireFp64(t, "gemv");
        if (a.rows == 0) return;
        Kernel k = program("gemv").kernel("gemv_" + t.suffix());
        Range r = javaBackend() ? Range.of(a.rows) : Range.of(a.rows * 64L).local(64L);
        k.launch(r, a.data, x, y, a.rows, a.cols, alpha, beta);
    }

    // ================================================================== element-wise

    /** out = A + B element-wise; all three of one shape (out may be A or B). */
    public void add(FloatMatrix a, FloatMatrix b, FloatMatrix out) { add(ElementType.FLOAT, a, b, out); }
    public void add(DoubleMatrix a, DoubleMatrix b, DoubleMatrix out) { add(ElementType.DOUBLE, a, b, out); }

    /** out = alpha * A element-wise; out of A's shape (it may be A). */
    public void scale(float alpha, FloatMatrix a, FloatMatrix out) { scale(ElementType.FLOAT, alpha, a, out); }
    public void scale(double alpha, DoubleMatrix a, DoubleMatrix out) { scale(ElementType.DOUBLE, alpha, a, out); }

    private void add(ElementType t, Object ao, Object bo, Object oo) {
        Objects.requireNonNull(ao, "a");
        Objects.requireNonNull(bo, "b");
        Objects.requireNonNull(oo, "out");
        Mat a = m(ao), b = m(bo), out = m(oo);
        own(a, "a");
        own(b, "b");
        own(out, "out");
        if (a.rows != b.rows || a.cols != b.cols || out.rows != a.rows || out.cols != a.cols) {
            throw new IllegalArgumentException("add: A is " + a.shape() + ", B is " + b.shape() + ", out is "
                    + out.shape() + ": all three must have the same shape");
        }
        sameOrDisjoint("add", out.data, "out", a.data, "A");
        sameOrDisjoint("add", out.data, "out", b.data, "B");
        requireFp64(t, "add");
        long n = a.data.length();
        if (n == 0) return;
        program("matrix").kernel("matrix_add_" + t.suffix()).launch(elementwise(n), a.data, b.data, out.data, n);
    }

    private void scale(ElementType t, Number alpha, Object ao, Object oo) {
        Objects.requireNonNull(ao, "a");
        Objects.requireNonNull(oo, "out");
        Mat a = m(ao), out = m(oo);
        own(a, "a");
        own(out, "out");
        if (out.rows != a.rows || out.cols != a.cols) {
            throw new IllegalArgumentException("scale: A is " + a.shape() + " but out is " + out.shape()
                    + ": they must have the same shape");
        }
        sameOrDisjoint("scale", out.data, "out", a.data, "A");
        requireFp64(t, "scale");
        long n = a.data.length();
        if (n == 0) return;
        program("matrix").kernel("matrix_scale_" + t.suffix()).launch(elementwise(n), alpha, a.data, out.data, n);
    }

    /** Work-items for an element-wise launch: chunks of 4096 on the Java backend, a capped grid-stride
     * grid elsewhere. */
    private Range elementwise(long n) {
        if (javaBackend()) return Range.of((n + 4095) / 4096);
        // grid-stride kernels with an index check: any global size covers n, so round up to whole work-groups
        return Range.of(Math.min((n + 255) / 256 * 256, 1L << 20));

    }

    // ================================================================== plumbing

    /** A matrix of any element type, seen uniformly. */
    private record Mat(DeviceArray data, int rows, int cols, String kind) {
        String shape() { return rows + "x" + cols; }
    }

    private static Mat m(Object o) {
        if (o instanceof FloatMatrix f) return new Mat(f.data(), f.rows(), f.cols(), "FloatMatrix");
        if (o instanceof DoubleMatrix d) return new Mat(d.data(), d.rows(), d.cols(), "DoubleMatrix");
        if (o instanceof LongMatrix l) return new Mat(l.data(), l.rows(), l.cols(), "LongMatrix");
        throw new IllegalArgumentException("not a matrix: " + o);
    }

    private void own(Mat x, String name) {
        if (x.data.acc != acc) {
            throw new IllegalArgumentException(name + ": " + x.kind + "[" + x.shape() + "] belongs to accelerator "
                    + x.data.acc.device().id() + ", not to this one (" + acc.device().id() + ")");
        }
        if (x.data.isClosed()) throw new IllegalStateException(name + ": " + x.kind + "[" + x.shape() + "] is closed");
    }

    private static boolean overlap(DeviceArray x, DeviceArray y) {
        if (x.length() == 0 || y.length() == 0) return false;
        var rx = x.ref();
        var ry = y.ref();
        return rx.handle() == ry.handle() && rx.offset() < ry.offset() + ry.length()
                && ry.offset() < rx.offset() + rx.length();
    }

    private static void noOverlap(String what, DeviceArray out, String outName, DeviceArray in, String inName) {
        if (overlap(out, in)) {
            throw new IllegalArgumentException(what + ": " + outName + " shares memory with " + inName
                    + "; the result needs its own storage");
        }
    }

    private static void sameOrDisjoint(String what, DeviceArray out, String outName, DeviceArray in, String inName) {
        if (overlap(out, in) && (out.ref().offset() != in.ref().offset())) {
            throw new IllegalArgumentException(what + ": " + outName + " partly overlaps " + inName
                    + "; it must be the same matrix or separate memory");
        }
    }

    private void requireFp64(ElementType t, String what) {
        if (t == ElementType.DOUBLE && !acc.device().supports(Capability.FP64)) {
            throw new UnsupportedCapabilityException(Capability.FP64, acc.device(), what);
        }
    }

    private boolean javaBackend() { return acc.device().backendInfo().javaKernels(); }

    private Program program(String file) {
        return acc.sharedProgram("gpu4j.matrices." + file, () -> MatrixKernels.source(file), "");
    }

    private static <T extends AutoCloseable> T fill(T result, Runnable op) {
        try {
            op.run();
            return result;
        } catch (RuntimeException | Error e) {
            try {
                result.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
