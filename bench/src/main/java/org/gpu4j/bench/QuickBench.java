package org.gpu4j.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code gpu4j bench [--quick]}: measures gpu4j's operations on every available backend next to plain-Java loops,
 * raw JOCL and numpy/OpenBLAS (when {@code python3} has numpy), in one run, and prints a table with ratio columns
 * plus the targets of issue 8. Writes {@code results.md}, {@code results.json} and {@code throughput.png} into the
 * output folder. Medians of repeated timed runs after warm-up.
 *
 * {@snippet :
 * int rc = QuickBench.run(new String[] {"--quick", "--out", "bench-results"});
 * }
 */
public final class QuickBench {
    private QuickBench() {}

    static final String USAGE = """
            usage: gpu4j bench [--quick] [--out DIR] [--backends cpu,opencl,cuda] [--ops add-kernel,sgemm,...]
                               [--stream N,...] [--sgemm N,...] [--dgemm N,...] [--transpose N,...]
                               [--runs R] [--warmups W] [--rounds R] [--no-numpy] [--no-chart]
                   gpu4j bench --sort [--sort-size 2^k] [--rounds R] [--backends ...] [--no-numpy] [--out DIR]
                   gpu4j bench --queues [--chunk N] [--chunks C] [--reps R] [--gemm N] [--rounds R] [--backends ...] [--out DIR]
              --quick      a short run (under a minute): 2^24-element vectors, sgemm 1024/2048, dgemm 1024,
                           transpose 1024/4096 (full: sgemm/dgemm 512/1024/2048, transpose 1024/4096)
              --rounds R   paired rounds per target (quick 5, full 9; 0: no paired phase, targets judged on
                           the main table alone)
              --sort       only the sort rows (issue 17): 2^24 int keys, float keys and int pairs on every
                           backend beside Arrays.parallelSort, a 2-thread merge and numpy stable, paired rounds
                           (default 5), into results-sort.md
              --queues     only issue 18's rows: a chunked pipeline (16 chunks of 2^20 floats, 64 FMAs per
                           element) on one queue vs two, and the device group's sgemm 1024 vs its fastest member
                           alone, paired rounds (default 5), into results-queues.md
              --out DIR    where results.md, results.json and throughput.png go
                           (default: bench/results under a gpu4j checkout, else ./gpu4j-bench-results)
            """;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the bench; returns 0 when every case ran, 1 when some failed, 2 for bad arguments. */
    public static int run(String[] args) {
        return run(args, System.out);
    }

    static int run(String[] args, PrintStream out) {
        System.setProperty("java.awt.headless", "true");
        if (Arrays.asList(args).contains("--sort")) return sort(args, out);
        if (Arrays.asList(args).contains("--queues")) return queues(args, out);
        Suite.Config cfg;
        try {
            cfg = parse(args);
        } catch (IllegalArgumentException e) {
            out.println("gpu4j bench: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
        if (cfg == null) {
            out.print(USAGE);
            return 0;
        }
        out.println("gpu4j bench: " + (cfg.runs() <= 7 ? "quick" : "full") + " run, results in " + cfg.out().toAbsolutePath());
        Report report = Suite.run(cfg, line -> { out.println(line); out.flush(); });
        out.println();
        out.println(report.markdown());
        out.println("Targets (issues 8 and 16):");
        out.println(Report.PAIRING_SENTENCE);
        out.println(report.targetsMarkdown());
        for (String n : report.notes) out.println("note: " + n);
        int rc = report.notes.stream().anyMatch(n -> n.contains("FAILED")) ? 1 : 0;
        try {
            Path md = report.write(cfg.out());
            out.println("wrote " + md.toAbsolutePath() + " and " + cfg.out().resolve("results.json").toAbsolutePath());
            if (cfg.chart()) {
                try {
                    Path png = Chart.write(report, cfg.out().resolve("throughput.png"));
                    out.println("wrote " + png.toAbsolutePath());
                } catch (NoClassDefFoundError e) {
                    // the tables are written; say why the chart is not rather than end in a stack trace
                    out.println("gpu4j bench: no chart: JFreeChart is not on the class path (" + e.getMessage() + ")");
                    return 1;
                }
            }
        } catch (java.io.IOException e) {
            out.println("gpu4j bench: cannot write results: " + e);
            return 1;
        }
        return rc;
    }

    /** The configuration named by {@code args}; null for --help. */
    static Suite.Config parse(String[] args) {
        boolean quick = false;
        Path out = null;
        List<String> backends = null;
        Set<String> ops = null;
        List<Long> stream = null, sgemm = null, dgemm = null, transpose = null;
        Integer runs = null, warmups = null, rounds = null;
        boolean numpy = true, chart = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick", "-q" -> quick = true;
                case "--help", "-h" -> { return null; }
                case "--no-numpy" -> numpy = false;
                case "--no-chart" -> chart = false;
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--backends" -> {
                    backends = Arrays.asList(value(args, ++i, a).split(","));
                    for (String b : backends) {
                        if (!List.of(BenchContext.BACKENDS).contains(b)) {
                            throw new IllegalArgumentException("--backends: unknown backend '" + b + "' (cpu, opencl, cuda)");
                        }
                    }
                }
                case "--ops" -> {
                    ops = new LinkedHashSet<>();
                    for (String o : value(args, ++i, a).split(",")) ops.add(Op.byId(o.trim()).id);
                }
                case "--stream" -> stream = longs(value(args, ++i, a), a);
                case "--sgemm" -> sgemm = longs(value(args, ++i, a), a);
                case "--dgemm" -> dgemm = longs(value(args, ++i, a), a);
                case "--transpose" -> transpose = longs(value(args, ++i, a), a);
                case "--runs" -> runs = positive(value(args, ++i, a), a);
                case "--warmups" -> warmups = positive(value(args, ++i, a), a);
                case "--rounds" -> rounds = positive(value(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (out == null) out = Files.isDirectory(Path.of("bench")) && Files.isRegularFile(Path.of("pom.xml"))
                ? Path.of("bench", "results") : Path.of("gpu4j-bench-results");
        Suite.Config base = quick ? Suite.Config.quick(out) : Suite.Config.full(out);
        return new Suite.Config(backends != null ? backends : base.backends(), ops,
                stream != null ? stream : base.stream(), sgemm != null ? sgemm : base.sgemm(),
                dgemm != null ? dgemm : base.dgemm(), transpose != null ? transpose : base.transpose(),
                warmups != null ? warmups : base.warmups(), runs != null ? runs : base.runs(), base.budgetNanos(),
                numpy, chart, out, base.seed(), rounds != null ? rounds : base.rounds(), base.pairBudgetNanos());
    }

    /** {@code --queues}: the pipeline and device-group rows ({@link QueueBench}). */
    private static int queues(String[] args, PrintStream out) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        rest.remove("--queues");
        int chunk = 1 << 20, chunks = 16, reps = 64, gemm = 1024;
        try {
            int[] vals = {chunk, chunks, reps, gemm};
            String[] names = {"--chunk", "--chunks", "--reps", "--gemm"};
            for (int o = 0; o < names.length; o++) {
                int i = rest.indexOf(names[o]);
                if (i < 0) continue;
                vals[o] = Math.toIntExact(longs(value(rest.toArray(new String[0]), i + 1, names[o]), names[o]).get(0));
                rest.remove(i + 1);
                rest.remove(i);
            }
            Suite.Config cfg = parse(rest.toArray(new String[0]));
            if (cfg == null) { out.print(USAGE); return 0; }
            boolean roundsGiven = rest.contains("--rounds");
            return QueueBench.run(cfg.backends(), vals[0], vals[1], vals[2], vals[3],
                    roundsGiven ? Math.max(1, cfg.rounds()) : 5, cfg.out(), out);
        } catch (IllegalArgumentException e) {
            out.println("gpu4j bench: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
    }

    /** {@code --sort}: the sort rows alone ({@link SortBench}). */
    private static int sort(String[] args, PrintStream out) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        rest.remove("--sort");
        int n = 1 << 24;
        int i = rest.indexOf("--sort-size");
        try {
            if (i >= 0) {
                n = Math.toIntExact(longs(value(rest.toArray(new String[0]), i + 1, "--sort-size"), "--sort-size").get(0));
                rest.remove(i + 1);
                rest.remove(i);
            }
            Suite.Config cfg = parse(rest.toArray(new String[0]));
            if (cfg == null) { out.print(USAGE); return 0; }
            boolean roundsGiven = rest.contains("--rounds");
            return SortBench.run(cfg.backends(), n, roundsGiven ? Math.max(1, cfg.rounds()) : 5, cfg.numpy(), cfg.out(), out);
        } catch (IllegalArgumentException e) {
            out.println("gpu4j bench: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) throw new IllegalArgumentException(opt + " needs a value");
        return args[i];
    }

    private static int positive(String s, String opt) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + ": '" + s + "' is not a non-negative number");
        }
    }

    private static List<Long> longs(String s, String opt) {
        List<Long> v = new ArrayList<>();
        for (String p : s.split(",")) {
            try {
                long x = p.startsWith("2^") ? 1L << Integer.parseInt(p.substring(2)) : Long.parseLong(p.trim());
                if (x <= 0 || x > Integer.MAX_VALUE - 8) throw new NumberFormatException();
                v.add(x);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(opt + ": '" + p + "' is not a size (a positive number or 2^k)");
            }
        }
        return v;
    }
}
