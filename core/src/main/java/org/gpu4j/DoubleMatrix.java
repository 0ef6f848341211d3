package org.gpu4j;

import java.util.Objects;

/**
 * A row-major {@code rows x cols} matrix of {@code double} held in a {@link DoubleArray} on one accelerator: element
 * (i, j) is {@code data().get((long) i * cols + j)}. Operations on matrices are in {@link Matrices}
 * ({@code acc.matrices()}). Closing the matrix closes its array.
 *
 * {@snippet :
 * try (DoubleMatrix a = acc.upload(new double[][] {{1, 2}, {3, 4}});
 *      DoubleMatrix b = acc.upload(new double[][] {{5}, {6}});
 *      DoubleMatrix c = acc.matrices().multiply(a, b)) {
 *     double[][] product = c.toArray2D();    // {{17}, {39}}
 * }
 * }
 */
public final class DoubleMatrix implements Matrix {
    private final DoubleArray data;
    private final int rows;
    private final int cols;

    private DoubleMatrix(DoubleArray data, int rows, int cols) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /** A new matrix holding a copy of {@code values}: {@link Accelerator#upload(double[][])} calls this. */
    static DoubleMatrix of(Accelerator acc, double[][] values) {
        Objects.requireNonNull(acc, "acc");
        Objects.requireNonNull(values, "values");
        int r = values.length;
        int c = MatrixShapes.cols(values, i -> values[i] == null ? -1 : values[i].length);
        double[] flat = new double[MatrixShapes.size(r, c)];
        for (int i = 0; i < r; i++) System.arraycopy(values[i], 0, flat, i * c, c);
        return new DoubleMatrix(acc.upload(flat), r, c);
    }

    /** A new zero-filled matrix: {@link Accelerator#allocDoubleMatrix} calls this. */
    static DoubleMatrix alloc(Accelerator acc, int rows, int cols) {
        Objects.requireNonNull(acc, "acc");
        MatrixShapes.checkDims(rows, cols);
        return new DoubleMatrix(acc.allocDoubles((long) rows * cols), rows, cols);
    }

    /**
     * A matrix view over an existing array of exactly {@code rows * cols} elements (shared, not copied; closing the
     * matrix closes the array).
     */
    public static DoubleMatrix wrap(DoubleArray data, int rows, int cols) {
        Objects.requireNonNull(data, "data");
        MatrixShapes.checkDims(rows, cols);
        if (data.length() != (long) rows * cols) {
            throw new IllegalArgumentException("data: " + data.describe() + " has " + data.length()
                    + " elements, a " + rows + "x" + cols + " matrix needs " + (long) rows * cols);
        }
        return new DoubleMatrix(data, rows, cols);
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
    /** The row-major elements. */
    @Override public DoubleArray data() { return data; }
    @Override public Accelerator accelerator() { return data.acc; }
    @Override public boolean isClosed() { return data.isClosed(); }

    /** A new Java array per row holding this matrix's elements (waits for earlier commands). */
    public double[][] toArray2D() {
        double[] flat = data.toArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * cols, out[i], 0, cols);
        return out;
    }

    @Override public void close() { data.close(); }

    @Override public String toString() { return "DoubleMatrix[" + rows + "x" + cols + "] on " + data.acc.device().id(); }

    @Override public String shape() { return rows + "x" + cols; }
}
