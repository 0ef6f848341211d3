package org.gpu4j;

import org.gpu4j.matrix.MatrixOps;

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
 * ({@code org.gpu4j.matrix.MatrixKernels}). GPUs run a 64x64-tiled GEMM with 4x4 register blocks; OpenCL CPU devices (PoCL) run a
 * CPU-shaped GEMM (packed panels, 8x16 {@code float16} register blocks, no barriers); the Java CPU backend runs a
 * cache- and register-blocked GEMM that C2 vectorises, over all cores.
 *
 * {@snippet :
 * Matrices mx = acc.matrices();
 * try (FloatMatrix a = acc.upload(new float[][] {{1, 2, 3}, {4, 5, 6}});
 *      FloatMatrix c = acc.allocFloatMatrix(2, 2)) {
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

    private final Accelerator acc;
    private final MatrixOps ops;

    Matrices(Accelerator acc) {
        this.acc = acc;
        this.ops = new MatrixOps(acc);
    }

    /** The accelerator these operations run on. */
    public Accelerator accelerator() { return acc; }

    // ================================================================== GEMM / multiply

    /** C = alpha * op(A) * op(B) + beta * C. When beta is 0, C's old contents are not read (NaNs there vanish). */
    public void gemm(float alpha, FloatMatrix a, Op opA, FloatMatrix b, Op opB, float beta, FloatMatrix c) {
        ops.gemm("gemm", ElementType.FLOAT, a, transposed(opA, "opA"), b, transposed(opB, "opB"), alpha, beta, c);
    }

    /** C = alpha * op(A) * op(B) + beta * C. When beta is 0, C's old contents are not read. */
    public void gemm(double alpha, DoubleMatrix a, Op opA, DoubleMatrix b, Op opB, double beta, DoubleMatrix c) {
        ops.gemm("gemm", ElementType.DOUBLE, a, transposed(opA, "opA"), b, transposed(opB, "opB"), alpha, beta, c);
    }

    /** C = A * B into an existing C. */
    public void multiply(FloatMatrix a, FloatMatrix b, FloatMatrix c) {
        ops.gemm("multiply", ElementType.FLOAT, a, false, b, false, 1f, 0f, c);
    }

    public void multiply(DoubleMatrix a, DoubleMatrix b, DoubleMatrix c) {
        ops.gemm("multiply", ElementType.DOUBLE, a, false, b, false, 1d, 0d, c);
    }

    /** C = A * B with wrap-around on overflow, exactly as Java's {@code long} arithmetic. */
    public void multiply(LongMatrix a, LongMatrix b, LongMatrix c) {
        ops.gemm("multiply", ElementType.LONG, a, false, b, false, 1L, 0L, c);
    }

    /** A new matrix A * B. */
    public FloatMatrix multiply(FloatMatrix a, FloatMatrix b) {
        ops.checkMultiply(a, b);
        return ops.produce(acc.allocFloatMatrix(a.rows(), b.cols()), c -> multiply(a, b, c));
    }

    public DoubleMatrix multiply(DoubleMatrix a, DoubleMatrix b) {
        ops.checkMultiply(a, b);
        return ops.produce(acc.allocDoubleMatrix(a.rows(), b.cols()), c -> multiply(a, b, c));
    }

    public LongMatrix multiply(LongMatrix a, LongMatrix b) {
        ops.checkMultiply(a, b);
        return ops.produce(acc.allocLongMatrix(a.rows(), b.cols()), c -> multiply(a, b, c));
    }

    // ================================================================== transpose

    /** A new matrix A^T. */
    public FloatMatrix transpose(FloatMatrix a) {
        ops.own(a, "a");
        return ops.produce(acc.allocFloatMatrix(a.cols(), a.rows()), out -> transpose(a, out));
    }

    public DoubleMatrix transpose(DoubleMatrix a) {
        ops.own(a, "a");
        return ops.produce(acc.allocDoubleMatrix(a.cols(), a.rows()), out -> transpose(a, out));
    }

    public LongMatrix transpose(LongMatrix a) {
        ops.own(a, "a");
        return ops.produce(acc.allocLongMatrix(a.cols(), a.rows()), out -> transpose(a, out));
    }

    /** out = A^T; out must be cols x rows of A and must not share memory with A. */
    public void transpose(FloatMatrix a, FloatMatrix out) { ops.transpose(ElementType.FLOAT, a, out); }
    public void transpose(DoubleMatrix a, DoubleMatrix out) { ops.transpose(ElementType.DOUBLE, a, out); }
    public void transpose(LongMatrix a, LongMatrix out) { ops.transpose(ElementType.LONG, a, out); }

    // ================================================================== gemv

    /** y = alpha * A * x + beta * y, with x of length cols(A) and y of length rows(A). beta == 0: y is not read. */
    public void gemv(float alpha, FloatMatrix a, FloatArray x, float beta, FloatArray y) {
        ops.gemv(ElementType.FLOAT, alpha, a, x, beta, y);
    }

    public void gemv(double alpha, DoubleMatrix a, DoubleArray x, double beta, DoubleArray y) {
        ops.gemv(ElementType.DOUBLE, alpha, a, x, beta, y);
    }

    // ================================================================== element-wise

    /** out = A + B element-wise; all three of one shape (out may be A or B). */
    public void add(FloatMatrix a, FloatMatrix b, FloatMatrix out) { ops.add(ElementType.FLOAT, a, b, out); }
    public void add(DoubleMatrix a, DoubleMatrix b, DoubleMatrix out) { ops.add(ElementType.DOUBLE, a, b, out); }

    /** out = alpha * A element-wise; out of A's shape (it may be A). */
    public void scale(float alpha, FloatMatrix a, FloatMatrix out) { ops.scale(ElementType.FLOAT, alpha, a, out); }
    public void scale(double alpha, DoubleMatrix a, DoubleMatrix out) { ops.scale(ElementType.DOUBLE, alpha, a, out); }

    private static boolean transposed(Op op, String name) {
        return java.util.Objects.requireNonNull(op, name) == Op.TRANSPOSE;
    }
}
