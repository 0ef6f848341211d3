package org.gpu4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;

/**
 * {@code gpu4j bench --sort}: the sort rows of issue 17 in one paired run. For 2^24 int keys, 2^24 float keys and
 * 2^24 int key-value pairs, every round times once each: {@code acc.sorting()} on every available backend,
 * {@link Arrays#parallelSort} (the common pool; sequential on 2 cores, where its parallelism is 1), a parallel
 * sort over our own pool of one thread per core (halves sorted by {@link Arrays#sort} at once, then merged) and
 * numpy's {@code sort(kind="stable")} (a python3 subprocess per round, median of 3 sorts inside it). The ratios
 * are per round (same minute), reported as median [min-max]. Pairs: references sort packed {@code key<<32|value}
 * longs (stable by key for index values) and numpy uses {@code argsort(kind="stable")} plus two gathers.
 * CPU-shaped backends (the Java CPU backend, PoCL) run twice, with the plan's default sort method and with the
 * other one forced ({@link LaunchPlan#SORT_METHOD_PROPERTY}), so the method choice is measured in the same rounds.
 * GPU rows also give the effective bandwidth of a 32-bit radix sort as the issue counts it (4 passes x 8 bytes per key).
 */
final class SortBench {
    private SortBench() {}

    private interface Side {
        /** Restores the input (not timed), then times one sort; nanoseconds. */
        long timeOnce();
    }

    static int run(List<String> backends, int n, int rounds, boolean numpy, Path out, PrintStream log) {
        Map<String, String> lines = new LinkedHashMap<>();
        List<String> table = new ArrayList<>();
        table.add("| case | side | device | median Mkeys/s | ratio vs Arrays.parallelSort | ratio vs own-pool merge | ratio vs numpy stable | ratio vs the other sort method |");
        table.add("|---|---|---|---|---|---|---|---|");
        List<Accelerator> accs = new ArrayList<>();
        Map<Accelerator, String> names = new LinkedHashMap<>();
        int rc = 0;
        try {
            for (String b : backends) {
                String why = BenchContext.unavailable(b);
                if (why != null) { log.println("skip: backend " + b + ": " + why); continue; }
                Accelerator acc = Gpu4j.open(b);
                LaunchPlan plan = CoreAccess.get().plan(acc);
                accs.add(acc);
                if (plan.gpu()) { names.put(acc, "gpu4j-" + acc.device().backend()); continue; }
                // CPU-shaped: both sort methods side by side, the plan's default and the other one forced
                LaunchPlan.SortMethod dflt = plan.sortMethod(), other = dflt == LaunchPlan.SortMethod.MERGE
                        ? LaunchPlan.SortMethod.RADIX : LaunchPlan.SortMethod.MERGE;
                names.put(acc, "gpu4j-" + acc.device().backend() + " " + lower(dflt) + " (default)");
                System.setProperty(LaunchPlan.SORT_METHOD_PROPERTY, lower(other));
                try {
                    Accelerator alt = Gpu4j.open(b);
                    accs.add(alt);
                    names.put(alt, "gpu4j-" + alt.device().backend() + " " + lower(CoreAccess.get().plan(alt).sortMethod()));
                } finally {
                    System.clearProperty(LaunchPlan.SORT_METHOD_PROPERTY);
                }
            }
            ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
            for (String kind : new String[] {"int", "float", "pairs"}) {
                SplittableRandom r = new SplittableRandom(42);
                int[] ik = new int[n], iv = new int[n];
                float[] fk = new float[n];
                for (int i = 0; i < n; i++) { ik[i] = r.nextInt(); fk[i] = (float) r.nextDouble(-1e6, 1e6); iv[i] = i; }
                Map<String, Side> sides = new LinkedHashMap<>();
                Map<String, String> device = new LinkedHashMap<>();
                List<AutoCloseable> open = new ArrayList<>();
                for (Accelerator acc : accs) {
                    String name = names.get(acc);
                    device.put(name, acc.device().id() + " " + acc.device().name());
                    sides.put(name, gpu4jSide(acc, kind, ik, iv, fk, open));
                }
                int[] wi = new int[n];
                float[] wf = new float[n];
                long[] wl = new long[n];
                sides.put("Arrays.parallelSort", () -> {
                    return switch (kind) {
                        case "int" -> { System.arraycopy(ik, 0, wi, 0, n); long t = System.nanoTime(); Arrays.parallelSort(wi); yield System.nanoTime() - t; }
                        case "float" -> { System.arraycopy(fk, 0, wf, 0, n); long t = System.nanoTime(); Arrays.parallelSort(wf); yield System.nanoTime() - t; }
                        default -> { long t = System.nanoTime(); pack(ik, iv, wl); Arrays.parallelSort(wl); unpack(wl, wi); yield System.nanoTime() - t; }
                    };
                });
                device.put("Arrays.parallelSort", "host, common pool parallelism " + ForkJoinPool.getCommonPoolParallelism());
                sides.put("own-pool merge", () -> {
                    return switch (kind) {
                        case "int" -> { System.arraycopy(ik, 0, wi, 0, n); long t = System.nanoTime(); mergeSort(pool, wi); yield System.nanoTime() - t; }
                        case "float" -> { System.arraycopy(fk, 0, wf, 0, n); long t = System.nanoTime(); mergeSort(pool, wf); yield System.nanoTime() - t; }
                        default -> { long t = System.nanoTime(); pack(ik, iv, wl); mergeSort(pool, wl); unpack(wl, wi); yield System.nanoTime() - t; }
                    };
                });
                device.put("own-pool merge", "host, " + pool.getParallelism() + " threads: halves by Arrays.sort, one merge");
                if (numpy) {
                    sides.put("numpy stable", () -> numpyOnce(kind, n));
                    device.put("numpy stable", "python3 numpy sort(kind=\"stable\")");
                }
                Map<String, List<Long>> times = new LinkedHashMap<>();
                for (String s : sides.keySet()) times.put(s, new ArrayList<>());
                // warm-up round (JIT, kernel builds, numpy import), then timed rounds
                for (int round = 0; round <= rounds; round++) {
                    for (var e : sides.entrySet()) {
                        long t;
                        try {
                            t = e.getValue().timeOnce();
                        } catch (RuntimeException ex) {
                            log.println("sort " + kind + " " + e.getKey() + " FAILED: " + ex);
                            rc = 1;
                            t = -1;
                        }
                        if (round > 0 && t > 0) times.get(e.getKey()).add(t);
                    }
                    log.printf(Locale.ROOT, "[sort %s round %d/%d] %s%n", kind, round, rounds, round == 0 ? "(warm-up)" : summary(times, n));
                }
                for (AutoCloseable c : open) c.close();
                for (String s : sides.keySet()) {
                    List<Long> t = times.get(s);
                    if (t.isEmpty()) continue;
                    double mk = n / median(t) * 1e3;
                    String row = String.format(Locale.ROOT, "| %s 2^%d | %s | %s | %.1f | %s | %s | %s |", kind,
                            Integer.numberOfTrailingZeros(n), s, device.get(s), mk, ratio(times, s, "Arrays.parallelSort"),
                            ratio(times, s, "own-pool merge"), numpy ? ratio(times, s, "numpy stable") : "-");
                    String partner = partnerOf(s, sides.keySet());
                    row += " " + (partner == null ? "-" : ratio(times, s, partner) + " (vs " + partner + ")") + " |";
                    if (s.startsWith("gpu4j-cuda")) row += String.format(Locale.ROOT, " (effective %.0f GB/s at 4 x 8 B per key)", mk * 1e6 * 32 / 1e9);
                    table.add(row);
                }
            }
            pool.shutdown();
        } catch (Exception e) {
            log.println("sort bench FAILED: " + e);
            rc = 1;
        } finally {
            for (Accelerator a : accs) a.close();
        }
        String md = "## Sort (issue 17), " + rounds + " paired rounds; ratio = per-round time of the reference / time of the side, median [min-max]\n\n"
                + String.join("\n", table) + "\n";
        log.println();
        log.print(md);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("results-sort.md"), md);
            log.println("wrote " + out.resolve("results-sort.md").toAbsolutePath());
        } catch (IOException e) {
            log.println("cannot write results-sort.md: " + e);
            rc = 1;
        }
        return rc;
    }

    /** The same backend's side with the other sort method ("gpu4j-cpu merge (default)" and "gpu4j-cpu radix"), or null. */
    private static String partnerOf(String side, java.util.Set<String> all) {
        if (!side.startsWith("gpu4j-")) return null;
        String backend = side.split(" ")[0];
        for (String o : all) if (!o.equals(side) && o.split(" ")[0].equals(backend)) return o;
        return null;
    }

    private static String lower(LaunchPlan.SortMethod m) { return m.name().toLowerCase(Locale.ROOT); }

    private static Side gpu4jSide(Accelerator acc, String kind, int[] ik, int[] iv, float[] fk, List<AutoCloseable> open) {
        var s = acc.sorting();
        switch (kind) {
            case "int" -> {
                IntArray src = acc.upload(ik), d = acc.allocInts(ik.length);
                open.add(d); open.add(src);
                return () -> { d.copyFrom(src); acc.finish(); long t = System.nanoTime(); s.sort(d); acc.finish(); return System.nanoTime() - t; };
            }
            case "float" -> {
                FloatArray src = acc.upload(fk), d = acc.allocFloats(fk.length);
                open.add(d); open.add(src);
                return () -> { d.copyFrom(src); acc.finish(); long t = System.nanoTime(); s.sort(d); acc.finish(); return System.nanoTime() - t; };
            }
            default -> {
                IntArray ks = acc.upload(ik), vs = acc.upload(iv), k = acc.allocInts(ik.length), v = acc.allocInts(ik.length);
                open.addAll(List.<DeviceArray>of(k, v, ks, vs));
                return () -> {
                    k.copyFrom(ks); v.copyFrom(vs); acc.finish();
                    long t = System.nanoTime(); s.sortByKey(k, v); acc.finish(); return System.nanoTime() - t;
                };
            }
        }
    }

    private static void pack(int[] k, int[] v, long[] out) {
        for (int i = 0; i < k.length; i++) out[i] = ((long) k[i] << 32) | (v[i] & 0xffffffffL);
    }

    private static void unpack(long[] p, int[] v) {
        for (int i = 0; i < p.length; i++) v[i] = (int) p[i];
    }

    /** Halves sorted at once on {@code pool}, then one sequential merge (a fair 2-core Java reference). */
    static void mergeSort(ForkJoinPool pool, int[] a) {
        int n = a.length, h = n / 2;
        var t = pool.submit(() -> Arrays.sort(a, 0, h));
        Arrays.sort(a, h, n);
        t.join();
        int[] tmp = Arrays.copyOf(a, h);
        int i = 0, j = h, o = 0;
        while (i < h && j < n) a[o++] = tmp[i] <= a[j] ? tmp[i++] : a[j++];
        while (i < h) a[o++] = tmp[i++];
    }

    static void mergeSort(ForkJoinPool pool, float[] a) {
        int n = a.length, h = n / 2;
        var t = pool.submit(() -> Arrays.sort(a, 0, h));
        Arrays.sort(a, h, n);
        t.join();
        float[] tmp = Arrays.copyOf(a, h);
        int i = 0, j = h, o = 0;
        while (i < h && j < n) a[o++] = Float.compare(tmp[i], a[j]) <= 0 ? tmp[i++] : a[j++];
        while (i < h) a[o++] = tmp[i++];
    }

    static void mergeSort(ForkJoinPool pool, long[] a) {
        int n = a.length, h = n / 2;
        var t = pool.submit(() -> Arrays.sort(a, 0, h));
        Arrays.sort(a, h, n);
        t.join();
        long[] tmp = Arrays.copyOf(a, h);
        int i = 0, j = h, o = 0;
        while (i < h && j < n) a[o++] = tmp[i] <= a[j] ? tmp[i++] : a[j++];
        while (i < h) a[o++] = tmp[i++];
    }

    private static final String NUMPY = """
            import sys, time, numpy as np
            kind, n = sys.argv[1], int(sys.argv[2])
            rng = np.random.default_rng(42)
            k = rng.integers(-2**31, 2**31, n, dtype=np.int64).astype(np.int32)
            f = rng.uniform(-1e6, 1e6, n).astype(np.float32)
            v = np.arange(n, dtype=np.int32)
            ts = []
            for _ in range(3):
                t = time.perf_counter()
                if kind == "int": np.sort(k, kind="stable")
                elif kind == "float": np.sort(f, kind="stable")
                else:
                    idx = np.argsort(k, kind="stable"); k[idx]; v[idx]
                ts.append(time.perf_counter() - t)
            print(int(sorted(ts)[1] * 1e9))
            """;

    private static long numpyOnce(String kind, int n) {
        try {
            ProcessBuilder pb = new ProcessBuilder("python3", "-c", NUMPY, kind, String.valueOf(n)).redirectErrorStream(true);
            pb.environment().remove("LD_PRELOAD");
            Process p = pb.start();
            String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.MINUTES)) { p.destroyForcibly(); throw new IllegalStateException("numpy timed out"); }
            String[] lines = outText.split("\n");
            return Long.parseLong(lines[lines.length - 1].trim());
        } catch (IOException | InterruptedException | NumberFormatException e) {
            throw new IllegalStateException("numpy reference: " + e);
        }
    }

    private static double median(List<Long> t) {
        long[] a = t.stream().mapToLong(Long::longValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
    }

    /** Per-round ratios time(ref) / time(side): median [min-max]. */
    private static String ratio(Map<String, List<Long>> times, String side, String ref) {
        List<Long> a = times.get(side), b = times.get(ref);
        if (a == null || b == null || a.isEmpty() || a.size() != b.size()) return "-";
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = (double) b.get(i) / a.get(i);
        double[] s = r.clone();
        Arrays.sort(s);
        double med = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.2f [%.2f-%.2f]", med, s[0], s[s.length - 1]);
    }

    private static String summary(Map<String, List<Long>> times, int n) {
        StringBuilder b = new StringBuilder();
        for (var e : times.entrySet()) {
            List<Long> t = e.getValue();
            if (t.isEmpty()) continue;
            b.append(e.getKey()).append(String.format(Locale.ROOT, " %.0f ms  ", t.get(t.size() - 1) / 1e6));
        }
        return b.toString();
    }
}
