package org.gpu4j.cpu;

import java.util.Arrays;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.Kernel;
import org.gpu4j.KernelArgs;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.WorkItem;

/**
 * What bounded views cost (issue 14, item 2): out = a + b over n floats on the Java CPU backend, as the built-in
 * operation on slices (no copies: its kernels index the parent), as a user Java kernel of the same form on whole
 * arrays (no copies) and on slices (each slice copied in, the written one copied back). Prints the median time of
 * each and ns/element. Not a test: run with
 * {@code java -cp core/target/classes:core/target/test-classes org.gpu4j.cpu.SliceViewCost [log2 n] [rounds]}.
 */
public final class SliceViewCost {
    private SliceViewCost() {}

    static void add(WorkItem id, KernelArgs a) {
        long n = a.longValue(3);
        long g = id.globalSize(0);
        long c = ((n + g - 1) / g + 15) & ~15L, s = id.x() * c;
        if (s >= n) return;
        float[] x = a.floats(0), y = a.floats(1), z = a.floats(2);
        int xo = a.offset(0), yo = a.offset(1), zo = a.offset(2);
        int end = (int) Math.min(n, s + c);
        for (int i = (int) s; i < end; i++) z[zo + i] = x[xo + i] + y[yo + i];
    }

    public static void main(String[] args) {
        int log2 = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int n = 1 << log2;
        try (Accelerator acc = Gpu4j.open("cpu");
             FloatArray pa = acc.upload(new float[n + 16]); FloatArray pb = acc.upload(new float[n + 16]);
             FloatArray pc = acc.allocFloats(n + 16);
             FloatArray wa = acc.upload(new float[n]); FloatArray wb = acc.upload(new float[n]); FloatArray wc = acc.allocFloats(n);
             Program p = acc.program(KernelSource.named("user").withJava("add", "const float* a, const float* b, float* out, long n",
                     SliceViewCost::add))) {
            Kernel k = p.kernel("add");
            int items = Runtime.getRuntime().availableProcessors() * 8;
            FloatArray sa = pa.slice(1, n), sb = pb.slice(3, n), sc = pc.slice(5, n);
            Runnable builtIn = () -> acc.vectors().add(sa, sb, sc);
            Runnable userWhole = () -> k.launch(Range.of(items), wa, wb, wc, (long) n);
            Runnable userSlices = () -> k.launch(Range.of(items), sa, sb, sc, (long) n);
            String[] names = {"built-in add, slices (no copy)", "user kernel, whole arrays (no copy)", "user kernel, slices (copies)"};
            Runnable[] runs = {builtIn, userWhole, userSlices};
            double[][] t = new double[runs.length][rounds];
            for (int w = 0; w < 5; w++) for (Runnable r : runs) { r.run(); acc.finish(); }
            for (int round = 0; round < rounds; round++) {
                for (int j = 0; j < runs.length; j++) {
                    long t0 = System.nanoTime();
                    runs[j].run();
                    acc.finish();
                    t[j][round] = (System.nanoTime() - t0) / 1e6;
                }
            }
            System.out.printf("n = 2^%d floats, %d cores, median of %d rounds%n", log2, Runtime.getRuntime().availableProcessors(), rounds);
            for (int j = 0; j < runs.length; j++) {
                Arrays.sort(t[j]);
                double med = t[j][rounds / 2];
                System.out.printf("  %-40s %8.3f ms  %6.3f ns/element%n", names[j], med, med * 1e6 / n);
            }
        }
    }
}
