package org.gpu4j;

import java.util.Objects;

/**
 * A row-major {@code rows x cols} matrix of {@code float} held in a {@link FloatArray} on one accelerator: element
 * (i, j) is {@code data().get((long) i * cols + j)}. Operations on matrices are in {@link Matrices}
 * ({@code acc.matrices()}). Closing the matrix closes its array.
 *
 * {@snippet :
 * try (FloatMatrix a = acc.upload(new float[][] {{1, 2}, {3, 4}});
 *      FloatMatrix b = acc.upload(new float[][] {{5}, {6}});
 *      FloatMatrix c = acc.matrices().multiply(a, b)) {
 *     float[][] product = c.toArray2D();    // {{17}, {39}}
 * }
 * }
 */
public final class FloatMatrix implements Matrix {
    private final FloatArray data;
    private final int rows;
    private final int cols;

    private FloatMatrix(FloatArray data, int rows, int cols) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /** A new matrix holding a copy of {@code values}: {@link Accelerator#upload(float[][])} calls this. */
    static FloatMatrix of(Accelerator acc, float[][] values) {
        Objects.requireNonNull(acc, "acc");
        Objects.requireNonNull(values, "values");
        int r = values.length;
        int c = MatrixShapes.cols(values, i -> values[i] == null ? -1 : values[i].length);
        float[] flat = new float[MatrixShapes.size(r, c)];
        for (int i = 0; i < r; i++) System.arraycopy(values[i], 0, flat, i * c, c);
        return new FloatMatrix(acc.upload(flat), r, c);
    }

    /** A new zero-filled matrix: {@link Accelerator#allocFloatMatrix} calls this. */
    static FloatMatrix alloc(Accelerator acc, int rows, int cols) {
        Objects.requireNonNull(acc, "acc");
        MatrixShapes.checkDims(rows, cols);
        return new FloatMatrix(acc.allocFloats((long) rows * cols), rows, cols);
    }

    /**
     * A matrix view over an existing array of exactly {@code rows * cols} elements (shared, not copied; closing the
     * matrix closes the array).
     */
    public static FloatMatrix wrap(FloatArray data, int rows, int cols) {
        Objects.requireNonNull(data, "data");
        MatrixShapes.checkDims(rows, cols);
        if (data.length() != (long) rows * cols) {
            throw new IllegalArgumentException("data: " + data.describe() + " has " + data.length()
                    + " elements, a " + rows + "x" + cols + " matrix needs " + (long) rows * cols);
        }
        return new FloatMatrix(data, rows, cols);
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
    /** The row-major elements. */
    @Override public FloatArray data() { return data; }
    @Override public Accelerator accelerator() { return data.acc; }
    @Override public boolean isClosed() { return data.isClosed(); }

    /** A new Java array per row holding this matrix's elements (waits for earlier commands). */
    public float[][] toArray2D() {
        float[] flat = data.toArray();
        float[][] out = new float[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * cols, out[i], 0, cols);
        return out;
    }

    @Override public void close() { data.close(); }

    @Override public String toString() { return "FloatMatrix[" + rows + "x" + cols + "] on " + data.acc.device().id(); }

    @Override public String shape() { return rows + "x" + cols; }
}
