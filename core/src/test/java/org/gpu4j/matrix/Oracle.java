package org.gpu4j.matrix;

import java.util.stream.IntStream;

/** Reference matrix arithmetic on the host: double accumulation for float, compensated (fma + TwoSum) for double. */
final class Oracle {
    private Oracle() {}

    static float[] opf(float[] x, int rows, int cols, boolean t) {
        if (!t) return x;
        float[] o = new float[x.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) o[j * rows + i] = x[i * cols + j];
        return o;
    }

    static double[] opd(double[] x, int rows, int cols, boolean t) {
        if (!t) return x;
        double[] o = new double[x.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) o[j * rows + i] = x[i * cols + j];
        return o;
    }

    /** Exact-ish alpha * A*B + beta * C (A m x k, B k x n, already transposed as needed) and the error scale. */
    static double[][] sgemm(float alpha, float[] a, float[] b, float beta, float[] c, int m, int n, int k) {
        double[] ref = new double[m * n], mag = new double[m * n];
        IntStream.range(0, m).parallel().forEach(i -> {
            double[] s = new double[n], g = new double[n];
            for (int p = 0; p < k; p++) {
                double av = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    double prod = av * b[p * n + j]; // exact: a float times a float fits a double
                    s[j] += prod;
                    g[j] += Math.abs(prod);
                }
            }
            for (int j = 0; j < n; j++) {
                double cv = beta == 0f ? 0 : (double) beta * c[i * n + j];
                ref[i * n + j] = alpha * s[j] + cv;
                mag[i * n + j] = Math.abs(alpha) * g[j] + Math.abs(cv);
            }
        });
        return new double[][] {ref, mag};
    }

    static double[][] dgemm(double alpha, double[] a, double[] b, double beta, double[] c, int m, int n, int k) {
        double[] ref = new double[m * n], mag = new double[m * n];
        IntStream.range(0, m).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                double s = 0, comp = 0, g = 0;
                for (int p = 0; p < k; p++) {
                    double x = a[i * k + p], y = b[p * n + j];
                    double prod = x * y, perr = Math.fma(x, y, -prod); // TwoProduct
                    double t = s + prod;                                // TwoSum
                    double bp = t - s;
                    comp += (s - (t - bp)) + (prod - bp) + perr;
                    s = t;
                    g += Math.abs(prod);
                }
                double cv = beta == 0d ? 0 : beta * c[i * n + j];
                ref[i * n + j] = alpha * (s + comp) + cv;
                mag[i * n + j] = Math.abs(alpha) * g + Math.abs(cv);
            }
        });
        return new double[][] {ref, mag};
    }

    static long[] lmul(long[] a, long[] b, int m, int n, int k) {
        long[] c = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j]; // Java wraps: the reference semantics
                c[i * n + j] = s;
            }
        }
        return c;
    }
}
