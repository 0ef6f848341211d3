package org.gpu4j.bench;

import org.gpu4j.Accelerator;
import org.gpu4j.DoubleMatrix;
import org.gpu4j.FloatMatrix;

/** The matrix operations ({@code acc.matrices()}): sgemm, dgemm (C = A*B) and transpose on N x N matrices. */
final class MatrixWorkloads {
    private MatrixWorkloads() {}

    static Workload create(BenchContext ctx, Accelerator acc, Op op, long size) {
        int n = Math.toIntExact(size);
        int nn = Math.multiplyExact(n, n);
        return switch (op) {
            case SGEMM -> {
                FloatMatrix a = FloatMatrix.wrap(acc.upload(ctx.floats("A", nn)), n, n);
                FloatMatrix b = FloatMatrix.wrap(acc.upload(ctx.floats("B", nn)), n, n);
                FloatMatrix c = acc.allocFloatMatrix(n, n);
                yield Workloads.of(() -> {
                    acc.matrices().multiply(a, b, c);
                    acc.finish();
                }, a, b, c);
            }
            case DGEMM -> {
                DoubleMatrix a = DoubleMatrix.wrap(acc.upload(ctx.doubles("A", nn)), n, n);
                DoubleMatrix b = DoubleMatrix.wrap(acc.upload(ctx.doubles("B", nn)), n, n);
                DoubleMatrix c = acc.allocDoubleMatrix(n, n);
                yield Workloads.of(() -> {
                    acc.matrices().multiply(a, b, c);
                    acc.finish();
                }, a, b, c);
            }
            case TRANSPOSE -> {
                FloatMatrix a = FloatMatrix.wrap(acc.upload(ctx.floats("A", nn)), n, n);
                FloatMatrix t = acc.allocFloatMatrix(n, n);
                yield Workloads.of(() -> {
                    acc.matrices().transpose(a, t);
                    acc.finish();
                }, a, t);
            }
            case GEMV -> {
                FloatMatrix a = FloatMatrix.wrap(acc.upload(ctx.floats("A", nn)), n, n);
                org.gpu4j.FloatArray x = acc.upload(ctx.floats("x", n)), y = acc.allocFloats(n);
                yield Workloads.of(() -> {
                    acc.matrices().gemv(1f, a, x, 0f, y);
                    acc.finish();
                }, a, x, y);
            }
            case MATRIX_ADD, MATRIX_SCALE -> {
                FloatMatrix a = FloatMatrix.wrap(acc.upload(ctx.floats("A", nn)), n, n);
                FloatMatrix b = FloatMatrix.wrap(acc.upload(ctx.floats("B", nn)), n, n);
                FloatMatrix c = acc.allocFloatMatrix(n, n);
                yield Workloads.of(() -> {
                    if (op == Op.MATRIX_ADD) acc.matrices().add(a, b, c);
                    else acc.matrices().scale(2f, a, c);
                    acc.finish();
                }, a, b, c);
            }
            default -> throw new IllegalArgumentException("op: " + op.id + " is not a matrix operation");
        };
    }
}
