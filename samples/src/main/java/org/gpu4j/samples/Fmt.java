package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;

/** Printing and data helpers shared by the samples: large inputs are shown abbreviated, with "..." in the middle. */
final class Fmt {
    /** At most this many rows/columns/elements are printed; larger ones show the first and last few. */
    static final int SHOW = 10;

    private Fmt() {}

    static String f(String format, Object... args) { return String.format(Locale.ROOT, format, args); }

    /** A row-major rows x cols float matrix, one line per row. */
    static void matrix(PrintWriter out, float[] a, int rows, int cols) {
        if (rows == 0 || cols == 0) { out.println("  (empty: " + rows + " x " + cols + ")"); return; }
        for (int r : indices(rows)) {
            if (r < 0) { out.println("  ..."); continue; }
            StringBuilder sb = new StringBuilder("  [");
            for (int c : indices(cols)) sb.append(c < 0 ? "      ..." : f(" %9.5f", a[r * cols + c]));
            out.println(sb.append(" ]"));
        }
    }

    /** A row-major rows x cols long matrix. */
    static void matrix(PrintWriter out, long[] a, int rows, int cols) {
        if (rows == 0 || cols == 0) { out.println("  (empty: " + rows + " x " + cols + ")"); return; }
        for (int r : indices(rows)) {
            if (r < 0) { out.println("  ..."); continue; }
            StringBuilder sb = new StringBuilder("  [");
            for (int c : indices(cols)) sb.append(c < 0 ? "   ..." : f(" %5d", a[r * cols + c]));
            out.println(sb.append(" ]"));
        }
    }

    /** Indices 0..n-1, or the first and last SHOW/2 with -1 marking the gap. */
    static int[] indices(int n) {
        if (n <= SHOW) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int h = SHOW / 2;
        int[] idx = new int[SHOW + 1];
        for (int i = 0; i < h; i++) { idx[i] = i; idx[h + 1 + i] = n - h + i; }
        idx[h] = -1;
        return idx;
    }

    /** The {@code count} integers from {@code first}: {@code []}, {@code [1]}, {@code [1, 2, 3]}, {@code [1, 2, ..., 10]}. */
    static String range(long first, long count) {
        if (count <= 3) {
            StringBuilder sb = new StringBuilder("[");
            for (long i = 0; i < count; i++) sb.append(i == 0 ? "" : ", ").append(first + i);
            return sb.append(']').toString();
        }
        return "[" + first + ", " + (first + 1) + ", ..., " + (first + count - 1) + "]";
    }

    static String ints(int[] a) {
        if (a.length <= 100) return java.util.Arrays.toString(a);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 10; i++) sb.append(a[i]).append(", ");
        sb.append("... ");
        for (int i = a.length - 10; i < a.length; i++) sb.append(", ").append(a[i]);
        return sb.append("] (").append(a.length).append(" values)").toString();
    }

    static String floats(float[] a) {
        StringBuilder sb = new StringBuilder("[");
        int[] idx = a.length <= 50 ? indices0(a.length) : null;
        if (idx != null) {
            for (int i = 0; i < a.length; i++) sb.append(i == 0 ? "" : ", ").append(f("%.6f", a[i]));
            return sb.append(']').toString();
        }
        for (int i = 0; i < 5; i++) sb.append(i == 0 ? "" : ", ").append(f("%.6f", a[i]));
        sb.append(", ...");
        for (int i = a.length - 5; i < a.length; i++) sb.append(", ").append(f("%.6f", a[i]));
        return sb.append("] (").append(a.length).append(" values)").toString();
    }

    private static int[] indices0(int n) { return new int[n]; }

    /** n ints uniform in [0, bound) from {@code rnd}. */
    static int[] randomInts(Random rnd, int n, int bound) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextInt(bound);
        return a;
    }

    /** n floats uniform in [0, 1) from {@code rnd}. */
    static float[] randomFloats(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat();
        return a;
    }

    /** n standard-normal floats (numpy.random.randn) from {@code rnd}. */
    static float[] gaussians(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }
}
