package org.gpu4j.expr;

/**
 * The state one Java work-item (a chunk of indices) evaluates a compiled snippet in: {@code i} and {@code n}, one
 * slot array per scalar type (arguments, builtins, locals), and the arrays of the kernel's array parameters with
 * their offsets (non-zero for slices), indexed by parameter position.
 */
final class Frame {
    long i, n;
    final float[] f;
    final double[] d;
    final int[] iv;
    final long[] l;
    final float[][] fa;
    final double[][] da;
    final int[][] ia;
    final long[][] la;
    final int[] off;
    /** The length of each array parameter (a slice's own length), for the bounds check of computed indexes. */
    final int[] len;

    Frame(int floats, int doubles, int ints, int longs, int params) {
        f = new float[floats];
        d = new double[doubles];
        iv = new int[ints];
        l = new long[longs];
        fa = new float[params][];
        da = new double[params][];
        ia = new int[params][];
        la = new long[params][];
        off = new int[params];
        len = new int[params];
    }
}
