package org.gpu4j.sort;

import org.gpu4j.KernelSource;
import org.gpu4j.vector.VectorKernels;

/**
 * The Java twins of the kernels in {@code sort.cl|cu}, attached to the {@code sort} kernel source. Internal:
 * {@link org.gpu4j.Sorting} is the API. They take the CPU shape of {@code sort.cl}: radix passes with 8-bit digits,
 * work-item {@code k} of {@code P} owning segment {@code [k*seg, min((k+1)*seg, n))} ({@code seg = ceil(n/P)}
 * rounded up to 16, as in the kernels), element-wise kernels one contiguous chunk per work-item
 * ({@link VectorKernels#chunk}); each runs a tight loop in a static method.
 */
public final class SortKernels {
    private SortKernels() {}

    /** Digit width of the Java twins and the CPU-shaped kernels. */
    static final int CPU_BITS = 8;

    static long segment(long n, long p) { return ((n + p - 1) / p + 15) & ~15L; }

    private static KernelSource load() {
        try {
            return KernelSource.resource("sort");
        } catch (IllegalArgumentException noKernelsJar) {
            return KernelSource.named("sort"); // gpu4j-kernels absent: the Java CPU backend needs only the Java twins
        }
    }

    /** The sort kernels: their .cl/.cu text where the kernels jar is on the classpath, and the Java twins. */
    public static KernelSource sort() {
        KernelSource src = load();
        // ---- radix passes: (K, HIST, n, shift, flip), (K, KOUT, OFF, n, shift, flip), (K, KOUT, V, VOUT, OFF, n, shift, flip)
        src = src.withJava("radix_count_i32", (id, a) -> {
            long n = a.longValue(2), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            countI32(a.ints(0), a.offset(0), a.longs(1), a.offset(1), (int) Math.min(s, n), (int) e, (int) p, (int) id.x(), a.intValue(3), a.intValue(4));
        });
        src = src.withJava("radix_count_i64", (id, a) -> {
            long n = a.longValue(2), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            countI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), (int) Math.min(s, n), (int) e, (int) p, (int) id.x(), a.intValue(3), a.intValue(4));
        });
        src = src.withJava("radix_scatter_i32", (id, a) -> {
            long n = a.longValue(3), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            if (s < e) scatterI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), null, 0, null, 0, a.longs(2), a.offset(2),
                    (int) s, (int) e, (int) p, (int) id.x(), a.intValue(4), a.intValue(5));
        });
        src = src.withJava("radix_scatter_i64", (id, a) -> {
            long n = a.longValue(3), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            if (s < e) scatterI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), null, 0, null, 0, a.longs(2), a.offset(2),
                    (int) s, (int) e, (int) p, (int) id.x(), a.intValue(4), a.intValue(5));
        });
        src = src.withJava("radix_pairs_i32", (id, a) -> {
            long n = a.longValue(5), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            if (s < e) scatterI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), a.ints(2), a.offset(2), a.ints(3), a.offset(3),
                    a.longs(4), a.offset(4), (int) s, (int) e, (int) p, (int) id.x(), a.intValue(6), a.intValue(7));
        });
        src = src.withJava("radix_pairs_i64", (id, a) -> {
            long n = a.longValue(5), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            if (s < e) scatterI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), a.ints(2), a.offset(2), a.ints(3), a.offset(3),
                    a.longs(4), a.offset(4), (int) s, (int) e, (int) p, (int) id.x(), a.intValue(6), a.intValue(7));
        });
        // ---- merge method: local sorts (K, KT, [V, VT,] n, desc) over partsRange segments, passes (K, KOUT, [V, VOUT,] n, width, desc)
        src = src.withJava("merge_sort_i32", (id, a) -> {
            long n = a.longValue(2), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            if (s < e) localSortI32(a.ints(0), a.offset(0), (int) s, (int) e, a.intValue(3) != 0);
        });
        src = src.withJava("merge_sort_i64", (id, a) -> {
            long n = a.longValue(2), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            if (s < e) localSortI64(a.longs(0), a.offset(0), (int) s, (int) e, a.intValue(3) != 0);
        });
        src = src.withJava("merge_sort_pairs_i32", (id, a) -> {
            long n = a.longValue(4), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            if (s < e) localSortPairsI32(a.ints(0), a.offset(0), a.ints(2), a.offset(2), (int) s, (int) e, a.intValue(5) != 0);
        });
        src = src.withJava("merge_sort_pairs_i64", (id, a) -> {
            long n = a.longValue(4), p = id.globalSize(0), seg = segment(n, p), s = id.x() * seg, e = Math.min(s + seg, n);
            if (s < e) localSortPairsI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), a.ints(2), a.offset(2), a.ints(3), a.offset(3),
                    (int) s, (int) e, a.intValue(5) != 0);
        });
        src = src.withJava("merge_pass_i32", (id, a) -> {
            long n = a.longValue(2);
            int[] r = chunk(id, n);
            if (r != null) passI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), null, 0, null, 0, n, a.longValue(3), a.intValue(4) != 0, r[0], r[1]);
        });
        src = src.withJava("merge_pass_i64", (id, a) -> {
            long n = a.longValue(2);
            int[] r = chunk(id, n);
            if (r != null) passI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), null, 0, null, 0, n, a.longValue(3), a.intValue(4) != 0, r[0], r[1]);
        });
        src = src.withJava("merge_pass_pairs_i32", (id, a) -> {
            long n = a.longValue(4);
            int[] r = chunk(id, n);
            if (r != null) passI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), a.ints(2), a.offset(2), a.ints(3), a.offset(3),
                    n, a.longValue(5), a.intValue(6) != 0, r[0], r[1]);
        });
        src = src.withJava("merge_pass_pairs_i64", (id, a) -> {
            long n = a.longValue(4);
            int[] r = chunk(id, n);
            if (r != null) passI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), a.ints(2), a.offset(2), a.ints(3), a.offset(3),
                    n, a.longValue(5), a.intValue(6) != 0, r[0], r[1]);
        });
        // ---- element-wise helpers, last argument n
        src = src.withJava("sort_encode_f32", (id, a) -> {
            int[] r = chunk(id, a.longValue(2));
            if (r != null) encodeF32(a.floats(0), a.offset(0), a.ints(1), a.offset(1), r[0], r[1]);
        });
        src = src.withJava("sort_decode_f32", (id, a) -> {
            int[] r = chunk(id, a.longValue(2));
            if (r != null) decodeF32(a.ints(0), a.offset(0), a.floats(1), a.offset(1), r[0], r[1]);
        });
        src = src.withJava("sort_encode_f64", (id, a) -> {
            int[] r = chunk(id, a.longValue(2));
            if (r != null) encodeF64(a.doubles(0), a.offset(0), a.longs(1), a.offset(1), r[0], r[1]);
        });
        src = src.withJava("sort_decode_f64", (id, a) -> {
            int[] r = chunk(id, a.longValue(2));
            if (r != null) decodeF64(a.longs(0), a.offset(0), a.doubles(1), a.offset(1), r[0], r[1]);
        });
        src = src.withJava("sort_iota_i32", (id, a) -> {
            int[] r = chunk(id, a.longValue(1));
            if (r != null) {
                int[] v = a.ints(0);
                int o = a.offset(0);
                for (int i = r[0]; i < r[1]; i++) v[o + i] = i;
            }
        });
        src = src.withJava("sort_widen_i64", (id, a) -> {
            int[] r = chunk(id, a.longValue(2));
            if (r != null) {
                int[] x = a.ints(0);
                long[] out = a.longs(1);
                int xo = a.offset(0), oo = a.offset(1);
                for (int i = r[0]; i < r[1]; i++) out[oo + i] = x[xo + i];
            }
        });
        src = src.withJava("sort_gather_f32", (id, a) -> {
            int[] r = chunk(id, a.longValue(3));
            if (r != null) {
                float[] x = a.floats(0), out = a.floats(2);
                int[] p = a.ints(1);
                int xo = a.offset(0), po = a.offset(1), oo = a.offset(2);
                for (int i = r[0]; i < r[1]; i++) out[oo + i] = x[xo + p[po + i]];
            }
        });
        src = src.withJava("sort_gather_f64", (id, a) -> {
            int[] r = chunk(id, a.longValue(3));
            if (r != null) {
                double[] x = a.doubles(0), out = a.doubles(2);
                int[] p = a.ints(1);
                int xo = a.offset(0), po = a.offset(1), oo = a.offset(2);
                for (int i = r[0]; i < r[1]; i++) out[oo + i] = x[xo + p[po + i]];
            }
        });
        src = src.withJava("sort_gather_i32", (id, a) -> {
            int[] r = chunk(id, a.longValue(3));
            if (r != null) {
                int[] x = a.ints(0), out = a.ints(2);
                int[] p = a.ints(1);
                int xo = a.offset(0), po = a.offset(1), oo = a.offset(2);
                for (int i = r[0]; i < r[1]; i++) out[oo + i] = x[xo + p[po + i]];
            }
        });
        src = src.withJava("sort_gather_i64", (id, a) -> {
            int[] r = chunk(id, a.longValue(3));
            if (r != null) {
                long[] x = a.longs(0), out = a.longs(2);
                int[] p = a.ints(1);
                int xo = a.offset(0), po = a.offset(1), oo = a.offset(2);
                for (int i = r[0]; i < r[1]; i++) out[oo + i] = x[xo + p[po + i]];
            }
        });
        // ---- unique flags (X, FLAGS, n)
        src = src.withJava("unique_flags_f32", (id, a) -> {
            int[] r = chunk(id, a.longValue(2));
            if (r == null) return;
            float[] x = a.floats(0);
            int[] f = a.ints(1);
            int xo = a.offset(0), fo = a.offset(1);
            for (int i = r[0]; i < r[1]; i++) f[fo + i] = i == 0 || encF32(x[xo + i]) != encF32(x[xo + i - 1]) ? 1 : 0;
        });
        src = src.withJava("unique_flags_f64", (id, a) -> {
            int[] r = chunk(id, a.longValue(2));
            if (r == null) return;
            double[] x = a.doubles(0);
            int[] f = a.ints(1);
            int xo = a.offset(0), fo = a.offset(1);
            for (int i = r[0]; i < r[1]; i++) f[fo + i] = i == 0 || encF64(x[xo + i]) != encF64(x[xo + i - 1]) ? 1 : 0;
        });
        src = src.withJava("unique_flags_i32", (id, a) -> {
            int[] r = chunk(id, a.longValue(2));
            if (r == null) return;
            int[] x = a.ints(0);
            int[] f = a.ints(1);
            int xo = a.offset(0), fo = a.offset(1);
            for (int i = r[0]; i < r[1]; i++) f[fo + i] = i == 0 || x[xo + i] != x[xo + i - 1] ? 1 : 0;
        });
        src = src.withJava("unique_flags_i64", (id, a) -> {
            int[] r = chunk(id, a.longValue(2));
            if (r == null) return;
            long[] x = a.longs(0);
            int[] f = a.ints(1);
            int xo = a.offset(0), fo = a.offset(1);
            for (int i = r[0]; i < r[1]; i++) f[fo + i] = i == 0 || x[xo + i] != x[xo + i - 1] ? 1 : 0;
        });
        // ---- compaction (X, FLAGS, OFFS, OUT, n, count, partition): element moves are bit copies, so one body per width
        src = src.withJava("compact_f32", (id, a) -> {
            int[] r = chunk(id, a.longValue(4));
            if (r == null) return;
            float[] x = a.floats(0), out = a.floats(3);
            int[] f = a.ints(1), off = a.ints(2);
            int xo = a.offset(0), fo = a.offset(1), so = a.offset(2), oo = a.offset(3), count = a.intValue(5);
            boolean part = a.intValue(6) != 0;
            for (int i = r[0]; i < r[1]; i++) {
                if (f[fo + i] != 0) out[oo + off[so + i]] = x[xo + i];
                else if (part) out[oo + count + i - off[so + i]] = x[xo + i];
            }
        });
        src = src.withJava("compact_f64", (id, a) -> {
            int[] r = chunk(id, a.longValue(4));
            if (r == null) return;
            double[] x = a.doubles(0), out = a.doubles(3);
            int[] f = a.ints(1), off = a.ints(2);
            int xo = a.offset(0), fo = a.offset(1), so = a.offset(2), oo = a.offset(3), count = a.intValue(5);
            boolean part = a.intValue(6) != 0;
            for (int i = r[0]; i < r[1]; i++) {
                if (f[fo + i] != 0) out[oo + off[so + i]] = x[xo + i];
                else if (part) out[oo + count + i - off[so + i]] = x[xo + i];
            }
        });
        src = src.withJava("compact_i32", (id, a) -> {
            int[] r = chunk(id, a.longValue(4));
            if (r == null) return;
            int[] x = a.ints(0), out = a.ints(3);
            int[] f = a.ints(1), off = a.ints(2);
            int xo = a.offset(0), fo = a.offset(1), so = a.offset(2), oo = a.offset(3), count = a.intValue(5);
            boolean part = a.intValue(6) != 0;
            for (int i = r[0]; i < r[1]; i++) {
                if (f[fo + i] != 0) out[oo + off[so + i]] = x[xo + i];
                else if (part) out[oo + count + i - off[so + i]] = x[xo + i];
            }
        });
        src = src.withJava("compact_i64", (id, a) -> {
            int[] r = chunk(id, a.longValue(4));
            if (r == null) return;
            long[] x = a.longs(0), out = a.longs(3);
            int[] f = a.ints(1), off = a.ints(2);
            int xo = a.offset(0), fo = a.offset(1), so = a.offset(2), oo = a.offset(3), count = a.intValue(5);
            boolean part = a.intValue(6) != 0;
            for (int i = r[0]; i < r[1]; i++) {
                if (f[fo + i] != 0) out[oo + off[so + i]] = x[xo + i];
                else if (part) out[oo + count + i - off[so + i]] = x[xo + i];
            }
        });
        return src;
    }

    /** This work-item's chunk {from, to} of n elements, or null when it has none. */
    private static int[] chunk(org.gpu4j.WorkItem id, long n) {
        long c = VectorKernels.chunk(n, id.globalSize(0)), s = id.x() * c;
        return s < n ? new int[] {(int) s, (int) Math.min(n, s + c)} : null;
    }

    // ================================================================ key encodings (the same as sort.cl's)

    /** float to int in the signed order of {@link Float#compare} (-0.0 below 0.0); every NaN to Integer.MAX_VALUE. */
    public static int encF32(float x) {
        int b = Float.floatToRawIntBits(x);
        return x != x ? Integer.MAX_VALUE : b < 0 ? b ^ 0x7fffffff : b;
    }

    public static float decF32(int k) {
        return Float.intBitsToFloat(k == Integer.MAX_VALUE ? 0x7fc00000 : k < 0 ? k ^ 0x7fffffff : k);
    }

    public static long encF64(double x) {
        long b = Double.doubleToRawLongBits(x);
        return x != x ? Long.MAX_VALUE : b < 0 ? b ^ 0x7fffffffffffffffL : b;
    }

    public static double decF64(long k) {
        return Double.longBitsToDouble(k == Long.MAX_VALUE ? 0x7ff8000000000000L : k < 0 ? k ^ 0x7fffffffffffffffL : k);
    }

    static void encodeF32(float[] x, int xo, int[] k, int ko, int s, int e) {
        for (int i = s; i < e; i++) k[ko + i] = encF32(x[xo + i]);
    }

    static void decodeF32(int[] k, int ko, float[] x, int xo, int s, int e) {
        for (int i = s; i < e; i++) x[xo + i] = decF32(k[ko + i]);
    }

    static void encodeF64(double[] x, int xo, long[] k, int ko, int s, int e) {
        for (int i = s; i < e; i++) k[ko + i] = encF64(x[xo + i]);
    }

    static void decodeF64(long[] k, int ko, double[] x, int xo, int s, int e) {
        for (int i = s; i < e; i++) x[xo + i] = decF64(k[ko + i]);
    }

    // ================================================================ radix passes, 8-bit digits

    static void countI32(int[] k, int ko, long[] hist, int ho, int s, int e, int p, int seg, int shift, int flip) {
        int[] c = new int[1 << CPU_BITS];
        for (int i = ko + s, end = ko + e; i < end; i++) c[((k[i] >>> shift) & 0xff) ^ flip]++;
        for (int d = 0; d < c.length; d++) hist[ho + d * p + seg] = c[d];
    }

    static void countI64(long[] k, int ko, long[] hist, int ho, int s, int e, int p, int seg, int shift, int flip) {
        int[] c = new int[1 << CPU_BITS];
        for (int i = ko + s, end = ko + e; i < end; i++) c[((int) (k[i] >>> shift) & 0xff) ^ flip]++;
        for (int d = 0; d < c.length; d++) hist[ho + d * p + seg] = c[d];
    }

    static void scatterI32(int[] k, int ko, int[] kout, int koo, int[] v, int vo, int[] vout, int voo, long[] off, int oo,
                           int s, int e, int p, int seg, int shift, int flip) {
        int[] o = new int[1 << CPU_BITS];
        for (int d = 0; d < o.length; d++) o[d] = (int) off[oo + d * p + seg];
        if (v == null) {
            for (int i = s; i < e; i++) {
                int key = k[ko + i];
                kout[koo + o[((key >>> shift) & 0xff) ^ flip]++] = key;
            }
        } else {
            for (int i = s; i < e; i++) {
                int key = k[ko + i];
                int pos = o[((key >>> shift) & 0xff) ^ flip]++;
                kout[koo + pos] = key;
                vout[voo + pos] = v[vo + i];
            }
        }
    }

    static void scatterI64(long[] k, int ko, long[] kout, int koo, int[] v, int vo, int[] vout, int voo, long[] off, int oo,
                           int s, int e, int p, int seg, int shift, int flip) {
        int[] o = new int[1 << CPU_BITS];
        for (int d = 0; d < o.length; d++) o[d] = (int) off[oo + d * p + seg];
        if (v == null) {
            for (int i = s; i < e; i++) {
                long key = k[ko + i];
                kout[koo + o[((int) (key >>> shift) & 0xff) ^ flip]++] = key;
            }
        } else {
            for (int i = s; i < e; i++) {
                long key = k[ko + i];
                int pos = o[((int) (key >>> shift) & 0xff) ^ flip]++;
                kout[koo + pos] = key;
                vout[voo + pos] = v[vo + i];
            }
        }
    }

    // ================================================================ merge method (sort.cl's merge_sort_T / merge_pass_T)

    /**
     * Keys only: {@link java.util.Arrays#sort} of the segment (equal ints are indistinguishable, so its order is the stable
     * one), reversed for descending.
     */
    static void localSortI32(int[] k, int ko, int s, int e, boolean desc) {
        java.util.Arrays.sort(k, ko + s, ko + e);
        if (desc) for (int i = ko + s, j = ko + e - 1; i < j; i++, j--) { int t = k[i]; k[i] = k[j]; k[j] = t; }
    }

    static void localSortI64(long[] k, int ko, int s, int e, boolean desc) {
        java.util.Arrays.sort(k, ko + s, ko + e);
        if (desc) for (int i = ko + s, j = ko + e - 1; i < j; i++, j--) { long t = k[i]; k[i] = k[j]; k[j] = t; }
    }

    /**
     * Int pairs: each key packed with its position in the segment ({@code key << 32 | pos}, the key bit-inverted for
     * descending), sorted by {@link java.util.Arrays#sort}(long[]), so ties keep their order (stable); values gathered after.
     */
    static void localSortPairsI32(int[] k, int ko, int[] v, int vo, int s, int e, boolean desc) {
        int len = e - s;
        long[] packed = new long[len];
        for (int i = 0; i < len; i++) {
            int key = k[ko + s + i];
            packed[i] = ((long) (desc ? ~key : key) << 32) | i;
        }
        java.util.Arrays.sort(packed);
        int[] vals = java.util.Arrays.copyOfRange(v, vo + s, vo + e);
        for (int i = 0; i < len; i++) {
            long x = packed[i];
            int key = (int) (x >> 32);
            k[ko + s + i] = desc ? ~key : key;
            v[vo + s + i] = vals[(int) x];
        }
    }

    /** Long pairs: a stable bottom-up merge sort of the segment (insertion-sorted runs of 16), scratch kt/vt. */
    static void localSortPairsI64(long[] k, int ko, long[] kt, int kto, int[] v, int vo, int[] vt, int vto, int s, int e, boolean desc) {
        for (int r = s; r < e; r += 16) {
            int re = Math.min(r + 16, e);
            for (int i = r + 1; i < re; i++) {
                long key = k[ko + i];
                int val = v[vo + i];
                int j = i;
                while (j > r && before(key, k[ko + j - 1], desc)) { k[ko + j] = k[ko + j - 1]; v[vo + j] = v[vo + j - 1]; j--; }
                k[ko + j] = key;
                v[vo + j] = val;
            }
        }
        long[] ks = k, kd = kt;
        int[] vs = v, vd = vt;
        int kso = ko, kdo = kto, vso = vo, vdo = vto;
        for (int w = 16; w < e - s; w <<= 1) {
            for (int b = s; b < e; b += 2 * w) {
                int m = Math.min(b + w, e), be = Math.min(b + 2 * w, e), ia = b, ib = m, o = b;
                while (ia < m && ib < be) {
                    if (before(ks[kso + ib], ks[kso + ia], desc)) { kd[kdo + o] = ks[kso + ib]; vd[vdo + o] = vs[vso + ib]; ib++; }
                    else { kd[kdo + o] = ks[kso + ia]; vd[vdo + o] = vs[vso + ia]; ia++; }
                    o++;
                }
                for (; ia < m; ia++, o++) { kd[kdo + o] = ks[kso + ia]; vd[vdo + o] = vs[vso + ia]; }
                for (; ib < be; ib++, o++) { kd[kdo + o] = ks[kso + ib]; vd[vdo + o] = vs[vso + ib]; }
            }
            long[] t = ks; ks = kd; kd = t;
            int[] u = vs; vs = vd; vd = u;
            int x = kso; kso = kdo; kdo = x;
            x = vso; vso = vdo; vdo = x;
        }
        if (ks != k) {
            System.arraycopy(ks, kso + s, k, ko + s, e - s);
            System.arraycopy(vs, vso + s, v, vo + s, e - s);
        }
    }

    private static boolean before(int a, int b, boolean desc) { return desc ? a > b : a < b; }

    private static boolean before(long a, long b, boolean desc) { return desc ? a > b : a < b; }

    /** Output chunk [o0, o1) of a merge pass of runs of {@code width}: co-rank by binary search, then a stable merge. */
    static void passI32(int[] k, int ko, int[] kout, int koo, int[] v, int vo, int[] vout, int voo,
                        long n, long width, boolean desc, int o0, int o1) {
        int o = o0;
        while (o < o1) {
            int b = (int) ((o / (2 * width)) * (2 * width)), m = (int) Math.min(b + width, n), be = (int) Math.min(b + 2 * width, n);
            int oe = Math.min(o1, be), la = m - b, lb = be - m, d = o - b;
            int lo = Math.max(0, d - lb), hi = Math.min(d, la);
            while (lo < hi) {
                int c = (lo + hi) >>> 1, j = d - c;
                if (j <= 0 || before(k[ko + m + j - 1], k[ko + b + c], desc)) hi = c; else lo = c + 1;
            }
            int ia = b + lo, ib = m + (d - lo);
            if (v == null) {
                for (; o < oe; o++) {
                    if (ib < be && (ia >= m || before(k[ko + ib], k[ko + ia], desc))) kout[koo + o] = k[ko + ib++];
                    else kout[koo + o] = k[ko + ia++];
                }
            } else {
                for (; o < oe; o++) {
                    if (ib < be && (ia >= m || before(k[ko + ib], k[ko + ia], desc))) { kout[koo + o] = k[ko + ib]; vout[voo + o] = v[vo + ib++]; }
                    else { kout[koo + o] = k[ko + ia]; vout[voo + o] = v[vo + ia++]; }
                }
            }
        }
    }

    static void passI64(long[] k, int ko, long[] kout, int koo, int[] v, int vo, int[] vout, int voo,
                        long n, long width, boolean desc, int o0, int o1) {
        int o = o0;
        while (o < o1) {
            int b = (int) ((o / (2 * width)) * (2 * width)), m = (int) Math.min(b + width, n), be = (int) Math.min(b + 2 * width, n);
            int oe = Math.min(o1, be), la = m - b, lb = be - m, d = o - b;
            int lo = Math.max(0, d - lb), hi = Math.min(d, la);
            while (lo < hi) {
                int c = (lo + hi) >>> 1, j = d - c;
                if (j <= 0 || before(k[ko + m + j - 1], k[ko + b + c], desc)) hi = c; else lo = c + 1;
            }
            int ia = b + lo, ib = m + (d - lo);
            if (v == null) {
                for (; o < oe; o++) {
                    if (ib < be && (ia >= m || before(k[ko + ib], k[ko + ia], desc))) kout[koo + o] = k[ko + ib++];
                    else kout[koo + o] = k[ko + ia++];
                }
            } else {
                for (; o < oe; o++) {
                    if (ib < be && (ia >= m || before(k[ko + ib], k[ko + ia], desc))) { kout[koo + o] = k[ko + ib]; vout[voo + o] = v[vo + ib++]; }
                    else { kout[koo + o] = k[ko + ia]; vout[voo + o] = v[vo + ia++]; }
                }
            }
        }
    }
}
