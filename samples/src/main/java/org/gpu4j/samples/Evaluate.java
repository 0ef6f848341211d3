package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;
import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.FloatArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Port of "Evaluating PyOpenCL applications": a float vector add, and a heavier dependent chain
 * ({@code x = x * 0.999f + a[i]}, R rounds), timed on the host and on the device side by side.
 *
 * <p><b>Defect fixed.</b> The recipe times 10^8 interpreted Python assignments against a single kernel run, with no
 * warm-up, a loop a compiler may delete, and calls device 0 "GPU" whatever it is. Here: a compiled Java loop against
 * the kernel, both warmed up and repeated ({@code --runs}, median/min/max), with the build, the kernel alone (from
 * the device's events) and the end-to-end time (copies in and out included) reported apart; the Java results are
 * used (compared with the device's), so no loop can be deleted; and the device is named as what it is.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Times a float vector add and a dependent chain: Java loop vs device kernel vs end to end (default N = 2^22).")
public final class Evaluate extends SampleCommand {
    @Option(names = "--runs", defaultValue = "7", description = "Timed runs, >= 5 (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up runs (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "32", description = "Rounds of the dependent chain (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override public String recipe() { return "Evaluating PyOpenCL applications (testApplicationPyopencl)"; }

    @Override protected int defaultN() { return 1 << 22; }

    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        long n = s.get("--n");
        Sizes.Footprint f = new Sizes.Footprint().device("a", n, 4).device("b", n, 4).device("c", n, 4);
        for (String v : new String[] {"a", "b", "Java sum", "Java chain", "device sum", "device chain"}) f.host(v + " (N floats)", n, 4);
        return f;
    }

    @Override protected void validateOptions() {
        if (runs < 5) throw usage("--runs must be at least 5, got " + runs);
        if (warmup < 0) throw usage("--warmup must be >= 0, got " + warmup);
        if (rounds < 0) throw usage("--rounds must be >= 0, got " + rounds);
    }

    static KernelSource source() {
        return KernelSource.resource("org/gpu4j/samples/kernels/", "evaluate")
                .withJava("vadd", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(3)) a.floats(2)[a.offset(2) + i] = a.floats(0)[a.offset(0) + i] + a.floats(1)[a.offset(1) + i];
                })
                .withJava("chain", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(3)) a.floats(1)[a.offset(1) + i] = chain(a.floats(0)[a.offset(0) + i], a.intValue(2));
                });
    }

    static float chain(float ai, int rounds) {
        float x = 0.0f;
        for (int r = 0; r < rounds; r++) x = x * 0.999f + ai;
        return x;
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int n = n();
        Random rnd = new Random(seed);
        float[] a = Fmt.randomFloats(rnd, n), b = Fmt.randomFloats(rnd, n);
        float[] javaSum = new float[n], javaChain = new float[n], devSum = new float[n], devChain = new float[n];

        Device d = acc.device();
        out.println("DEVICE");
        out.println(Fmt.f("  %s: %s, type %s, %d compute units, %s global memory", d.id(), d.name(), d.type(),
                d.computeUnits(), Device.formatBytes(d.globalMemory())));

        long t0 = System.nanoTime();
        try (Program program = acc.program(source());
             FloatArray da = acc.allocFloats(n);
             FloatArray db = acc.allocFloats(n);
             FloatArray dc = acc.allocFloats(n)) {
            long buildNanos = System.nanoTime() - t0;
            Kernel vadd = program.kernel("vadd"), chain = program.kernel("chain");
            Range range = Range.of(n);
            da.copyFrom(a);
            db.copyFrom(b);

            Stats javaAdd = time(() -> { long s = System.nanoTime(); for (int i = 0; i < n; i++) javaSum[i] = a[i] + b[i]; return System.nanoTime() - s; });
            Stats kernAdd = time(() -> vadd.launch(range, da, db, dc, n).kernelNanos());
            Stats e2eAdd = time(() -> {
                long s = System.nanoTime();
                da.copyFrom(a);
                db.copyFrom(b);
                vadd.launch(range, da, db, dc, n);
                dc.copyTo(devSum);
                return System.nanoTime() - s;
            });
            Stats javaCh = time(() -> { long s = System.nanoTime(); for (int i = 0; i < n; i++) javaChain[i] = chain(a[i], rounds); return System.nanoTime() - s; });
            Stats kernCh = time(() -> chain.launch(range, da, dc, rounds, n).kernelNanos());
            Stats e2eCh = time(() -> {
                long s = System.nanoTime();
                da.copyFrom(a);
                chain.launch(range, da, dc, rounds, n);
                dc.copyTo(devChain);
                return System.nanoTime() - s;
            });

            out.println(Fmt.f("BUILD TIME: %.2f ms (program build; a backend may serve it from its cache)", buildNanos / 1e6));
            out.println(Fmt.f("TIMINGS (n = %d floats, %d warm-up + %d timed runs; median [min .. max] in ms)", n, warmup, runs));
            out.println(Fmt.f("  %-24s %-32s %-32s", "", "vector add", "chain of " + rounds + " rounds"));
            row(out, "Java loop (1 thread)", javaAdd, javaCh);
            row(out, backendName(d) + " kernel (events)", kernAdd, kernCh);
            row(out, backendName(d) + " end to end", e2eAdd, e2eCh);
            out.println(Fmt.f("RATIO Java loop / %s kernel: vector add %.2fx, chain %.2fx (%s device: %s)",
                    backendName(d), ratio(javaAdd, kernAdd), ratio(javaCh, kernCh), d.type(), d.name()));
            out.println(Fmt.f("RATIO Java loop / %s end to end: vector add %.2fx, chain %.2fx",
                    backendName(d), ratio(javaAdd, e2eAdd), ratio(javaCh, e2eCh)));
        }
        // No fused multiply-adds on either side (see evaluate.cl/.cu), so the results must be equal bit for bit.
        boolean ok = Arrays.equals(javaSum, devSum) && Arrays.equals(javaChain, devChain);
        int bad = 0;
        for (int i = 0; i < n; i++) if (Float.compare(javaSum[i], devSum[i]) != 0 || Float.compare(javaChain[i], devChain[i]) != 0) bad++;
        return check(out, ok, ok ? 2L * n + " results identical to the Java loop's" : bad + " of " + n + " elements differ");
    }

    private Stats time(LongSupplier once) {
        for (int i = 0; i < warmup; i++) once.getAsLong();
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) t[i] = once.getAsLong();
        Arrays.sort(t);
        return new Stats(t[runs / 2] / 1e6, t[0] / 1e6, t[runs - 1] / 1e6);
    }

    record Stats(double median, double min, double max) {
        @Override public String toString() {
            return median < 0 ? "(no device timing)" : Fmt.f("%9.3f [%.3f .. %.3f]", median, min, max);
        }
    }

    private static void row(PrintWriter out, String label, Stats add, Stats chain) {
        out.println(Fmt.f("  %-24s %-32s %-32s", label, add, chain));
    }

    private static double ratio(Stats host, Stats dev) {
        return dev.median() <= 0 ? Double.NaN : host.median() / dev.median();
    }
}
