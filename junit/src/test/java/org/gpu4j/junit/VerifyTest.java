package org.gpu4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.junit.jupiter.api.Test;

class VerifyTest {
    @Test void reportsTheCountAndTheFirstMismatchesWithBothValues() {
        float[] e = new float[100];
        float[] a = new float[100];
        for (int i = 0; i < 100; i++) e[i] = a[i] = i;
        a[7] = Math.nextUp(Math.nextUp(Math.nextUp(7f)));   // 3 ulps
        a[50] = 51f;
        AssertionError err = assertThrows(AssertionError.class, () -> Verify.arrays(e, a, Tolerance.ulps(2)));
        assertTrue(err.getMessage().startsWith("2 of 100 elements differ (tolerance 2 ulps): [7] expected 7.0 but was 7.000001"),
                err.getMessage());
        assertTrue(err.getMessage().contains("(3 ulps); [50] expected 50.0 but was 51.0"), err.getMessage());
        Verify.arrays(e, a, Tolerance.relative(0.03));          // 1/50 = 0.02 relative
    }

    @Test void listsAtMostTenAndSaysThereAreMore() {
        int[] e = new int[30];
        int[] a = new int[30];
        for (int i = 0; i < 30; i++) a[i] = 1;
        AssertionError err = assertThrows(AssertionError.class, () -> Verify.arrays(e, a, Tolerance.ulps(5)));
        assertTrue(err.getMessage().startsWith("30 of 30 elements differ (tolerance exact): [0] expected 0 but was 1"), err.getMessage());
        assertTrue(err.getMessage().endsWith("[9] expected 0 but was 1; ..."), err.getMessage());
    }

    @Test void specialValues() {
        Verify.arrays(new double[] {Double.NaN, 0.0, Double.POSITIVE_INFINITY}, new double[] {Double.NaN, -0.0, Double.POSITIVE_INFINITY},
                Tolerance.ulps(0));
        assertThrows(AssertionError.class, () -> Verify.arrays(new double[] {0.0}, new double[] {-0.0}, Tolerance.exact()));
        assertThrows(AssertionError.class, () -> Verify.arrays(new float[] {Float.MAX_VALUE}, new float[] {Float.POSITIVE_INFINITY},
                Tolerance.relative(1)));
        assertThrows(AssertionError.class, () -> Verify.arrays(new float[] {1}, new float[] {Float.NaN}, Tolerance.relative(1)));
        assertEquals(Long.MAX_VALUE, Tolerance.ulpDistance(-Double.MAX_VALUE, Double.MAX_VALUE));
        assertEquals(2, Tolerance.ulpDistance(-Float.MIN_VALUE, Float.MIN_VALUE));
    }

    @Test void lengthAndTypeMismatches() {
        AssertionError len = assertThrows(AssertionError.class, () -> Verify.arrays(new long[2], new long[3], Tolerance.exact()));
        assertEquals("expected 2 elements but got 3", len.getMessage());
        AssertionError type = assertThrows(AssertionError.class, () -> Verify.arrays(new long[2], new int[2], Tolerance.exact()));
        assertEquals("expected a long[] but got a int[]", type.getMessage());
    }

    @Test void comparesADeviceWithTheCpuBackend() {
        try (Accelerator acc = Gpu4j.open("cpu")) {
            Verify.matchesCpu(acc, a -> {
                try (IntArray x = a.upload(new int[] {1, 2, 3})) {
                    return x.toArray();
                }
            }, Tolerance.exact());
            AssertionError err = assertThrows(AssertionError.class, () -> Verify.matchesCpu(acc,
                    a -> a == acc ? new int[] {1, 5} : new int[] {1, 2}, Tolerance.exact()));
            assertEquals("cpu:0 vs the Java CPU backend: 1 of 2 elements differ (tolerance exact): [1] expected 2 but was 5",
                    err.getMessage());
        }
    }
}
