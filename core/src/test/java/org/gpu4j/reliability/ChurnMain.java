package org.gpu4j.reliability;

import java.util.Locale;
import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.Gpu4j;

/**
 * {@code ChurnMain <selector> <cycles>}: allocates and frees arrays {@code cycles} times and checks that the process
 * RSS (±5%) and the accelerator's live-object count return to their baseline. Run it with a fixed, pre-touched
 * heap (-Xms = -Xmx, -XX:+AlwaysPreTouch) so that only native memory can move the RSS. Exit 0 on success.
 */
public final class ChurnMain {
    private ChurnMain() {}

    public static void main(String[] args) {
        String selector = args[0];
        int cycles = Integer.parseInt(args[1]);
        try (Accelerator acc = Gpu4j.open(selector)) {
            churn(acc, Math.max(5_000, cycles / 10)); // warm-up: pools, caches and JIT code belong to the baseline
            System.gc();
            long rss0 = ReliabilityContract.rssBytes();
            int live0 = acc.liveObjects();
            long t0 = System.nanoTime();
            churn(acc, cycles);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long rss1 = ReliabilityContract.rssBytes();
            int live1 = acc.liveObjects();
            double growth = rss0 > 0 ? 100.0 * (rss1 - rss0) / rss0 : 0;
            boolean ok = live0 == live1 && (rss0 <= 0 || rss1 <= rss0 * 1.05);
            System.out.printf(Locale.ROOT, "CHURN %s: %d allocate/free cycles in %.1f s, RSS %s -> %s (%+.1f%%),"
                            + " live objects %d -> %d: %s%n", selector, cycles, secs, Device.formatBytes(rss0),
                    Device.formatBytes(rss1), growth, live0, live1, ok ? "OK" : "FAILED");
            System.exit(ok ? 0 : 1);
        }
    }

    static void churn(Accelerator acc, int cycles) {
        for (int i = 0; i < cycles; i++) {
            int n = 1 + (i % 97) * 13;
            switch (i % 4) {
                case 0 -> acc.allocFloats(n).close();
                case 1 -> acc.allocInts(n).close();
                case 2 -> acc.allocDoubles(n).close();
                default -> {
                    try (var x = acc.upload(new long[n])) {
                        if (x.length() != n) throw new AssertionError("length " + x.length());
                    }
                }
            }
        }
    }
}
