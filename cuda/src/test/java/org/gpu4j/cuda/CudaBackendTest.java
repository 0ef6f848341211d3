package org.gpu4j.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.DoubleArray;
import org.gpu4j.Event;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.Kernel;
import org.gpu4j.KernelCompileException;
import org.gpu4j.KernelSource;
import org.gpu4j.LongArray;
import org.gpu4j.Range;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CUDA backend on a real device, through the public API, checked against Java. Skips with the probe's reason
 * where there is no CUDA device; fails instead under GPU4J_REQUIRE=cuda. (The core contract suite runs too, in
 * CudaContractTest, once core's AcceleratorContract exists.)
 */
class CudaBackendTest {
    static Accelerator acc;

    @BeforeAll static void open() {
        Probe p = Gpu4j.probes().stream().filter(x -> x.backend().equals("cuda")).findFirst().orElseThrow();
        if (!p.isAvailable()) org.gpu4j.testing.Require.backend("cuda");
        acc = Gpu4j.open("cuda");
        System.out.println("[CudaBackendTest] " + acc.device() + " " + acc.device().properties());
    }

    @AfterAll static void close() { if (acc != null) acc.close(); }

    @Test void vectorAddFromShippedPtxMatchesJava() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        Kernel add = acc.program(KernelSource.resource("vector_add")).kernel("vector_add");
        assertEquals(4, add.params().size(), "params from the .cu declaration");
        for (int n : new int[] {1, 2, 255, 257, 1_000_003}) {
            float[] a = new float[n], b = new float[n];
            for (int i = 0; i < n; i++) { a[i] = r.nextFloat() * 100 - 50; b[i] = r.nextFloat() * 100 - 50; }
            try (FloatArray x = acc.upload(a); FloatArray y = acc.upload(b); FloatArray z = acc.allocFloats(n)) {
                Event e = add.launch(Range.of(n), x, y, z, n);
                float[] got = z.toArray();
                // a + b in float is exact IEEE on both sides: no tolerance
                for (int i = 0; i < n; i++) {
                    if (got[i] != a[i] + b[i]) throw new AssertionError("seed " + seed + " n " + n + " i " + i + ": " + got[i] + " != " + (a[i] + b[i]));
                }
                assertTrue(e.kernelNanos() >= 0, "kernel time " + e.kernelNanos());
            }
        }
    }

    @Test void largeTransfersSlicesAndEightByteFills() {
        int n = 3 * CudaAccelerator.STAGING_HALF / 8 + 17; // several staging chunks
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = i * 0.5 - 7;
        try (DoubleArray x = acc.upload(d)) {
            assertArrayEquals(d, x.toArray());
            x.slice(5, 1000).fill(-1.25); // low and high words differ
            double[] back = x.toArray();
            for (int i = 0; i < n; i++) assertEquals(i >= 5 && i < 1005 ? -1.25 : d[i], back[i], "i " + i);
        }
        try (LongArray l = acc.allocLongs(33)) {
            l.fill(0x1234_5678_9abc_def0L);
            for (long v : l.toArray()) assertEquals(0x1234_5678_9abc_def0L, v);
            l.fill(-1L);
            for (long v : l.toArray()) assertEquals(-1L, v);
        }
    }

    @Test void runTimeCompileErrorNamesTheLine() {
        KernelSource bad = KernelSource.cuda("bad", "extern \"C\" __global__ void bad(int* p)\n{\n  p[0] = q;\n}\n");
        KernelCompileException e = assertThrows(KernelCompileException.class, () -> acc.program(bad));
        // line 3 where a compiler ran; on a host with neither NVRTC nor nvcc, the list of what was tried
        assertTrue(e.line() == 3 || e.buildLog().contains("nvcc: not found"), e.getMessage());
    }
}
