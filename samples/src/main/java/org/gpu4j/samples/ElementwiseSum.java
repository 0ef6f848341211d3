package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Map;
import org.gpu4j.Accelerator;
import org.gpu4j.IntArray;
import org.gpu4j.expr.ElementwiseKernel;
import picocli.CommandLine.Command;

/**
 * Port of "Element-wise expressions with PyOpenCL": the vector sum of {@code vector-add}, written as the expression
 * {@code c[i] = a[i] + b[i]} and compiled by {@link Accelerator#elementwise(String, String)}.
 *
 * <p><b>Defects fixed.</b> The recipe builds its vectors from numpy's default 64-bit integers for an {@code int}
 * kernel (half the result is garbage on Linux) and asks interactively which device to use. Here the arrays are
 * {@link IntArray}s declared {@code int *} in the expression, so the types match at both ends, and the device comes
 * from {@code --backend}/{@code --device}. For the same seed the output equals {@code vector-add}'s.
 */
@Command(name = "elementwise-sum", mixinStandardHelpOptions = true,
        description = "The vector-add sum through the expression API: c[i] = a[i] + b[i] on int32 (default N = 100).")
public final class ElementwiseSum extends SampleCommand {
    @Override public String recipe() { return "Element-wise expressions with PyOpenCL (elementwisePyopencl)"; }

    @Override protected int defaultN() { return 100; }

    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        long n = s.get("--n");
        return new Sizes.Footprint().both("A (N ints)", n, 4).both("B (N ints)", n, 4).both("A + B (N ints)", n, 4);
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int n = n();
        int[][] in = VectorAdd.inputs(seed, n);
        int[] c;
        try (IntArray a = acc.upload(in[0]);
             IntArray b = acc.upload(in[1]);
             IntArray sum = acc.allocInts(n)) {
            ElementwiseKernel add = acc.elementwise("int *a, int *b, int *c", "c[i] = a[i] + b[i]");
            add.launch(a, b, sum);
            c = sum.toArray();
        }
        return VectorAdd.printAndCheck(out, in[0], in[1], c);
    }
}
