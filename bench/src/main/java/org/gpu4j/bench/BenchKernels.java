package org.gpu4j.bench;

import org.gpu4j.KernelSource;

/**
 * The benchmark's own user kernels, written on the public API exactly as an application would: one
 * {@link KernelSource} with OpenCL C, CUDA C and Java twins.
 *
 * <p>Design: the OpenCL/CUDA kernels take one element per work-item (what a user writes first). The Java twins treat
 * each work-item as a contiguous chunk of {@link #CHUNK} elements so their inner loop is a plain C2-vectorisable loop;
 * launch them with {@code Range.of(chunks(n))}.
 */
final class BenchKernels {
    /** Elements per work-item of the Java twins. */
    static final int CHUNK = 1 << 16;

    private BenchKernels() {}

    static long chunks(long n) { return (n + CHUNK - 1) / CHUNK; }

    static final String CL = """
            __kernel void bench_add(__global const float* x, __global const float* y, __global float* z, int n) {
                int i = get_global_id(0);
                if (i < n) z[i] = x[i] + y[i];
            }
            __kernel void bench_empty(int n) {
            }
            /* FMA peak: 8 independent chains per work-item (Op.FMA_CHAINS), each a float8 stepped 1024 / 8 times, so
               8 * 1024 FMAs per work-item (Op.FMA_ITERS) as in the CUDA kernel. float8 because a CPU device's
               vectoriser does not vectorise across work-items around an inner loop: with scalar chains PoCL issued
               scalar FMAs (23 GFLOP/s on 2 AVX2 cores, below its own sgemm; these float8 chains 151-194). 16 float8 or
               8 float16 chains, more FMAs in flight, spilled AVX2's 16 registers and ran 108. The sum is written so
               nothing is dead code, and m, c come from the host so nothing folds. */
            __kernel void bench_fma(__global float* out, float m, float c) {
                const size_t i = get_global_id(0);
                const float8 mv = (float8)(m), cv = (float8)(c);
                float8 x0 = (float8)((float) i) + (float8)(0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f);
                float8 x1 = x0 + 8.0f, x2 = x0 + 16.0f, x3 = x0 + 24.0f, x4 = x0 + 32.0f, x5 = x0 + 40.0f, x6 = x0 + 48.0f,
                       x7 = x0 + 56.0f;
                for (int k = 0; k < 1024 / 8; k++) {
                    x0 = fma(x0, mv, cv); x1 = fma(x1, mv, cv); x2 = fma(x2, mv, cv); x3 = fma(x3, mv, cv);
                    x4 = fma(x4, mv, cv); x5 = fma(x5, mv, cv); x6 = fma(x6, mv, cv); x7 = fma(x7, mv, cv);
                }
                const float8 s = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
                out[i] = s.s0 + s.s1 + s.s2 + s.s3 + s.s4 + s.s5 + s.s6 + s.s7;
            }
            """;

    static final String CU = """
            extern "C" __global__ void bench_add(const float* x, const float* y, float* z, int n) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) z[i] = x[i] + y[i];
            }
            extern "C" __global__ void bench_empty(int n) {
            }
            extern "C" __global__ void bench_fma(float* out, float m, float c) {
                const unsigned long long i = (unsigned long long) blockIdx.x * blockDim.x + threadIdx.x;
                float x0 = (float) i, x1 = x0 + 1, x2 = x0 + 2, x3 = x0 + 3, x4 = x0 + 4, x5 = x0 + 5, x6 = x0 + 6, x7 = x0 + 7;
                for (int k = 0; k < 1024; k++) {
                    x0 = fmaf(x0, m, c); x1 = fmaf(x1, m, c); x2 = fmaf(x2, m, c); x3 = fmaf(x3, m, c);
                    x4 = fmaf(x4, m, c); x5 = fmaf(x5, m, c); x6 = fmaf(x6, m, c); x7 = fmaf(x7, m, c);
                }
                out[i] = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
            }
            """;

    static KernelSource source() {
        return KernelSource.named("gpu4j_bench").withOpenCL(CL).withCuda(CU)
                .withJava("bench_add", (id, a) -> {
                    int n = a.intValue(3);
                    int from = (int) (id.x() * CHUNK);
                    int to = Math.min(n, from + CHUNK);
                    float[] x = a.floats(0), y = a.floats(1), z = a.floats(2);
                    int ox = a.offset(0), oy = a.offset(1), oz = a.offset(2);
                    if (ox == 0 && oy == 0 && oz == 0) {
                        for (int i = from; i < to; i++) z[i] = x[i] + y[i];
                    } else {
                        for (int i = from; i < to; i++) z[oz + i] = x[ox + i] + y[oy + i];
                    }
                })
                .withJava("bench_empty", (id, a) -> { });
    }
}
