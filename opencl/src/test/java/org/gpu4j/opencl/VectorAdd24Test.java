package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.Event;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.junit.jupiter.api.Test;

/** A 2^24-element float vector add through a user kernel on the device that selector {@code opencl} picks. */
class VectorAdd24Test {
    @Test void vectorAdd2to24() {
        OpenClTests.probe();
        int n = 1 << 24;
        long seed = System.nanoTime();
        Random r = new Random(seed);
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) { a[i] = r.nextFloat() * 2 - 1; b[i] = r.nextFloat() * 1000; }
        // the same selection as GPU4J_DEVICE=opencl
        try (Accelerator acc = Gpu4j.open("opencl");
             Program p = acc.program(KernelSource.opencl("vadd", OpenClBackendTest.ADD));
             FloatArray x = acc.upload(a); FloatArray y = acc.upload(b); FloatArray z = acc.allocFloats(n)) {
            Event best = null;
            for (int rep = 0; rep < 5; rep++) {
                Event e = p.kernel("add").launch(Range.of(n), x, y, z, n);
                if (best == null || e.kernelNanos() < best.kernelNanos()) best = e;
            }
            float[] got = z.toArray();
            for (int i = 0; i < n; i++) {
                // one IEEE float add per element, exactly rounded on device and host alike
                if (got[i] != a[i] + b[i]) fail("i=" + i + " got " + got[i] + " expected " + (a[i] + b[i]) + " seed=" + seed);
            }
            double ms = best.kernelNanos() / 1e6;
            double gbs = 3.0 * n * Float.BYTES / (best.kernelNanos() / 1e9) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "vector add 2^24 on %s %s: kernel %.3f ms (best of 5), %.1f GB/s%n",
                    acc.device().id(), acc.device().name(), ms, gbs);
        }
    }
}
