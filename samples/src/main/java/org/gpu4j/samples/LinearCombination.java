package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.expr.ElementwiseKernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Port of the 1st edition's "element-wise linear combination with PyCUDA": {@code c[i] = a*x[i] + b*y[i]} with the
 * coefficients passed as scalar arguments ({@code a = 2}, {@code b = 5}) to an expression kernel.
 *
 * <p><b>Defects fixed.</b> The recipe never frees its device arrays and needs a CUDA driver to run at all; here the
 * arrays are closed by try-with-resources and the same code runs on any backend. The check allows what a device
 * may legitimately do differently: fuse {@code a*x[i] + b*y[i]} into a multiply-add (a few ulp).
 */
@Command(name = "linear-combination", mixinStandardHelpOptions = true,
        description = "c[i] = a*x[i] + b*y[i] on N floats in [0,1) with scalar arguments a = 2, b = 5 (default N = 50).")
public final class LinearCombination extends SampleCommand {
    @Option(names = "--a", defaultValue = "2", description = "Coefficient a (default ${DEFAULT-VALUE}).")
    float a;

    @Option(names = "--b", defaultValue = "5", description = "Coefficient b (default ${DEFAULT-VALUE}).")
    float b;

    @Override public String recipe() { return "1st ed.: element-wise linear combination with PyCUDA"; }

    @Override protected int defaultN() { return 50; }

    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        long n = s.get("--n");
        return new Sizes.Footprint().both("x (N floats)", n, 4).both("y (N floats)", n, 4).both("c (N floats)", n, 4)
                .host("the difference (N floats)", n, 4);
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int n = n();
        Random rnd = new Random(seed);
        float[] x = Fmt.randomFloats(rnd, n), y = Fmt.randomFloats(rnd, n);
        float[] c;
        try (FloatArray dx = acc.upload(x);
             FloatArray dy = acc.upload(y);
             FloatArray dc = acc.allocFloats(n)) {
            ElementwiseKernel lin = acc.elementwise("float a, float *x, float b, float *y, float *c",
                    "c[i] = a*x[i] + b*y[i]");
            lin.launch(a, dx, b, dy, dc);
            c = dc.toArray();
        }
        float[] diff = new float[n];
        double worstUlps = 0;
        for (int i = 0; i < n; i++) {
            diff[i] = c[i] - (a * x[i] + b * y[i]);
            double exact = (double) a * x[i] + (double) b * y[i];
            // Rounded separately or fused, the float result is within 2 ulp of the exact value's magnitude.
            double ulp = Math.ulp((float) (Math.abs((double) a * x[i]) + Math.abs((double) b * y[i])));
            worstUlps = Math.max(worstUlps, Double.isNaN(c[i]) ? Double.POSITIVE_INFINITY : Math.abs(c[i] - exact) / ulp);
        }
        out.println(Fmt.f("A (%d floats in [0,1))", n));
        out.println("  " + Fmt.floats(x));
        out.println(Fmt.f("B (%d floats in [0,1))", n));
        out.println("  " + Fmt.floats(y));
        out.println(Fmt.f("C = %s*A + %s*B", a, b));
        out.println("  " + Fmt.floats(c));
        out.println(Fmt.f("C - (%s*A + %s*B) computed in Java", a, b));
        out.println("  " + Fmt.floats(diff));
        return check(out, worstUlps <= 2, Fmt.f("%d elements within 2 ulp of the exact value, worst %.2f ulp", n, worstUlps));
    }
}
