package org.gpu4j.matrix;

import java.util.Random;
import org.gpu4j.testing.Require;

/** A fresh seed per test from {@link Require#seed()} (or -Dgpu4j.seed=N to replay one); failure messages print it. */
final class Seeds {
    private Seeds() {}

    static long next() {
        return Require.seed().value();
    }

    static float[] floats(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = r.nextFloat() * 2 - 1;
        return x;
    }

    static double[] doubles(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextDouble() * 2 - 1;
        return x;
    }

    static float[][] rows(float[] flat, int rows, int cols) {
        float[][] o = new float[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * cols, o[i], 0, cols);
        return o;
    }

    static double[][] rows(double[] flat, int rows, int cols) {
        double[][] o = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * cols, o[i], 0, cols);
        return o;
    }

    static long[][] rows(long[] flat, int rows, int cols) {
        long[][] o = new long[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * cols, o[i], 0, cols);
        return o;
    }
}
