package org.gpu4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pairing logic (order, per-round ratios, medians) on fake sides with scripted times; nothing is timed. */
class PairedTest {

    /** A side that records when it is called and returns scripted times, one per call. */
    static Paired.Side scripted(String name, List<String> log, double... ns) {
        int[] call = {0};
        return () -> {
            log.add(name);
            return ns[call[0]++];
        };
    }

    @Test
    void orderAlternatesEveryRound() {
        assertArrayEquals(new int[] {0, 1}, Paired.order(0, 2));
        assertArrayEquals(new int[] {1, 0}, Paired.order(1, 2));
        assertArrayEquals(new int[] {0, 1}, Paired.order(2, 2));
        assertArrayEquals(new int[] {0, 1, 2}, Paired.order(4, 3));
        assertArrayEquals(new int[] {2, 1, 0}, Paired.order(5, 3));
    }

    @Test
    void sidesRunInAbbaOrderAndRatiosAreTakenPerRound() throws Exception {
        List<String> log = new ArrayList<>();
        // the machine slows down 2x in rounds 2-3: per-round ratios stay 0.5, a ratio of medians taken at
        // different times would not
        Paired.Side cand = scripted("A", log, 20, 20, 40, 40, 20);
        Paired.Side ref = scripted("B", log, 10, 10, 20, 20, 10);
        Paired.Result r = Paired.run(cand, ref, null, Paired.time(), 5);
        assertEquals(List.of("A", "B", "B", "A", "A", "B", "B", "A", "A", "B"), log);
        assertEquals(5, r.rounds());
        assertEquals(2.0, r.median(), 0); // time ratio candidate / reference, every round 2.0
        assertEquals(2.0, r.min(), 0);
        assertEquals(2.0, r.max(), 0);
        assertEquals(20, r.candidateNs(), 0);
        assertEquals(10, r.referenceNs(), 0);
        assertFalse(r.hasOther());
    }

    @Test
    void medianMinAndMaxOfRoundRatios() throws Exception {
        List<String> log = new ArrayList<>();
        // triad-style ratio of throughputs, same op and size on both sides: reference ns / candidate ns
        Paired.Side cand = scripted("A", log, 10, 10, 10, 10, 10);
        Paired.Side ref = scripted("B", log, 9, 5, 12, 8, 30);
        Paired.Result r = Paired.run(cand, ref, null, Paired.throughput(Op.AXPBY, 1000, Op.TRIAD, 1000), 5);
        // ratios 0.9, 0.5, 1.2, 0.8, 3.0 -> sorted 0.5 0.8 0.9 1.2 3.0
        assertEquals(0.9, r.median(), 1e-12);
        assertEquals(0.5, r.min(), 1e-12);
        assertEquals(3.0, r.max(), 1e-12);
        assertEquals(9, r.referenceNs(), 0);
    }

    @Test
    void throughputRatioCountsEachSidesWork() throws Exception {
        // upload+download moves 16 bytes per element, copy 8: equal times mean twice the bandwidth
        Paired.Result r = Paired.run(() -> 100, () -> 100, null, Paired.throughput(Op.UPDOWN, 1 << 10, Op.COPY, 1 << 10), 1);
        assertEquals(2.0, r.median(), 1e-12);
        // sum reads 4 bytes per element, dot 8
        r = Paired.run(() -> 100, () -> 100, null, Paired.throughput(Op.SUM, 64, Op.DOT, 64), 2);
        assertEquals(0.5, r.median(), 1e-12);
    }

    @Test
    void aSecondReferenceIsTimedInTheSameRounds() throws Exception {
        List<String> log = new ArrayList<>();
        Paired.Side cand = scripted("A", log, 100, 100, 100);
        Paired.Side own = scripted("B", log, 50, 50, 50);
        Paired.Side env = scripted("C", log, 100, 200, 100);
        Paired.Result r = Paired.run(cand, own, env, Paired.throughput(Op.SGEMM, 64, Op.SGEMM, 64), 3);
        assertEquals(List.of("A", "B", "C", "C", "B", "A", "A", "B", "C"), log);
        assertEquals(0.5, r.median(), 1e-12);
        assertTrue(r.hasOther());
        assertEquals(1.0, r.otherMedian(), 1e-12); // ratios 1, 2, 1
        assertEquals(1.0, r.otherMin(), 1e-12);
        assertEquals(2.0, r.otherMax(), 1e-12);
        assertEquals(100, r.otherNs(), 0);
    }

    @Test
    void furtherReferencesAreTimedInTheSameRounds() throws Exception {
        List<String> log = new ArrayList<>();
        Paired.Side cand = scripted("A", log, 100, 100);
        Paired.Side fill = scripted("B", log, 50, 50);
        Paired.Side numpy = scripted("C", log, 200, 200);
        Paired.Side java = scripted("D", log, 400, 100);
        Paired.Result r = Paired.runAll(cand, fill, List.of(numpy, java), Paired.throughput(Op.RAND_UNIFORM, 64, Op.FILL, 64), 2);
        assertEquals(List.of("A", "B", "C", "D", "D", "C", "B", "A"), log);
        assertEquals(0.5, r.median(), 1e-12);
        assertEquals(2.0, r.otherMedian(), 1e-12);
        assertEquals(1, r.more().size());
        assertEquals(2.5, r.more(0)[0], 1e-12);   // ratios 4 and 1
        assertEquals(1.0, r.more(0)[1], 1e-12);
        assertEquals(4.0, r.more(0)[2], 1e-12);
    }

    @Test
    void randomTargetsArePairedWithTheFillOfTheirBackendAndTheGeneratorReferences() {
        Report r = new Report();
        long n = Report.STREAM_N;
        r.rows.add(Row.of(Op.FILL, "opencl", "CPU 'pocl'", n, 2e6, 3));
        r.rows.add(Row.of(Op.RAND_UNIFORM, "opencl", "CPU 'pocl'", n, 4e6, 3));
        r.rows.add(Row.of(Op.RAND_UNIFORM, BenchContext.NUMPY, "CPU numpy", n, 40e6, 3));
        r.rows.add(Row.of(Op.RAND_UNIFORM, BenchContext.JAVA_1T, "CPU (host, 1 thread)", n, 80e6, 3));
        Report.Target t = r.targets().stream().filter(x -> x.name().equals("uniform floats 2^24, opencl")).findFirst().orElseThrow();
        assertEquals(0.5, t.ratio(), 1e-12);
        assertEquals("MISS", t.result());   // >= 0.7 on a CPU device
        assertEquals(Op.FILL, t.pairing().ref().op());
        assertEquals(List.of(BenchContext.NUMPY, BenchContext.JAVA_1T), t.pairing().others().stream().map(Row::backend).toList());
        assertTrue(t.measured().contains("vs numpy rand-uniform"), t.measured());
        assertTrue(r.targets().stream().noneMatch(x -> x.name().endsWith(", cuda")), "no CUDA rows: no CUDA targets");
        r.paired.put(t.name(), new Paired.Result(0.75, 0.7, 0.8, 5, 4e6, 3e6, 10, 9, 11, 40e6, List.of(new double[] {20, 19, 21, 80e6})));
        t = r.targets().stream().filter(x -> x.name().equals("uniform floats 2^24, opencl")).findFirst().orElseThrow();
        assertEquals("HIT", t.result());
        assertTrue(t.pairedMeasured().contains("vs java-1t"), t.pairedMeasured());
        assertTrue(r.json().contains("\"more_references\": [{\"reference\": \"java-1t rand-uniform 2^24\""), r.json());
    }

    @Test
    void badRoundsAndFailingSides() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Paired.run(() -> 1, () -> 1, null, Paired.time(), 0));
        assertTrue(e.getMessage().contains("rounds"), e.getMessage());
        IllegalStateException boom = new IllegalStateException("side failed");
        Exception thrown = assertThrows(Exception.class, () -> Paired.run(() -> 1, () -> { throw boom; }, null, Paired.time(), 3));
        assertSame(boom, thrown);
    }

    @Test
    void verdictComesFromThePairedMedianWhenThereIsOne() {
        Report r = new Report();
        long n = Report.STREAM_N;
        r.rows.add(Row.of(Op.TRIAD, BenchContext.JAVA_PAR, "CPU (host)", n, 10e6, 3));
        r.rows.add(Row.of(Op.AXPBY, "opencl", "CPU 'pocl'", n, 20e6, 3)); // single pass: 0.5, a MISS
        Report.Target t = r.targets().stream().filter(x -> x.name().equals("vector axpby 2^24, opencl")).findFirst().orElseThrow();
        assertEquals("MISS", t.result());
        assertEquals("opencl", t.pairing().backend());
        assertSame(r.rows.get(0), t.pairing().ref()); // the best triad of the main table is the paired reference
        r.paired.put(t.name(), new Paired.Result(0.9, 0.86, 0.95, 5, 11e6, 10e6, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        t = r.targets().stream().filter(x -> x.name().equals("vector axpby 2^24, opencl")).findFirst().orElseThrow();
        assertEquals("HIT", t.result());
        assertEquals(0.5, t.ratio(), 1e-12); // the single-pass ratio stays, for context
        String md = r.targetsMarkdown();
        assertTrue(md.contains("| vector axpby 2^24, opencl | 0.90 [0.86-0.95] (5) | 0.50 | "), md);
        assertTrue(md.contains("(paired medians)"), md);
        String json = r.json();
        assertTrue(json.contains("\"ratio\": 0.900000, \"single_pass_ratio\": 0.500000"), json);
        assertTrue(json.contains("\"paired\": {\"ratio_median\": 0.900000, \"ratio_min\": 0.860000, \"ratio_max\": 0.950000, \"rounds\": 5"), json);
        assertTrue(json.contains("\"reference\": \"java-par triad 2^24\""), json);
        assertTrue(r.fullMarkdown().contains(Report.PAIRING_SENTENCE), "the markdown says how pairing works");
    }

    @Test
    void sgemmIsJudgedOnOwnChoiceNumpyWithTheEnvironmentsKernelBeside() {
        Report r = new Report();
        r.rows.add(Row.of(Op.SGEMM, BenchContext.NUMPY, "CPU numpy (OpenBLAS core SkylakeX, own choice)", 2048, 50e6, 3));
        r.rows.add(Row.of(Op.SGEMM, BenchContext.NUMPY_ENV, "CPU numpy (OpenBLAS core Haswell, ...)", 2048, 100e6, 3));
        r.rows.add(Row.of(Op.SGEMM, "opencl", "CPU 'pocl'", 2048, 80e6, 3));
        Report.Target t = r.targets().stream().filter(x -> x.name().equals("sgemm N=2048, opencl")).findFirst().orElseThrow();
        assertEquals(50.0 / 80.0, t.ratio(), 1e-12);
        assertEquals("MISS", t.result());
        assertEquals(BenchContext.NUMPY, t.pairing().ref().backend());
        assertEquals(BenchContext.NUMPY_ENV, t.pairing().other().backend());
        assertTrue(t.measured().contains("vs numpy-env sgemm"), t.measured());
        r.paired.put(t.name(), new Paired.Result(0.7, 0.6, 0.8, 5, 80e6, 56e6, 1.3, 1.2, 1.4, 104e6));
        t = r.targets().stream().filter(x -> x.name().equals("sgemm N=2048, opencl")).findFirst().orElseThrow();
        assertEquals("MISS", t.result()); // judged on own choice (0.7), not on the environment's kernel (1.3)
        assertTrue(t.pairedMeasured().contains("vs numpy-env") && t.pairedMeasured().contains(": 1.30 [1.20-1.40]"),
                t.pairedMeasured());
        assertTrue(r.json().contains("\"other_ratio_median\": 1.30000"), r.json());
        // both numpy rows are references with a ratio column each
        assertEquals(0.625, r.ratio(r.rows.get(2), BenchContext.NUMPY).orElseThrow(), 1e-12);
        assertEquals(1.25, r.ratio(r.rows.get(2), BenchContext.NUMPY_ENV).orElseThrow(), 1e-12);
    }

    @Test
    void pairAllTimesLaunchTargetsAgainstRawJocl(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String why = BenchContext.unavailable("opencl");
        org.junit.jupiter.api.Assumptions.assumeTrue(why == null, "no OpenCL device for the launch targets: " + why);
        Report r = new Report();
        // main-table rows (values irrelevant here): they name what to pair; the pairing measures both sides again
        r.rows.add(Row.of(Op.LAUNCH, BenchContext.JOCL, "CPU", 0, 40e3, 3));
        r.rows.add(Row.of(Op.LAUNCH, "opencl", "CPU", 0, 50e3, 3));
        Suite.Config q = Suite.Config.quick(dir);
        Suite.Config cfg = new Suite.Config(q.backends(), q.ops(), q.stream(), q.sgemm(), q.dgemm(), q.transpose(),
                q.warmups(), q.runs(), q.budgetNanos(), false, false, dir, q.seed(), 2, 5_000_000L);
        List<String> lines = new ArrayList<>();
        try (BenchContext ctx = new BenchContext(7)) {
            Suite.pairAll(cfg, r, ctx, java.util.Map.of(), lines::add);
        }
        Paired.Result p = r.paired.get("empty kernel enqueue+finish, opencl");
        assertTrue(p != null, "paired: " + lines + " notes " + r.notes);
        assertEquals(2, p.rounds());
        assertTrue(p.candidateNs() > 0 && p.referenceNs() > 0 && p.median() > 0, p.toString());
        assertTrue(lines.get(0).startsWith("[paired 1/1] empty kernel enqueue+finish, opencl: "), lines.toString());
        assertTrue(r.notes.isEmpty(), r.notes.toString());
    }

    @Test
    void vectorTargetsArePairedAgainstEveryReferenceOfTheirOp() {
        long n = 1L << 24;
        List<Row> rows = new ArrayList<>();
        for (String b : new String[] {BenchContext.JAVA_1T, BenchContext.JAVA_PAR, "numpy", "numpy-env"}) {
            rows.add(Row.of(Op.TRIAD, b, "CPU", n, 10e6, 3));
            rows.add(Row.of(Op.COPY, b, "CPU", n, 5e6, 3));
        }
        rows.add(Row.of(Op.TRIAD, "opencl", "CPU", n, 9e6, 3)); // a gpu4j row: never a reference
        Row javaPar = rows.get(2);
        List<Row> refs = Report.referencesLike(rows, Op.ADD, javaPar);
        assertEquals(List.of(BenchContext.JAVA_1T, BenchContext.JAVA_PAR, "numpy", "numpy-env"),
                refs.stream().map(Row::backend).toList());
        assertTrue(refs.stream().allMatch(r -> r.op() == Op.TRIAD));
        assertEquals("best of java-1t/java-par/numpy/numpy-env", Report.refLabel(rows, Op.ADD, javaPar));
        Row gemmRef = Row.of(Op.SGEMM, "numpy", "CPU", 2048, 50e6, 3);
        assertEquals(List.of(gemmRef), Report.referencesLike(rows, Op.SGEMM, gemmRef));
    }
}
