package org.gpu4j.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.FloatMatrix;
import org.gpu4j.Gpu4j;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.junit.jupiter.api.Test;

/** The matrix contract on the Java CPU backend (the oracle backend, always present). */
class CpuMatricesTest extends MatrixOpsContract {
    @Override protected Accelerator open() { return Gpu4j.open("cpu"); }

    /**
     * The Java twins of matmul.cl's CPU-shaped path (pack A, pack B, 14x32 packed blocks), launched with the same
     * geometry Matrices uses on OpenCL CPU devices, agree with the oracle: the three dialects share one layout.
     */
    @Test void packedPathTwinsMatchOracle() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        int m = 19, n = 37, k = 11;
        float[] a = Seeds.floats(r, k * m), b = Seeds.floats(r, n * k), c0 = Seeds.floats(r, m * n);
        Program p = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "org.gpu4j.matrix.matmul", MatrixKernels::matmul, "");
        int mr = MatrixKernels.MR, w = MatrixKernels.W_F32;
        int mp = (m + mr - 1) / mr, np = (n + w - 1) / w;
        try (FloatArray A = acc.upload(a); FloatArray B = acc.upload(b); FloatArray C = acc.upload(c0);
             FloatArray ap = acc.allocFloats((long) mp * mr * k); FloatArray bp = acc.allocFloats((long) np * w * k)) {
            p.kernel("gemm_pack_a_f32").launch(Range.of(k, mp), A, ap, m, k, 1);        // A stored k x m: op = A^T
            p.kernel("gemm_pack_b_f32").launch(Range.of(k, np), B, bp, k, n, 1, w);      // B stored n x k: op = B^T
            p.kernel("gemm_packed_f32").launch(Range.of(np, mp), ap, bp, C, m, n, k, 2f, -1f);
            float[] got = C.toArray();
            double[][] ref = Oracle.sgemm(2f, Oracle.opf(a, k, m, true), Oracle.opf(b, n, k, true), -1f, c0, m, n, k);
            for (int i = 0; i < got.length; i++) {
                // float GEMM bound: (k+3)·ε·(|α|Σ|a||b| + |β c|)
                assertEquals(ref[0][i], got[i], (k + 3) * 0x1p-24 * ref[1][i] + Float.MIN_NORMAL, "seed=" + seed + " at " + i);
            }
        }
    }

    @Test void matricesOfAnotherAcceleratorAreRejected() {
        try (Accelerator other = Gpu4j.open("cpu"); FloatMatrix a = other.allocFloatMatrix(2, 2);
             FloatMatrix b = acc.allocFloatMatrix(2, 2)) {
            String msg = assertThrows(IllegalArgumentException.class, () -> acc.matrices().multiply(a, b)).getMessage();
            assertTrue(msg.startsWith("a:"), msg);
        }
    }
}
