package org.gpu4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;

/**
 * Runs one configuration outside JMH (the quick bench): the references first (Java loops, raw JOCL, numpy in a
 * subprocess), then every gpu4j operation on every available backend, each as warm-up runs followed by timed runs
 * whose median is reported. Then the paired phase: each target of issue 8 ({@link Report#targets()}) is measured
 * again as its gpu4j workload and its reference timed in alternating rounds ({@link Paired}), which gives its verdict.
 */
final class Suite {
    /** What to run. {@code ops} null means every operation this build has. */
    record Config(List<String> backends, Set<String> ops, List<Long> stream, List<Long> sgemm, List<Long> dgemm,
                  List<Long> transpose, int warmups, int runs, long budgetNanos, boolean numpy, boolean chart,
                  Path out, long seed, int rounds, long pairBudgetNanos) {
        static Config quick(Path out) {
            return new Config(List.of(BenchContext.BACKENDS), null, List.of(1L << 24), List.of(1024L, 2048L),
                    List.of(1024L), List.of(1024L, 4096L), 2, 7, 600_000_000L, true, true, out, 42, 5, 100_000_000L);
        }

        static Config full(Path out) {
            return new Config(List.of(BenchContext.BACKENDS), null, List.of(1L << 20, 1L << 24),
                    List.of(512L, 1024L, 2048L), List.of(512L, 1024L, 2048L), List.of(1024L, 4096L),
                    3, 15, 3_000_000_000L, true, true, out, 42, 9, 300_000_000L);
        }

        boolean wants(Op op) { return ops == null || ops.contains(op.id); }

        List<Long> sizes(Op op) {
            return switch (op) {
                case SGEMM -> sgemm;
                case DGEMM -> dgemm;
                case TRANSPOSE -> transpose;
                // N = 4096: N*N = 2^24, the size the stream references are measured at
                case GEMV, MATRIX_ADD, MATRIX_SCALE -> List.of(4096L);
                case LAUNCH, LAUNCH_BATCHED -> List.of(0L);
                case FMA_PEAK -> List.of(Op.FMA_ITEMS);   // cuda: Op.FMA_ITEMS_CUDA (plan)
                default -> stream;
            };
        }
    }

    /** One (backend or reference, operation, size) to measure. */
    record Case(String backend, Op op, long size) {}

    private Suite() {}

    static Report run(Config cfg, Consumer<String> progress) {
        Report report = new Report();
        report.facts.put("date", java.time.ZonedDateTime.now().withNano(0).toString());
        report.facts.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        report.facts.put("host cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        report.facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        loadAverage().ifPresent(l -> report.facts.put("load average at start (1/5/15 min)", l));

        List<Case> cases = plan(cfg, report, progress);

        long t0 = System.nanoTime();
        int total = cases.size() + (cfg.numpy() ? 1 : 0);
        int done = 0;
        NumpyReference.Outcome numpy = null;
        try (BenchContext ctx = new BenchContext(cfg.seed())) {
            try {
                for (Case c : cases) {
                    if (c.backend.equals(BenchContext.JOCL) || !c.backend.startsWith("java")) {
                        // run numpy between the Java references and the gpu4j backends, when the CPU is otherwise idle
                        if (cfg.numpy() && numpy == null) numpy = runNumpy(cfg, report, progress, ++done, total);
                    }
                    done++;
                    String label = String.format(Locale.ROOT, "[%d/%d] %-8s %-15s %-7s", done, total, c.backend, c.op.id,
                            Op.sizeLabel(c.op, c.size));
                    try {
                        String device = deviceOf(ctx, c.backend, c.op);
                        Measure.Sample s;
                        try (Workload w = Workloads.create(ctx, c.backend, c.op, c.size)) {
                            s = Measure.time(w::run, cfg.warmups(), cfg.runs(), cfg.budgetNanos());
                        }
                        Row row = Row.of(c.op, c.backend, device, c.size, s.medianNs(), s.runs());
                        report.rows.add(row);
                        progress.accept(label + " " + row.formatValue() + "  (median " + Row.formatTime(s.medianNs())
                                + " of " + s.runs() + ")");
                    } catch (RuntimeException | Error e) {
                        if (e instanceof VirtualMachineError vme && !(e instanceof OutOfMemoryError)) throw vme;
                        String msg = c.backend + " " + c.op.id + " " + Op.sizeLabel(c.op, c.size) + " FAILED: " + e;
                        report.notes.add(msg);
                        progress.accept(label + " FAILED: " + e);
                    }
                }
                if (cfg.numpy() && numpy == null) numpy = runNumpy(cfg, report, progress, ++done, total);
                report.facts.put("main table time", String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9));
                if (cfg.rounds() > 0) {
                    long p0 = System.nanoTime();
                    pairAll(cfg, report, ctx, numpy == null ? Map.of() : numpy.servers(), progress);
                    report.facts.put("paired phase time", String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - p0) / 1e9));
                }
            } finally {
                if (numpy != null) numpy.close();
            }
        }
        loadAverage().ifPresent(l -> report.facts.put("load average at end (1/5/15 min)", l));
        report.facts.put("bench wall time", String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9));
        return report;
    }

    /**
     * The cases of {@code cfg} that can run here, references first; notes in {@code report} what is skipped and why.
     */
    static List<Case> plan(Config cfg, Report report, Consumer<String> progress) {
        List<Case> cases = new ArrayList<>();
        for (String ref : new String[] {BenchContext.JAVA_1T, BenchContext.JAVA_PAR}) {
            for (Op op : Workloads.javaOps()) {
                if (cfg.wants(op) || cfg.ops() != null && wantsRefOf(cfg, op)) {
                    for (long s : cfg.stream()) cases.add(new Case(ref, op, s));
                }
                // a transpose of N x N is judged against a copy of the same N*N floats
                if (op == Op.COPY && cfg.wants(Op.TRANSPOSE)) {
                    for (long n : cfg.transpose()) {
                        if (!cfg.stream().contains(n * n)) cases.add(new Case(ref, op, n * n));
                    }
                }
            }
        }
        String joclWhy = null;
        if (cfg.wants(Op.LAUNCH) || cfg.wants(Op.LAUNCH_BATCHED)) {
            joclWhy = probeJocl();
            if (joclWhy == null) {
                for (Op op : Workloads.joclOps()) if (cfg.wants(op)) cases.add(new Case(BenchContext.JOCL, op, 0));
            } else {
                report.notes.add("raw JOCL reference skipped: " + joclWhy);
            }
        }
        List<String> backends = new ArrayList<>();
        for (String b : cfg.backends()) {
            String why = BenchContext.unavailable(b);
            if (why != null) {
                String msg = "backend " + b + " skipped: " + why;
                report.notes.add(msg);
                progress.accept("skip: " + msg);
            } else {
                backends.add(b);
            }
        }
        List<Op> missing = new ArrayList<>();
        for (Op op : new Op[] {Op.ADD, Op.AXPY, Op.AXPBY, Op.DOT, Op.SUM, Op.SCAN, Op.SGEMM, Op.DGEMM, Op.TRANSPOSE, Op.EXPR}) {
            if (!Workloads.gpu4jOps().contains(op) && cfg.wants(op)) missing.add(op);
        }
        if (!missing.isEmpty()) {
            report.notes.add("not benchmarked, not in this build yet: "
                    + String.join(", ", missing.stream().map(o -> o.id).toList()));
        }
        for (String b : backends) {
            for (Op op : Workloads.gpu4jOps()) {
                if (!cfg.wants(op) && !wantsLimit(cfg, op)) continue;
                if (op == Op.FMA_PEAK && b.equals("cpu")) continue;   // the Java twins are scalar: no device peak
                if (op == Op.FMA_PEAK && b.equals("cuda")) {
                    cases.add(new Case(b, op, Op.FMA_ITEMS_CUDA));
                    continue;
                }
                for (long s : cfg.sizes(op)) cases.add(new Case(b, op, s));
            }
        }

        return cases;
    }

    /** The host's load average, from /proc/loadavg where there is one: other work on the machine skews the figures. */
    static java.util.Optional<String> loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return java.util.Optional.of(f[0] + " " + f[1] + " " + f[2]);
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The device limits are measured whenever an op they are the limit of is (device-copy for bytes, fma-peak for flops). */
    private static boolean wantsLimit(Config cfg, Op limit) {
        if (cfg.ops() == null || limit != Op.DEV_COPY && limit != Op.FMA_PEAK) return false;
        Op.Unit u = limit == Op.DEV_COPY ? Op.Unit.BYTES : Op.Unit.FLOPS;
        for (Op op : Op.values()) if (cfg.wants(op) && op.unit == u && op != Op.COPY && op != Op.TRIAD) return true;
        return false;
    }

    private static boolean wantsRefOf(Config cfg, Op refOp) {
        for (Op op : Op.values()) if (cfg.wants(op) && op.ref.equals(refOp.id)) return true;
        return false;
    }

    static String deviceOf(BenchContext ctx, String backend, Op op) {
        return switch (backend) {
            case BenchContext.JAVA_1T -> "CPU (host, 1 thread)";
            case BenchContext.JAVA_PAR -> "CPU (host, parallel stream on " + Runtime.getRuntime().availableProcessors() + " cores)";
            case BenchContext.JOCL -> jOclDevice;
            default -> ctx.deviceOf(backend);
        };
    }

    private static String jOclDevice = "?";

    /** Null when raw JOCL can open a device here, else why not. */
    private static String probeJocl() {
        try (JoclLatency j = new JoclLatency(Op.LAUNCH)) {
            jOclDevice = j.deviceType() + " '" + j.deviceName() + "'";
            return null;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vme && !(t instanceof OutOfMemoryError)) throw vme;
            return t.toString();
        }
    }

    private static NumpyReference.Outcome runNumpy(Config cfg, Report report, Consumer<String> progress, int done, int total) {
        progress.accept(String.format(Locale.ROOT, "[%d/%d] numpy/OpenBLAS references (python3 subprocesses: `numpy` with"
                + " OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed, `numpy-env` with the environment's when it sets"
                + " OPENBLAS_CORETYPE)", done, total));
        List<Long> sg = cfg.wants(Op.SGEMM) ? cfg.sgemm() : List.of();
        List<Long> dg = cfg.wants(Op.DGEMM) ? cfg.dgemm() : List.of();
        NumpyReference.Outcome o = NumpyReference.measure(cfg.stream(), sg, dg, Math.max(3, Math.min(cfg.runs(), 7)),
                Math.max(1, cfg.warmups()), progress);
        report.rows.addAll(o.rows());
        report.facts.putAll(o.facts());
        report.facts.putIfAbsent("numpy", "absent");
        for (String why : o.skipped()) {
            report.notes.add("numpy reference skipped: " + why);
            progress.accept("skip: numpy reference " + why);
        }
        return o;
    }

    /**
     * The paired phase: for each target with both sides measured in the main table, times its gpu4j workload and
     * its reference in {@code cfg.rounds()} alternating rounds and records the result in {@code report.paired}.
     */
    static void pairAll(Config cfg, Report report, BenchContext ctx, Map<NumpyReference.Variant, NumpyReference.Server> servers,
                        Consumer<String> progress) {
        List<Report.Target> targets = report.targets().stream().filter(t -> t.pairing() != null).toList();
        if (targets.isEmpty()) return;
        report.facts.put("paired rounds per target", cfg.rounds() + " (each side per round: warm-up, then the median of"
                + " " + PAIR_STREAM_RUNS + " timed runs for vector and launch targets, 3 for gemm; numpy gemm without warm-up)");
        int i = 0;
        for (Report.Target t : targets) {
            i++;
            Report.Pairing p = t.pairing();
            String label = String.format(Locale.ROOT, "[paired %d/%d] %s", i, targets.size(), t.name());
            List<Workload> open = new ArrayList<>();
            try {
                Paired.Side cand = side(cfg, ctx, p.backend(), p.op(), p.size(), servers, open);
                Paired.Side ref = referenceSide(cfg, report, ctx, p, servers, open);
                List<Paired.Side> others = new ArrayList<>();
                for (Row o : p.others()) others.add(side(cfg, ctx, o.backend(), o.op(), o.size(), servers, open));
                DoubleBinaryOperator ratio = t.lowerIsBetter() ? Paired.time()
                        : Paired.throughput(p.op(), p.size(), p.ref().op(), p.ref().size());
                Paired.Result r = Paired.runAll(cand, ref, others, ratio, cfg.rounds());
                report.paired.put(t.name(), r);
                String line = label + ": " + Report.fmtRatio(r.median()) + " [" + Report.fmtRatio(r.min()) + "-"
                        + Report.fmtRatio(r.max()) + "] x " + Report.refLabel(report, p) + " " + p.ref().op().id;
                if (r.hasOther()) line += "; " + Report.fmtRatio(r.otherMedian()) + " x " + p.other().backend();
                for (int k = 1; k < p.others().size() && k - 1 < r.more().size(); k++) {
                    line += "; " + Report.fmtRatio(r.more(k - 1)[0]) + " x " + p.others().get(k).backend();
                }
                progress.accept(line);
            } catch (Exception | Error e) {
                if (e instanceof VirtualMachineError vme && !(e instanceof OutOfMemoryError)) throw vme;
                report.notes.add("paired measurement of '" + t.name() + "' failed, judged on the single pass: " + e);
                progress.accept(label + " failed: " + e);
            } finally {
                for (int k = open.size() - 1; k >= 0; k--) open.get(k).close();
            }
        }
    }

    /**
     * The reference side of a pairing. For the vector and transfer targets it is every reference of the chosen op
     * and size measured in the main table (plain Java on one thread and in parallel, numpy with either OpenBLAS
     * kernel), each timed in every round, the round keeping the fastest: which one is fastest changes from minute to
     * minute here, and a reference picked from the main table alone could be one having a slow minute (the ratio would
     * then flatter gpu4j). Launch and gemm targets keep their single reference (raw JOCL; numpy's own kernel).
     */
    private static Paired.Side referenceSide(Config cfg, Report report, BenchContext ctx, Report.Pairing p,
                                             Map<NumpyReference.Variant, NumpyReference.Server> servers,
                                             List<Workload> open) {
        List<Row> refs = Report.referencesLike(report, p);
        if (refs.size() <= 1) return side(cfg, ctx, p.ref().backend(), p.ref().op(), p.ref().size(), servers, open);
        List<Paired.Side> sides = new ArrayList<>();
        for (Row r : refs) sides.add(side(cfg, ctx, r.backend(), r.op(), r.size(), servers, open));
        return () -> {
            double best = Double.POSITIVE_INFINITY;
            for (Paired.Side sd : sides) best = Math.min(best, sd.measureNs());
            return best;
        };
    }

    /**
     * Timed runs per side and round for the vector and latency targets (a few ms each, where 3 runs left one slow
     * run deciding a round; gemm keeps 3 runs of 50-300 ms).
     */
    static final int PAIR_STREAM_RUNS = 9;

    private static Paired.Side side(Config cfg, BenchContext ctx, String backend, Op op, long size,
                                    Map<NumpyReference.Variant, NumpyReference.Server> servers, List<Workload> open) {
        for (NumpyReference.Variant v : NumpyReference.Variant.values()) {
            if (v.backend.equals(backend)) {
                NumpyReference.Server s = servers.get(v);
                if (s == null) throw new IllegalStateException("numpy reference '" + backend + "' is not running");
                // numpy has no JIT to warm: a gemm (50-200 ms at N = 2048) needs no warm-up call, stream ops get one
                return () -> s.medianNs(op, size, op.isMatrix() ? 3 : PAIR_STREAM_RUNS, op.isMatrix() ? 0 : 1);
            }
        }
        Workload w = Workloads.create(ctx, backend, op, size);
        open.add(w);
        int runs = op.isMatrix() ? 3 : PAIR_STREAM_RUNS;
        return () -> Measure.time(w::run, 1, runs, cfg.pairBudgetNanos()).medianNs();
    }
}
