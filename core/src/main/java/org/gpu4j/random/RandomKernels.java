package org.gpu4j.random;

import org.gpu4j.JavaKernel;
import org.gpu4j.KernelArgs;
import org.gpu4j.KernelSource;
import org.gpu4j.WorkItem;

/**
 * The Java twins of the kernels in {@code random.cl} / {@code random.cu}, and the element functions they and the
 * tests share. Every fill kernel takes {@code (out, start, k0, k1, params..., n)} and writes {@code out[i]} = element
 * {@code start + i} of its {@link Distribution}'s stream for i in [0, n). A launch of G work-items splits the
 * {@link Distribution#blocks} Philox blocks into G contiguous runs; each block's elements are computed from that
 * block alone, so any G (and any split over launches) writes the same values.
 */
public final class RandomKernels {
    private RandomKernels() {}

    static final long U32 = 0xFFFF_FFFFL;

    /** The random program: random.cl/.cu where the kernels jar is on the classpath, and the Java twins. */
    public static KernelSource source() {
        KernelSource src;
        try {
            src = KernelSource.resource("random");
        } catch (IllegalArgumentException noKernelsJar) {
            src = KernelSource.named("random"); // the Java CPU backend needs only the twins
        }
        return src
                .withJava("philox4x32_kat", RandomKernels::kat)
                .withJava("bits_i32", (id, a) -> fill(Distribution.BITS, id, a, 4))
                .withJava("uniform_f32", (id, a) -> fill(Distribution.UNIFORM_F32, id, a, 4))
                .withJava("uniform_f64", (id, a) -> fill(Distribution.UNIFORM_F64, id, a, 4))
                .withJava("range_i32", (id, a) -> fill(Distribution.RANGE_I32, id, a, 6))
                .withJava("range_i64", (id, a) -> fill(Distribution.RANGE_I64, id, a, 6))
                .withJava("normal_f32", (id, a) -> fill(Distribution.NORMAL_F32, id, a, 6))
                .withJava("normal_f64", (id, a) -> fill(Distribution.NORMAL_F64, id, a, 6))
                .withJava("exponential_f32", (id, a) -> fill(Distribution.EXPONENTIAL_F32, id, a, 5))
                .withJava("exponential_f64", (id, a) -> fill(Distribution.EXPONENTIAL_F64, id, a, 5));
    }

    /** philox4x32_kat(ctr[4n], key[2n], out[4n], rounds, n): one block per (counter, key) pair. */
    private static void kat(WorkItem id, KernelArgs a) {
        long n = a.longValue(4);
        int rounds = a.intValue(3);
        int[] ctr = a.ints(0), key = a.ints(1), out = a.ints(2);
        int co = a.offset(0), ko = a.offset(1), oo = a.offset(2);
        int[] x = new int[4];
        long g = id.globalSize(0);
        for (long t = id.x(); t < n; t += g) {
            int i = (int) t;
            Philox.block(ctr[co + 4 * i], ctr[co + 4 * i + 1], ctr[co + 4 * i + 2], ctr[co + 4 * i + 3],
                    key[ko + 2 * i], key[ko + 2 * i + 1], rounds, x);
            System.arraycopy(x, 0, out, oo + 4 * i, 4);
        }
    }

    private static void fill(Distribution d, WorkItem id, KernelArgs a, int nIndex) {
        long n = a.longValue(nIndex);
        if (n <= 0) return;
        long start = a.longValue(1);
        int k0 = a.intValue(2), k1 = a.intValue(3);
        long b0 = start >> d.shift(), nb = d.blocks(start, n);
        long g = id.globalSize(0), per = (nb + g - 1) / g, s = id.x() * per, e = Math.min(s + per, nb);
        if (s >= e) return;
        long from = b0 + s, to = b0 + e;
        int off = a.offset(0);
        switch (d) {
            case BITS -> bits(a.ints(0), off, start, n, k0, k1, from, to);
            case UNIFORM_F32 -> uniformF32(a.floats(0), off, start, n, k0, k1, from, to);
            case UNIFORM_F64 -> uniformF64(a.doubles(0), off, start, n, k0, k1, from, to);
            case RANGE_I32 -> rangeI32(a.ints(0), off, start, n, k0, k1, a.intValue(4), a.longValue(5), from, to);
            case RANGE_I64 -> rangeI64(a.longs(0), off, start, n, k0, k1, a.longValue(4), a.longValue(5), from, to);
            case NORMAL_F32 -> normalF32(a.floats(0), off, start, n, k0, k1, a.floatValue(4), a.floatValue(5), from, to);
            case NORMAL_F64 -> normalF64(a.doubles(0), off, start, n, k0, k1, a.doubleValue(4), a.doubleValue(5), from, to);
            case EXPONENTIAL_F32 -> exponentialF32(a.floats(0), off, start, n, k0, k1, a.floatValue(4), from, to);
            case EXPONENTIAL_F64 -> exponentialF64(a.doubles(0), off, start, n, k0, k1, a.doubleValue(4), from, to);
        }
    }

    // ---------------------------------------------------------------- element functions

    /** The 64-bit draw of slot j (0 or 1) of a block: words 2j+1 (high) and 2j (low). */
    public static long draw64(int[] x, int j) {
        return ((long) x[2 * j + 1] << 32) | (x[2 * j] & U32);
    }

    public static float uniformF32(int w) { return (w >>> 8) * 0x1p-24f; }

    public static double uniformF64(long x) { return (x >>> 11) * 0x1p-53; }

    /** The unsigned high 64 bits of the 128-bit product x·y. */
    public static long umulhi(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    /** lo + floor(x·span / 2^64), x a 64-bit draw, span = hi - lo in [1, 2^32). */
    public static int rangeI32(long x, int lo, long span) { return lo + (int) umulhi(x, span); }

    /** lo + floor((xh·2^64 + xl)·span / 2^128), span = hi - lo read as unsigned, in [1, 2^64). */
    public static long rangeI64(long xh, long xl, long lo, long span) {
        long h1 = umulhi(xh, span), l1 = xh * span, h0 = umulhi(xl, span);
        long sum = l1 + h0;
        return lo + h1 + (Long.compareUnsigned(sum, l1) < 0 ? 1 : 0);
    }

    // ---------------------------------------------------------------- the fill loops (one run of blocks each)

    private static void bits(int[] out, int off, long start, long n, int k0, int k1, long from, long to) {
        int[] x = new int[4];
        for (long b = from; b < to; b++) {
            Philox.block(b, Distribution.BITS.stream, k0, k1, x);
            long i = (b << 2) - start;
            if (i >= 0 && i + 4 <= n) {
                int o = off + (int) i;
                out[o] = x[0];
                out[o + 1] = x[1];
                out[o + 2] = x[2];
                out[o + 3] = x[3];
            } else {
                for (int j = 0; j < 4; j++) if (i + j >= 0 && i + j < n) out[off + (int) (i + j)] = x[j];
            }
        }
    }

    private static void uniformF32(float[] out, int off, long start, long n, int k0, int k1, long from, long to) {
        int[] x = new int[4];
        for (long b = from; b < to; b++) {
            Philox.block(b, Distribution.UNIFORM_F32.stream, k0, k1, x);
            long i = (b << 2) - start;
            if (i >= 0 && i + 4 <= n) {
                int o = off + (int) i;
                out[o] = uniformF32(x[0]);
                out[o + 1] = uniformF32(x[1]);
                out[o + 2] = uniformF32(x[2]);
                out[o + 3] = uniformF32(x[3]);
            } else {
                for (int j = 0; j < 4; j++) if (i + j >= 0 && i + j < n) out[off + (int) (i + j)] = uniformF32(x[j]);
            }
        }
    }

    private static void uniformF64(double[] out, int off, long start, long n, int k0, int k1, long from, long to) {
        int[] x = new int[4];
        for (long b = from; b < to; b++) {
            Philox.block(b, Distribution.UNIFORM_F64.stream, k0, k1, x);
            long i = (b << 1) - start;
            for (int j = 0; j < 2; j++) if (i + j >= 0 && i + j < n) out[off + (int) (i + j)] = uniformF64(draw64(x, j));
        }
    }

    private static void rangeI32(int[] out, int off, long start, long n, int k0, int k1, int lo, long span, long from, long to) {
        int[] x = new int[4];
        for (long b = from; b < to; b++) {
            Philox.block(b, Distribution.RANGE_I32.stream, k0, k1, x);
            long i = (b << 1) - start;
            for (int j = 0; j < 2; j++) if (i + j >= 0 && i + j < n) out[off + (int) (i + j)] = rangeI32(draw64(x, j), lo, span);
        }
    }

    private static void rangeI64(long[] out, int off, long start, long n, int k0, int k1, long lo, long span, long from, long to) {
        int[] x = new int[4];
        for (long b = from; b < to; b++) {
            Philox.block(b, Distribution.RANGE_I64.stream, k0, k1, x);
            long i = b - start;
            if (i >= 0 && i < n) out[off + (int) i] = rangeI64(draw64(x, 1), draw64(x, 0), lo, span);
        }
    }

    private static void normalF32(float[] out, int off, long start, long n, int k0, int k1, float mean, float sd, long from, long to) {
        int[] x = new int[4];
        for (long b = from; b < to; b++) {
            Philox.block(b, Distribution.NORMAL_F32.stream, k0, k1, x);
            long i = (b << 2) - start;
            long p = RandomMath.normalPairF32(x[0], x[1]), q = RandomMath.normalPairF32(x[2], x[3]);
            float v0 = Math.fma(Float.intBitsToFloat((int) p), sd, mean);
            float v1 = Math.fma(Float.intBitsToFloat((int) (p >>> 32)), sd, mean);
            float v2 = Math.fma(Float.intBitsToFloat((int) q), sd, mean);
            float v3 = Math.fma(Float.intBitsToFloat((int) (q >>> 32)), sd, mean);
            if (i >= 0 && i + 4 <= n) {
                int o = off + (int) i;
                out[o] = v0;
                out[o + 1] = v1;
                out[o + 2] = v2;
                out[o + 3] = v3;
            } else {
                float[] v = {v0, v1, v2, v3};
                for (int j = 0; j < 4; j++) if (i + j >= 0 && i + j < n) out[off + (int) (i + j)] = v[j];
            }
        }
    }

    private static void normalF64(double[] out, int off, long start, long n, int k0, int k1, double mean, double sd, long from, long to) {
        int[] x = new int[4];
        double[] z = new double[2];
        for (long b = from; b < to; b++) {
            Philox.block(b, Distribution.NORMAL_F64.stream, k0, k1, x);
            long i = (b << 1) - start;
            RandomMath.normalPairF64(draw64(x, 0), draw64(x, 1), z);
            for (int j = 0; j < 2; j++) if (i + j >= 0 && i + j < n) out[off + (int) (i + j)] = Math.fma(z[j], sd, mean);
        }
    }

    private static void exponentialF32(float[] out, int off, long start, long n, int k0, int k1, float scale, long from, long to) {
        int[] x = new int[4];
        for (long b = from; b < to; b++) {
            Philox.block(b, Distribution.EXPONENTIAL_F32.stream, k0, k1, x);
            long i = (b << 2) - start;
            for (int j = 0; j < 4; j++) {
                if (i + j >= 0 && i + j < n) out[off + (int) (i + j)] = RandomMath.exponentialF32(x[j]) * scale;
            }
        }
    }

    private static void exponentialF64(double[] out, int off, long start, long n, int k0, int k1, double scale, long from, long to) {
        int[] x = new int[4];
        for (long b = from; b < to; b++) {
            Philox.block(b, Distribution.EXPONENTIAL_F64.stream, k0, k1, x);
            long i = (b << 1) - start;
            for (int j = 0; j < 2; j++) {
                if (i + j >= 0 && i + j < n) out[off + (int) (i + j)] = RandomMath.exponentialF64(draw64(x, j)) * scale;
            }
        }
    }
}
