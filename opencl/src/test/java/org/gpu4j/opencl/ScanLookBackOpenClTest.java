package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.Dialect;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.gpu4j.vector.VectorKernels;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL {@code scan_carry_f32} of scan.cl on PoCL: the fold of the chunks before c is the same bits whatever
 * they have published (prefix, sum, or nothing: then it sums the chunk itself after SCAN_SPIN polls), and equal to
 * the Java twin's. Unpublished entries hold NaN. Skipped when no OpenCL platform is present, unless GPU4J_REQUIRE
 * names opencl.
 */
class ScanLookBackOpenClTest {
    private static final int C = VectorKernels.SCAN_CHUNK, CHUNKS = 7;

    @Test void carryIsTheFoldForEveryPublishedState() {
        Seed seed = Require.seed();
        Random r = seed.random();
        int n = CHUNKS * C - 77;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() * 100);
        float[] agg = new float[CHUNKS], inc = new float[CHUNKS];
        float fold = 0;
        for (int k = 0; k < CHUNKS; k++) {
            agg[k] = VectorKernels.chunkSumF32(x, 0, k * C, Math.min((k + 1) * C, n));
            fold = fold + agg[k];
            inc[k] = fold;
        }
        String text = VectorKernels.scan().text(Dialect.OPENCL)
                + "\n__kernel void carry_probe(__global const float* X, __global float* PREFIX, __global int* STATE, long c, long n,"
                + " __global float* OUT) {\n"
                + "    OUT[0] = scan_carry_f32(X, (volatile __global float*)PREFIX, (volatile __global int*)(STATE + 1), c, n);\n}\n";
        try (Accelerator acc = Require.open("opencl");
             Program p = acc.program(KernelSource.opencl("scan_probe", text), "-DGPU4J_CPU");
             FloatArray dx = acc.upload(x); FloatArray out = acc.allocFloats(1)) {
            for (int trial = 0; trial < 40; trial++) {
                int c = 1 + r.nextInt(CHUNKS - 1);
                int[] s = new int[1 + CHUNKS];
                float[] pre = new float[2 * CHUNKS];
                java.util.Arrays.fill(pre, Float.NaN);
                StringBuilder pattern = new StringBuilder();
                for (int k = 0; k < c; k++) {
                    int st = trial == 0 ? 0 : r.nextInt(3);   // trial 0: nothing published at all
                    s[1 + k] = st;
                    if (st >= 1) pre[2 * k] = agg[k];
                    if (st == 2) pre[2 * k + 1] = inc[k];
                    pattern.append(st);
                }
                try (FloatArray dp = acc.upload(pre); IntArray ds = acc.upload(s)) {
                    p.kernel("carry_probe").launch(Range.of(1), dx, dp, ds, (long) c, (long) n, out);
                    float got = out.toArray()[0];
                    assertEquals(Float.floatToRawIntBits(inc[c - 1]), Float.floatToRawIntBits(got),
                            "carry of chunk " + c + " with statuses " + pattern + ": expected " + inc[c - 1] + " but was " + got
                                    + " [" + seed + "]");
                    assertEquals(Float.floatToRawIntBits(VectorKernels.scanCarryF32(x, 0, pre, 0, s, 0, c, n)),
                            Float.floatToRawIntBits(got), "the Java twin's carry [" + seed + "]");
                }
            }
        }
    }
}
