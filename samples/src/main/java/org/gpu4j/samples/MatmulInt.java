package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.LongMatrix;
import picocli.CommandLine.Command;

/**
 * Port of Numba's {@code @guvectorize} matrix multiplication: C = A·B for N×N int64 matrices with values in [0, 10),
 * through {@code acc.matrices().multiply}.
 *
 * <p><b>Defect fixed.</b> The recipe's {@code guvectorize} has no CUDA target: it never touches the GPU, although the
 * chapter presents it as GPU code. This port runs on the device it names on its first line, and the product is
 * compared for exact integer equality with a Java loop.
 */
@Command(name = "matmul-int", mixinStandardHelpOptions = true,
        description = "C = A.B for N x N int64 matrices with values in [0,10), through acc.matrices() (default N = 10).")
public final class MatmulInt extends SampleCommand {
    @Override public String recipe() { return "Numba @guvectorize matmul (matMulNumba)"; }

    @Override protected int defaultN() { return 10; }

    /** A, B and C as long[N][N] (plus a header per row) on the host and the device, and one flat copy to print. */
    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        long n = s.get("--n"), elements = n * n;
        Sizes.Footprint f = new Sizes.Footprint();
        for (String m : new String[] {"A", "B", "C"}) f.both(m + " (N x N longs)", elements, 8).host(m + "'s rows", n, 24);
        return f.host("a flat copy of a matrix, to print (N x N longs)", elements, 8);
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int n = n();
        Random rnd = new Random(seed);
        long[][] a = new long[n][n], b = new long[n][n];
        for (long[] row : a) for (int j = 0; j < n; j++) row[j] = rnd.nextInt(10);
        for (long[] row : b) for (int j = 0; j < n; j++) row[j] = rnd.nextInt(10);

        long[][] c;
        try (LongMatrix da = acc.upload(a);
             LongMatrix db = acc.upload(b);
             LongMatrix dc = acc.matrices().multiply(da, db)) {
            c = dc.toArray2D();
        }
        out.println(Fmt.f("MATRIX A (%d x %d)", n, n));
        Fmt.matrix(out, flat(a, n), n, n);
        out.println(Fmt.f("MATRIX B (%d x %d)", n, n));
        Fmt.matrix(out, flat(b, n), n, n);
        out.println(Fmt.f("MATRIX C = A.B (%d x %d)", n, n));
        Fmt.matrix(out, flat(c, n), n, n);

        int exact = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int k = 0; k < n; k++) s += a[i][k] * b[k][j];
                if (c.length == n && c[i].length == n && c[i][j] == s) exact++;
            }
        }
        return check(out, exact == n * n, exact + "/" + (n * n) + " elements equal to the Java oracle's");
    }

    private static long[] flat(long[][] m, int n) {
        long[] f = new long[n * n];
        for (int i = 0; i < n; i++) System.arraycopy(m[i], 0, f, i * n, n);
        return f;
    }
}
