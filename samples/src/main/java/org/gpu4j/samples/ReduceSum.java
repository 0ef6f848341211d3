package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Map;
import org.gpu4j.Accelerator;
import org.gpu4j.LongArray;
import picocli.CommandLine.Command;

/**
 * Port of Numba's {@code @cuda.reduce} recipe: the sum of 1..N as 64-bit integers (N = 10000 gives 50005000),
 * plus the maximum and the minimum: the sum through {@code acc.vectors()}, max and min through
 * {@code acc.reduction} (the vector operations have them for floating-point types only).
 *
 * <p><b>Defects fixed.</b> The recipe needs a CUDA GPU and says nothing of the element type; here the values are a
 * {@link LongArray} (int64 at both ends), any N works (1, 128, 129 and 10000019 included, the sizes where a
 * work-group tree reduction typically goes wrong), the result is compared exactly with Java's, and the device
 * memory is freed.
 */
@Command(name = "reduce-sum", mixinStandardHelpOptions = true,
        description = "Sum (acc.vectors()), max and min (acc.reduction) of 1..N as int64 (default N = 10000).")
public final class ReduceSum extends SampleCommand {
    @Override public String recipe() { return "Numba @cuda.reduce (reduceNumba)"; }

    @Override protected int defaultN() { return 10000; }

    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        return new Sizes.Footprint().both("A (N longs)", s.get("--n"), 8);
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int n = n();
        long[] values = new long[n];
        for (int i = 0; i < n; i++) values[i] = i + 1;
        long sum;
        Long max = null, min = null;
        try (LongArray x = acc.upload(values)) {
            sum = acc.vectors().sum(x);
            if (n > 0) {   // max and min of nothing are undefined
                // acc.vectors() has max/min for floating types only; for int64 a reduction from snippets does it.
                max = acc.reduction("long", "-9223372036854775807L - 1L", "max(a, b)", "x[i]", "long *x").launch(x).longValue();
                min = acc.reduction("long", "9223372036854775807L", "min(a, b)", "x[i]", "long *x").launch(x).longValue();
            }
        }
        long expectSum = (long) n * (n + 1) / 2;
        out.println(Fmt.f("A = %s (%d int64 values)", Fmt.range(1, n), n));
        out.println("result = " + sum);
        out.println("max = " + (max == null ? "undefined (empty)" : max));
        out.println("min = " + (min == null ? "undefined (empty)" : min));
        boolean ok = sum == expectSum && (n == 0 || (max == n && min == 1));
        return check(out, ok, ok ? "sum " + expectSum + ", max and min exact"
                : "expected sum " + expectSum + (n == 0 ? "" : ", max " + n + ", min 1"));
    }
}
