package org.gpu4j.matrix;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java CPU backend's gemv rows on the Vector API ({@code jdk.incubator.vector}), used by {@link MatrixKernels}'
 * gemv twins when {@link JavaGemm#vectorApi()} says the module is there (and not turned off); without it this class
 * is never loaded and the scalar loops of {@link MatrixKernels#gemvF32} run instead.
 *
 * <p>Design: gemv is bound by reading A once. Four rows at a time: each step loads one vector of x and one of each
 * row and issues four vector FMAs into four accumulators (x is loaded once per four rows, from L1); the lanes are
 * summed at the end of the row, the last {@code n mod lanes} columns in scalar code, then y = alpha*s (+ beta*y
 * unless beta is 0, when y is not read). Rows left over after the groups of four run one at a time. Measured at
 * N = 4096 on 2 cores (AMD EPYC, AVX2: 256-bit vectors, one loaded run): 7-14 GB/s against 4-5.5 GB/s for the scalar
 * four-row loop.
 */
final class VectorGemv {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    private VectorGemv() {}

    /** Rows [from, to) of y = alpha*A*x + beta*y, A row-major with n columns from offset ao. */
    static void sgemv(float[] A, int ao, float[] x, int xo, float[] y, int yo, int n, int from, int to,
                      float alpha, float beta) {
        final int lanes = FS.length(), ub = n - n % lanes;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            final int r0 = ao + i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
            FloatVector s0 = FloatVector.zero(FS), s1 = s0, s2 = s0, s3 = s0;
            for (int j = 0; j < ub; j += lanes) {
                FloatVector xv = FloatVector.fromArray(FS, x, xo + j);
                s0 = FloatVector.fromArray(FS, A, r0 + j).fma(xv, s0);
                s1 = FloatVector.fromArray(FS, A, r1 + j).fma(xv, s1);
                s2 = FloatVector.fromArray(FS, A, r2 + j).fma(xv, s2);
                s3 = FloatVector.fromArray(FS, A, r3 + j).fma(xv, s3);
            }
            float t0 = s0.reduceLanes(VectorOperators.ADD), t1 = s1.reduceLanes(VectorOperators.ADD);
            float t2 = s2.reduceLanes(VectorOperators.ADD), t3 = s3.reduceLanes(VectorOperators.ADD);
            for (int j = ub; j < n; j++) {
                float xj = x[xo + j];
                t0 = Math.fma(A[r0 + j], xj, t0);
                t1 = Math.fma(A[r1 + j], xj, t1);
                t2 = Math.fma(A[r2 + j], xj, t2);
                t3 = Math.fma(A[r3 + j], xj, t3);
            }
            store(y, yo + i, t0, alpha, beta);
            store(y, yo + i + 1, t1, alpha, beta);
            store(y, yo + i + 2, t2, alpha, beta);
            store(y, yo + i + 3, t3, alpha, beta);
        }
        for (; i < to; i++) {
            final int r0 = ao + i * n;
            FloatVector s0 = FloatVector.zero(FS);
            for (int j = 0; j < ub; j += lanes) {
                s0 = FloatVector.fromArray(FS, A, r0 + j).fma(FloatVector.fromArray(FS, x, xo + j), s0);
            }
            float t0 = s0.reduceLanes(VectorOperators.ADD);
            for (int j = ub; j < n; j++) t0 = Math.fma(A[r0 + j], x[xo + j], t0);
            store(y, yo + i, t0, alpha, beta);
        }
    }

    static void dgemv(double[] A, int ao, double[] x, int xo, double[] y, int yo, int n, int from, int to,
                      double alpha, double beta) {
        final int lanes = DS.length(), ub = n - n % lanes;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            final int r0 = ao + i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
            DoubleVector s0 = DoubleVector.zero(DS), s1 = s0, s2 = s0, s3 = s0;
            for (int j = 0; j < ub; j += lanes) {
                DoubleVector xv = DoubleVector.fromArray(DS, x, xo + j);
                s0 = DoubleVector.fromArray(DS, A, r0 + j).fma(xv, s0);
                s1 = DoubleVector.fromArray(DS, A, r1 + j).fma(xv, s1);
                s2 = DoubleVector.fromArray(DS, A, r2 + j).fma(xv, s2);
                s3 = DoubleVector.fromArray(DS, A, r3 + j).fma(xv, s3);
            }
            double t0 = s0.reduceLanes(VectorOperators.ADD), t1 = s1.reduceLanes(VectorOperators.ADD);
            double t2 = s2.reduceLanes(VectorOperators.ADD), t3 = s3.reduceLanes(VectorOperators.ADD);
            for (int j = ub; j < n; j++) {
                double xj = x[xo + j];
                t0 = Math.fma(A[r0 + j], xj, t0);
                t1 = Math.fma(A[r1 + j], xj, t1);
                t2 = Math.fma(A[r2 + j], xj, t2);
                t3 = Math.fma(A[r3 + j], xj, t3);
            }
            store(y, yo + i, t0, alpha, beta);
            store(y, yo + i + 1, t1, alpha, beta);
            store(y, yo + i + 2, t2, alpha, beta);
            store(y, yo + i + 3, t3, alpha, beta);
        }
        for (; i < to; i++) {
            final int r0 = ao + i * n;
            DoubleVector s0 = DoubleVector.zero(DS);
            for (int j = 0; j < ub; j += lanes) {
                s0 = DoubleVector.fromArray(DS, A, r0 + j).fma(DoubleVector.fromArray(DS, x, xo + j), s0);
            }
            double t0 = s0.reduceLanes(VectorOperators.ADD);
            for (int j = ub; j < n; j++) t0 = Math.fma(A[r0 + j], x[xo + j], t0);
            store(y, yo + i, t0, alpha, beta);
        }
    }

    private static void store(float[] y, int k, float s, float alpha, float beta) {
        float v = alpha * s;
        y[k] = beta != 0f ? Math.fma(beta, y[k], v) : v;
    }

    private static void store(double[] y, int k, double s, double alpha, double beta) {
        double v = alpha * s;
        y[k] = beta != 0d ? Math.fma(beta, y[k], v) : v;
    }
}
