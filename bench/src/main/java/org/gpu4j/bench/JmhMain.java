package org.gpu4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH suite's runner: every operation on every available backend, plus the Java-loop and raw-JOCL references,
 * each measured by JMH ({@link OpBench}, one forked JVM per case), then the numpy/OpenBLAS reference in a subprocess;
 * writes results.md / results.json / throughput.png like {@link QuickBench} (same options; {@code --quick} shortens
 * JMH's iterations). The reported time is the median of JMH's measurement iterations.
 *
 * {@snippet :
 * // mvn -B -o -P jmh-jar -pl bench -am package -DskipTests
 * // java -jar bench/target/gpu4j-bench.jar --quick --out bench/results
 * }
 */
public final class JmhMain {
    private JmhMain() {}

    public static void main(String[] args) throws RunnerException, IOException {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws RunnerException, IOException {
        System.setProperty("java.awt.headless", "true");
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        Suite.Config cfg;
        try {
            cfg = QuickBench.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("gpu4j JMH: " + e.getMessage());
            out.print(QuickBench.USAGE);
            return 2;
        }
        if (cfg == null) {
            out.print(QuickBench.USAGE);
            return 0;
        }
        Report report = new Report();
        report.facts.put("harness", "JMH 1.37, " + (quick ? "quick: 2 x 0.5 s warm-up, 3 x 0.5 s measurement" : "3 x 1 s warm-up, 5 x 1 s measurement") + ", 1 fork per case");
        report.facts.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        Suite.loadAverage().ifPresent(l -> report.facts.put("load average at start (1/5/15 min)", l));
        int failed = 0;
        try (BenchContext ctx = new BenchContext(cfg.seed())) {
            var cases = Suite.plan(cfg, report, out::println);
            int i = 0;
            for (Suite.Case c : cases) {
                i++;
                out.printf(Locale.ROOT, "[%d/%d] JMH %s %s %s%n", i, cases.size(), c.backend(), c.op().id, Op.sizeLabel(c.op(), c.size()));
                ChainedOptionsBuilder o = new OptionsBuilder().include(OpBench.class.getName() + ".run")
                        .param("backend", c.backend()).param("op", c.op().id).param("size", String.valueOf(c.size()))
                        .forks(1).shouldFailOnError(true).verbosity(VerboseMode.SILENT);
                if (quick) {
                    o.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                            .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
                }
                try {
                    Collection<RunResult> results = new Runner(o.build()).run();
                    for (RunResult r : results) {
                        var stats = r.getPrimaryResult().getStatistics();
                        double medianNs = stats.getPercentile(50) * 1e3; // OpBench reports microseconds per op
                        Row row = Row.of(c.op(), c.backend(), Suite.deviceOf(ctx, c.backend(), c.op()), c.size(),
                                medianNs, (int) stats.getN());
                        report.rows.add(row);
                        out.println("    " + row.formatValue() + " (median " + Row.formatTime(medianNs) + ")");
                    }
                } catch (RunnerException | RuntimeException e) {
                    failed++;
                    report.notes.add(c.backend() + " " + c.op().id + " FAILED under JMH: " + e);
                    out.println("    FAILED: " + e);
                }
            }
        }
        if (cfg.numpy()) {
            try (NumpyReference.Outcome n = NumpyReference.measure(cfg.stream(), cfg.wants(Op.SGEMM) ? cfg.sgemm() : java.util.List.of(),
                    cfg.wants(Op.DGEMM) ? cfg.dgemm() : java.util.List.of(), 7, 2, out::println)) {
                report.rows.addAll(n.rows());
                report.facts.putAll(n.facts());
                for (String why : n.skipped()) report.notes.add("numpy reference skipped: " + why);
            }
        }
        Suite.loadAverage().ifPresent(l -> report.facts.put("load average at end (1/5/15 min)", l));
        out.println();
        out.println(report.markdown());
        out.println(report.targetsMarkdown());
        for (String n : report.notes) out.println("note: " + n);
        Path md = report.write(cfg.out());
        out.println("wrote " + md.toAbsolutePath());
        if (cfg.chart()) out.println("wrote " + Chart.write(report, cfg.out().resolve("throughput.png")).toAbsolutePath());
        return failed == 0 ? 0 : 1;
    }
}
