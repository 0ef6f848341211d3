package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.expr.ReductionKernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Port of the 1st edition's "MapReduce with PyCUDA": a dot product through a {@code ReductionKernel}-style
 * reduction ({@link Accelerator#reduction}), map {@code x[i]*y[i]}, reduce {@code a+b}, with x = y = 0..N-1.
 *
 * <p><b>Defects fixed.</b> The recipe's arrays are 32-bit ints built with numpy ranges whose type depends on the
 * platform, and it needs a CUDA driver. Here the element type is chosen explicitly ({@code --type int|float|double})
 * and matches the declaration; the int result must equal the exact value (21253400 for N = 400; Java's wrapping
 * arithmetic for N large enough to overflow), a floating-point result must lie within the summation error bound.
 */
@Command(name = "dot-product", mixinStandardHelpOptions = true,
        description = "Dot product of x = y = 0..N-1 through acc.reduction (default N = 400, int32; --type float|double).")
public final class DotProduct extends SampleCommand {
    @Option(names = "--type", defaultValue = "int", description = "int, float or double (default ${DEFAULT-VALUE}).")
    String type;

    @Override public String recipe() { return "1st ed.: MapReduce with PyCUDA (ReductionKernel)"; }

    @Override protected int defaultN() { return 400; }

    static final List<String> TYPES = List.of("int", "float", "double");

    private String type() { return type.toLowerCase(Locale.ROOT); }

    @Override protected void validateOptions() {
        if (!TYPES.contains(type())) throw usage("--type must be one of int, float, double, got '" + type + "'");
    }

    /** x and y, made on the host and uploaded (the host copies are garbage once uploaded: one at a time is live). */
    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        long n = s.get("--n");
        int bytes = type().equals("double") ? 8 : 4;
        return new Sizes.Footprint().host("x (N " + type() + "s)", n, bytes).device("x", n, bytes).device("y", n, bytes);
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int n = n();
        String t = type();
        Number got;
        try (DeviceArray x = range(acc, t, n); DeviceArray y = range(acc, t, n)) {
            ReductionKernel dot = acc.reduction(t, "0", "a+b", "x[i]*y[i]", t + " *x, " + t + " *y");
            got = dot.launch(x, y);
        }
        out.println(Fmt.f("x = y = %s (%d %s values)", Fmt.range(0, n), n, t));
        out.println("map: x[i]*y[i]   reduce: a+b   neutral: 0");
        out.println("DOT PRODUCT = " + got);
        if (t.equals("int")) {
            int expect = 0;
            for (int i = 0; i < n; i++) expect += i * i; // wraps like the device's int arithmetic
            out.println("JAVA ORACLE = " + expect);
            return check(out, got.longValue() == expect, "exactly " + expect);
        }
        double exact = 0;
        for (int i = 0; i < n; i++) exact += (double) i * i; // exact below 2^53
        // A floating-point sum of n products, in any order: |error| <= (n + 1) eps * sum|x_i y_i| (Higham 3.1).
        double eps = t.equals("float") ? 0x1p-24 : 0x1p-53;
        double bound = (n + 1) * eps * exact;
        double err = Math.abs(got.doubleValue() - exact);
        out.println(Fmt.f("EXACT = %.1f   |error| = %.3g   bound = %.3g", exact, err, bound));
        return check(out, err <= bound, Fmt.f("%s result within the summation error bound", t));
    }

    private static DeviceArray range(Accelerator acc, String t, int n) {
        return switch (t) {
            case "int" -> { int[] v = new int[n]; for (int i = 0; i < n; i++) v[i] = i; yield acc.upload(v); }
            case "float" -> { float[] v = new float[n]; for (int i = 0; i < n; i++) v[i] = i; yield acc.upload(v); }
            case "double" -> { double[] v = new double[n]; for (int i = 0; i < n; i++) v[i] = i; yield acc.upload(v); }
            default -> throw new IllegalArgumentException("--type must be int, float or double, got " + t);
        };
    }
}
