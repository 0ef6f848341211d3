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

/**
 * Port of "Heterogeneous programming with PyCUDA": a matrix of random floats doubled in place by a 2-D kernel.
 *
 * <p><b>Defect fixed.</b> The recipe indexes its 5×5 matrix with {@code threadIdx.x + threadIdx.y * 4}: elements 21–24
 * are never doubled and 4, 8, 12, 16 are doubled twice. Here the kernel uses the real width and a bounds check, the
 * range is 2-D over columns and rows, any size works ({@code --n}), and every element is checked to be exactly 2×
 * the original. The device memory is freed (try-with-resources), and without a driver the sample runs on the Java
 * CPU backend instead of crashing.
 */
@Command(name = "matrix-double", mixinStandardHelpOptions = true,
        description = "Doubles an N x N float matrix in place with a 2-D kernel (default N = 5).")
public final class MatrixDouble extends SampleCommand {
    @Override public String recipe() { return "Heterogeneous programming with PyCUDA (heterogenousPycuda)"; }

    @Override protected int defaultN() { return 5; }

    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        long elements = s.get("--n") * s.get("--n");
        return new Sizes.Footprint().both("the N x N float matrix", elements, 4).host("the doubled matrix read back", elements, 4);
    }

    /** The kernel: matrix_double.cl/.cu, and its Java twin for the Java CPU backend. */
    static KernelSource source() {
        return KernelSource.resource("org/gpu4j/samples/kernels/", "matrix_double")
                .withJava("matrix_double", (id, a) -> {
                    int col = (int) id.x(), row = (int) id.y();
                    int rows = a.intValue(1), cols = a.intValue(2);
                    if (row < rows && col < cols) a.floats(0)[a.offset(0) + row * cols + col] *= 2.0f;
                });
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int rows = n(), cols = n();
        float[] original = Fmt.gaussians(new Random(seed), Math.multiplyExact(rows, cols));

        out.println("ORIGINAL MATRIX");
        Fmt.matrix(out, original, rows, cols);

        float[] doubled;
        try (Program program = acc.program(source());
             FloatArray a = acc.upload(original)) {
            Kernel kernel = program.kernel("matrix_double");
            kernel.launch(Range.of(cols, rows), a, rows, cols);   // x = column, y = row
            doubled = a.toArray();
        }

        out.println("DOUBLED MATRIX AFTER " + backendName(acc.device()).toUpperCase() + " EXECUTION");
        Fmt.matrix(out, doubled, rows, cols);

        int exact = 0;
        for (int i = 0; i < original.length; i++) {
            if (Float.compare(doubled[i], original[i] * 2.0f) == 0) exact++;
        }
        return check(out, exact == original.length, exact + "/" + original.length + " exact");
    }
}
