package org.gpu4j.bench;

import java.util.Arrays;

/** Wall-clock timing: warm-up runs, then repeated timed runs; the median is what gets reported. */
final class Measure {
    private Measure() {}

    /** Median, minimum and count of the timed runs, in nanoseconds per run. */
    record Sample(double medianNs, double minNs, int runs) {}

    /**
     * Runs {@code op} {@code warmups} times untimed, then up to {@code runs} times timed; stops timing early (after at
     * least 3 runs) once {@code budgetNanos} of timed work has passed.
     */
    static Sample time(Runnable op, int warmups, int runs, long budgetNanos) {
        // Warm up for at least `warmups` runs and, so that the JIT has compiled the hot loops, for a quarter of the
        // budget (at most 200 runs). Slow runs (over half the budget, e.g. sgemm N = 2048 on the Java backend) end the
        // warm-up once `warmups` runs are done, so that the JIT has compiled the kernel's loops before timing; a run over
        // twice the budget ends it at once (the interpreter's first run is not repeated for nothing).
        long w0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            long s = System.nanoTime();
            op.run();
            long e = System.nanoTime();
            if (e - s > 2 * budgetNanos) break;
            if (i + 1 >= warmups && e - s > budgetNanos / 2) break;
            if (i + 1 >= warmups && e - w0 > budgetNanos / 4) break;
        }
        double[] t = new double[Math.max(1, runs)];
        int done = 0;
        long spent = 0;
        while (done < t.length) {
            long s = System.nanoTime();
            op.run();
            long e = System.nanoTime() - s;
            t[done++] = e;
            spent += e;
            if (done >= 3 && spent > budgetNanos) break;
            if (e > 2 * budgetNanos) break; // one very slow run: report it alone rather than stretch the bench
        }
        double[] d = Arrays.copyOf(t, done);
        return new Sample(median(d), Arrays.stream(d).min().orElse(0), done);
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
