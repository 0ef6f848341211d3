package org.gpu4j.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.DoubleArray;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.LongArray;

/**
 * Compares a device result with an expected Java array, or with what the Java CPU backend computes for the same
 * code. A mismatch throws an {@link AssertionError} that gives the number of mismatching elements and the first
 * {@value #SHOWN} of them, each with its index, both values (and, for floating point, their distance in ulps):
 *
 * <pre>
 * 3 of 1000 elements differ (tolerance 2 ulps): [17] expected 1.0 but was 1.0000005 (4 ulps); [18] ...
 * </pre>
 *
 * Stateless; safe to call from any thread.
 *
 * {@snippet :
 * @EveryDevice
 * void saxpy(Accelerator acc) {
 *     Verify.matchesCpu(acc, a -> {
 *         try (FloatArray x = a.upload(xs)) { Vectors.scale(x, 2f); return x.toArray(); }
 *     }, Tolerance.ulps(1));
 * }
 * }
 */
public final class Verify {
    /** How many mismatches a failure message lists. */
    public static final int SHOWN = 10;

    private Verify() {}

    /**
     * Runs {@code computation} on {@code device} and on the Java CPU backend, and compares the two results.
     *
     * @param device the device under test
     * @param computation the work: returns a Java array ({@code float[]}, {@code double[]}, {@code int[]},
     *     {@code long[]}) or a {@link DeviceArray}, which is read back (and not closed) before the accelerator closes
     * @param tolerance how far the device's floating-point values may be from the CPU backend's
     */
    public static void matchesCpu(Accelerator device, Function<Accelerator, ?> computation, Tolerance tolerance) {
        Objects.requireNonNull(device, "device");
        Object expected;
        try (Accelerator cpu = Gpu4j.open("cpu")) {
            expected = toJava(computation.apply(cpu));
        }
        Object actual = toJava(computation.apply(device));
        compare(expected, actual, tolerance, device.device().id() + " vs the Java CPU backend: ");
    }

    /**
     * Compares {@code actual} (a Java array or a {@link DeviceArray}, read back) with {@code expected}.
     *
     * @param expected the expected values, a {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}
     * @param actual the values to check: an array of the same type, or a device array of that element type
     * @param tolerance how far floating-point values may be apart; integer values must be equal
     */
    public static void arrays(Object expected, Object actual, Tolerance tolerance) {
        compare(toJava(expected), toJava(actual), tolerance, "");
    }

    private static Object toJava(Object o) {
        Objects.requireNonNull(o, "result");
        if (o instanceof FloatArray a) return a.toArray();
        if (o instanceof DoubleArray a) return a.toArray();
        if (o instanceof IntArray a) return a.toArray();
        if (o instanceof LongArray a) return a.toArray();
        if (o instanceof float[] || o instanceof double[] || o instanceof int[] || o instanceof long[]) return o;
        throw new IllegalArgumentException("not a float[], double[], int[], long[] or device array: " + o.getClass().getName());
    }

    private static void compare(Object e, Object a, Tolerance tol, String prefix) {
        Objects.requireNonNull(tol, "tolerance");
        if (e.getClass() != a.getClass()) {
            throw new AssertionError(prefix + "expected a " + e.getClass().getSimpleName() + " but got a "
                    + a.getClass().getSimpleName());
        }
        int n = java.lang.reflect.Array.getLength(e);
        int m = java.lang.reflect.Array.getLength(a);
        if (n != m) throw new AssertionError(prefix + "expected " + n + " elements but got " + m);
        List<String> shown = new ArrayList<>();
        long bad = 0;
        for (int i = 0; i < n; i++) {
            String miss = mismatch(e, a, i, tol);
            if (miss != null) {
                if (shown.size() < SHOWN) shown.add(miss);
                bad++;
            }
        }
        if (bad > 0) {
            throw new AssertionError(prefix + bad + " of " + n + " elements differ (tolerance "
                    + (e instanceof int[] || e instanceof long[] ? "exact" : tol) + "): " + String.join("; ", shown)
                    + (bad > shown.size() ? "; ..." : ""));
        }
    }

    private static String mismatch(Object e, Object a, int i, Tolerance tol) {
        if (e instanceof float[] x) {
            float u = x[i], v = ((float[]) a)[i];
            if (tol.matches(u, v)) return null;
            return "[" + i + "] expected " + u + " but was " + v + ulps(u, v);
        }
        if (e instanceof double[] x) {
            double u = x[i], v = ((double[]) a)[i];
            if (tol.matches(u, v)) return null;
            return "[" + i + "] expected " + u + " but was " + v + ulps(u, v);
        }
        if (e instanceof int[] x) {
            int u = x[i], v = ((int[]) a)[i];
            return u == v ? null : "[" + i + "] expected " + u + " but was " + v;
        }
        long u = ((long[]) e)[i], v = ((long[]) a)[i];
        return u == v ? null : "[" + i + "] expected " + u + " but was " + v;
    }

    private static String ulps(float u, float v) {
        return Float.isFinite(u) && Float.isFinite(v) ? " (" + Tolerance.ulpDistance(u, v) + " ulps)" : "";
    }

    private static String ulps(double u, double v) {
        return Double.isFinite(u) && Double.isFinite(v) ? " (" + Tolerance.ulpDistance(u, v) + " ulps)" : "";
    }
}
