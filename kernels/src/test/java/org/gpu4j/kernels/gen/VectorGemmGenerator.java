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
                .replace("$SGEMM$", gemm("float", "sgemm", "SMR", "SNR", "SNB", "SKC", "skernel"))
                .replace("$SKERNEL12$", kernel("float", FLOAT, 12))
                .replace("$SKERNEL6$", kernel("float", FLOAT, 6))
                .replace("$DGEMM$", gemm("double", "dgemm", "DMR", "DNR", "DNB", "DKC", "dkernel"))
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
        l.add("");
        l.add("    /** ap[dst + kk*" + mr + " + r] = alpha * a[src + r*lda + kk] for r < " + mr + ", kk < kc: " + mr + " whole rows of A, read side by side. */");
        l.add("    private static void packRows" + mr + "(" + t + "[] a, int src, int lda, " + t + " alpha, int kc, " + t + "[] ap, int dst) {");
        StringBuilder rows = new StringBuilder("        final int s0 = src");
        for (int r = 1; r < mr; r++) rows.append(", s").append(r).append(" = src + ").append(r).append(" * lda");
        l.add(rows.append(";").toString());
        l.add("        for (int kk = 0; kk < kc; kk++) {");
        l.add("            final int d = dst + kk * " + mr + ";");
        for (int r = 0; r < mr; r++) {
            l.add("            ap[d + " + r + "] = alpha * a[s" + r + " + kk];");
        }
        l.add("        }");
        l.add("    }");
        return String.join("\n", l);
    }

    static String gemm(String t, String name, String mr, String nr, String nb, String kc, String kern) {
        // the text block ends in a newline so that its indentation is kept; the template adds its own
        return GEMM.substring(0, GEMM.length() - 1).replace("$T$", t).replace("$Z$", t.equals("float") ? "0f" : "0d")
                .replace("$NAME$", name).replace("$MR$", mr).replace("$NR$", nr).replace("$NB$", nb).replace("$KC$", kc).replace("$KERN$", kern)
                .replace("$PACK$", kern.charAt(0) + "packRows").replace("$VEC$", t.equals("float") ? "FloatVector" : "DoubleVector");
    }

    private static final String GEMM = """
    /**
     * C += alpha * op(A) * op(B) on row-major arrays (the caller has already applied beta to C), blocked for the caches
     * as the class comment says. Per block of $KC$ k-steps: first alpha * op(A) is packed into $MR$-row panels
     * (zero past row m) and op(B) into $NR$-column panels (zero past column n), both shared out over the cores; then
     * the tasks, each a block of about $NB$ columns times a group of rows, run the micro-kernel over their rows, each
     * A panel against every B panel of the block. Edge tiles go through a zeroed scratch tile.
     */
    static void $NAME$($T$[] a, int ao, $T$[] b, int bo, $T$[] c, int co, int m, int n, int k, boolean tA, boolean tB,
                      $T$ alpha) {
        final int mr = $MR$, nr = $NR$;
        final int threads = threads((long) m * n * k);
        final int mp = (m + mr - 1) / mr, np = (n + nr - 1) / nr, qFull = n / nr;
        final int colBlocks = blocks(np, nr, $NB$, threads), rowGroups = rowGroups(mp, colBlocks, threads);
        final int aChunks = Math.min(mp, threads * 4), bChunks = Math.min(np, threads * 4);
        final int kcMax = Math.min($KC$, k);
        final $T$[] ap = new $T$[mp * mr * kcMax], bp = new $T$[np * nr * kcMax];
        for (int pc = 0; pc < k; pc += $KC$) {
            final int kc = Math.min($KC$, k - pc), fpc = pc;
            forEach(aChunks + bChunks, threads, item -> {
                if (item < aChunks) {
                    final int p1 = (int) ((long) mp * (item + 1) / aChunks);
                    for (int p = (int) ((long) mp * item / aChunks); p < p1; p++) {
                        final int base = p * mr * kc, i0 = p * mr, rows = Math.min(mr, m - i0);
                        if (tA) { // op(A)'s column kk: mr contiguous elements of A's row pc + kk
                            for (int kk = 0, src = ao + fpc * m + i0, dst = base; kk < kc; kk++, src += m, dst += mr) {
                                for (int r = 0; r < mr; r++) ap[dst + r] = r < rows ? alpha * a[src + r] : $Z$;
                            }
                        } else if (rows == mr) {
                            $PACK$(a, ao + i0 * k + fpc, k, alpha, kc, ap, base);
                        } else {
                            for (int r = 0; r < mr; r++) {
                                if (r >= rows) {
                                    for (int kk = 0; kk < kc; kk++) ap[base + kk * mr + r] = $Z$;
                                } else {
                                    final int src = ao + (i0 + r) * k + fpc;
                                    for (int kk = 0; kk < kc; kk++) ap[base + kk * mr + r] = alpha * a[src + kk];
                                }
                            }
                        }
                    }
                    return;
                }
                final int q0 = (int) ((long) np * (item - aChunks) / bChunks);
                final int q1 = (int) ((long) np * (item - aChunks + 1) / bChunks);
                for (int q = q0; q < q1; q++) {
                    final int j0 = q * nr, cols = Math.min(nr, n - j0);
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
                    } else if (q >= qFull) { // the ragged last panel of untransposed B
                        for (int kk = 0, src = bo + fpc * n + j0; kk < kc; kk++, src += n, dst += nr) {
                            for (int j = 0; j < nr; j++) bp[dst + j] = j < cols ? b[src + j] : $Z$;
                        }
                    }
                }
                if (!tB) { // whole panels: each row of the chunk read once, in order, its nr-wide pieces sent to the panels
                    final int qe = Math.min(q1, qFull);
                    for (int kk = 0; kk < kc; kk++) {
                        final int src = bo + (fpc + kk) * n;
                        for (int q = q0; q < qe; q++) {
                            final int dst = (q * kc + kk) * nr;
                            $VEC$.fromArray($VEC$.SPECIES_PREFERRED, b, src + q * nr).intoArray(bp, dst);
                            $VEC$.fromArray($VEC$.SPECIES_PREFERRED, b, src + q * nr + nr / 2).intoArray(bp, dst + nr / 2);
                        }
                    }
                }
            });
            forEach(colBlocks * rowGroups, threads, task -> {
                final int blk = task / rowGroups, grp = task % rowGroups;
                final int q0 = (int) ((long) np * blk / colBlocks), q1 = (int) ((long) np * (blk + 1) / colBlocks);
                final int p0 = (int) ((long) mp * grp / rowGroups), p1 = (int) ((long) mp * (grp + 1) / rowGroups);
                final $T$[] tile = new $T$[mr * nr];
                for (int p = p0; p < p1; p++) {
                    final int i0 = p * mr, rows = Math.min(mr, m - i0), aq = p * mr * kc;
                    for (int q = q0; q < q1; q++) {
                        final int j0 = q * nr, cols = Math.min(nr, n - j0), bq = q * kc * nr;
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
 * <p>Design: a Goto/BLIS-style loop nest in Java. The micro-kernel keeps an MR x NR block of C in 2 * MR vector
 * accumulators: per k it loads two B vectors, broadcasts MR elements of A and issues 2 * MR FMAs. MR is 12 where
 * the preferred vector is 512 bits wide (AVX-512: 24 accumulators + 3 of the 32 vector registers) and 6 below that
 * (AVX2's 16 registers: 12 + 3); NR is two vectors. Around it, blocking keeps each operand in the cache that feeds
 * it: per block of SKC = 512 k-steps (float on AVX2; 256 on AVX-512) or DKC = 256 (double), alpha * op(A) and
 * op(B) are packed once each (k-major MR-row and NR-column panels, 4 MiB each of float at N = 2048, in L3), the
 * packing shared by the cores; then each task takes a block of about SNB = 192 (float on AVX2; 384 on AVX-512) /
 * {@value #DNB} (double) columns (384 KiB of packed B: it stays in the core's L2) times a group of rows and walks its
 * rows: one A panel (12 KiB of float on AVX2, in L1) meets every B panel of the block in turn, so C is updated along
 * its rows, which the hardware prefetcher follows. Each C element is read and written once per k-block. On AVX2,
 * float k-blocks of 512 over column blocks of 192 ran 1.12x (N = 1024) and 1.03x (N = 2048) the speed of 256 over
 * 384 (the best of three JVMs each, alternated, 2 cores; 1.05x on one core); double measured the same either way and
 * keeps 256.
 * There are about {@value #TASKS_PER_CORE} tasks per core, taken by the cores as they come free, so that a core the OS
 * takes away (these machines are shared) leaves little for the others to wait for. The earlier layout (one k-block
 * of up to 2048 steps, every B panel streamed from L3 for each A panel) ran at 0.39x (float) and 0.46x (double) this
 * speed at N = 2048 on this project's 2-core AVX2 machine, and at about the same speed at N = 1024 (paired, in one
 * JVM).
 */
final class VectorGemm {
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    /** k-steps per block: an A panel (MR * KC elements: 12 KiB of float on AVX2, 12 KiB of double on AVX2) stays in L1. */
    static final int SKC = WIDE ? 256 : 512, DKC = 256;
    /** Rows per A panel and columns per B panel (two vectors) for float and for double. */
    static final int SMR = WIDE ? 12 : 6, SNR = 2 * FloatVector.SPECIES_PREFERRED.length();
    static final int DMR = WIDE ? 12 : 6, DNR = 2 * DoubleVector.SPECIES_PREFERRED.length();
    /** Columns per block of packed op(B), at most: NB * KC elements (384 KiB) stay in L2. */
    static final int SNB = WIDE ? 384 : 192, DNB = 192;
    /** Compute tasks per core per k-block (column blocks times row groups), and the fewest row panels in a group. */
    static final int TASKS_PER_CORE = 8, MIN_GROUP = 8;
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
     * How many blocks to cut {@code panels} panels of {@code width} columns into: blocks of at most about {@code most}
     * columns, and a multiple of {@code threads} of them (as long as there are panels enough) so that each core gets
     * the same share; block b holds panels [panels * b / blocks, panels * (b + 1) / blocks).
     */
    static int blocks(int panels, int width, int most, int threads) {
        long blocks = ((long) panels * width + most - 1) / most;
        blocks = (blocks + threads - 1) / threads * threads;
        return (int) Math.max(1, Math.min(blocks, panels));
    }

    /**
     * How many row groups to cut {@code panels} row panels into, with {@code colBlocks} column blocks: enough for
     * about {@value #TASKS_PER_CORE} tasks per core (so a core the OS takes away for a while leaves little for the other
     * cores to wait for), each group at least {@value #MIN_GROUP} panels; 1 in one thread.
     */
    static int rowGroups(int panels, int colBlocks, int threads) {
        if (threads <= 1) return 1;
        final int want = (threads * TASKS_PER_CORE + colBlocks - 1) / colBlocks;
        return Math.max(1, Math.min(want, panels / MIN_GROUP));
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

    private static void spackRows(float[] a, int src, int lda, float alpha, int kc, float[] ap, int dst) {
        if (WIDE) packRows12(a, src, lda, alpha, kc, ap, dst);
        else packRows6(a, src, lda, alpha, kc, ap, dst);
    }

$SKERNEL12$

$SKERNEL6$

$DGEMM$

    private static void dkernel(double[] ap, int ao, double[] bp, int bo, int kn, double[] c, int co, int ldc) {
        if (WIDE) kernel12(ap, ao, bp, bo, kn, c, co, ldc);
        else kernel6(ap, ao, bp, bo, kn, c, co, ldc);
    }

    private static void dpackRows(double[] a, int src, int lda, double alpha, int kc, double[] ap, int dst) {
        if (WIDE) packRows12(a, src, lda, alpha, kc, ap, dst);
        else packRows6(a, src, lda, alpha, kc, ap, dst);
    }

$DKERNEL12$

$DKERNEL6$
}
""";
}
