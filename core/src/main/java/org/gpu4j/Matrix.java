package org.gpu4j;

/**
 * A row-major {@code rows x cols} matrix held in one device array: {@link FloatMatrix}, {@link DoubleMatrix} or
 * {@link LongMatrix}. Element (i, j) is element {@code i * cols + j} of {@link #data()}. Made with
 * {@code acc.upload(float[][])} (and the double and long forms), {@code acc.allocFloatMatrix(rows, cols)} (and the
 * others), or as a view over an existing array with {@code FloatMatrix.wrap}; operated on by {@link Matrices}.
 * Closing the matrix closes its array. Thread-safe like its array.
 */
public sealed interface Matrix extends AutoCloseable permits FloatMatrix, DoubleMatrix, LongMatrix {
    int rows();

    int cols();

    /** The row-major elements. */
    DeviceArray data();

    /** The element type of {@link #data()}. */
    default ElementType elementType() { return data().elementType(); }

    /** The accelerator that owns the matrix. */
    default Accelerator accelerator() { return data().accelerator(); }

    default boolean isClosed() { return data().isClosed(); }

    /** {@code rows x cols}, e.g. {@code 3x4}. */
    default String shape() { return rows() + "x" + cols(); }

    /** Closes the array; idempotent, never throws. */
    @Override void close();
}
