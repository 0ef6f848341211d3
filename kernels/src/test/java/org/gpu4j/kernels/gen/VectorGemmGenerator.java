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
                .replace("$SGEMM$", gemm("float", "sgemm", "SMR", "SNR", "SMC", "skernel"))
                .replace("$SKERNEL12$", kernel("float", FLOAT, 12))
                .replace("$SKERNEL6$", kernel("float", FLOAT, 6))
                .replace("$DGEMM$", gemm("double", "dgemm", "DMR", "DNR", "DMC", "dkernel"))
                .replace("$DKERNEL12$", kernel("double", DOUBLE, 12))
                .replace("$DKERNEL6$", kernel("double", DOUBLE, 6));
        return Map.of(OUT, src);
    }

    /** kernelMR: C[co + r*ldc + j] += sum_k ap[ao + k*mr + r] * bp[bo + k*NR + j], NR = 2 lanes, mr rows. */
    static String kernel(String t, Vec v, int mr) {
        String V = v.vector();
        List<String> l = new ArrayList<>();
        l.add("    /** C[r][0, 2 lanes) += the " + mr + "-row A panel at ao times the B panel at bo over {@code kn} steps; ldc is C's row stride. */");
        l.add("    private static void kernel" + mr + "(" + t + "[] ap, int ao, " + t + "[] bp, int bo, int kn, " + t + "[] c, int co, int ldc) {");
        l.add("        final VectorSpecies<" + v.boxed() + "> s = " + v.species() + ";");
        l.add("        final int lanes = s.length(), nr = 2 * lanes;");
        for (int r = 0; r < mr; r++) {
            l.add("        " + V + " c" + r + "a = " + V + ".zero(s), c" + r + "b = " + V + ".zero(s);");
        }
        l.add("        for (int kk = 0; kk < kn; kk++) {");
        l.add("            final int ai = ao + kk * " + mr + ", bi = bo + kk * nr;");
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

    static String gemm(String t, String name, String mr, String nr, String mc, String kern) {
        // the text block ends in a newline so that its indentation is kept; the template adds its own
        return GEMM.substring(0, GEMM.length() - 1).replace("$T$", t).replace("$Z$", t.equals("float") ? "0f" : "0d")
                .replace("$NAME$", name).replace("$MR$", mr).replace("$NR$", nr).replace("$MC$", mc).replace("$KERN$", kern);
    }

    private static final String GEMM = """
    /**
     * C += alpha * op(A) * op(B) on row-major arrays (the caller has already applied beta to C), blocked for the caches:
     * for each block of up to {@value #NC} columns and {@value #KC} k-steps, op(B) is packed once into $NR$-column
     * panels (k-major, zero past column n), the packing shared out over the cores; then the rows are cut into blocks
     * of whole $MR$-row panels (about $MC$ rows, a multiple of the core count of them) and the blocks shared out; each
     * packs its rows of alpha * op(A) (zero past row m) and, for every B panel, runs the micro-kernel against each of
     * its A panels. Edge blocks go through a zeroed scratch tile.
     */
    static void $NAME$($T$[] a, int ao, $T$[] b, int bo, $T$[] c, int co, int m, int n, int k, boolean tA, boolean tB,
                      $T$ alpha) {
        final int mr = $MR$, nr = $NR$;
        final int threads = threads((long) m * n * k);
        final int mpAll = (m + mr - 1) / mr;
        final int blocks = rowBlocks(mpAll, mr, $MC$, threads);
        final $T$[] bp = new $T$[Math.min(NC, (n + nr - 1) / nr * nr) * Math.min(KC, k)];
        for (int jc = 0; jc < n; jc += NC) {
            final int nc = Math.min(NC, n - jc), np = (nc + nr - 1) / nr, fjc = jc;
            for (int pc = 0; pc < k; pc += KC) {
                final int kc = Math.min(KC, k - pc), fpc = pc;
                final int bChunks = Math.min(np, threads == 1 ? 1 : threads * 4);
                forEach(bChunks, threads, ch -> {
                    final int q1 = (int) ((long) np * (ch + 1) / bChunks);
                    for (int q = (int) ((long) np * ch / bChunks); q < q1; q++) {
                        final int j0 = fjc + q * nr, cols = Math.min(nr, n - j0);
                        int dst = q * kc * nr;
                        if (tB) {
                            for (int j = 0; j < nr; j++) {
                                if (j < cols) {
                                    final int src = bo + (j0 + j) * k + fpc;
                                    for (int kk = 0; kk < kc; kk++) bp[dst + kk * nr + j] = b[src + kk];
                                } else {
                                    for (int kk = 0; kk < kc; kk++) bp[dst + kk * nr + j] = $Z$;
                                }
                            }
                        } else if (cols == nr) {
                            for (int kk = 0, src = bo + fpc * n + j0; kk < kc; kk++, src += n, dst += nr) {
                                System.arraycopy(b, src, bp, dst, nr);
                            }
                        } else {
                            for (int kk = 0, src = bo + fpc * n + j0; kk < kc; kk++, src += n, dst += nr) {
                                for (int j = 0; j < nr; j++) bp[dst + j] = j < cols ? b[src + j] : $Z$;
                            }
                        }
                    }
                });
                forEach(blocks, threads, blk -> {
                    final int p0 = (int) ((long) mpAll * blk / blocks), p1 = (int) ((long) mpAll * (blk + 1) / blocks);
                    final $T$[] ap = new $T$[(p1 - p0) * mr * kc];
                    for (int p = p0; p < p1; p++) {
                        final int base = (p - p0) * mr * kc, i0 = p * mr;
                        for (int r = 0; r < mr; r++) {
                            if (i0 + r >= m) {
                                for (int kk = 0; kk < kc; kk++) ap[base + kk * mr + r] = $Z$;
                            } else if (tA) {
                                final int src = ao + fpc * m + i0 + r;
                                for (int kk = 0; kk < kc; kk++) ap[base + kk * mr + r] = alpha * a[src + kk * m];
                            } else {
                                final int src = ao + (i0 + r) * k + fpc;
                                for (int kk = 0; kk < kc; kk++) ap[base + kk * mr + r] = alpha * a[src + kk];
                            }
                        }
                    }
                    final $T$[] tile = new $T$[mr * nr];
                    for (int q = 0; q < np; q++) {
                        final int j0 = fjc + q * nr, cols = Math.min(nr, n - j0), bq = q * kc * nr;
                        for (int p = p0; p < p1; p++) {
                            final int i0 = p * mr, rows = Math.min(mr, m - i0), aq = (p - p0) * mr * kc;
                            if (rows == mr && cols == nr) {
                                $KERN$(ap, aq, bp, bq, kc, c, co + i0 * n + j0, n);
                            } else {
                                Arrays.fill(tile, $Z$);
                                $KERN$(ap, aq, bp, bq, kc, tile, 0, nr);
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
 * <p>Design: the Goto/BLIS loop nest in Java. The micro-kernel keeps an MR x NR block of C in 2 * MR vector
 * accumulators: per k it loads two B vectors, broadcasts MR elements of A and issues 2 * MR FMAs. MR is 12 where
 * the preferred vector is 512 bits wide (AVX-512: 24 accumulators + 3 of the 32 vector registers) and 6 below that
 * (AVX2's 16 registers: 12 + 3); NR is two vectors. Around it, three levels of blocking keep each operand in the
 * cache that feeds it: a block of {@value #KC} k-steps and up to {@value #NC} columns of op(B) is packed once into
 * NR-column panels (k-major, so the kernel walks memory contiguously; at KC = 256 one panel is 16 KiB and stays in
 * L1 while it meets every A panel of a row block) and shared by all cores (4 MiB of float: L3); the rows are cut into
 * blocks of about {@value #SMC} (float) / {@value #DMC} (double) rows, whose packed alpha * op(A) (about 144 KiB)
 * stays in L2, one block per task, a multiple of the core count of equal blocks so that the cores finish together.
 * Each C element is read and written once per k-block. The earlier version (one k-block of up to 2048 steps, B
 * streamed from L3 for every A panel) ran at about half the speed at N = 2048 on this project's 2-core AVX2 machine.
 */
final class VectorGemm {
    /** k-steps per block: a packed B panel (NR * KC elements, 16 KiB at NR = 16 floats) stays in L1. */
    static final int KC = 256;
    /** Columns per block of packed op(B) (NC * KC elements: 4 MiB of float, shared by the cores, in L3). */
    static final int NC = 4096;
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    /** Rows per A panel and columns per B panel (two vectors) for float and for double. */
    static final int SMR = WIDE ? 12 : 6, SNR = 2 * FloatVector.SPECIES_PREFERRED.length();
    static final int DMR = WIDE ? 12 : 6, DNR = 2 * DoubleVector.SPECIES_PREFERRED.length();
    /** Rows per block of packed alpha * op(A), at most: MC * KC elements (144 KiB) stay in L2. */
    static final int SMC = 144, DMC = 72;
    /** Below this much work (multiply-adds) one thread does it all. */
    private static final long MIN_PARALLEL = 1L << 18;

    private VectorGemm() {}

    /** What {@link JavaGemm} reports about this kernel, e.g. "Vector API, 512-bit, 12x32 float blocks". */
    static String describe() {
        return "Vector API, " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit, " + SMR + "x" + SNR
                + " float / " + DMR + "x" + DNR + " double blocks";
    }

    /** How many cores to share {@code work} multiply-adds over: 1 when the work is small or there is one core. */
    static int threads(long work) {
        final int cores = Runtime.getRuntime().availableProcessors();
        return cores <= 1 || work < MIN_PARALLEL ? 1 : cores;
    }

    /**
     * How many row blocks to cut {@code panels} panels of {@code mr} rows into: blocks of at most about {@code mc}
     * rows, and a multiple of {@code threads} of them (as long as there are panels enough) so that each core gets the
     * same share; block b holds panels [panels * b / blocks, panels * (b + 1) / blocks).
     */
    static int rowBlocks(int panels, int mr, int mc, int threads) {
        long blocks = ((long) panels * mr + mc - 1) / mc;
        blocks = (blocks + threads - 1) / threads * threads;
        return (int) Math.max(1, Math.min(blocks, panels));
    }

    @FunctionalInterface
    interface Task { void run(int i); }

    /** Runs body for each i in [0, count): on the common pool when {@code threads > 1}, else in this thread. */
    static void forEach(int count, int threads, Task body) {
        if (threads <= 1 || count <= 1) {
            for (int i = 0; i < count; i++) body.run(i);
        } else {
            IntStream.range(0, count).parallel().forEach(body::run);
        }
    }

$SGEMM$

    private static void skernel(float[] ap, int ao, float[] bp, int bo, int kn, float[] c, int co, int ldc) {
        if (WIDE) kernel12(ap, ao, bp, bo, kn, c, co, ldc);
        else kernel6(ap, ao, bp, bo, kn, c, co, ldc);
    }

$SKERNEL12$

$SKERNEL6$

$DGEMM$

    private static void dkernel(double[] ap, int ao, double[] bp, int bo, int kn, double[] c, int co, int ldc) {
        if (WIDE) kernel12(ap, ao, bp, bo, kn, c, co, ldc);
        else kernel6(ap, ao, bp, bo, kn, c, co, ldc);
    }

$DKERNEL12$

$DKERNEL6$
}
""";
}
