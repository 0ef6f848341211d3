package org.gpu4j.spi;

/**
 * Work-group (block) sizes for launches without an explicit local size, chosen so that the work-groups tile the
 * global size exactly: a backend never runs work-items past the global size the caller asked for. Padding the global
 * size up to a multiple of a convenient local size would run a kernel without an index check out of bounds; on a CPU
 * OpenCL device such as PoCL those writes land in host memory (the JVM's own structures included), and on a GPU in
 * whichever buffer lies next. Sizes with no convenient divisor (a prime) get small work-groups: correct, slower; a
 * caller who wants speed there passes a rounded-up global size with a local size and checks the index in the kernel.
 *
 * {@snippet :
 * long[] local = WorkGroups.exactLocal(new long[] {1000}, new long[] {256}, 1024);   // {250}
 * }
 */
public final class WorkGroups {
    private WorkGroups() {}

    /** The largest divisor of {@code g} that is at most {@code cap} (1 when g or cap is below 2). */
    public static long largestDivisor(long g, long cap) {
        if (g <= 1 || cap <= 1) return 1;
        if (g <= cap) return g;
        for (long l = cap; l > 1; l--) {
            if (g % l == 0) return l;
        }
        return 1;
    }

    /**
     * Local sizes dividing {@code global} exactly: per dimension the largest divisor not above {@code preferred[d]},
     * then, while the product exceeds {@code maxItems}, the largest dimension steps down to its next smaller divisor.
     */
    public static long[] exactLocal(long[] global, long[] preferred, long maxItems) {
        int dims = global.length;
        long[] local = new long[dims];
        for (int d = 0; d < dims; d++) local[d] = largestDivisor(global[d], preferred[d]);
        long limit = Math.max(1, maxItems);
        while (product(local) > limit) {
            int big = 0;
            for (int d = 1; d < dims; d++) if (local[d] > local[big]) big = d;
            local[big] = largestDivisor(global[big], local[big] - 1);
        }
        return local;
    }

    private static long product(long[] v) {
        long p = 1;
        for (long x : v) p *= x;
        return p;
    }
}
