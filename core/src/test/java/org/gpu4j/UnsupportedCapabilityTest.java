package org.gpu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpu4j.cpu.CpuProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A device without double precision: vectors and matrices both refuse doubles with the one capability exception. */
class UnsupportedCapabilityTest {
    /** The Java CPU backend, described as a device that lacks fp64. */
    private static Accelerator withoutFp64() {
        Device real = CpuProvider.device();
        Device d = Device.builder(CpuProvider.INFO, 0, "Java CPU without fp64", DeviceType.CPU)
                .computeUnits(real.computeUnits()).globalMemory(real.globalMemory()).maxAllocation(real.maxAllocation())
                .maxWorkGroupSize(real.maxWorkGroupSize()).fp64(false).build();
        return new Accelerator(new CpuProvider().open(d));
    }

    @Test void vectorsAndMatricesThrowTheSameTypeForMissingFp64() {
        try (Accelerator acc = withoutFp64();
             DoubleArray x = acc.upload(new double[] {1, 2});
             DoubleArray y = acc.upload(new double[] {3, 4});
             DoubleMatrix a = DoubleMatrix.of(acc, new double[][] {{1, 2}, {3, 4}});
             FloatArray fx = acc.upload(new float[] {1, 2});
             FloatArray fy = acc.upload(new float[] {3, 4})) {
            assertFalse(acc.device().supports(Capability.FP64));
            expectFp64(acc, () -> acc.vectors().axpy(2.0, x, y), "axpy");
            expectFp64(acc, () -> acc.vectors().sum(x), "sum");
            expectFp64(acc, () -> acc.matrices().multiply(a, a).close(), "");
            acc.vectors().axpy(2f, fx, fy); // floats still run
            assertArrayEquals(new float[] {5, 8}, fy.toArray());
        }
    }

    private static void expectFp64(Accelerator acc, Executable op, String what) {
        UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, op);
        assertEquals(Capability.FP64, e.capability());
        assertEquals("cpu:0", e.device());
        assertTrue(e.getMessage().contains(what) && e.getMessage().contains("double precision"), e::getMessage);
        assertFalse(e.isNative(), "a missing capability is no native failure");
        assertEquals("", e.routine());
        assertEquals(0, e.status());
    }

    @Test void nativeFactsAreFieldsAndEmptyOtherwise() {
        Gpu4jException plain = new Gpu4jException("x");
        assertEquals("", plain.routine());
        assertEquals(0, plain.status());
        assertEquals("", plain.statusName());
        assertFalse(plain.isNative());
        LaunchException l = new LaunchException("clFinish failed: CL_OUT_OF_RESOURCES (-5)", "clFinish", -5, "CL_OUT_OF_RESOURCES");
        assertTrue(l.isNative());
        assertEquals("clFinish", l.routine());
        assertEquals(-5, l.status());
        assertEquals("CL_OUT_OF_RESOURCES", l.statusName());
    }
}
