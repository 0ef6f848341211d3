package org.gpu4j;

import java.util.Arrays;

/**
 * The index space of a launch: 1 to 3 dimensions of global size, and an optional local (work-group / block) size.
 *
 * <p>The global size is the number of work-items the kernel runs: exactly that many, never more. When no local size is
 * given, the backend chooses work-groups that divide the global size exactly ({@link org.gpu4j.spi.WorkGroups}), so
 * a kernel without an index check is safe; for a size with no convenient divisor (a prime) those work-groups are
 * small. Where that matters, round the global size up yourself, give a local size, and check the index in the kernel
 * ({@code if (i >= n) return;}). An explicit local size must divide the global size in every dimension (checked
 * here, before any native call) and must not exceed the device's limits (checked at launch).
 *
 * {@snippet :
 * Range r1 = Range.of(1_000_003);          // 1-D, local size chosen by the backend
 * Range r2 = Range.of(1024, 768).local(16, 16);
 * }
 */
public final class Range {
    private final long[] global;
    private final long[] local;

    private Range(long[] global, long[] local) {
        this.global = global;
        this.local = local;
    }

    /** A 1-D range of {@code x} work-items. */
    public static Range of(long x) { return new Range(check(new long[] {x}), null); }
    /** A 2-D range. */
    public static Range of(long x, long y) { return new Range(check(new long[] {x, y}), null); }
    /** A 3-D range. */
    public static Range of(long x, long y, long z) { return new Range(check(new long[] {x, y, z}), null); }

    private static long[] check(long[] g) {
        for (int d = 0; d < g.length; d++) {
            if (g[d] < 0) throw new IllegalArgumentException("global size[" + d + "] = " + g[d] + " is negative");
        }
        product("global size", g);
        return g;
    }

    /** This range with an explicit local size, one value per dimension; each must be positive and divide the global size. */
    public Range local(long... sizes) {
        if (sizes == null || sizes.length != global.length) {
            throw new IllegalArgumentException("local size has " + (sizes == null ? 0 : sizes.length)
                    + " dimensions, the global size has " + global.length);
        }
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] <= 0) throw new IllegalArgumentException("local size[" + d + "] = " + sizes[d] + " must be positive");
            if (global[d] % sizes[d] != 0) {
                throw new IllegalArgumentException("local size[" + d + "] = " + sizes[d]
                        + " does not divide global size[" + d + "] = " + global[d]);
            }
        }
        product("local size", sizes);
        return new Range(global, sizes.clone());
    }

    /** The product of {@code sizes}; an {@link IllegalArgumentException} naming them when it overflows a long. */
    private static long product(String what, long[] sizes) {
        long t = 1;
        try {
            for (long v : sizes) t = Math.multiplyExact(t, v);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " " + Arrays.toString(sizes) + " has more work-items than a long"
                    + " can count (the product overflows)");
        }
        return t;
    }

    public int dimensions() { return global.length; }
    /** Global size in dimension {@code d} (0-based). */
    public long global(int d) { return global[d]; }
    /** A copy of the global sizes. */
    public long[] globalSizes() { return global.clone(); }
    /** A copy of the local sizes, or null when the backend chooses. */
    public long[] localSizes() { return local == null ? null : local.clone(); }
    public boolean hasLocal() { return local != null; }
    /**
     * Local size in dimension d, or 0 when the backend chooses. (Not named {@code local(int)}: that would capture
     * {@code Range.of(n).local(64)}, which must reach {@link #local(long...)}.)
     */
    public long localSize(int d) { return local == null ? 0 : local[d]; }
    /** Product of the global sizes. */
    public long totalItems() {
        long t = 1;
        for (long g : global) t = Math.multiplyExact(t, g);
        return t;
    }
    /** Product of the local sizes, or 0 when the backend chooses. */
    public long localItems() {
        if (local == null) return 0;
        return product("local size", local);
    }
    public boolean isEmpty() {
        for (long g : global) if (g == 0) return true;
        return false;
    }

    @Override public String toString() {
        return "Range" + Arrays.toString(global) + (local == null ? "" : " local " + Arrays.toString(local));
    }

    @Override public boolean equals(Object o) {
        return o instanceof Range r && Arrays.equals(r.global, global) && Arrays.equals(r.local, local);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(global) + Arrays.hashCode(local); }
}
