package org.gpu4j.kernels.gen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code core/src/main/java/org/gpu4j/matrix/VectorGemm.java}: the Java CPU backend's GEMM on the Vector API.
 *
 * <p>The register-blocked micro-kernels are unrolled by hand (one local per accumulator) because C2 keeps Vector API
 * values in registers only when they are plain locals; this generator writes them out so that nobody edits 24 lines
 * of near-identical FMAs by hand. Run it as {@link GeneratedFiles} says; {@link GeneratedFilesAreFreshTest} fails
 * when the committed file differs from what it writes.
 */
public final class VectorGemmGenerator {
    /** The file this generator writes, relative to the repository root. */
    public static final String OUT = "core/src/main/java/org/gpu4j/matrix/VectorGemm.java";

    private VectorGemmGenerator() {}

    /** The vector classes of one element type: the boxed name, the preferred species and the vector class. */
    private record Vec(String boxed, String species, String vector) {}

    private static final Vec FLOAT = new Vec("Float", "FloatVector.SPECIES_PREFERRED", "FloatVector");
    private static final Vec DOUBLE = new Vec("Double", "DoubleVector.SPECIES_PREFERRED", "DoubleVector");

    public static void main(String[] args) throws IOException {
        GeneratedFiles.write(GeneratedFiles.root(), generate());
    }

    /** The generated file: its path relative to the repository root, and its text. */
    public static Map<String, String> generate() {
        String src = TEMPLATE
                .replace("$SGEMM$", gemm("float", "sgemm", "SMR", "SNR", "skernel"))
                .replace("$SKERNEL12$", kernel("float", FLOAT, 12))
                .replace("$SKERNEL6$", kernel("float", FLOAT, 6))
                .replace("$DGEMM$", gemm("double", "dgemm", "DMR", "DNR", "dkernel"))
                .replace("$DKERNEL12$", kernel("double", DOUBLE, 12))
                .replace("$DKERNEL6$", kernel("double", DOUBLE, 6));
        return Map.of(OUT, src);
    }

    /** kernelMR: C[co + r*ldc + j] += sum_k ap[ao + k*mr + r] * bp[bo + k*NR + j], NR = 2 lanes, mr rows. */
    static String kernel(String t, Vec v, int mr) {
        String V = v.vector();
        List<String> l = new ArrayList<>();
        l.add("    /** C[r][0, 2 lanes) += the " + mr + "-row panel times the B panel over {@code kn} steps; ldc is C's row stride. */");
        l.add("    private static void kernel" + mr + "(" + t + "[] ap, " + t + "[] bp, int bo, int kn, " + t + "[] c, int co, int ldc) {");
        l.add("        final VectorSpecies<" + v.boxed() + "> s = " + v.species() + ";");
        l.add("        final int lanes = s.length(), nr = 2 * lanes;");
        for (int r = 0; r < mr; r++) {
            l.add("        " + V + " c" + r + "a = " + V + ".zero(s), c" + r + "b = " + V + ".zero(s);");
        }
        l.add("        for (int kk = 0, ai = 0, bi = bo; kk < kn; kk++, ai += " + mr + ", bi += nr) {");
        l.add("            final " + V + " b0 = " + V + ".fromArray(s, bp, bi), b1 = " + V + ".fromArray(s, bp, bi + lanes);");
        l.add("            " + V + " a;");
        for (int r = 0; r < mr; r++) {
            l.add("            a = " + V + ".broadcast(s, ap[ai + " + r + "]); c" + r + "a = a.fma(b0, c" + r + "a); c" + r
                    + "b = a.fma(b1, c" + r + "b);");
        }
        l.add("        }");
        for (int r = 0; r < mr; r++) {
            String o = r == 0 ? "co" : "co + " + r + " * ldc";
            l.add("        c" + r + "a.add(" + V + ".fromArray(s, c, " + o + ")).intoArray(c, " + o + ");");
            l.add("        c" + r + "b.add(" + V + ".fromArray(s, c, " + o + " + lanes)).intoArray(c, " + o + " + lanes);");
        }
        l.add("    }");
        return String.join("\n", l);
    }

    static String gemm(String t, String name, String mr, String nr, String kern) {
        // the text block ends in a newline so that its indentation is kept; the template adds its own
        return GEMM.substring(0, GEMM.length() - 1).replace("$T$", t).replace("$Z$", t.equals("float") ? "0f" : "0d")
                .replace("$NAME$", name).replace("$MR$", mr).replace("$NR$", nr).replace("$KERN$", kern);
    }

    private static final String GEMM = """
    /**
     * C += alpha * op(A) * op(B) on row-major arrays (the caller has already applied beta to C). Blocks of up to
     * {@value #KC} k-steps: op(B) is packed into $NR$-column panels (zero past column n), then the row panels are shared out
     * over the cores; each packs its $MR$ rows of alpha * op(A) (zero past row m) and runs the micro-kernel against every
     * B panel. Edge blocks go through a zeroed scratch tile.
     */
    static void $NAME$($T$[] a, int ao, $T$[] b, int bo, $T$[] c, int co, int m, int n, int k, boolean tA, boolean tB,
                      $T$ alpha) {
        final int mr = $MR$, nr = $NR$;
        final int mp = (m + mr - 1) / mr, np = (n + nr - 1) / nr;
        final $T$[] bp = new $T$[np * Math.min(KC, k) * nr];
        for (int kb = 0; kb < k; kb += KC) {
            final int kn = Math.min(KC, k - kb), fkb = kb;
            parallel(np, (long) n * kn, (q0, q1) -> {
                for (int q = q0; q < q1; q++) {
                    final int j0 = q * nr, cols = Math.min(nr, n - j0);
                    for (int kk = 0; kk < kn; kk++) {
                        final int dst = (q * kn + kk) * nr;
                        if (!tB && cols == nr) {
                            System.arraycopy(b, bo + (fkb + kk) * n + j0, bp, dst, nr);
                        } else {
                            for (int j = 0; j < nr; j++) {
                                bp[dst + j] = j >= cols ? $Z$ : tB ? b[bo + (j0 + j) * k + fkb + kk] : b[bo + (fkb + kk) * n + j0 + j];
                            }
                        }
                    }
                }
            });
            parallel(mp, 2L * m * n * kn, (p0, p1) -> {
                final $T$[] ap = new $T$[kn * mr];
                final $T$[] tile = new $T$[mr * nr];
                for (int p = p0; p < p1; p++) {
                    final int i0 = p * mr, rows = Math.min(mr, m - i0);
                    for (int r = 0; r < mr; r++) {
                        if (r >= rows) {
                            for (int kk = 0; kk < kn; kk++) ap[kk * mr + r] = $Z$;
                        } else if (tA) {
                            for (int kk = 0; kk < kn; kk++) ap[kk * mr + r] = alpha * a[ao + (fkb + kk) * m + i0 + r];
                        } else {
                            final int row = ao + (i0 + r) * k + fkb;
                            for (int kk = 0; kk < kn; kk++) ap[kk * mr + r] = alpha * a[row + kk];
                        }
                    }
                    for (int q = 0; q < np; q++) {
                        final int j0 = q * nr, cols = Math.min(nr, n - j0);
                        if (rows == mr && cols == nr) {
                            $KERN$(ap, bp, q * kn * nr, kn, c, co + i0 * n + j0, n);
                        } else {
                            Arrays.fill(tile, $Z$);
                            $KERN$(ap, bp, q * kn * nr, kn, tile, 0, nr);
                            for (int r = 0; r < rows; r++) {
                                final int cr = co + (i0 + r) * n + j0;
                                for (int j = 0; j < cols; j++) c[cr + j] += tile[r * nr + j];
                            }
                        }
                    }
                }
            });
        }
    }
""";

    private static final String TEMPLATE = """
// GENERATED by org.gpu4j.kernels.gen.VectorGemmGenerator (kernels' tests): edit the generator, not this file, then run
// it from the repository root: mvn -B -q -pl kernels test-compile &&
// java -cp kernels/target/test-classes org.gpu4j.kernels.gen.VectorGemmGenerator
package org.gpu4j.matrix;

import java.util.Arrays;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java CPU backend's float and double GEMM on the Vector API ({@code jdk.incubator.vector}), used by
 * {@link JavaGemm} when the JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code gpu4j} launcher,
 * the image and the build's tests do); without that module this class is never loaded.
 *
 * <p>Design: the layout of matmul.cl's CPU-shaped kernel, in Java. op(A) is packed into panels of MR rows
 * (k-major, alpha applied), op(B) into panels of NR = 2 vectors (k-major), zero-padded at the edges. The micro-kernel
 * keeps an MR x NR block of C in 2 * MR vector accumulators: per k it loads two B vectors, broadcasts MR elements of
 * A and issues 2 * MR FMAs. MR is 12 where the preferred vector is 512 bits wide (AVX-512: 24 accumulators + 3 of
 * the 32 vector registers) and 6 below that (AVX2's 16 registers: 12 + 3). The panels of one k-block of up to
 * {@value #KC} steps are shared out over the cores by row panel. At N = 2048 on 2 cores of this project's AVX-512
 * machines it measured 260-310 GFLOP/s, about 3x the auto-vectorised kernel of {@link JavaGemm}, in the same runs.
 */
final class VectorGemm {
    /** k-steps per block (packed B of one block: NR * KC elements per column panel). */
    static final int KC = 2048;
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    /** Rows per A panel and columns per B panel (two vectors) for float and for double. */
    static final int SMR = WIDE ? 12 : 6, SNR = 2 * FloatVector.SPECIES_PREFERRED.length();
    static final int DMR = WIDE ? 12 : 6, DNR = 2 * DoubleVector.SPECIES_PREFERRED.length();
    /** Below this much work (multiply-adds) one thread does it all. */
    private static final long MIN_PARALLEL = 1L << 18;

    private VectorGemm() {}

    /** What {@link JavaGemm} reports about this kernel, e.g. "Vector API, 512-bit, 12x32 float blocks". */
    static String describe() {
        return "Vector API, " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit, " + SMR + "x" + SNR
                + " float / " + DMR + "x" + DNR + " double blocks";
    }

    @FunctionalInterface
    interface Range { void run(int from, int to); }

    /** Runs body over [0, count) in about 4 chunks per core, or in this thread when the work is small. */
    static void parallel(int count, long work, Range body) {
        final int cores = Runtime.getRuntime().availableProcessors();
        final int chunks = cores <= 1 || work < MIN_PARALLEL ? 1 : Math.min(count, cores * 4);
        if (chunks <= 1) {
            body.run(0, count);
            return;
        }
        IntStream.range(0, chunks).parallel().forEach(i -> body.run((int) ((long) count * i / chunks),
                (int) ((long) count * (i + 1) / chunks)));
    }

$SGEMM$

    private static void skernel(float[] ap, float[] bp, int bo, int kn, float[] c, int co, int ldc) {
        if (WIDE) kernel12(ap, bp, bo, kn, c, co, ldc);
        else kernel6(ap, bp, bo, kn, c, co, ldc);
    }

$SKERNEL12$

$SKERNEL6$

$DGEMM$

    private static void dkernel(double[] ap, double[] bp, int bo, int kn, double[] c, int co, int ldc) {
        if (WIDE) kernel12(ap, bp, bo, kn, c, co, ldc);
        else kernel6(ap, bp, bo, kn, c, co, ldc);
    }

$DKERNEL12$

$DKERNEL6$
}
""";
}
