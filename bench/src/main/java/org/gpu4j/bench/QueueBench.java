package org.gpu4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceGroup;
import org.gpu4j.Event;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.Queue;
import org.gpu4j.Range;

/**
 * {@code gpu4j bench --queues}: issue 18's two rows in one paired run.
 *
 * <ol>
 * <li><b>Chunked pipeline</b> on every available backend: {@code chunks} chunks of {@code chunk} floats, each
 *     uploaded, run through a compute kernel ({@code reps} multiply-adds per element) and downloaded, three device
 *     buffers in rotation. <em>One queue</em>: every command on one queue, in order. <em>Two queues</em>: uploads and
 *     downloads on a transfer queue, kernels on a compute queue, chunk k's kernel waiting for its upload event and its
 *     download waiting for the kernel's event, so the upload of k+1 and the download of k-1 can run beside the kernel
 *     of k. Same API, same staging, same data; every round times both (order alternating), and the ratio is taken per
 *     round.</li>
 * <li><b>Device group GEMM</b> over the available devices ({@code opencl} + {@code cpu} here): {@link DeviceGroup#gemm}
 *     after {@link DeviceGroup#calibrate()}, against each member alone (a one-member group: the same upload, product,
 *     download), ratio against the fastest member in the same round.</li>
 * </ol>
 * Results (median [min-max] of the per-round ratios) go to the console and {@code results-queues.md}.
 */
final class QueueBench {
    private QueueBench() {}

    static final KernelSource WORK = KernelSource.named("pipe_work")
            .withOpenCL("__kernel void pipe_work(__global const float* x, __global float* y, int n, int reps) {"
                    + " int i = get_global_id(0); if (i >= n) return; float v = x[i];"
                    + " for (int r = 0; r < reps; r++) v = v * 0.999f + 0.001f; y[i] = v; }")
            .withCuda("extern \"C\" __global__ void pipe_work(const float* x, float* y, int n, int reps) {"
                    + " int i = blockIdx.x * blockDim.x + threadIdx.x; if (i >= n) return; float v = x[i];"
                    + " for (int r = 0; r < reps; r++) v = v * 0.999f + 0.001f; y[i] = v; }")
            .withJava("pipe_work", (id, a) -> {
                int i = (int) id.x();
                if (i >= a.intValue(2)) return;
                float v = a.floats(0)[a.offset(0) + i];
                int reps = a.intValue(3);
                for (int r = 0; r < reps; r++) v = v * 0.999f + 0.001f;
                a.floats(1)[a.offset(1) + i] = v;
            });

    static int run(List<String> backends, int chunk, int chunks, int reps, int gemmN, int rounds, Path out, PrintStream log) {
        List<String> md = new ArrayList<>();
        md.add("# gpu4j bench --queues");
        md.add("");
        md.add(String.format(Locale.ROOT, "Pipeline: %d chunks of %d floats (%.1f MiB each way per chunk), %d multiply-adds"
                + " per element; %d paired rounds. GEMM: %d x %d x %d floats.", chunks, chunk, chunk * 4 / 1048576.0, reps,
                rounds, gemmN, gemmN, gemmN));
        md.add("");
        md.add("| row | device | one queue (median ms) | two queues / group (median ms) | speed-up, median [min-max] |");
        md.add("|---|---|---|---|---|");
        List<String> avail = new ArrayList<>();
        for (String b : backends) {
            String why = BenchContext.unavailable(b);
            if (why != null) log.println("skip: backend " + b + ": " + why);
            else avail.add(b);
        }
        for (String b : avail) {
            try (Accelerator acc = Gpu4j.open(b)) {
                md.add(pipeline(acc, chunk, chunks, reps, rounds, log));
            }
        }
        if (avail.size() >= 2) md.add(group(avail, gemmN, rounds, log));
        else log.println("skip: the device group row needs two backends, found " + avail);
        try {
            Files.createDirectories(out);
            Files.write(out.resolve("results-queues.md"), md, StandardCharsets.UTF_8);
            log.println("wrote " + out.resolve("results-queues.md"));
        } catch (IOException e) {
            log.println("could not write results-queues.md: " + e);
            return 1;
        }
        return 0;
    }

    /** One run of the pipeline: all commands issued, then every download awaited. Nanoseconds. */
    private static long pipelineOnce(Accelerator acc, Kernel k, Queue transfer, Queue compute, FloatArray[] in, FloatArray[] outs,
                                     float[][] host, float[][] back, int chunk, int reps) {
        long t0 = System.nanoTime();
        List<CompletableFuture<float[]>> done = new ArrayList<>(host.length);
        for (int c = 0; c < host.length; c++) {
            int b = c % in.length;
            Event up = in[b].copyFromAsync(transfer, host[c]);
            if (compute != transfer) compute.waitFor(up);
            Event ran = k.launch(compute, Range.of(chunk), in[b], outs[b], chunk, reps);
            if (compute != transfer) transfer.waitFor(ran);
            done.add(outs[b].copyToAsync(transfer, back[c]));
        }
        for (CompletableFuture<float[]> f : done) f.join();
        return System.nanoTime() - t0;
    }

    private static String pipeline(Accelerator acc, int chunk, int chunks, int reps, int rounds, PrintStream log) {
        Kernel k = acc.program(WORK).kernel("pipe_work");
        float[][] host = new float[chunks][chunk], back = new float[chunks][chunk];
        for (int c = 0; c < chunks; c++) for (int i = 0; i < chunk; i++) host[c][i] = (c * 31 + i) % 1000 / 1000f;
        FloatArray[] in = new FloatArray[3], outs = new FloatArray[3];
        try (Queue t = acc.newQueue(); Queue q = acc.newQueue()) {
            for (int i = 0; i < 3; i++) { in[i] = acc.allocFloats(chunk); outs[i] = acc.allocFloats(chunk); }
            // warm-up (builds, JIT, first touch), and a check that both variants compute the same
            pipelineOnce(acc, k, t, t, in, outs, host, back, chunk, reps);
            float[] ref = back[chunks - 1].clone();
            pipelineOnce(acc, k, t, q, in, outs, host, back, chunk, reps);
            if (!Arrays.equals(ref, back[chunks - 1])) throw new IllegalStateException("two-queue pipeline differs from one queue");
            double[] one = new double[rounds], two = new double[rounds], ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long a, b;
                if (r % 2 == 0) {
                    a = pipelineOnce(acc, k, t, t, in, outs, host, back, chunk, reps);
                    b = pipelineOnce(acc, k, t, q, in, outs, host, back, chunk, reps);
                } else {
                    b = pipelineOnce(acc, k, t, q, in, outs, host, back, chunk, reps);
                    a = pipelineOnce(acc, k, t, t, in, outs, host, back, chunk, reps);
                }
                one[r] = a / 1e6;
                two[r] = b / 1e6;
                ratio[r] = (double) a / b;
                log.printf(Locale.ROOT, "  pipeline %s round %d: one queue %.1f ms, two queues %.1f ms, %.2fx%n",
                        acc.device().id(), r, one[r], two[r], ratio[r]);
            }
            String row = String.format(Locale.ROOT, "| pipeline (upload k+1 / compute k / download k-1) | %s %s | %.1f | %.1f | %s |",
                    acc.device().id(), acc.device().name(), median(one), median(two), spread(ratio));
            log.println(row);
            return row;
        } finally {
            for (int i = 0; i < 3; i++) {
                if (in[i] != null) in[i].close();
                if (outs[i] != null) outs[i].close();
            }
            k.program().close();
        }
    }

    private static String group(List<String> backends, int n, int rounds, PrintStream log) {
        float[] a = new float[n * n], b = new float[n * n];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < a.length; i++) { a[i] = rnd.nextFloat() - 0.5f; b[i] = rnd.nextFloat() - 0.5f; }
        List<DeviceGroup> alone = new ArrayList<>();
        try (DeviceGroup g = Gpu4j.openAll(backends.toArray(new String[0]))) {
            for (String s : backends) alone.add(Gpu4j.openAll(s));
            double[] w = g.calibrate();
            log.println("  group weights (measured): " + Arrays.toString(w) + " for " + g);
            g.gemm(n, n, n, a, b); // warm-up
            for (DeviceGroup m : alone) m.gemm(n, n, n, a, b);
            double[] gt = new double[rounds], best = new double[rounds], ratio = new double[rounds];
            String[] fastest = new String[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                g.gemm(n, n, n, a, b);
                gt[r] = (System.nanoTime() - t0) / 1e6;
                best[r] = Double.MAX_VALUE;
                for (DeviceGroup m : alone) {
                    long t1 = System.nanoTime();
                    m.gemm(n, n, n, a, b);
                    double ms = (System.nanoTime() - t1) / 1e6;
                    if (ms < best[r]) { best[r] = ms; fastest[r] = m.members().get(0).device().id(); }
                }
                ratio[r] = best[r] / gt[r];
                log.printf(Locale.ROOT, "  group gemm round %d: group %.1f ms, fastest alone (%s) %.1f ms, %.2fx%n",
                        r, gt[r], fastest[r], best[r], ratio[r]);
            }
            String row = String.format(Locale.ROOT, "| device group sgemm %d (vs its fastest member alone: %s) | %s | %.1f | %.1f | %s |",
                    n, fastest[rounds - 1], String.join(" + ", backends), median(best), median(gt), spread(ratio));
            log.println(row);
            return row;
        } finally {
            for (DeviceGroup m : alone) m.close();
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String spread(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.2fx [%.2f-%.2f]", median(v), s[0], s[s.length - 1]);
    }
}
