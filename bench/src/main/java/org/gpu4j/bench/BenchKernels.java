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
            """;

    static final String CU = """
            extern "C" __global__ void bench_add(const float* x, const float* y, float* z, int n) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) z[i] = x[i] + y[i];
            }
            extern "C" __global__ void bench_empty(int n) {
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
