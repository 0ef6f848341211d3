package org.gpu4j.samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gpu4j.Device;
import org.gpu4j.DeviceArray;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The size check every command makes before it opens a device: the arrays a run would make, from its size options,
 * must each fit one Java array and, together, the Java heap. A size that does not is a usage error (exit 2) that names
 * the option and the largest value it accepts, instead of an {@code ArithmeticException} or an
 * {@code OutOfMemoryError} half-way through the run.
 */
final class Sizes {
    /** The longest Java array a JVM reliably allocates. */
    static final long MAX_ARRAY = DeviceArray.MAX_JAVA_ARRAY;

    /** The share of {@link Runtime#maxMemory()} a run's arrays may take; the rest is for the JVM, picocli, garbage. */
    static final double HEAP_SHARE = 0.75;

    private Sizes() {}

    /** The arrays one run makes: the largest one, and the bytes on the host heap and on the device. */
    static final class Footprint {
        long largest;
        String largestWhat = "";
        double hostBytes, deviceBytes;

        /** A Java array of {@code elements} values of {@code bytes} each, on the host heap. */
        Footprint host(String what, long elements, int bytes) {
            if (elements > largest) { largest = elements; largestWhat = what; }
            hostBytes += (double) elements * bytes;
            return this;
        }

        /** A device array (also a Java array on the heap when the device is the Java CPU backend). */
        Footprint device(String what, long elements, int bytes) {
            if (elements > largest) { largest = elements; largestWhat = what; }
            deviceBytes += (double) elements * bytes;
            return this;
        }

        /** A host array and its copy on the device. */
        Footprint both(String what, long elements, int bytes) {
            return host(what, elements, bytes).device(what, elements, bytes);
        }

        double heapBytes(boolean deviceOnHeap) { return hostBytes + (deviceOnHeap ? deviceBytes : 0); }
    }

    /** The bytes the arrays of a run may take on the heap. */
    static double budget() { return Runtime.getRuntime().maxMemory() * HEAP_SHARE; }

    static boolean fits(Footprint f, boolean deviceOnHeap) {
        return f.largest <= MAX_ARRAY && f.heapBytes(deviceOnHeap) <= budget();
    }

    /**
     * Checks the size options {@code sizes} (option name to value, in the order to blame them) of {@code cl}'s command.
     *
     * @param footprint the arrays a run with given sizes makes
     * @param deviceOnHeap whether device arrays are Java arrays too (the Java CPU backend)
     * @throws ParameterException naming an option that is negative or too large, and the largest value it accepts
     */
    static void check(CommandLine cl, Map<String, Long> sizes, Function<Map<String, Long>, Footprint> footprint,
                      boolean deviceOnHeap) {
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            if (e.getValue() < 0) {
                throw new ParameterException(cl, e.getKey() + " must be >= 0, got " + e.getValue());
            }
        }
        Footprint now = footprint.apply(sizes);
        if (fits(now, deviceOnHeap)) return;
        String command = cl.getCommandSpec().name();
        for (String option : sizes.keySet()) {
            long largest = largest(sizes, option, footprint, deviceOnHeap);
            if (largest < 0) continue; // this option alone cannot make it fit
            Map<String, Long> over = new LinkedHashMap<>(sizes);
            over.put(option, largest + 1);
            throw new ParameterException(cl, option + " " + sizes.get(option) + " is too large: the largest "
                    + command + " accepts" + others(sizes, option) + " is " + largest + " (beyond it, "
                    + why(footprint.apply(over), deviceOnHeap) + ")");
        }
        throw new ParameterException(cl, String.join(", ", sizes.keySet()) + " are too large together, and no one of"
                + " them alone can be lowered to fit (" + why(now, deviceOnHeap) + ")");
    }

    /** The largest value of {@code option}, the others as given, that fits; -1 if even 0 does not. */
    static long largest(Map<String, Long> sizes, String option, Function<Map<String, Long>, Footprint> footprint,
                        boolean deviceOnHeap) {
        Map<String, Long> trial = new LinkedHashMap<>(sizes);
        Function<Long, Boolean> fits = v -> {
            trial.put(option, v);
            return Sizes.fits(footprint.apply(trial), deviceOnHeap);
        };
        if (!fits.apply(0L)) return -1;
        long lo = 0, hi = sizes.get(option); // fits(lo), !fits(hi)
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (fits.apply(mid)) lo = mid;
            else hi = mid;
        }
        return lo;
    }

    private static String others(Map<String, Long> sizes, String option) {
        List<String> rest = new ArrayList<>();
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            if (!e.getKey().equals(option)) rest.add(e.getKey() + " " + e.getValue());
        }
        return rest.isEmpty() ? "" : " with " + String.join(" and ", rest);
    }

    /** Why a footprint does not fit: the array limit, or the heap. */
    private static String why(Footprint f, boolean deviceOnHeap) {
        if (f.largest > MAX_ARRAY) {
            return f.largestWhat + " would have " + f.largest + " elements, more than the "
                    + MAX_ARRAY + " a Java array holds";
        }
        long heap = Runtime.getRuntime().maxMemory();
        return "its arrays" + (deviceOnHeap ? ", the Java CPU device's included," : "") + " would take "
                + Device.formatBytes((long) f.heapBytes(deviceOnHeap)) + ", more than "
                + Math.round(HEAP_SHARE * 100) + "% of the " + Device.formatBytes(heap)
                + " Java heap; a larger -Xmx in GPU4J_JAVA_OPTS raises the limit";
    }
}
