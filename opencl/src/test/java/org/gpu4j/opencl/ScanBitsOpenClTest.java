package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.DoubleArray;
import org.gpu4j.FloatArray;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.gpu4j.vector.VectorKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The single-pass scan gives the same bits on PoCL (CPU shape) as on the Java CPU backend for real-valued floats and
 * doubles: both add in fixed chunks of {@link VectorKernels#SCAN_CHUNK}, the same lanes and tree per chunk sum, the
 * same carry chain and the same blocks of 8, so the result depends on n only, not on the device, its core count or
 * the schedule. Skipped when no OpenCL platform is present, unless GPU4J_REQUIRE names opencl.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanBitsOpenClTest {
    private Accelerator ocl, cpu;

    @BeforeAll void open() {
        ocl = Require.open("opencl");
        cpu = Require.open("cpu");
        LaunchPlan plan = CoreAccess.get().plan(ocl);
        if (plan.gpu()) throw new IllegalStateException("this test needs the CPU-shaped plan of PoCL, got " + plan);
    }

    @AfterAll void close() {
        if (ocl != null) ocl.close();
        if (cpu != null) cpu.close();
    }

    @Test void floatAndDoubleScansAgreeBitForBit() {
        int c = VectorKernels.SCAN_CHUNK;
        for (int n : new int[] {1, 15, 17, 257, c - 3, c, c + 9, 5 * c + 13, 1_000_003}) {
            Seed seed = Require.seed();
            Random r = seed.random(n);
            String at = " (n = " + n + ", " + seed + ")";
            float[] x = new float[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) { x[i] = (float) (r.nextGaussian() * 1e3); d[i] = r.nextGaussian() * 1e3; }
            for (boolean inclusive : new boolean[] {true, false}) {
                String what = (inclusive ? "inclusive" : "exclusive") + at;
                assertSameBits("float " + what, scan(cpu, x, inclusive), scan(ocl, x, inclusive));
                assertSameBits("double " + what, scan(cpu, d, inclusive), scan(ocl, d, inclusive));
            }
        }
    }

    private static float[] scan(Accelerator acc, float[] x, boolean inclusive) {
        try (FloatArray a = acc.upload(x)) {
            if (inclusive) acc.vectors().inclusiveScan(a, a); else acc.vectors().exclusiveScan(a, a);
            return a.toArray();
        }
    }

    private static double[] scan(Accelerator acc, double[] x, boolean inclusive) {
        try (DoubleArray a = acc.upload(x)) {
            if (inclusive) acc.vectors().inclusiveScan(a, a); else acc.vectors().exclusiveScan(a, a);
            return a.toArray();
        }
    }

    private static void assertSameBits(String what, float[] e, float[] a) {
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                fail(what + ": element " + i + ": Java CPU backend " + e[i] + ", PoCL " + a[i]);
            }
        }
    }

    private static void assertSameBits(String what, double[] e, double[] a) {
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                fail(what + ": element " + i + ": Java CPU backend " + e[i] + ", PoCL " + a[i]);
            }
        }
    }
}
