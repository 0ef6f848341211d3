package org.gpu4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one run: rows, the references they are compared with, notes on what was skipped, and the
 * targets of issue 8 judged from these rows. Writes {@code results.md} and {@code results.json}.
 *
 * <p>Ratio columns compare a row with the reference operation named by {@link Op#ref} at the same size (for
 * transpose of N x N, a copy of N*N floats: {@link Op#refSize}), measured in the same run: throughput ratios for GB/s and GFLOP/s rows (higher is better), time ratios for launch-latency rows
 * (lower is better).
 */
final class Report {
    static final String[][] REF_COLUMNS = {
            {BenchContext.JAVA_1T, "x Java 1T"}, {BenchContext.JAVA_PAR, "x Java par"},
            {BenchContext.NUMPY, "x numpy"}, {BenchContext.NUMPY_ENV, "x numpy-env"}, {BenchContext.JOCL, "x raw JOCL"}};

    final List<Row> rows = new ArrayList<>();
    /** Paired measurements by target name ({@link Paired}); a target without one is judged on the main table. */
    final Map<String, Paired.Result> paired = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, String> facts = new LinkedHashMap<>();

    /** The ratio of {@code row} to the same-size reference on {@code refBackend}, if that reference was measured. */
    Optional<Double> ratio(Row row, String refBackend) {
        if (row.isReference() && row.backend().equals(refBackend)) return Optional.empty();
        // raw JOCL latency is a reference for the OpenCL backend only (other backends do not launch through OpenCL)
        if (refBackend.equals(BenchContext.JOCL) && !row.backend().equals("opencl")) return Optional.empty();
        return reference(refBackend, row.op().ref, row.op().refSize(row.size())).map(ref ->
                row.op().unit == Op.Unit.LAUNCHES ? row.medianNs() / ref.medianNs() : row.value() / ref.value());
    }

    /**
     * The ratio of a gpu4j row to its own device's limit measured in this run: GB/s rows to that backend's
     * device-to-device copy of 2^24 floats, GFLOP/s rows to its FMA peak kernel. Empty for references, launch rows,
     * the limit rows themselves, and where the limit was not measured.
     */
    Optional<Double> deviceLimitRatio(Row row) {
        if (row.isReference() || row.op() == Op.DEV_COPY || row.op() == Op.FMA_PEAK) return Optional.empty();
        Op limit = switch (row.op().unit) {
            case BYTES -> Op.DEV_COPY;
            case FLOPS -> Op.FMA_PEAK;
            case LAUNCHES -> null;
        };
        if (limit == null) return Optional.empty();
        Optional<Row> l = limit == Op.DEV_COPY ? find(row.backend(), limit, STREAM_N)
                : rows.stream().filter(r -> r.backend().equals(row.backend()) && r.op() == Op.FMA_PEAK).findFirst();
        return l.map(x -> row.value() / x.value());
    }

    Optional<Row> reference(String backend, String opId, long size) {
        return rows.stream().filter(r -> r.backend().equals(backend) && r.op().id.equals(opId) && r.size() == size).findFirst();
    }

    // ------------------------------------------------------------------ markdown

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| operation | size | backend | device | median | throughput |");
        for (String[] c : REF_COLUMNS) sb.append(' ').append(c[1]).append(" |");
        sb.append(" x device limit |");
        sb.append("\n|---|---|---|---|---:|---:|");
        for (int i = 0; i < REF_COLUMNS.length; i++) sb.append("---:|");
        sb.append("---:|");
        sb.append('\n');
        for (Row r : rows) {
            sb.append("| ").append(r.op().id).append(" | ").append(r.sizeLabel()).append(" | ").append(r.backend())
                    .append(" | ").append(r.device()).append(" | ").append(Row.formatTime(r.medianNs())).append(r.runs() < 3 ? " (" + r.runs() + " run" + (r.runs() == 1 ? ")" : "s)") : "")
                    .append(" | ").append(r.formatValue()).append(" |");
            for (String[] c : REF_COLUMNS) {
                sb.append(' ').append(ratio(r, c[0]).map(Report::fmtRatio).orElse("")).append(" |");
            }
            sb.append(' ').append(deviceLimitRatio(r).map(Report::fmtRatio).orElse("")).append(" |");
            sb.append('\n');
        }
        return sb.toString();
    }

    static final String PAIRING_SENTENCE = "Verdicts come from paired rounds: after the main table, each target's gpu4j "
            + "workload and its reference (the best reference of its kind in the main table, re-measured) are timed "
            + "alternately for a few runs each, in rounds whose order is reversed every other round (ABBA) so drift "
            + "in the host's speed weighs on both alike, and the verdict is the median of the per-round ratios; the "
            + "single-pass ratio divides main-table medians measured up to a minute apart, shown for context.";

    static String fmtRatio(double v) { return String.format(Locale.ROOT, "%.2f", v); }

    String targetsMarkdown() {
        StringBuilder sb = new StringBuilder("| target | paired ratio [min-max] (rounds) | single-pass ratio | measured | goal | result |\n"
                + "|---|---:|---:|---|---|---|\n");
        for (Target t : targets()) {
            Paired.Result p = t.paired();
            sb.append("| ").append(t.name).append(" | ")
                    .append(p == null ? "-" : fmtRatio(p.median()) + " [" + fmtRatio(p.min()) + "-" + fmtRatio(p.max())
                            + "] (" + p.rounds() + ")")
                    .append(" | ").append(Double.isNaN(t.ratio) ? "-" : fmtRatio(t.ratio))
                    .append(" | ").append(t.pairedMeasured()).append(" | ").append(t.goal)
                    .append(" | ").append(t.result()).append(p == null && !Double.isNaN(t.ratio) ? " (single pass)" : "")
                    .append(" |\n");
        }
        return sb.toString();
    }

    String fullMarkdown() {
        StringBuilder sb = new StringBuilder("# gpu4j benchmark results\n\n");
        for (Map.Entry<String, String> f : facts.entrySet()) sb.append("- ").append(f.getKey()).append(": ").append(f.getValue()).append('\n');
        sb.append("\nMedians of the timed runs after warm-up. Bytes count each array read or written once (STREAM "
                + "convention). Ratio columns: this row / the same-size reference of its kind measured in this run "
                + "(add -> add, axpy/axpby/expr -> triad, dot -> dot, sum/expr-sum -> sum, scan/transfers -> copy, "
                + "transpose N -> copy of N*N floats, gemm -> numpy gemm (FLOP/s = 2*N^3/t); numpy rows: `numpy` lets OpenBLAS pick its kernel (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed), `numpy-env` runs with the environment's OPENBLAS_CORETYPE (measured only when the environment sets it), each row's device names the kernel, launches -> raw JOCL); for launch rows the ratio is of times (lower is better). \"x device limit\": this row / the same backend's own limit measured in this run (GB/s rows: its device-copy of 2^24 floats; GFLOP/s rows: its fma-peak kernel; on a GPU these give the ratios to the hardware with no further work).\n\n");
        sb.append(markdown());
        sb.append("\n## Targets (issues 8 and 16)\n\n").append(PAIRING_SENTENCE).append("\n\n").append(targetsMarkdown());
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            for (String n : notes) sb.append("- ").append(n).append('\n');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ json

    String json() {
        StringBuilder sb = new StringBuilder("{\n  \"facts\": {");
        int i = 0;
        for (Map.Entry<String, String> f : facts.entrySet()) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    ").append(q(f.getKey())).append(": ").append(q(f.getValue()));
        }
        sb.append("\n  },\n  \"rows\": [");
        i = 0;
        for (Row r : rows) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    {\"op\": ").append(q(r.op().id))
                    .append(", \"size\": ").append(r.size())
                    .append(", \"backend\": ").append(q(r.backend()))
                    .append(", \"device\": ").append(q(r.device()))
                    .append(", \"reference\": ").append(r.isReference())
                    .append(", \"median_ns\": ").append(num(r.medianNs()))
                    .append(", \"runs\": ").append(r.runs())
                    .append(", \"value\": ").append(num(r.value()))
                    .append(", \"unit\": ").append(q(r.op().unit.label))
                    .append(", \"ratios\": {");
            int j = 0;
            for (String[] c : REF_COLUMNS) {
                Optional<Double> v = ratio(r, c[0]);
                if (v.isPresent()) sb.append(j++ == 0 ? "" : ", ").append(q(c[0])).append(": ").append(num(v.get()));
            }
            sb.append("}");
            Optional<Double> lim = deviceLimitRatio(r);
            if (lim.isPresent()) sb.append(", \"device_limit_ratio\": ").append(num(lim.get()));
            sb.append("}");
        }
        sb.append("\n  ],\n  \"targets\": [");
        i = 0;
        for (Target t : targets()) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    {\"target\": ").append(q(t.name))
                    .append(", \"measured\": ").append(q(t.measured))
                    .append(", \"ratio\": ").append(num(t.verdictRatio()))
                    .append(", \"single_pass_ratio\": ").append(num(t.ratio))
                    .append(", \"goal\": ").append(q(t.goal))
                    .append(", \"result\": ").append(q(t.result()))
                    .append(", \"judged_on\": ").append(q(t.paired() != null ? "paired" : "single pass"));
            Paired.Result p = t.paired();
            if (p != null) {
                Pairing g = t.pairing();
                sb.append(", \"paired\": {\"ratio_median\": ").append(num(p.median()))
                        .append(", \"ratio_min\": ").append(num(p.min()))
                        .append(", \"ratio_max\": ").append(num(p.max()))
                        .append(", \"rounds\": ").append(p.rounds())
                        .append(", \"candidate\": ").append(q(g.backend() + " " + g.op().id + " " + Op.sizeLabel(g.op(), g.size())))
                        .append(", \"candidate_median_ns\": ").append(num(p.candidateNs()))
                        .append(", \"reference\": ").append(q(g.ref().backend() + " " + g.ref().op().id + " " + g.ref().sizeLabel()))
                        .append(", \"reference_median_ns\": ").append(num(p.referenceNs()));
                if (p.hasOther() && g.other() != null) {
                    sb.append(", \"other_reference\": ").append(q(g.other().backend() + " " + g.other().op().id + " " + g.other().sizeLabel()))
                            .append(", \"other_reference_median_ns\": ").append(num(p.otherNs()))
                            .append(", \"other_ratio_median\": ").append(num(p.otherMedian()))
                            .append(", \"other_ratio_min\": ").append(num(p.otherMin()))
                            .append(", \"other_ratio_max\": ").append(num(p.otherMax()));
                }
                if (g.others().size() > 1 && !p.more().isEmpty()) {
                    sb.append(", \"more_references\": [");
                    for (int k = 1; k < g.others().size() && k - 1 < p.more().size(); k++) {
                        Row o = g.others().get(k);
                        double[] m = p.more(k - 1);
                        sb.append(k == 1 ? "" : ", ").append("{\"reference\": ").append(q(o.backend() + " " + o.op().id + " " + o.sizeLabel()))
                                .append(", \"median_ns\": ").append(num(m[3])).append(", \"ratio_median\": ").append(num(m[0]))
                                .append(", \"ratio_min\": ").append(num(m[1])).append(", \"ratio_max\": ").append(num(m[2])).append('}');
                    }
                    sb.append(']');
                }
                sb.append('}');
            }
            sb.append('}');
        }
        sb.append("\n  ],\n  \"notes\": [");
        i = 0;
        for (String n : notes) sb.append(i++ == 0 ? "\n    " : ",\n    ").append(q(n));
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "null";
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Writes results.md and results.json into {@code dir} (created); returns the markdown path. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"), json(), StandardCharsets.UTF_8);
        Path md = dir.resolve("results.md");
        Files.writeString(md, fullMarkdown(), StandardCharsets.UTF_8);
        return md;
    }

    // ------------------------------------------------------------------ targets

    /**
     * What a target compares, for its paired measurement: the gpu4j workload (backend, op, size), the main-table
     * reference row it is judged against, and (sgemm) a second reference row whose ratio is shown for context.
     */
    record Pairing(String backend, Op op, long size, Row ref, List<Row> others, String refLabel) {
        Pairing(String backend, Op op, long size, Row ref, Row other, String refLabel) {
            this(backend, op, size, ref, other == null ? List.of() : List.of(other), refLabel);
        }

        Pairing(String backend, Op op, long size, Row ref, Row other) { this(backend, op, size, ref, other, ref.backend()); }

        /** The first further reference (timed in the same rounds, shown for context), or null. */
        Row other() { return others.isEmpty() ? null : others.get(0); }
    }

    /**
     * The references a vector or transfer target is paired against: every reference row of the same op and size
     * (java-1t, java-par, numpy, numpy-env). Launch (raw JOCL) and gemm (numpy's own kernel) keep their one reference.
     */
    static List<Row> referencesLike(Report report, Pairing p) { return referencesLike(report.rows, p.op(), p.ref()); }

    static List<Row> referencesLike(List<Row> rows, Op op, Row ref) {
        if (op.isMatrix() || ref.backend().equals(BenchContext.JOCL)) return List.of(ref);
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.isReference() && r.op() == ref.op() && r.size() == ref.size()
                    && out.stream().noneMatch(o -> o.backend().equals(r.backend()))) {
                out.add(r);
            }
        }
        return out.isEmpty() ? List.of(ref) : out;
    }

    /** How a pairing's reference is named: its backend, or "best of a/b/c" when several are timed each round. */
    static String refLabel(Report report, Pairing p) { return refLabel(report.rows, p.op(), p.ref()); }

    static String refLabel(List<Row> rows, Op op, Row ref) {
        List<Row> refs = referencesLike(rows, op, ref);
        if (refs.size() <= 1) return ref.backend();
        return "best of " + String.join("/", refs.stream().map(Row::backend).toList());
    }

    /**
     * One target of issue 8 with what this run measured. {@code ratio} is the single-pass ratio of main-table rows
     * (NaN: not measured, the reason is in measured); {@code paired}, when present, gives the verdict.
     */
    record Target(String name, String measured, double ratio, String goal, double threshold, boolean lowerIsBetter,
                  Pairing pairing, Paired.Result paired) {
        Target(String name, String measured, double ratio, String goal, double threshold, boolean lowerIsBetter) {
            this(name, measured, ratio, goal, threshold, lowerIsBetter, null, null);
        }

        /** The ratio the verdict is taken from: the paired median when paired, else the single-pass ratio. */
        double verdictRatio() { return paired != null ? paired.median() : ratio; }

        String result() {
            double v = verdictRatio();
            if (Double.isNaN(v)) return "not measured";
            boolean hit = lowerIsBetter ? v <= threshold : v >= threshold;
            return hit ? "HIT" : "MISS";
        }

        /** The measured column: paired medians of both sides when paired, else the main-table figures. */
        String pairedMeasured() {
            if (paired == null || pairing == null) return measured;
            Row ref = pairing.ref();
            Op op = pairing.op();
            String s = Row.of(op, pairing.backend(), "", pairing.size(), paired.candidateNs(), paired.rounds()).formatValue()
                    + " vs " + pairing.refLabel() + " " + ref.op().id + " "
                    + Row.of(ref.op(), ref.backend(), "", ref.size(), paired.referenceNs(), paired.rounds()).formatValue()
                    + " (paired medians)";
            if (paired.hasOther() && pairing.other() != null) {
                Row o = pairing.other();
                s += "; vs " + o.backend() + " " + Row.of(o.op(), o.backend(), "", o.size(), paired.otherNs(), paired.rounds()).formatValue()
                        + ": " + fmtRatio(paired.otherMedian()) + " [" + fmtRatio(paired.otherMin()) + "-"
                        + fmtRatio(paired.otherMax()) + "]";
            }
            for (int i = 1; i < pairing.others().size() && i - 1 < paired.more().size(); i++) {
                Row o = pairing.others().get(i);
                double[] m = paired.more(i - 1);
                s += "; vs " + o.backend() + " " + Row.of(o.op(), o.backend(), "", o.size(), m[3], paired.rounds()).formatValue()
                        + ": " + fmtRatio(m[0]) + " [" + fmtRatio(m[1]) + "-" + fmtRatio(m[2]) + "]";
            }
            return s;
        }
    }

    static final long STREAM_N = 1L << 24;

    /** The best of the given references (op ids at {@code size}) measured in this run. */
    private Optional<Row> bestRef(long size, String... opIds) {
        Row best = null;
        for (Row r : rows) {
            if (!r.isReference() || r.size() != size) continue;
            for (String id : opIds) {
                if (r.op().id.equals(id) && (best == null || r.value() > best.value())) best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    private Optional<Row> find(String backend, Op op, long size) {
        return rows.stream().filter(r -> r.backend().equals(backend) && r.op() == op && r.size() == size).findFirst();
    }

    private static String refName(Row ref) {
        return ref.backend() + " " + ref.op().id + " " + ref.formatValue();
    }

    private void throughputTarget(List<Target> out, String name, String backend, Op op, long size, Optional<Row> ref,
                                  double threshold, String goal) {
        throughputTarget(out, name, backend, op, size, ref, Optional.empty(), threshold, goal);
    }

    private void throughputTarget(List<Target> out, String name, String backend, Op op, long size, Optional<Row> ref,
                                  Optional<Row> other, double threshold, String goal) {
        Optional<Row> row = find(backend, op, size);
        if (row.isEmpty() || ref.isEmpty()) {
            out.add(new Target(name, row.isEmpty() ? op.id + " on " + backend + " not measured in this run"
                    : "no reference measured", Double.NaN, goal, threshold, false));
            return;
        }
        Row r = row.get();
        String measured = r.formatValue() + " on " + r.device() + " vs " + refName(ref.get());
        if (other.isPresent()) {
            measured += "; vs " + refName(other.get()) + ": " + fmtRatio(r.value() / other.get().value());
        }
        out.add(new Target(name, measured, r.value() / ref.get().value(), goal, threshold, false,
                new Pairing(backend, op, size, ref.get(), other.orElse(null), refLabel(rows, op, ref.get())),
                paired.get(name)));
    }

    /**
     * Issue 16's targets: uniform and normal floats (2^24) on each backend against a write-only fill of the same array
     * on the same backend (the bandwidth limit): uniforms >= 0.7 x and normals >= 0.5 x on CPU devices, both >= 0.8 x
     * on GPUs. numpy's Generator(Philox) and java.util.SplittableRandom (one thread, and split over the cores) making
     * the same floats are timed in the same paired rounds, their ratios shown beside.
     */
    private void randomTargets(List<Target> t) {
        for (String b : new String[] {"opencl", "cpu", "cuda"}) {
            Optional<Row> fill = find(b, Op.FILL, STREAM_N);
            for (Op op : new Op[] {Op.RAND_UNIFORM, Op.RAND_NORMAL}) {
                Optional<Row> row = find(b, op, STREAM_N);
                if (b.equals("cuda") && row.isEmpty()) continue;   // no CUDA device: no row, and no target to miss
                boolean gpu = row.map(r -> r.device().startsWith("GPU")).orElse(false);
                double goal = gpu ? 0.8 : op == Op.RAND_UNIFORM ? 0.7 : 0.5;
                String name = (op == Op.RAND_UNIFORM ? "uniform" : "normal") + " floats 2^24, " + b;
                String goalText = ">= " + fmtRatio(goal) + " x fill on " + b + (gpu ? " (a GPU)" : " (a CPU device)");
                if (row.isEmpty() || fill.isEmpty()) {
                    t.add(new Target(name, (row.isEmpty() ? op.id : "fill") + " on " + b + " not measured in this run",
                            Double.NaN, goalText, goal, false));
                    continue;
                }
                List<Row> others = new ArrayList<>();
                for (String ref : new String[] {BenchContext.NUMPY, BenchContext.JAVA_1T, BenchContext.JAVA_PAR}) {
                    reference(ref, op.id, STREAM_N).ifPresent(others::add);
                }
                Row r = row.get();
                StringBuilder measured = new StringBuilder(r.formatValue() + " on " + r.device() + " vs " + refName(fill.get()));
                for (Row o : others) measured.append("; vs ").append(refName(o)).append(": ").append(fmtRatio(r.value() / o.value()));
                t.add(new Target(name, measured.toString(), r.value() / fill.get().value(), goalText, goal, false,
                        new Pairing(b, op, STREAM_N, fill.get(), others, b), paired.get(name)));
            }
        }
    }

    List<Target> targets() {
        List<Target> t = new ArrayList<>();
        Optional<Row> triad = bestRef(STREAM_N, "triad");
        Optional<Row> read = bestRef(STREAM_N, "dot", "sum");
        Optional<Row> copy = bestRef(STREAM_N, "copy");
        for (String b : new String[] {"opencl", "cpu"}) {
            Op add = find(b, Op.ADD, STREAM_N).isPresent() ? Op.ADD : Op.ADD_KERNEL;
            throughputTarget(t, "vector " + add.id + " 2^24, " + b, b, add, STREAM_N, triad, 0.85, ">= 0.85 x best triad");
            throughputTarget(t, "vector axpby 2^24, " + b, b, Op.AXPBY, STREAM_N, triad, 0.85, ">= 0.85 x best triad");
        }
        throughputTarget(t, "expression a*x+b*y 2^24, opencl", "opencl", Op.EXPR, STREAM_N, triad, 0.80,
                ">= 0.80 x best triad (and >= 25 x PyOpenCL ElementwiseKernel's 1.05 GB/s quoted in issue 8)");
        // issue 21: expression kernels on the Java CPU backend, compiled to bytecode
        throughputTarget(t, "expression a*x+b*y 2^24, cpu", "cpu", Op.EXPR, STREAM_N, triad, 0.80, ">= 0.80 x best triad");
        for (String b : new String[] {"opencl", "cpu"}) {
            throughputTarget(t, "expression sum 2^24, " + b, b, Op.EXPR_SUM, STREAM_N, read, 0.70,
                    ">= 0.70 x best read bandwidth (dot/sum refs)");
        }
        for (String b : new String[] {"opencl", "cpu"}) {
            throughputTarget(t, "dot 2^24, " + b, b, Op.DOT, STREAM_N, read, 0.70, ">= 0.70 x best read bandwidth (dot/sum refs)");
            throughputTarget(t, "sum 2^24, " + b, b, Op.SUM, STREAM_N, read, 0.70, ">= 0.70 x best read bandwidth (dot/sum refs)");
        }
        // judged against numpy with the kernel OpenBLAS picks itself (the stronger one here); the ratio to numpy with
        // the environment's forced kernel, when that differs, is shown beside it
        Optional<Row> own = reference(BenchContext.NUMPY, "sgemm", 2048);
        Optional<Row> env = reference(BenchContext.NUMPY_ENV, "sgemm", 2048);
        Optional<Row> blas = own.isPresent() ? own : env;
        Optional<Row> otherBlas = own.isPresent() ? env : Optional.empty();
        throughputTarget(t, "sgemm N=2048, opencl", "opencl", Op.SGEMM, 2048, blas, otherBlas, 1.0,
                ">= 1.0 x numpy/OpenBLAS sgemm (own-choice kernel)");
        for (long n : new long[] {1024, 2048}) {
            Optional<Row> ownN = reference(BenchContext.NUMPY, "sgemm", n);
            Optional<Row> envN = reference(BenchContext.NUMPY_ENV, "sgemm", n);
            throughputTarget(t, "sgemm N=" + n + ", cpu", "cpu", Op.SGEMM, n, ownN.isPresent() ? ownN : envN,
                    ownN.isPresent() ? envN : Optional.empty(), 0.8, ">= 0.8 x numpy/OpenBLAS sgemm (own-choice kernel)");
        }
        // issue 21: transpose and scan against a copy of the same bytes (the best copy reference of that size)
        for (String b : new String[] {"opencl", "cpu"}) {
            for (long n : new long[] {1024, 4096}) {
                throughputTarget(t, "transpose N=" + n + ", " + b, b, Op.TRANSPOSE, n, bestRef(n * n, "copy"), 0.7,
                        ">= 0.7 x best copy of the same N*N floats");
            }
            throughputTarget(t, "inclusive scan 2^24, " + b, b, Op.SCAN, STREAM_N, copy, 0.7, ">= 0.7 x best copy");
            throughputTarget(t, "gemv N=4096, " + b, b, Op.GEMV, 4096, read, 0.7,
                    ">= 0.7 x best read bandwidth (dot/sum refs of N*N floats)");
            throughputTarget(t, "matrix add N=4096, " + b, b, Op.MATRIX_ADD, 4096, bestRef(STREAM_N, "add", "triad"), 0.7,
                    ">= 0.7 x best add/triad of N*N floats");
            throughputTarget(t, "matrix scale N=4096, " + b, b, Op.MATRIX_SCALE, 4096, copy, 0.7, ">= 0.7 x best copy of N*N floats");
        }
        for (Op op : new Op[] {Op.LAUNCH, Op.LAUNCH_BATCHED}) {
            Optional<Row> row = find("opencl", op, 0);
            Optional<Row> ref = reference(BenchContext.JOCL, op.id, 0);
            String name = "empty kernel " + (op == Op.LAUNCH ? "enqueue+finish" : "batched") + ", opencl";
            if (row.isEmpty() || ref.isEmpty()) {
                t.add(new Target(name, row.isEmpty() ? "opencl not measured" : "raw JOCL not measured", Double.NaN,
                        "<= 1.2 x raw JOCL time", 1.2, true));
            } else {
                t.add(new Target(name, row.get().formatValue() + " vs raw JOCL " + ref.get().formatValue(),
                        row.get().medianNs() / ref.get().medianNs(), "<= 1.2 x raw JOCL time", 1.2, true,
                        new Pairing("opencl", op, 0, ref.get(), null), paired.get(name)));
            }
        }
        for (String b : new String[] {"opencl", "cpu"}) {
            throughputTarget(t, "upload+download 2^24 floats, " + b, b, Op.UPDOWN, STREAM_N, copy, 0.80,
                    ">= 0.80 x best copy (CPU devices)");
        }
        randomTargets(t);
        return t;
    }
}
