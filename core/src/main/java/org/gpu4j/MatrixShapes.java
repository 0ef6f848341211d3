package org.gpu4j;

import java.util.function.IntUnaryOperator;

/** Shape checks shared by the matrix classes. */
final class MatrixShapes {
    private MatrixShapes() {}

    static void checkDims(int rows, int cols) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("matrix shape " + rows + "x" + cols + " is negative");
        size(rows, cols);
    }

    /** rows * cols as an int (the Java arrays that fill a matrix are int-indexed). */
    static int size(int rows, int cols) {
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix has " + n
                    + " elements, more than one Java array can hold");
        }
        return (int) n;
    }

    /** The common row length of a 2-D Java array; {@code length.applyAsInt(i)} is -1 for a null row. */
    static int cols(Object[] values, IntUnaryOperator length) {
        if (values.length == 0) return 0;
        int c = length.applyAsInt(0);
        if (c < 0) throw new IllegalArgumentException("values: row 0 is null");
        for (int i = 1; i < values.length; i++) {
            int ci = length.applyAsInt(i);
            if (ci < 0) throw new IllegalArgumentException("values: row " + i + " is null");
            if (ci != c) {
                throw new IllegalArgumentException("values: ragged array: row " + i + " has " + ci
                        + " elements, row 0 has " + c);
            }
        }
        return c;
    }
}
