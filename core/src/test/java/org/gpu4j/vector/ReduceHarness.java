package org.gpu4j.vector;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.gpu4j.*;

/**
 * Manual harness (not a unit test: no timing asserts) for the Java CPU backend's {@code sum} and {@code dot}, e.g.
 * {@code 24 15}: n = 2^24 floats, 15 reps. Prints the median GB/s of {@code acc.vectors().sum/dot} beside a
 * reference read loop in the same run (plain Java, both cores via a parallel stream, 8 float accumulators: a
 * bandwidth yardstick, not an accurate sum), interleaved twice.
 */
public class ReduceHarness {
    public static void main(String[] args) {
        int n = 1 << Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        Random r = new Random(1);
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) { x[i] = r.nextFloat() - 0.5f; y[i] = r.nextFloat() - 0.5f; }
        try (Accelerator acc = Gpu4j.open("cpu"); FloatArray dx = acc.upload(x); FloatArray dy = acc.upload(y)) {
            Vectors v = acc.vectors();
            for (int round = 0; round < 2; round++) {
                report("ref sum", 4.0 * n, reps, () -> refSum(x, null, n));
                report("cpu sum", 4.0 * n, reps, () -> v.sum(dx));
                report("ref dot", 8.0 * n, reps, () -> refSum(x, y, n));
                report("cpu dot", 8.0 * n, reps, () -> v.dot(dx, dy));
            }
        }
    }

    private static double sink;

    private static void report(String what, double bytes, int reps, java.util.function.DoubleSupplier op) {
        double[] g = new double[reps];
        sink += op.getAsDouble();
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            sink += op.getAsDouble();
            g[i] = bytes / (System.nanoTime() - t);
        }
        Arrays.sort(g);
        System.out.printf("%-8s median %5.1f GB/s (best %5.1f)%n", what, g[reps / 2], g[reps - 1]);
    }

    private static double refSum(float[] x, float[] y, int n) {
        int parts = 64, c = (n + parts - 1) / parts;
        return IntStream.range(0, parts).parallel().mapToDouble(p -> {
            int s = p * c, e = Math.min(n, s + c);
            float r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0;
            int i = s;
            if (y == null) for (; i + 8 <= e; i += 8) {
                r0 += x[i]; r1 += x[i + 1]; r2 += x[i + 2]; r3 += x[i + 3];
                r4 += x[i + 4]; r5 += x[i + 5]; r6 += x[i + 6]; r7 += x[i + 7];
            } else for (; i + 8 <= e; i += 8) {
                r0 += x[i] * y[i]; r1 += x[i + 1] * y[i + 1]; r2 += x[i + 2] * y[i + 2]; r3 += x[i + 3] * y[i + 3];
                r4 += x[i + 4] * y[i + 4]; r5 += x[i + 5] * y[i + 5]; r6 += x[i + 6] * y[i + 6]; r7 += x[i + 7] * y[i + 7];
            }
            for (; i < e; i++) r0 += y == null ? x[i] : x[i] * y[i];
            return (r0 + r1) + (r2 + r3) + (r4 + r5) + (r6 + r7);
        }).sum();
    }
}
