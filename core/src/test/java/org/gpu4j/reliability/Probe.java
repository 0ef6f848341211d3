package org.gpu4j.reliability;

import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.Range;

/**
 * A small kernel, in OpenCL C, CUDA C and Java, that every reliability test uses to check that an accelerator still
 * computes correctly after something went wrong: {@code y[i] = 2 * x[i] + 1} for floats, and an int twin.
 */
final class Probe {
    static final String OPENCL = """
            __kernel void twice_plus_one(__global const float* x, __global float* y, int n) {
                int i = get_global_id(0);
                if (i < n) y[i] = 2.0f * x[i] + 1.0f;
            }
            __kernel void inc_int(__global int* v, int n) {
                int i = get_global_id(0);
                if (i < n) v[i] = v[i] + 1;
            }
            __kernel void fail_on(__global int* v, int n, int bad) {
                int i = get_global_id(0);
                if (i < n) v[i] = i;
            }
            """;
    static final String CUDA = """
            extern "C" __global__ void twice_plus_one(const float* x, float* y, int n) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) y[i] = 2.0f * x[i] + 1.0f;
            }
            extern "C" __global__ void inc_int(int* v, int n) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) v[i] = v[i] + 1;
            }
            extern "C" __global__ void fail_on(int* v, int n, int bad) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) v[i] = i;
            }
            """;

    static final KernelSource SOURCE = KernelSource.named("reliability_probe")
            .withOpenCL(OPENCL)
            .withCuda(CUDA)
            .withJava("twice_plus_one", (id, a) -> {
                int i = (int) id.x();
                if (i < a.intValue(2)) {
                    a.floats(1)[a.offset(1) + i] = 2.0f * a.floats(0)[a.offset(0) + i] + 1.0f;
                }
            })
            .withJava("inc_int", (id, a) -> {
                int i = (int) id.x();
                if (i < a.intValue(1)) a.ints(0)[a.offset(0) + i]++;
            })
            .withJava("fail_on", (id, a) -> {
                int i = (int) id.x();
                // The Java twin can fail for real: index `bad` throws, like a device fault would.
                if (i == a.intValue(2)) throw new ArrayIndexOutOfBoundsException("work-item " + i + " indexes past the end");
                if (i < a.intValue(1)) a.ints(0)[a.offset(0) + i] = i;
            });

    private Probe() {}

    static Kernel kernel(Accelerator acc, String name) {
        return org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "reliability_probe", () -> SOURCE, "").kernel(name);
    }

    /** Runs y = 2x + 1 on {@code n} fresh values and checks every element; throws AssertionError if wrong. */
    static void checkWorks(Accelerator acc, int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) xs[i] = r.nextInt(1 << 20) - (1 << 19); // integers: 2x+1 is exact in float
        try (FloatArray x = acc.upload(xs); FloatArray y = acc.allocFloats(n)) {
            kernel(acc, "twice_plus_one").launch(Range.of(n), x, y, n);
            float[] ys = y.toArray();
            for (int i = 0; i < n; i++) {
                if (ys[i] != 2 * xs[i] + 1) {
                    throw new AssertionError("accelerator " + acc.device().id() + " computed y[" + i + "] = " + ys[i]
                            + ", expected " + (2 * xs[i] + 1) + " (seed " + seed + ")");
                }
            }
        }
    }

    /** Increments an int array in place {@code times} times and checks the result. */
    static void checkIncrements(Accelerator acc, IntArray v, int times) {
        int n = (int) v.length();
        int[] before = v.toArray();
        Kernel k = kernel(acc, "inc_int");
        for (int t = 0; t < times; t++) k.launch(Range.of(n), v, n);
        int[] after = v.toArray();
        for (int i = 0; i < n; i++) {
            if (after[i] != before[i] + times) {
                throw new AssertionError("inc_int: v[" + i + "] = " + after[i] + ", expected " + (before[i] + times));
            }
        }
    }
}
