package org.gpu4j.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpu4j.Accelerator;
import org.gpu4j.IntArray;
import org.gpu4j.LaunchException;
import org.gpu4j.Range;
import org.junit.jupiter.api.Test;

/** The reliability contract on the Java CPU backend, plus the faults only Java kernels can raise. */
class CpuReliabilityTest extends ReliabilityContract {
    @Override protected String selector() { return "cpu"; }

    @Test void javaKernelThatThrowsSurfacesAsLaunchExceptionAndAcceleratorStaysUsable() {
        try (Accelerator acc = open(); IntArray v = acc.allocInts(5000)) {
            LaunchException e = assertThrows(LaunchException.class, () -> {
                Probe.kernel(acc, "fail_on").launch(Range.of(5000), v, 5000, 4321);
                acc.finish(); // the fault surfaces at the latest here
            });
            assertTrue(e.getMessage().contains("fail_on") && e.getMessage().contains("4321"), e.getMessage());
            // After the fault, the same accelerator and kernel still work.
            Probe.kernel(acc, "fail_on").launch(Range.of(5000), v, 5000, -1);
            int[] expect = new int[5000];
            for (int i = 0; i < expect.length; i++) expect[i] = i;
            assertArrayEquals(expect, v.toArray());
            Probe.checkWorks(acc, 777, 3);
        }
    }

    @Test void javaKernelIndexingPastTheEndSurfacesAsLaunchException() {
        try (Accelerator acc = open(); IntArray v = acc.allocInts(10)) {
            // A launch larger than the array, with n lying about the length: the Java twin indexes past the end.
            LaunchException e = assertThrows(LaunchException.class,
                    () -> Probe.kernel(acc, "inc_int").launch(Range.of(11), v, 11));
            assertTrue(e.getCause() instanceof ArrayIndexOutOfBoundsException, String.valueOf(e.getCause()));
            Probe.checkWorks(acc, 10, 4);
        }
    }
}
