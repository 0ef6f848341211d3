package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.matrix.MatrixKernels;
import org.gpu4j.matrix.MatrixOpsContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The matrix contract on the OpenCL backend (PoCL here): CPU devices run matmul.cl's CPU-shaped GEMM (packed panels,
 * float16 register blocks), GPUs the tiled one; both against the host oracle. Skips with the reason when OpenCL is
 * absent, fails instead under GPU4J_REQUIRE=opencl.
 */
class MatricesOpenClTest extends MatrixOpsContract {
    @Override protected Accelerator open() { return OpenClTests.open(); }

    /** matmul and transpose built without -DGPU4J_CPU (the GPU-shaped kernels below; PoCL's ops build with it). */
    @Override protected int extraPrograms() { return 2; }

    /**
     * The GPU-shaped tiled kernel (what NVIDIA/AMD GPUs run), launched directly with its 16x16 geometry so a CPU
     * OpenCL device checks it too: every transpose combination at shapes that are not multiples of the 64x64 tile.
     */
    @ParameterizedTest(name = "tA={0} tB={1} rowGroups={2}")
    @CsvSource({"false,false,0", "false,true,0", "true,false,0", "true,true,0", "false,false,1", "true,true,2"})
    void tiledGpuKernelAllOpCombinations(boolean tA, boolean tB, int rowGroups) {
        long seed = ThreadLocalRandom.current().nextLong();
        Random r = new Random(seed);
        // rowGroups > 0: fewer groups on y than row tiles, so the kernel's grid-stride loop over row tiles (what CUDA
        // needs beyond 65,535 row tiles) covers the rest
        int m = rowGroups > 0 ? 300 : 70, n = 131, k = 37;
        long gy = rowGroups > 0 ? rowGroups * 16L : (m + 63) / 64 * 16L;
        float[] a = new float[m * k], b = new float[k * n], c0 = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() * 2 - 1;
        for (int i = 0; i < c0.length; i++) c0[i] = r.nextFloat() * 2 - 1;
        // stored layouts: A is m x k, or k x m when transposed; B is k x n, or n x k
        float[] as = tA ? t(a, m, k) : a, bs = tB ? t(b, k, n) : b;
        Program p = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "org.gpu4j.matrix.matmul", MatrixKernels::matmul, "");
        try (FloatArray A = acc.upload(as); FloatArray B = acc.upload(bs); FloatArray C = acc.upload(c0)) {
            p.kernel("gemm_f32").launch(Range.of((n + 63) / 64 * 16L, gy).local(16, 16),
                    A, B, C, m, n, k, tA ? 1 : 0, tB ? 1 : 0, 1.25f, -0.5f);
            float[] got = C.toArray();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0, g = 0;
                    for (int q = 0; q < k; q++) {
                        double prod = (double) a[i * k + q] * b[q * n + j];
                        s += prod;
                        g += Math.abs(prod);
                    }
                    double ref = 1.25 * s - 0.5 * c0[i * n + j];
                    // float GEMM: (k+3)·ε·(|α|Σ|a||b| + |β c|)
                    double tol = (k + 3) * 0x1p-24 * (1.25 * g + 0.5 * Math.abs(c0[i * n + j]));
                    assertEquals(ref, got[i * n + j], tol, "seed=" + seed + " C[" + i + "][" + j + "]");
                }
            }
        }
    }

    /**
     * The GPU-shaped transpose (32x8 work-groups, a 32x33 local tile), which PoCL's own launches no longer use (they
     * run the CPU-shaped variant): built without -DGPU4J_CPU and launched with its geometry, exact at shapes that
     * are not multiples of the tile.
     */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1,1", "1,37", "33,65", "70,131", "64,32"})
    void tiledGpuTranspose(int rows, int cols) {
        long seed = ThreadLocalRandom.current().nextLong();
        Random r = new Random(seed);
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
        Program p = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "org.gpu4j.matrix.transpose", MatrixKernels::transpose, "");
        try (FloatArray A = acc.upload(a); FloatArray T = acc.allocFloats(a.length)) {
            p.kernel("transpose_f32").launch(Range.of((cols + 31) / 32 * 32L, (rows + 31) / 32 * 8L).local(32, 8),
                    A, T, rows, cols);
            org.junit.jupiter.api.Assertions.assertArrayEquals(t(a, rows, cols), T.toArray(), "seed=" + seed);
        }
    }

    private static float[] t(float[] x, int rows, int cols) {
        float[] o = new float[x.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) o[j * rows + i] = x[i * cols + j];
        return o;
    }

    /**
     * transpose.cl launched with fewer groups on y than row tiles (1 and 3 for 7 to 40 row tiles): the grid-stride
     * loop over row tiles moves every element exactly (the launch LaunchPlan.rowBlocks gives beyond 65,535 tiles).
     */
    @ParameterizedTest(name = "{0}x{1} rowGroups={2}")
    @CsvSource({"200,70,1", "1283,33,3", "64,1,1", "97,257,2"})
    void transposeLoopsOverRowTiles(int rows, int cols, int rowGroups) {
        Random r = new Random(rows * 31L + cols);
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        Program p = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "org.gpu4j.matrix.transpose", MatrixKernels::transpose, "");
        try (FloatArray A = acc.upload(a); FloatArray out = acc.allocFloats(a.length)) {
            p.kernel("transpose_f32").launch(Range.of((cols + 31) / 32 * 32L, rowGroups * 8L).local(32, 8), A, out, rows, cols);
            float[] got = out.toArray();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    if (got[j * rows + i] != a[i * cols + j]) assertEquals(a[i * cols + j], got[j * rows + i], "out[" + j + "][" + i + "]");
                }
            }
        }
    }
}
