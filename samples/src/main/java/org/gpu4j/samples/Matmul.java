package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Port of "Implementing memory management with PyCUDA": C = A·B on float matrices.
 *
 * <p><b>Defect fixed.</b> The recipe multiplies 5×5 matrices in a single block with no grid (so N ≤ 32) using a naive
 * kernel, while its text teaches shared-memory tiling. Here a 2-D range with bounds checks covers any M×K·K×N, and
 * {@code --tiled} runs the tiled kernel the text describes (16×16 work-groups staging tiles of A and B in local
 * memory). The Java CPU backend has no local memory: there, the tiled kernel's Java twin computes each element
 * directly, which the output says.
 */
@Command(name = "matmul", mixinStandardHelpOptions = true,
        description = "C = A.B for float matrices: A is M x K, B is K x N (default 5 x 5; --n sets all three).")
public final class Matmul extends SampleCommand {
    @Option(names = "--tiled", description = "Use the tiled kernel (16 x 16 local-memory tiles).")
    boolean tiled;

    @Option(names = "--m", paramLabel = "M", description = "Rows of A and C (default: N).")
    Integer m;

    @Option(names = "--k", paramLabel = "K", description = "Columns of A, rows of B (default: N).")
    Integer k;

    static final int TILE = 16;

    @Override public String recipe() { return "Implementing memory management with PyCUDA (memManagementPycuda)"; }

    @Override protected int defaultN() { return 5; }

    /** --m and --k when given (else they follow --n), then --n. */
    @Override protected Map<String, Long> sizes() {
        Map<String, Long> s = new java.util.LinkedHashMap<>();
        if (m != null) s.put("--m", (long) m);
        if (k != null) s.put("--k", (long) k);
        s.putAll(super.sizes());
        return s;
    }

    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        long n = s.get("--n"), m = s.getOrDefault("--m", n), k = s.getOrDefault("--k", n);
        return new Sizes.Footprint().both("A (M x K floats)", m * k, 4).both("B (K x N floats)", k * n, 4)
                .both("C (M x N floats)", m * n, 4);
    }

    /** matmul.cl/.cu; both kernels share one Java twin (Java kernels have no local memory to tile with). */
    static KernelSource source() {
        org.gpu4j.JavaKernel element = (id, a) -> {
            int col = (int) id.x(), row = (int) id.y();
            int m = a.intValue(3), n = a.intValue(4), k = a.intValue(5);
            if (row >= m || col >= n) return;
            float[] x = a.floats(0), y = a.floats(1);
            int ox = a.offset(0), oy = a.offset(1);
            float acc = 0.0f;
            for (int p = 0; p < k; p++) acc += x[ox + row * k + p] * y[oy + p * n + col];
            a.floats(2)[a.offset(2) + row * n + col] = acc;
        };
        return KernelSource.resource("org/gpu4j/samples/kernels/", "matmul")
                .withJava("matmul_naive", element)
                .withJava("matmul_tiled", element);
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int rowsA = m == null ? n() : m, inner = k == null ? n() : k, colsB = n();
        Random rnd = new Random(seed);
        float[] a = Fmt.gaussians(rnd, Math.multiplyExact(rowsA, inner));
        float[] b = Fmt.gaussians(rnd, Math.multiplyExact(inner, colsB));

        out.println(Fmt.f("MATRIX A (%d x %d)", rowsA, inner));
        Fmt.matrix(out, a, rowsA, inner);
        out.println(Fmt.f("MATRIX B (%d x %d)", inner, colsB));
        Fmt.matrix(out, b, inner, colsB);

        float[] c;
        String kernelName = tiled ? "matmul_tiled" : "matmul_naive";
        try (Program program = acc.program(source());
             FloatArray da = acc.upload(a);
             FloatArray db = acc.upload(b);
             FloatArray dc = acc.allocFloats((long) rowsA * colsB)) {
            Kernel kernel = program.kernel(kernelName);
            Range range = tiled
                    ? Range.of(roundUp(colsB, TILE), roundUp(rowsA, TILE)).local(TILE, TILE)
                    : Range.of(colsB, rowsA);
            kernel.launch(range, da, db, dc, rowsA, colsB, inner);
            c = dc.toArray();
        }
        out.println(Fmt.f("MATRIX C = A.B (%d x %d, kernel %s%s)", rowsA, colsB, kernelName,
                tiled && acc.device().backend().equals("cpu") ? "; the Java twin has no local memory, it computes each element directly" : ""));
        Fmt.matrix(out, c, rowsA, colsB);

        // Oracle: the same product in plain Java, in float (as the recipe's numpy.dot) and in double with an error bound.
        double maxCpuDiff = 0, worstRatio = 0;
        for (int i = 0; i < rowsA; i++) {
            for (int j = 0; j < colsB; j++) {
                float f = 0f;
                double exact = 0, magnitude = 0;
                for (int p = 0; p < inner; p++) {
                    f += a[i * inner + p] * b[p * colsB + j];
                    exact += (double) a[i * inner + p] * b[p * colsB + j];
                    magnitude += Math.abs((double) a[i * inner + p] * b[p * colsB + j]);
                }
                double got = c[i * colsB + j];
                maxCpuDiff = Math.max(maxCpuDiff, Math.abs(got - f));
                // Float dot product of length K: |error| <= gamma_K * sum|a||b|, gamma_K ~ K * 2^-24 (Higham 3.1).
                double bound = (inner + 1) * 0x1p-24 * magnitude + Float.MIN_NORMAL;
                double err = Math.abs(got - exact);
                if (Double.isNaN(got)) err = Double.POSITIVE_INFINITY;
                worstRatio = Math.max(worstRatio, err / bound);
            }
        }
        out.println(Fmt.f("CPU - %s DIFFERENCE (max |C_java - C_device|): %.2e", backendName(acc.device()), maxCpuDiff));
        return check(out, worstRatio <= 1.0, Fmt.f("%d x %d elements within the float dot-product bound, worst at %.2f of it",
                rowsA, colsB, worstRatio));
    }

    static long roundUp(long x, long to) { return x == 0 ? 0 : (x + to - 1) / to * to; }
}
