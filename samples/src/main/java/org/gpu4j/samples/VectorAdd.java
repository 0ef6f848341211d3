package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import picocli.CommandLine.Command;

/**
 * Port of "Building applications with PyOpenCL": two vectors of int32 values in [0, 100) added by a raw kernel
 * ({@code vector_add_int.cl} / {@code .cu}).
 *
 * <p><b>Defect fixed.</b> The recipe fills its buffers with numpy's default 64-bit integers and hands them to an
 * {@code int*} kernel: on Linux half of the result is garbage. Here the arrays are {@link IntArray}s and the kernel
 * declares {@code int*}: a mismatch is an exception before launch, not silent garbage. Every sum is checked exactly.
 */
@Command(name = "vector-add", mixinStandardHelpOptions = true,
        description = "Adds two int32 vectors of N values in [0,100) with a raw .cl/.cu kernel (default N = 100).")
public final class VectorAdd extends SampleCommand {
    @Override public String recipe() { return "Building applications with PyOpenCL (vectorSumPyopencl)"; }

    @Override protected int defaultN() { return 100; }

    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        long n = s.get("--n");
        return new Sizes.Footprint().both("A (N ints)", n, 4).both("B (N ints)", n, 4).both("A + B (N ints)", n, 4);
    }

    static KernelSource source() {
        return KernelSource.resource("org/gpu4j/samples/kernels/", "vector_add_int")
                .withJava("vector_add_int", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(3)) a.ints(2)[a.offset(2) + i] = a.ints(0)[a.offset(0) + i] + a.ints(1)[a.offset(1) + i];
                });
    }

    /** The inputs of this sample and of elementwise-sum: the same seed gives the same vectors. */
    static int[][] inputs(long seed, int n) {
        Random rnd = new Random(seed);
        return new int[][] {Fmt.randomInts(rnd, n, 100), Fmt.randomInts(rnd, n, 100)};
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int n = n();
        int[][] in = inputs(seed, n);
        int[] c;
        try (Program program = acc.program(source());
             IntArray a = acc.upload(in[0]);
             IntArray b = acc.upload(in[1]);
             IntArray sum = acc.allocInts(n)) {
            Kernel add = program.kernel("vector_add_int");
            add.launch(Range.of(n), a, b, sum, n);
            c = sum.toArray();
        }
        return printAndCheck(out, in[0], in[1], c);
    }

    /** The output shared with elementwise-sum. */
    static boolean printAndCheck(PrintWriter out, int[] a, int[] b, int[] c) {
        out.println("VECTOR LENGTH = " + a.length);
        out.println("INPUT VECTOR A");
        out.println("  " + Fmt.ints(a));
        out.println("INPUT VECTOR B");
        out.println("  " + Fmt.ints(b));
        out.println("OUTPUT VECTOR A + B");
        out.println("  " + Fmt.ints(c));
        int exact = 0;
        for (int i = 0; i < a.length; i++) if (c[i] == a[i] + b[i]) exact++;
        return check(out, exact == a.length, exact + "/" + a.length + " sums exact");
    }
}
