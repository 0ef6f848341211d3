package org.gpu4j.vector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.gpu4j.KernelSource;

/**
 * The Java implementations of the built-in vector kernels, attached to the {@code vector}, {@code reduce} and
 * {@code scan} kernel sources. Internal: {@link org.gpu4j.Vectors} is the API. GENERATED, together with the .cl and
 * .cu files, by {@code org.gpu4j.kernels.gen.VectorOpsGenerator} in the kernels module's tests; edit the generator,
 * not this file, then run it from the repository root: {@code mvn -B -q -pl kernels test-compile &&
 * java -cp kernels/target/test-classes org.gpu4j.kernels.gen.VectorOpsGenerator}.
 *
 * <p>Every kernel treats work-item {@code k} of {@code G} as the contiguous chunk {@code [k*c, min((k+1)*c, n))},
 * {@code c = roundUp16(ceil(n / G))} (the same segments as the OpenCL CPU variant), and runs a tight loop over it
 * in a static method so C2 compiles and vectorises it; reductions write one partial per work-item. The exception is
 * {@code scan_chunked_T}: its work-items take chunks of {@link #SCAN_CHUNK} elements in index order from a counter
 * (acquire/release status flags through a {@link VarHandle}), so which work-item scans a chunk does not matter.
 */
public final class VectorKernels {
    private VectorKernels() {}

    /** Elements per work-item for n elements over g work-items: ceil(n / g) rounded up to a multiple of 16. */
    public static long chunk(long n, long g) {
        return ((n + g - 1) / g + 15) & ~15L;
    }

    static double sq(double v) { return v * v; }

    /** Elements per chunk of the single-pass scans ({@code scan_chunked_T}; {@code SCAN_CHUNK} in scan.cl/.cu). */
    public static final int SCAN_CHUNK = 16_384;
    /**
     * Most chunks one Java work-item of {@code scan_chunked_T} takes: launched with one work-item per chunk, the first
     * few items (which the launcher may run on the calling thread) cannot take every chunk from the pool's workers.
     */
    static final int SCAN_CHUNKS_PER_ITEM = 8;
    /** How long a chunk waits for a predecessor's sum before summing that chunk itself (scan.cl's SCAN_SPIN). */
    static final long SCAN_SPIN_NANOS = 20_000;
    private static final VarHandle STATUS = MethodHandles.arrayElementVarHandle(int[].class);

    /**
     * Chunk k's status in {@code S[so + 1 + k]} (0 nothing, 1 its sum, 2 its inclusive prefix published), read with
     * acquire after spinning at most {@link #SCAN_SPIN_NANOS} for it to leave 0 (then the caller sums the chunk itself).
     */
    static int scanStatus(int[] S, int so, int k) {
        int v = (int) STATUS.getAcquire(S, so + 1 + k);
        if (v != 0) return v;
        long start = System.nanoTime();
        do {
            Thread.onSpinWait();
            v = (int) STATUS.getAcquire(S, so + 1 + k);
        } while (v == 0 && System.nanoTime() - start < SCAN_SPIN_NANOS);
        return v;
    }

    private static KernelSource load(String base) {
        try {
            return KernelSource.resource(base);
        } catch (IllegalArgumentException noKernelsJar) {
            return KernelSource.named(base); // gpu4j-kernels absent: the Java CPU backend needs only the Java twins
        }
    }

    /** The vector kernels: their .cl/.cu text where the kernels jar is on the classpath, and the Java twins. */
    public static KernelSource vector() {
        KernelSource src = load("vector");
        src = src.withJava("add_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) addF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("sub_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) subF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("mul_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) mulF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("div_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) divF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("scale_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) scaleF32(a.floatValue(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("axpy_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) axpyF32(a.floatValue(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("axpby_f32", (id, a) -> {
            long n = a.longValue(5);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) axpbyF32(a.floatValue(0), a.floats(1), a.offset(1), a.floatValue(2), a.floats(3), a.offset(3), a.floats(4), a.offset(4), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("abs_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) absF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("sqrt_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) sqrtF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("exp_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) expF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("log_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) logF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("pow_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) powF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("min_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) minF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("max_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) maxF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("clamp_f32", (id, a) -> {
            long n = a.longValue(4);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) clampF32(a.floats(0), a.offset(0), a.floatValue(1), a.floatValue(2), a.floats(3), a.offset(3), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("add_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) addF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("sub_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) subF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("mul_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) mulF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("div_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) divF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("scale_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) scaleF64(a.doubleValue(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("axpy_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) axpyF64(a.doubleValue(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("axpby_f64", (id, a) -> {
            long n = a.longValue(5);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) axpbyF64(a.doubleValue(0), a.doubles(1), a.offset(1), a.doubleValue(2), a.doubles(3), a.offset(3), a.doubles(4), a.offset(4), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("abs_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) absF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("sqrt_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) sqrtF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("exp_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) expF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("log_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) logF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("pow_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) powF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("min_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) minF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("max_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) maxF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("clamp_f64", (id, a) -> {
            long n = a.longValue(4);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) clampF64(a.doubles(0), a.offset(0), a.doubleValue(1), a.doubleValue(2), a.doubles(3), a.offset(3), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("add_i32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) addI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), a.ints(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("sub_i32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) subI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), a.ints(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("mul_i32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) mulI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), a.ints(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("div_i32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) divI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), a.ints(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("add_i64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) addI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), a.longs(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("sub_i64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) subI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), a.longs(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("mul_i64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) mulI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), a.longs(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("div_i64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s < n) divI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), a.longs(2), a.offset(2), (int) s, (int) Math.min(n, s + c));
        });
        return src;
    }

    /** The reduce kernels: their .cl/.cu text where the kernels jar is on the classpath, and the Java twins. */
    public static KernelSource reduce() {
        KernelSource src = load("reduce");
        src = src.withJava("sum_stage1_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.floats(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumStage1F32(a.floats(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("dot_stage1_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.floats(2)[a.offset(2) + (int) id.x()] = s >= n ? 0
                    : dotStage1F32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("asum_stage1_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.floats(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : asumStage1F32(a.floats(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("amax_stage1_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.floats(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : amaxStage1F32(a.floats(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("min_stage1_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.floats(1)[a.offset(1) + (int) id.x()] = s >= n ? Float.POSITIVE_INFINITY
                    : minStage1F32(a.floats(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("max_stage1_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.floats(1)[a.offset(1) + (int) id.x()] = s >= n ? Float.NEGATIVE_INFINITY
                    : maxStage1F32(a.floats(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("sumsq_stage1_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.floats(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumsqStage1F32(a.floats(0), a.offset(0), a.floatValue(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("argmin_stage1_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            float[] x = a.floats(0); int xo = a.offset(0);
            float bv = 0; long bi = -1;
            for (long i = s, e = Math.min(n, s + c); i < e; i++) {
                float v = x[xo + (int) i];
                if (Float.isNaN(v)) { bv = v; bi = i; break; }
                if (bi < 0 || v < bv) { bv = v; bi = i; }
            }
            a.floats(1)[a.offset(1) + (int) id.x()] = bv;
            a.longs(2)[a.offset(2) + (int) id.x()] = bi;
        });
        src = src.withJava("argmax_stage1_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            float[] x = a.floats(0); int xo = a.offset(0);
            float bv = 0; long bi = -1;
            for (long i = s, e = Math.min(n, s + c); i < e; i++) {
                float v = x[xo + (int) i];
                if (Float.isNaN(v)) { bv = v; bi = i; break; }
                if (bi < 0 || v > bv) { bv = v; bi = i; }
            }
            a.floats(1)[a.offset(1) + (int) id.x()] = bv;
            a.longs(2)[a.offset(2) + (int) id.x()] = bi;
        });
        src = src.withJava("sum_stage1_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.doubles(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumStage1F64(a.doubles(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("dot_stage1_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.doubles(2)[a.offset(2) + (int) id.x()] = s >= n ? 0
                    : dotStage1F64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("asum_stage1_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.doubles(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : asumStage1F64(a.doubles(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("amax_stage1_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.doubles(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : amaxStage1F64(a.doubles(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("min_stage1_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.doubles(1)[a.offset(1) + (int) id.x()] = s >= n ? Double.POSITIVE_INFINITY
                    : minStage1F64(a.doubles(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("max_stage1_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.doubles(1)[a.offset(1) + (int) id.x()] = s >= n ? Double.NEGATIVE_INFINITY
                    : maxStage1F64(a.doubles(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("sumsq_stage1_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.doubles(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumsqStage1F64(a.doubles(0), a.offset(0), a.doubleValue(2), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("argmin_stage1_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            double[] x = a.doubles(0); int xo = a.offset(0);
            double bv = 0; long bi = -1;
            for (long i = s, e = Math.min(n, s + c); i < e; i++) {
                double v = x[xo + (int) i];
                if (Double.isNaN(v)) { bv = v; bi = i; break; }
                if (bi < 0 || v < bv) { bv = v; bi = i; }
            }
            a.doubles(1)[a.offset(1) + (int) id.x()] = bv;
            a.longs(2)[a.offset(2) + (int) id.x()] = bi;
        });
        src = src.withJava("argmax_stage1_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            double[] x = a.doubles(0); int xo = a.offset(0);
            double bv = 0; long bi = -1;
            for (long i = s, e = Math.min(n, s + c); i < e; i++) {
                double v = x[xo + (int) i];
                if (Double.isNaN(v)) { bv = v; bi = i; break; }
                if (bi < 0 || v > bv) { bv = v; bi = i; }
            }
            a.doubles(1)[a.offset(1) + (int) id.x()] = bv;
            a.longs(2)[a.offset(2) + (int) id.x()] = bi;
        });
        src = src.withJava("sum_stage1_i32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.ints(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumStage1I32(a.ints(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("sum_stage1_i64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.longs(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumStage1I64(a.longs(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        return src;
    }

    /** The scan kernels: their .cl/.cu text where the kernels jar is on the classpath, and the Java twins. */
    public static KernelSource scan() {
        KernelSource src = load("scan");
        src = src.withJava("scan_sums_f32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.floats(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumStage1F32(a.floats(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("scan_offsets_f32", (id, a) -> {
            if (id.x() != 0) return;
            float[] v = a.floats(0); int o = a.offset(0); long m = a.longValue(1);
            float acc = 0;
            for (int i = 0; i < m; i++) { float t = v[o + i]; v[o + i] = acc; acc += t; }
        });
        src = src.withJava("scan_apply_f32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s >= n) return;
            float start = a.floats(2)[a.offset(2) + (int) id.x()];
            scanApplyF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), start, (int) s, (int) Math.min(n, s + c), a.intValue(4) != 0);
        });
        src = src.withJava("scan_chunked_f32", (id, a) -> scanChunkedF32(a.floats(0), a.offset(0), a.floats(1), a.offset(1), a.floats(2), a.offset(2), a.ints(3), a.offset(3), a.longValue(4), a.intValue(5) != 0));
        src = src.withJava("scan_sums_f64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.doubles(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumStage1F64(a.doubles(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("scan_offsets_f64", (id, a) -> {
            if (id.x() != 0) return;
            double[] v = a.doubles(0); int o = a.offset(0); long m = a.longValue(1);
            double acc = 0;
            for (int i = 0; i < m; i++) { double t = v[o + i]; v[o + i] = acc; acc += t; }
        });
        src = src.withJava("scan_apply_f64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s >= n) return;
            double start = a.doubles(2)[a.offset(2) + (int) id.x()];
            scanApplyF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), start, (int) s, (int) Math.min(n, s + c), a.intValue(4) != 0);
        });
        src = src.withJava("scan_chunked_f64", (id, a) -> scanChunkedF64(a.doubles(0), a.offset(0), a.doubles(1), a.offset(1), a.doubles(2), a.offset(2), a.ints(3), a.offset(3), a.longValue(4), a.intValue(5) != 0));
        src = src.withJava("scan_sums_i32", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.ints(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumStage1I32(a.ints(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("scan_offsets_i32", (id, a) -> {
            if (id.x() != 0) return;
            int[] v = a.ints(0); int o = a.offset(0); long m = a.longValue(1);
            int acc = 0;
            for (int i = 0; i < m; i++) { int t = v[o + i]; v[o + i] = acc; acc += t; }
        });
        src = src.withJava("scan_apply_i32", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s >= n) return;
            int start = a.ints(2)[a.offset(2) + (int) id.x()];
            scanApplyI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), start, (int) s, (int) Math.min(n, s + c), a.intValue(4) != 0);
        });
        src = src.withJava("scan_chunked_i32", (id, a) -> scanChunkedI32(a.ints(0), a.offset(0), a.ints(1), a.offset(1), a.ints(2), a.offset(2), a.ints(3), a.offset(3), a.longValue(4), a.intValue(5) != 0));
        src = src.withJava("scan_sums_i64", (id, a) -> {
            long n = a.longValue(2);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            a.longs(1)[a.offset(1) + (int) id.x()] = s >= n ? 0
                    : sumStage1I64(a.longs(0), a.offset(0), (int) s, (int) Math.min(n, s + c));
        });
        src = src.withJava("scan_offsets_i64", (id, a) -> {
            if (id.x() != 0) return;
            long[] v = a.longs(0); int o = a.offset(0); long m = a.longValue(1);
            long acc = 0;
            for (int i = 0; i < m; i++) { long t = v[o + i]; v[o + i] = acc; acc += t; }
        });
        src = src.withJava("scan_apply_i64", (id, a) -> {
            long n = a.longValue(3);
            long c = chunk(n, id.globalSize(0)), s = id.x() * c;
            if (s >= n) return;
            long start = a.longs(2)[a.offset(2) + (int) id.x()];
            scanApplyI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), start, (int) s, (int) Math.min(n, s + c), a.intValue(4) != 0);
        });
        src = src.withJava("scan_chunked_i64", (id, a) -> scanChunkedI64(a.longs(0), a.offset(0), a.longs(1), a.offset(1), a.longs(2), a.offset(2), a.ints(3), a.offset(3), a.longValue(4), a.intValue(5) != 0));
        return src;
    }

    static void addF32(float[] A, int ao, float[] B, int bo, float[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { float a = A[i]; float b = B[i]; OUT[i] = (a + b); }
        else for (int i = from; i < to; i++) { float a = A[ao + i]; float b = B[bo + i]; OUT[outo + i] = (a + b); }
    }
    static void subF32(float[] A, int ao, float[] B, int bo, float[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { float a = A[i]; float b = B[i]; OUT[i] = (a - b); }
        else for (int i = from; i < to; i++) { float a = A[ao + i]; float b = B[bo + i]; OUT[outo + i] = (a - b); }
    }
    static void mulF32(float[] A, int ao, float[] B, int bo, float[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { float a = A[i]; float b = B[i]; OUT[i] = (a * b); }
        else for (int i = from; i < to; i++) { float a = A[ao + i]; float b = B[bo + i]; OUT[outo + i] = (a * b); }
    }
    static void divF32(float[] A, int ao, float[] B, int bo, float[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { float a = A[i]; float b = B[i]; OUT[i] = (a / b); }
        else for (int i = from; i < to; i++) { float a = A[ao + i]; float b = B[bo + i]; OUT[outo + i] = (a / b); }
    }
    static void scaleF32(float alpha, float[] X, int xo, float[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { float x = X[i]; OUT[i] = (alpha * x); }
        else for (int i = from; i < to; i++) { float x = X[xo + i]; OUT[outo + i] = (alpha * x); }
    }
    static void axpyF32(float alpha, float[] X, int xo, float[] Y, int yo, int from, int to) {
        if (xo == yo) for (int i = from + xo, e = to + xo; i < e; i++) { float x = X[i]; float y = Y[i]; Y[i] = (alpha * x + y); }
        else for (int i = from; i < to; i++) { float x = X[xo + i]; float y = Y[yo + i]; Y[yo + i] = (alpha * x + y); }
    }
    static void axpbyF32(float alpha, float[] X, int xo, float beta, float[] Y, int yo, float[] Z, int zo, int from, int to) {
        if (xo == yo && yo == zo) for (int i = from + xo, e = to + xo; i < e; i++) { float x = X[i]; float y = Y[i]; Z[i] = (alpha * x + beta * y); }
        else for (int i = from; i < to; i++) { float x = X[xo + i]; float y = Y[yo + i]; Z[zo + i] = (alpha * x + beta * y); }
    }
    static void absF32(float[] X, int xo, float[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { float x = X[i]; OUT[i] = ((float) Math.abs(x)); }
        else for (int i = from; i < to; i++) { float x = X[xo + i]; OUT[outo + i] = ((float) Math.abs(x)); }
    }
    static void sqrtF32(float[] X, int xo, float[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { float x = X[i]; OUT[i] = ((float) Math.sqrt(x)); }
        else for (int i = from; i < to; i++) { float x = X[xo + i]; OUT[outo + i] = ((float) Math.sqrt(x)); }
    }
    static void expF32(float[] X, int xo, float[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { float x = X[i]; OUT[i] = ((float) Math.exp(x)); }
        else for (int i = from; i < to; i++) { float x = X[xo + i]; OUT[outo + i] = ((float) Math.exp(x)); }
    }
    static void logF32(float[] X, int xo, float[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { float x = X[i]; OUT[i] = ((float) Math.log(x)); }
        else for (int i = from; i < to; i++) { float x = X[xo + i]; OUT[outo + i] = ((float) Math.log(x)); }
    }
    static void powF32(float[] X, int xo, float[] Y, int yo, float[] OUT, int outo, int from, int to) {
        if (xo == yo && yo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { float x = X[i]; float y = Y[i]; OUT[i] = ((float) Math.pow(x, y)); }
        else for (int i = from; i < to; i++) { float x = X[xo + i]; float y = Y[yo + i]; OUT[outo + i] = ((float) Math.pow(x, y)); }
    }
    static void minF32(float[] A, int ao, float[] B, int bo, float[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { float a = A[i]; float b = B[i]; OUT[i] = (Math.min(a, b)); }
        else for (int i = from; i < to; i++) { float a = A[ao + i]; float b = B[bo + i]; OUT[outo + i] = (Math.min(a, b)); }
    }
    static void maxF32(float[] A, int ao, float[] B, int bo, float[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { float a = A[i]; float b = B[i]; OUT[i] = (Math.max(a, b)); }
        else for (int i = from; i < to; i++) { float a = A[ao + i]; float b = B[bo + i]; OUT[outo + i] = (Math.max(a, b)); }
    }
    static void clampF32(float[] X, int xo, float lo, float hi, float[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { float x = X[i]; OUT[i] = (Math.min(Math.max(x, lo), hi)); }
        else for (int i = from; i < to; i++) { float x = X[xo + i]; OUT[outo + i] = (Math.min(Math.max(x, lo), hi)); }
    }
    static void addF64(double[] A, int ao, double[] B, int bo, double[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { double a = A[i]; double b = B[i]; OUT[i] = (a + b); }
        else for (int i = from; i < to; i++) { double a = A[ao + i]; double b = B[bo + i]; OUT[outo + i] = (a + b); }
    }
    static void subF64(double[] A, int ao, double[] B, int bo, double[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { double a = A[i]; double b = B[i]; OUT[i] = (a - b); }
        else for (int i = from; i < to; i++) { double a = A[ao + i]; double b = B[bo + i]; OUT[outo + i] = (a - b); }
    }
    static void mulF64(double[] A, int ao, double[] B, int bo, double[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { double a = A[i]; double b = B[i]; OUT[i] = (a * b); }
        else for (int i = from; i < to; i++) { double a = A[ao + i]; double b = B[bo + i]; OUT[outo + i] = (a * b); }
    }
    static void divF64(double[] A, int ao, double[] B, int bo, double[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { double a = A[i]; double b = B[i]; OUT[i] = (a / b); }
        else for (int i = from; i < to; i++) { double a = A[ao + i]; double b = B[bo + i]; OUT[outo + i] = (a / b); }
    }
    static void scaleF64(double alpha, double[] X, int xo, double[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { double x = X[i]; OUT[i] = (alpha * x); }
        else for (int i = from; i < to; i++) { double x = X[xo + i]; OUT[outo + i] = (alpha * x); }
    }
    static void axpyF64(double alpha, double[] X, int xo, double[] Y, int yo, int from, int to) {
        if (xo == yo) for (int i = from + xo, e = to + xo; i < e; i++) { double x = X[i]; double y = Y[i]; Y[i] = (alpha * x + y); }
        else for (int i = from; i < to; i++) { double x = X[xo + i]; double y = Y[yo + i]; Y[yo + i] = (alpha * x + y); }
    }
    static void axpbyF64(double alpha, double[] X, int xo, double beta, double[] Y, int yo, double[] Z, int zo, int from, int to) {
        if (xo == yo && yo == zo) for (int i = from + xo, e = to + xo; i < e; i++) { double x = X[i]; double y = Y[i]; Z[i] = (alpha * x + beta * y); }
        else for (int i = from; i < to; i++) { double x = X[xo + i]; double y = Y[yo + i]; Z[zo + i] = (alpha * x + beta * y); }
    }
    static void absF64(double[] X, int xo, double[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { double x = X[i]; OUT[i] = (Math.abs(x)); }
        else for (int i = from; i < to; i++) { double x = X[xo + i]; OUT[outo + i] = (Math.abs(x)); }
    }
    static void sqrtF64(double[] X, int xo, double[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { double x = X[i]; OUT[i] = (Math.sqrt(x)); }
        else for (int i = from; i < to; i++) { double x = X[xo + i]; OUT[outo + i] = (Math.sqrt(x)); }
    }
    static void expF64(double[] X, int xo, double[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { double x = X[i]; OUT[i] = (Math.exp(x)); }
        else for (int i = from; i < to; i++) { double x = X[xo + i]; OUT[outo + i] = (Math.exp(x)); }
    }
    static void logF64(double[] X, int xo, double[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { double x = X[i]; OUT[i] = (Math.log(x)); }
        else for (int i = from; i < to; i++) { double x = X[xo + i]; OUT[outo + i] = (Math.log(x)); }
    }
    static void powF64(double[] X, int xo, double[] Y, int yo, double[] OUT, int outo, int from, int to) {
        if (xo == yo && yo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { double x = X[i]; double y = Y[i]; OUT[i] = (Math.pow(x, y)); }
        else for (int i = from; i < to; i++) { double x = X[xo + i]; double y = Y[yo + i]; OUT[outo + i] = (Math.pow(x, y)); }
    }
    static void minF64(double[] A, int ao, double[] B, int bo, double[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { double a = A[i]; double b = B[i]; OUT[i] = (Math.min(a, b)); }
        else for (int i = from; i < to; i++) { double a = A[ao + i]; double b = B[bo + i]; OUT[outo + i] = (Math.min(a, b)); }
    }
    static void maxF64(double[] A, int ao, double[] B, int bo, double[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { double a = A[i]; double b = B[i]; OUT[i] = (Math.max(a, b)); }
        else for (int i = from; i < to; i++) { double a = A[ao + i]; double b = B[bo + i]; OUT[outo + i] = (Math.max(a, b)); }
    }
    static void clampF64(double[] X, int xo, double lo, double hi, double[] OUT, int outo, int from, int to) {
        if (xo == outo) for (int i = from + xo, e = to + xo; i < e; i++) { double x = X[i]; OUT[i] = (Math.min(Math.max(x, lo), hi)); }
        else for (int i = from; i < to; i++) { double x = X[xo + i]; OUT[outo + i] = (Math.min(Math.max(x, lo), hi)); }
    }
    static void addI32(int[] A, int ao, int[] B, int bo, int[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { int a = A[i]; int b = B[i]; OUT[i] = (a + b); }
        else for (int i = from; i < to; i++) { int a = A[ao + i]; int b = B[bo + i]; OUT[outo + i] = (a + b); }
    }
    static void subI32(int[] A, int ao, int[] B, int bo, int[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { int a = A[i]; int b = B[i]; OUT[i] = (a - b); }
        else for (int i = from; i < to; i++) { int a = A[ao + i]; int b = B[bo + i]; OUT[outo + i] = (a - b); }
    }
    static void mulI32(int[] A, int ao, int[] B, int bo, int[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { int a = A[i]; int b = B[i]; OUT[i] = (a * b); }
        else for (int i = from; i < to; i++) { int a = A[ao + i]; int b = B[bo + i]; OUT[outo + i] = (a * b); }
    }
    static void divI32(int[] A, int ao, int[] B, int bo, int[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { int a = A[i]; int b = B[i]; OUT[i] = (int) (b == 0 ? 0 : (b == -1 ? -a : a / b)); }
        else for (int i = from; i < to; i++) { int a = A[ao + i]; int b = B[bo + i]; OUT[outo + i] = (int) (b == 0 ? 0 : (b == -1 ? -a : a / b)); }
    }
    static void addI64(long[] A, int ao, long[] B, int bo, long[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { long a = A[i]; long b = B[i]; OUT[i] = (a + b); }
        else for (int i = from; i < to; i++) { long a = A[ao + i]; long b = B[bo + i]; OUT[outo + i] = (a + b); }
    }
    static void subI64(long[] A, int ao, long[] B, int bo, long[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { long a = A[i]; long b = B[i]; OUT[i] = (a - b); }
        else for (int i = from; i < to; i++) { long a = A[ao + i]; long b = B[bo + i]; OUT[outo + i] = (a - b); }
    }
    static void mulI64(long[] A, int ao, long[] B, int bo, long[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { long a = A[i]; long b = B[i]; OUT[i] = (a * b); }
        else for (int i = from; i < to; i++) { long a = A[ao + i]; long b = B[bo + i]; OUT[outo + i] = (a * b); }
    }
    static void divI64(long[] A, int ao, long[] B, int bo, long[] OUT, int outo, int from, int to) {
        if (ao == bo && bo == outo) for (int i = from + ao, e = to + ao; i < e; i++) { long a = A[i]; long b = B[i]; OUT[i] = (long) (b == 0 ? 0 : (b == -1 ? -a : a / b)); }
        else for (int i = from; i < to; i++) { long a = A[ao + i]; long b = B[bo + i]; OUT[outo + i] = (long) (b == 0 ? 0 : (b == -1 ? -a : a / b)); }
    }
    /** Elements per float run in {@link #sumStage1F32} / {@link #dotStage1F32}: 8 accumulators x 32 terms. */
    static final int RUN = 256;

    // Runs of RUN elements are summed in 8 float accumulators (32 terms each: |error| <= 31 eps of the run's
    // sum of |terms|), then each run's total is added in double. Float adds need no float-to-double conversion per
    // element, which had left the double-only loop compute-bound at ~20 GB/s on two cores.
    static float sumStage1F32(float[] X, int xo, int from, int to) {
        double r = 0;
        int i = from;
        for (; i + RUN <= to; i += RUN) {
            float f0 = 0, f1 = 0, f2 = 0, f3 = 0, f4 = 0, f5 = 0, f6 = 0, f7 = 0;
            for (int p = xo + i, e = p + RUN; p < e; p += 8) {
                f0 += X[p]; f1 += X[p + 1]; f2 += X[p + 2]; f3 += X[p + 3];
                f4 += X[p + 4]; f5 += X[p + 5]; f6 += X[p + 6]; f7 += X[p + 7];
            }
            r += (((double) f0 + f1) + ((double) f2 + f3)) + (((double) f4 + f5) + ((double) f6 + f7));
        }
        for (; i < to; i++) r += X[xo + i];
        return (float) r;
    }
    /** As {@link #sumStage1F32}; each product is rounded to float once (|error| <= eps |x y|) before it is added. */
    static float dotStage1F32(float[] X, int xo, float[] Y, int yo, int from, int to) {
        double r = 0;
        int i = from;
        for (; i + RUN <= to; i += RUN) {
            float f0 = 0, f1 = 0, f2 = 0, f3 = 0, f4 = 0, f5 = 0, f6 = 0, f7 = 0;
            for (int p = xo + i, q = yo + i, e = p + RUN; p < e; p += 8, q += 8) {
                f0 += X[p] * Y[q]; f1 += X[p + 1] * Y[q + 1]; f2 += X[p + 2] * Y[q + 2]; f3 += X[p + 3] * Y[q + 3];
                f4 += X[p + 4] * Y[q + 4]; f5 += X[p + 5] * Y[q + 5]; f6 += X[p + 6] * Y[q + 6]; f7 += X[p + 7] * Y[q + 7];
            }
            r += (((double) f0 + f1) + ((double) f2 + f3)) + (((double) f4 + f5) + ((double) f6 + f7));
        }
        for (; i < to; i++) r += (double) X[xo + i] * Y[yo + i];
        return (float) r;
    }
    static float asumStage1F32(float[] X, int xo, int from, int to) {
        double r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            r0 += Math.abs(X[xo + i]); r1 += Math.abs(X[xo + i + 1]); r2 += Math.abs(X[xo + i + 2]); r3 += Math.abs(X[xo + i + 3]);
        }
        for (; i < to; i++) r0 += Math.abs(X[xo + i]);
        return (float) ((r0 + r1) + (r2 + r3));
    }
    static float amaxStage1F32(float[] X, int xo, int from, int to) {
        float r = 0;
        for (int i = from; i < to; i++) r = Math.max(r, Math.abs(X[xo + i]));
        return r;
    }
    static float minStage1F32(float[] X, int xo, int from, int to) {
        float r = Float.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) r = Math.min(r, X[xo + i]);
        return r;
    }
    static float maxStage1F32(float[] X, int xo, int from, int to) {
        float r = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) r = Math.max(r, X[xo + i]);
        return r;
    }
    static float sumsqStage1F32(float[] X, int xo, float scale, int from, int to) {
        double r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            r0 += sq((double) X[xo + i] / scale); r1 += sq((double) X[xo + i + 1] / scale); r2 += sq((double) X[xo + i + 2] / scale); r3 += sq((double) X[xo + i + 3] / scale);
        }
        for (; i < to; i++) r0 += sq((double) X[xo + i] / scale);
        return (float) ((r0 + r1) + (r2 + r3));
    }
    static double sumStage1F64(double[] X, int xo, int from, int to) {
        double r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            r0 += X[xo + i]; r1 += X[xo + i + 1]; r2 += X[xo + i + 2]; r3 += X[xo + i + 3];
        }
        for (; i < to; i++) r0 += X[xo + i];
        return (double) ((r0 + r1) + (r2 + r3));
    }
    static double dotStage1F64(double[] X, int xo, double[] Y, int yo, int from, int to) {
        double r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            r0 += X[xo + i] * Y[yo + i]; r1 += X[xo + i + 1] * Y[yo + i + 1]; r2 += X[xo + i + 2] * Y[yo + i + 2]; r3 += X[xo + i + 3] * Y[yo + i + 3];
        }
        for (; i < to; i++) r0 += X[xo + i] * Y[yo + i];
        return (double) ((r0 + r1) + (r2 + r3));
    }
    static double asumStage1F64(double[] X, int xo, int from, int to) {
        double r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            r0 += Math.abs(X[xo + i]); r1 += Math.abs(X[xo + i + 1]); r2 += Math.abs(X[xo + i + 2]); r3 += Math.abs(X[xo + i + 3]);
        }
        for (; i < to; i++) r0 += Math.abs(X[xo + i]);
        return (double) ((r0 + r1) + (r2 + r3));
    }
    static double amaxStage1F64(double[] X, int xo, int from, int to) {
        double r = 0;
        for (int i = from; i < to; i++) r = Math.max(r, Math.abs(X[xo + i]));
        return r;
    }
    static double minStage1F64(double[] X, int xo, int from, int to) {
        double r = Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) r = Math.min(r, X[xo + i]);
        return r;
    }
    static double maxStage1F64(double[] X, int xo, int from, int to) {
        double r = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) r = Math.max(r, X[xo + i]);
        return r;
    }
    static double sumsqStage1F64(double[] X, int xo, double scale, int from, int to) {
        double r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            r0 += sq((double) X[xo + i] / scale); r1 += sq((double) X[xo + i + 1] / scale); r2 += sq((double) X[xo + i + 2] / scale); r3 += sq((double) X[xo + i + 3] / scale);
        }
        for (; i < to; i++) r0 += sq((double) X[xo + i] / scale);
        return (double) ((r0 + r1) + (r2 + r3));
    }
    static int sumStage1I32(int[] X, int xo, int from, int to) {
        int r = 0;
        for (int i = from; i < to; i++) r += X[xo + i];
        return r;
    }
    static long sumStage1I64(long[] X, int xo, int from, int to) {
        long r = 0;
        for (int i = from; i < to; i++) r += X[xo + i];
        return r;
    }
    static void scanApplyF32(float[] X, int xo, float[] O, int oo, float acc, int from, int to, boolean inclusive) {
        int i = from;
        if (inclusive) {
            for (; i + 8 <= to; i += 8) {
                int b = xo + i, d = oo + i;
                float p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4], p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];
                O[d] = acc + p0; O[d + 1] = acc + p1; O[d + 2] = acc + p2; O[d + 3] = acc + p3;
                O[d + 4] = acc + p4; O[d + 5] = acc + p5; O[d + 6] = acc + p6; O[d + 7] = acc + p7;
                acc += p7;
            }
            for (; i < to; i++) { acc += X[xo + i]; O[oo + i] = acc; }
        } else {
            for (; i + 8 <= to; i += 8) {
                int b = xo + i, d = oo + i;
                float p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4], p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];
                O[d] = acc; O[d + 1] = acc + p0; O[d + 2] = acc + p1; O[d + 3] = acc + p2;
                O[d + 4] = acc + p3; O[d + 5] = acc + p4; O[d + 6] = acc + p5; O[d + 7] = acc + p6;
                acc += p7;
            }
            for (; i < to; i++) { float v = X[xo + i]; O[oo + i] = acc; acc += v; }
        }
    }
    static void scanChunkedF32(float[] X, int xo, float[] O, int oo, float[] P, int po, int[] S, int so, long n, boolean inclusive) {
        long m = (n + SCAN_CHUNK - 1) / SCAN_CHUNK;
        for (int k = 0; k < SCAN_CHUNKS_PER_ITEM; k++) {
            int ch = (int) STATUS.getAndAdd(S, so, 1);
            if (ch >= m) return;
            int s = ch * SCAN_CHUNK, e = (int) Math.min(s + (long) SCAN_CHUNK, n);
            float agg = chunkSumF32(X, xo, s, e);
            P[po + 2 * ch] = agg;
            STATUS.setRelease(S, so + 1 + ch, 1);
            float carry = ch == 0 ? 0 : scanCarryF32(X, xo, P, po, S, so, ch, n);
            P[po + 2 * ch + 1] = carry + agg;
            STATUS.getAndSet(S, so + 1 + ch, 2);   // acquire and release: the chunk's writes below stay after it
            scanApplyF32(X, xo, O, oo, carry, s, e, inclusive);
        }
    }
    /** The fold of chunks 0..c-1 from what is published (see scan.cl's scan_carry_f32). */
    public static float scanCarryF32(float[] X, int xo, float[] P, int po, int[] S, int so, int c, long n) {
        int j = c - 1;
        while (j >= 0 && scanStatus(S, so, j) < 2) j--;
        float carry = j >= 0 ? P[po + 2 * j + 1] : 0;
        for (int k = j + 1; k < c; k++) {
            int sk = scanStatus(S, so, k);
            float a = 0;
            if (sk == 0) {   // its owner is slow: sum it here, check the owner did not overwrite it meanwhile, publish it
                a = chunkSumF32(X, xo, k * SCAN_CHUNK, (int) Math.min((k + 1L) * SCAN_CHUNK, n));
                VarHandle.acquireFence();
                sk = (int) STATUS.getAcquire(S, so + 1 + k);
                if (sk == 0) {   // the same bits as the owner's sum: later chunks need not sum it again
                    P[po + 2 * k] = a;
                    STATUS.compareAndSet(S, so + 1 + k, 0, 1);
                }
            }
            if (sk == 2) carry = P[po + 2 * k + 1];
            else carry = carry + (sk == 1 ? P[po + 2 * k] : a);
        }
        return carry;
    }
    public static float chunkSumF32(float[] X, int xo, int from, int to) {
        float r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0, r8 = 0, r9 = 0, r10 = 0, r11 = 0, r12 = 0, r13 = 0, r14 = 0, r15 = 0;
        int i = from;
        for (; i + 16 <= to; i += 16) {
            int b = xo + i;
            r0 += X[b + 0]; r1 += X[b + 1]; r2 += X[b + 2]; r3 += X[b + 3]; r4 += X[b + 4]; r5 += X[b + 5]; r6 += X[b + 6]; r7 += X[b + 7];
            r8 += X[b + 8]; r9 += X[b + 9]; r10 += X[b + 10]; r11 += X[b + 11]; r12 += X[b + 12]; r13 += X[b + 13]; r14 += X[b + 14]; r15 += X[b + 15];
        }
        r0 += r8; r1 += r9; r2 += r10; r3 += r11; r4 += r12; r5 += r13; r6 += r14; r7 += r15;
        r0 += r4; r1 += r5; r2 += r6; r3 += r7; r0 += r2; r1 += r3; r0 += r1;
        float r = r0;
        for (; i < to; i++) r += X[xo + i];
        return r;
    }
    static void scanApplyF64(double[] X, int xo, double[] O, int oo, double acc, int from, int to, boolean inclusive) {
        int i = from;
        if (inclusive) {
            for (; i + 8 <= to; i += 8) {
                int b = xo + i, d = oo + i;
                double p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4], p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];
                O[d] = acc + p0; O[d + 1] = acc + p1; O[d + 2] = acc + p2; O[d + 3] = acc + p3;
                O[d + 4] = acc + p4; O[d + 5] = acc + p5; O[d + 6] = acc + p6; O[d + 7] = acc + p7;
                acc += p7;
            }
            for (; i < to; i++) { acc += X[xo + i]; O[oo + i] = acc; }
        } else {
            for (; i + 8 <= to; i += 8) {
                int b = xo + i, d = oo + i;
                double p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4], p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];
                O[d] = acc; O[d + 1] = acc + p0; O[d + 2] = acc + p1; O[d + 3] = acc + p2;
                O[d + 4] = acc + p3; O[d + 5] = acc + p4; O[d + 6] = acc + p5; O[d + 7] = acc + p6;
                acc += p7;
            }
            for (; i < to; i++) { double v = X[xo + i]; O[oo + i] = acc; acc += v; }
        }
    }
    static void scanChunkedF64(double[] X, int xo, double[] O, int oo, double[] P, int po, int[] S, int so, long n, boolean inclusive) {
        long m = (n + SCAN_CHUNK - 1) / SCAN_CHUNK;
        for (int k = 0; k < SCAN_CHUNKS_PER_ITEM; k++) {
            int ch = (int) STATUS.getAndAdd(S, so, 1);
            if (ch >= m) return;
            int s = ch * SCAN_CHUNK, e = (int) Math.min(s + (long) SCAN_CHUNK, n);
            double agg = chunkSumF64(X, xo, s, e);
            P[po + 2 * ch] = agg;
            STATUS.setRelease(S, so + 1 + ch, 1);
            double carry = ch == 0 ? 0 : scanCarryF64(X, xo, P, po, S, so, ch, n);
            P[po + 2 * ch + 1] = carry + agg;
            STATUS.getAndSet(S, so + 1 + ch, 2);   // acquire and release: the chunk's writes below stay after it
            scanApplyF64(X, xo, O, oo, carry, s, e, inclusive);
        }
    }
    /** The fold of chunks 0..c-1 from what is published (see scan.cl's scan_carry_f64). */
    public static double scanCarryF64(double[] X, int xo, double[] P, int po, int[] S, int so, int c, long n) {
        int j = c - 1;
        while (j >= 0 && scanStatus(S, so, j) < 2) j--;
        double carry = j >= 0 ? P[po + 2 * j + 1] : 0;
        for (int k = j + 1; k < c; k++) {
            int sk = scanStatus(S, so, k);
            double a = 0;
            if (sk == 0) {   // its owner is slow: sum it here, check the owner did not overwrite it meanwhile, publish it
                a = chunkSumF64(X, xo, k * SCAN_CHUNK, (int) Math.min((k + 1L) * SCAN_CHUNK, n));
                VarHandle.acquireFence();
                sk = (int) STATUS.getAcquire(S, so + 1 + k);
                if (sk == 0) {   // the same bits as the owner's sum: later chunks need not sum it again
                    P[po + 2 * k] = a;
                    STATUS.compareAndSet(S, so + 1 + k, 0, 1);
                }
            }
            if (sk == 2) carry = P[po + 2 * k + 1];
            else carry = carry + (sk == 1 ? P[po + 2 * k] : a);
        }
        return carry;
    }
    public static double chunkSumF64(double[] X, int xo, int from, int to) {
        double r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            int b = xo + i;
            r0 += X[b + 0]; r1 += X[b + 1]; r2 += X[b + 2]; r3 += X[b + 3]; r4 += X[b + 4]; r5 += X[b + 5]; r6 += X[b + 6]; r7 += X[b + 7];
        }
        r0 += r4; r1 += r5; r2 += r6; r3 += r7; r0 += r2; r1 += r3; r0 += r1;
        double r = r0;
        for (; i < to; i++) r += X[xo + i];
        return r;
    }
    static void scanApplyI32(int[] X, int xo, int[] O, int oo, int acc, int from, int to, boolean inclusive) {
        int i = from;
        if (inclusive) {
            for (; i + 8 <= to; i += 8) {
                int b = xo + i, d = oo + i;
                int p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4], p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];
                O[d] = acc + p0; O[d + 1] = acc + p1; O[d + 2] = acc + p2; O[d + 3] = acc + p3;
                O[d + 4] = acc + p4; O[d + 5] = acc + p5; O[d + 6] = acc + p6; O[d + 7] = acc + p7;
                acc += p7;
            }
            for (; i < to; i++) { acc += X[xo + i]; O[oo + i] = acc; }
        } else {
            for (; i + 8 <= to; i += 8) {
                int b = xo + i, d = oo + i;
                int p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4], p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];
                O[d] = acc; O[d + 1] = acc + p0; O[d + 2] = acc + p1; O[d + 3] = acc + p2;
                O[d + 4] = acc + p3; O[d + 5] = acc + p4; O[d + 6] = acc + p5; O[d + 7] = acc + p6;
                acc += p7;
            }
            for (; i < to; i++) { int v = X[xo + i]; O[oo + i] = acc; acc += v; }
        }
    }
    static void scanChunkedI32(int[] X, int xo, int[] O, int oo, int[] P, int po, int[] S, int so, long n, boolean inclusive) {
        long m = (n + SCAN_CHUNK - 1) / SCAN_CHUNK;
        for (int k = 0; k < SCAN_CHUNKS_PER_ITEM; k++) {
            int ch = (int) STATUS.getAndAdd(S, so, 1);
            if (ch >= m) return;
            int s = ch * SCAN_CHUNK, e = (int) Math.min(s + (long) SCAN_CHUNK, n);
            int agg = chunkSumI32(X, xo, s, e);
            P[po + 2 * ch] = agg;
            STATUS.setRelease(S, so + 1 + ch, 1);
            int carry = ch == 0 ? 0 : scanCarryI32(X, xo, P, po, S, so, ch, n);
            P[po + 2 * ch + 1] = carry + agg;
            STATUS.getAndSet(S, so + 1 + ch, 2);   // acquire and release: the chunk's writes below stay after it
            scanApplyI32(X, xo, O, oo, carry, s, e, inclusive);
        }
    }
    /** The fold of chunks 0..c-1 from what is published (see scan.cl's scan_carry_i32). */
    public static int scanCarryI32(int[] X, int xo, int[] P, int po, int[] S, int so, int c, long n) {
        int j = c - 1;
        while (j >= 0 && scanStatus(S, so, j) < 2) j--;
        int carry = j >= 0 ? P[po + 2 * j + 1] : 0;
        for (int k = j + 1; k < c; k++) {
            int sk = scanStatus(S, so, k);
            int a = 0;
            if (sk == 0) {   // its owner is slow: sum it here, check the owner did not overwrite it meanwhile, publish it
                a = chunkSumI32(X, xo, k * SCAN_CHUNK, (int) Math.min((k + 1L) * SCAN_CHUNK, n));
                VarHandle.acquireFence();
                sk = (int) STATUS.getAcquire(S, so + 1 + k);
                if (sk == 0) {   // the same bits as the owner's sum: later chunks need not sum it again
                    P[po + 2 * k] = a;
                    STATUS.compareAndSet(S, so + 1 + k, 0, 1);
                }
            }
            if (sk == 2) carry = P[po + 2 * k + 1];
            else carry = carry + (sk == 1 ? P[po + 2 * k] : a);
        }
        return carry;
    }
    public static int chunkSumI32(int[] X, int xo, int from, int to) {
        int r = 0;
        for (int i = from + xo, e = to + xo; i < e; i++) r += X[i];
        return r;
    }
    static void scanApplyI64(long[] X, int xo, long[] O, int oo, long acc, int from, int to, boolean inclusive) {
        int i = from;
        if (inclusive) {
            for (; i + 8 <= to; i += 8) {
                int b = xo + i, d = oo + i;
                long p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4], p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];
                O[d] = acc + p0; O[d + 1] = acc + p1; O[d + 2] = acc + p2; O[d + 3] = acc + p3;
                O[d + 4] = acc + p4; O[d + 5] = acc + p5; O[d + 6] = acc + p6; O[d + 7] = acc + p7;
                acc += p7;
            }
            for (; i < to; i++) { acc += X[xo + i]; O[oo + i] = acc; }
        } else {
            for (; i + 8 <= to; i += 8) {
                int b = xo + i, d = oo + i;
                long p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4], p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];
                O[d] = acc; O[d + 1] = acc + p0; O[d + 2] = acc + p1; O[d + 3] = acc + p2;
                O[d + 4] = acc + p3; O[d + 5] = acc + p4; O[d + 6] = acc + p5; O[d + 7] = acc + p6;
                acc += p7;
            }
            for (; i < to; i++) { long v = X[xo + i]; O[oo + i] = acc; acc += v; }
        }
    }
    static void scanChunkedI64(long[] X, int xo, long[] O, int oo, long[] P, int po, int[] S, int so, long n, boolean inclusive) {
        long m = (n + SCAN_CHUNK - 1) / SCAN_CHUNK;
        for (int k = 0; k < SCAN_CHUNKS_PER_ITEM; k++) {
            int ch = (int) STATUS.getAndAdd(S, so, 1);
            if (ch >= m) return;
            int s = ch * SCAN_CHUNK, e = (int) Math.min(s + (long) SCAN_CHUNK, n);
            long agg = chunkSumI64(X, xo, s, e);
            P[po + 2 * ch] = agg;
            STATUS.setRelease(S, so + 1 + ch, 1);
            long carry = ch == 0 ? 0 : scanCarryI64(X, xo, P, po, S, so, ch, n);
            P[po + 2 * ch + 1] = carry + agg;
            STATUS.getAndSet(S, so + 1 + ch, 2);   // acquire and release: the chunk's writes below stay after it
            scanApplyI64(X, xo, O, oo, carry, s, e, inclusive);
        }
    }
    /** The fold of chunks 0..c-1 from what is published (see scan.cl's scan_carry_i64). */
    public static long scanCarryI64(long[] X, int xo, long[] P, int po, int[] S, int so, int c, long n) {
        int j = c - 1;
        while (j >= 0 && scanStatus(S, so, j) < 2) j--;
        long carry = j >= 0 ? P[po + 2 * j + 1] : 0;
        for (int k = j + 1; k < c; k++) {
            int sk = scanStatus(S, so, k);
            long a = 0;
            if (sk == 0) {   // its owner is slow: sum it here, check the owner did not overwrite it meanwhile, publish it
                a = chunkSumI64(X, xo, k * SCAN_CHUNK, (int) Math.min((k + 1L) * SCAN_CHUNK, n));
                VarHandle.acquireFence();
                sk = (int) STATUS.getAcquire(S, so + 1 + k);
                if (sk == 0) {   // the same bits as the owner's sum: later chunks need not sum it again
                    P[po + 2 * k] = a;
                    STATUS.compareAndSet(S, so + 1 + k, 0, 1);
                }
            }
            if (sk == 2) carry = P[po + 2 * k + 1];
            else carry = carry + (sk == 1 ? P[po + 2 * k] : a);
        }
        return carry;
    }
    public static long chunkSumI64(long[] X, int xo, int from, int to) {
        long r = 0;
        for (int i = from + xo, e = to + xo; i < e; i++) r += X[i];
        return r;
    }
}
