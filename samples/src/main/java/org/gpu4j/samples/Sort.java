package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.Sorting;
import picocli.CommandLine.Command;

/**
 * Port of PyOpenCL's {@code RadixSort} recipe (and CuPy's {@code sort}/{@code argsort}): N random floats with NaN,
 * ±Inf and ±0.0 among them sorted on the device, their argsort, a stable sort of int keys carrying their original
 * indices, and the unique keys; every result compared with {@link Arrays#sort}.
 *
 * <p><b>Defects fixed.</b> PyOpenCL's radix sort takes integer keys only, needs a key-bit count from the caller and
 * has had wrong results for some sizes (inducer/pyopencl#79, #162); here floats sort in {@link Arrays#sort} order
 * (-0.0 before 0.0, NaN last), any N works (0, 1, primes), the sort is stable, and the answer is checked.
 */
@Command(name = "sort", mixinStandardHelpOptions = true,
        description = "Sort N random floats (NaN, ±Inf, ±0.0 included), argsort them, sort int keys with their indices"
                + " and count unique keys, on the device, against Arrays.sort (default N = 1000000).")
public final class Sort extends SampleCommand {
    @Override public String recipe() { return "PyOpenCL RadixSort; CuPy sort/argsort"; }

    @Override protected int defaultN() { return 1_000_000; }

    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        return new Sizes.Footprint().both("keys (N floats)", s.get("--n"), 4).both("indices (N ints)", s.get("--n"), 4)
                .both("int keys and values (2N ints)", s.get("--n"), 8).device("scratch (3N ints)", s.get("--n"), 12);
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        int n = n();
        Random r = new Random(seed);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f};
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = r.nextInt(50) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
        int[] k = new int[n];
        int[] iota = new int[n];
        for (int i = 0; i < n; i++) { k[i] = r.nextInt(Math.max(1, n / 10)); iota[i] = i; }

        Sorting s = acc.sorting();
        float[] sorted;
        int[] order, keys, vals, uniq;
        long uniqueCount;
        long t0 = System.nanoTime();
        try (FloatArray dx = acc.upload(x)) {
            try (IntArray idx = s.argsort(dx)) { order = idx.toArray(); }
            s.sort(dx);
            sorted = dx.toArray();
        }
        try (IntArray dk = acc.upload(k); IntArray dv = acc.upload(iota); IntArray du = acc.allocInts(n)) {
            s.sortByKey(dk, dv);
            uniqueCount = s.unique(dk, du);
            keys = dk.toArray();
            vals = dv.toArray();
            uniq = Arrays.copyOf(du.toArray(), (int) uniqueCount);
        }
        long t1 = System.nanoTime();

        float[] want = x.clone();
        Arrays.sort(want);
        boolean sortOk = Arrays.equals(want, sorted);   // Arrays.equals on floats: NaN equals NaN, -0.0 != 0.0
        boolean argOk = true;
        for (int i = 0; i < n && argOk; i++) {
            argOk = Float.compare(x[order[i]], want[i]) == 0
                    && (i == 0 || Float.compare(x[order[i - 1]], x[order[i]]) != 0 || order[i - 1] < order[i]);
        }
        int[] wantKeys = k.clone();
        Arrays.sort(wantKeys);
        boolean pairOk = Arrays.equals(wantKeys, keys);
        for (int i = 0; i < n && pairOk; i++) {
            pairOk = k[vals[i]] == keys[i] && (i == 0 || keys[i - 1] != keys[i] || vals[i - 1] < vals[i]);
        }
        int[] wantUniq = Arrays.stream(wantKeys).distinct().toArray();
        boolean uniqOk = Arrays.equals(wantUniq, uniq);

        out.println(Fmt.f("x = %d random floats (1 in 50 is NaN, +Inf, -Inf, 0.0 or -0.0); k = %d ints in [0, %d)", n, n, Math.max(1, n / 10)));
        out.println("sorted x = " + head(sorted));
        out.println("argsort(x) = " + head(order));
        out.println(Fmt.f("sortByKey(k, indices): keys %s, values %s; unique(k) = %d keys", head(keys), head(vals), uniqueCount));
        out.println(Fmt.f("time of the device calls incl. transfers (first run: JIT warm-up and kernel builds included): %.1f ms", (t1 - t0) / 1e6));
        boolean ok = sortOk && argOk && pairOk && uniqOk;
        return check(out, ok, ok ? "sort, argsort (stable), sortByKey (stable) and unique equal Arrays.sort's"
                : "mismatch: sort " + sortOk + ", argsort " + argOk + ", sortByKey " + pairOk + ", unique " + uniqOk);
    }

    private static String head(float[] a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < Math.min(a.length, 4); i++) b.append(i > 0 ? ", " : "").append(a[i]);
        if (a.length > 6) b.append(", ...");
        for (int i = Math.max(4, a.length - 2); i < a.length; i++) b.append(", ").append(a[i]);
        return b.append(']').toString();
    }

    private static String head(int[] a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < Math.min(a.length, 4); i++) b.append(i > 0 ? ", " : "").append(a[i]);
        if (a.length > 6) b.append(", ...");
        for (int i = Math.max(4, a.length - 2); i < a.length; i++) b.append(", ").append(a[i]);
        return b.append(']').toString();
    }
}
