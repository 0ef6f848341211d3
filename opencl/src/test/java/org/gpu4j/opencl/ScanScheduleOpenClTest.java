package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.Program;
import org.gpu4j.Range;
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
 * The single-pass scan's float bits depend on n alone, not on how many work-items share the chunks or which of them
 * takes which: {@code scan_chunked_f32} launched directly with 1, 2, 3 and 8 work-items gives, on PoCL (CPU shape)
 * and on the Java CPU backend, the same bits as that backend's {@code vectors().inclusiveScan} / {@code exclusiveScan}
 * of real-valued data. (The two backends differ from each other in the last bits: PoCL scans each block of 8 in
 * registers, Java as a chain; both are within the bound that {@code VectorOpsContract} checks.) Skipped when no
 * OpenCL platform is present, unless GPU4J_REQUIRE names opencl.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanScheduleOpenClTest {
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

    @Test void floatScanBitsDoNotDependOnTheSchedule() {
        int c = VectorKernels.SCAN_CHUNK;
        for (Accelerator acc : new Accelerator[] {ocl, cpu}) {
            boolean java = CoreAccess.get().plan(acc).javaTwins();
            try (Program p = acc.program(VectorKernels.scan(), java ? "" : LaunchPlan.CPU_DEFINE)) {
                for (int n : new int[] {1, 17, c + 9, 9 * c + 13}) {
                    Seed seed = Require.seed();
                    Random r = seed.random(n);
                    float[] x = new float[n];
                    for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() * 1e3);
                    long m = (n + c - 1) / c;
                    for (boolean inclusive : new boolean[] {true, false}) {
                        String what = acc.device().id() + (inclusive ? " inclusive" : " exclusive") + " (n = " + n + ", " + seed + ")";
                        float[] expected;
                        try (FloatArray a = acc.upload(x)) {
                            if (inclusive) acc.vectors().inclusiveScan(a, a); else acc.vectors().exclusiveScan(a, a);
                            expected = a.toArray();
                        }
                        for (long g : new long[] {1, 2, 3, 8}) {
                            try (FloatArray a = acc.upload(x); FloatArray out = acc.allocFloats(n);
                                 FloatArray pre = acc.allocFloats(2 * m); IntArray state = acc.allocInts(m + 1)) {
                                Range range = java ? Range.of(g * m) : Range.of(g).local(1L);   // Java items take at most 8 chunks each
                                p.kernel("scan_chunked_f32").launch(range, a, out, pre, state, (long) n, inclusive ? 1 : 0);
                                assertSameBits(what + ", " + g + " work-items", expected, out.toArray());
                            }
                        }
                    }
                }
            }
        }
    }

    private static void assertSameBits(String what, float[] e, float[] a) {
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                fail(what + ": element " + i + ": expected " + e[i] + " but was " + a[i]);
            }
        }
    }
}
