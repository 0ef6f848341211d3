package org.gpu4j;

import org.gpu4j.sort.SortOps;

/**
 * Sorting and the algorithms built on scans ({@code acc.sorting()}): in-place sorts of keys, stable sorts of keys
 * with values, argsort, and the stream operations copyIf, partition and unique — the same answer, bit for bit, on
 * every backend.
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open();
 *      FloatArray x = acc.upload(new float[] {3f, Float.NaN, -0f, 0f, -1f});
 *      IntArray v = acc.upload(new int[] {0, 1, 2, 3, 4})) {
 *     Sorting s = acc.sorting();
 *     try (IntArray order = s.argsort(x)) {   // {4, 2, 3, 0, 1}
 *         s.sortByKey(x, v);                  // x = {-1, -0.0, 0.0, 3, NaN}, v = {4, 2, 3, 0, 1}
 *     }
 *     try (FloatArray out = acc.allocFloats(5)) {
 *         long k = s.copyIf(x, out, "x >= 0");   // 3: out starts {-0.0, 0.0, 3} (-0.0 >= 0 holds, as in C)
 *     }
 * }
 * }
 *
 * <p><b>Order.</b> Integers sort by value. Floats and doubles sort in the order of {@link java.util.Arrays#sort(float[])}
 * ({@link Float#compare}): -Inf, negatives, -0.0, 0.0, positives, +Inf, then every NaN; all NaNs count as equal
 * keys, and a sorted float or double key array holds the canonical NaN ({@link Float#NaN}, {@link Double#NaN}) in
 * their place (a NaN's payload is not kept). {@link Order#DESCENDING} is the exact reverse order: NaNs first, then
 * +Inf ... 0.0, -0.0 ... -Inf. Every sort here is <b>stable</b> in both orders: keys that compare equal keep their
 * original relative order, so values and indices of equal keys come out in ascending original position.
 *
 * <p><b>Method.</b> An LSD radix sort with histograms, a scan of the digit counts and a stable scatter: 4-bit digits
 * in work-groups of 256 with counts in local memory on GPUs, 8-bit digits with per-segment histograms on CPU devices
 * (PoCL) and on the Java CPU backend (its segments run in parallel on its pool). 32-bit keys take 4 passes on CPUs
 * (8 on GPUs), 64-bit keys twice as many; float and double keys add an encoding pass before and after. Scratch of
 * about one key array (plus one int array with values) is allocated for the duration of a call.
 *
 * <p><b>Arguments.</b> Every array must belong to this accelerator and be open; keys and values (or indices, or in
 * and out) must have equal lengths and must not overlap at all (not even be the same array). Sorts with values,
 * argsort and the stream operations take at most {@link Integer#MAX_VALUE} elements (their indices are ints). A
 * null argument is a {@link NullPointerException} naming it; a closed array an {@link IllegalStateException};
 * other misuse, and a predicate that does not parse ({@link org.gpu4j.expr.ExpressionException}), an
 * {@link IllegalArgumentException} naming the argument — all before anything is enqueued or compiled.
 *
 * <p><b>Predicates.</b> {@code copyIf} and {@code partition} take one expression of the snippet language of
 * {@link org.gpu4j.expr} (as {@link Accelerator#elementwise} does) over {@code x}, the element, and the builtins
 * {@code i} and {@code n}; it holds where it is non-zero, as in C: {@code "x > 0"}, {@code "x != x"} (NaN),
 * {@code "(i & 1) == 0 && x < 10"}.
 *
 * <p><b>Threads.</b> This object holds no state beyond its accelerator and may be shared between threads; calls
 * from several threads are serialised by the accelerator's queue. Sorts enqueue their passes and return once the
 * last has finished; the stream operations return their count, which waits for the device.
 */
public final class Sorting {
    /** The direction of a sort. */
    public enum Order { ASCENDING, DESCENDING }

    private final Accelerator acc;
    private final SortOps ops;

    Sorting(Accelerator acc) {
        this.acc = acc;
        this.ops = new SortOps(acc);
    }

    /** The accelerator these operations run on. */
    public Accelerator accelerator() { return acc; }

    // ================================================================ sorts

    /** Sorts {@code keys} (an array or a slice, any element type) in place, ascending. */
    public void sort(DeviceArray keys) { ops.sort(keys, false); }

    /** Sorts {@code keys} in place in {@code order}. */
    public void sort(DeviceArray keys, Order order) { ops.sort(keys, descending(order)); }

    /**
     * Sorts {@code keys} in place, ascending, and applies the same permutation to {@code values} (any element
     * type): a stable sort of the pairs by key.
     */
    public void sortByKey(DeviceArray keys, DeviceArray values) { ops.sortByKey(keys, values, false); }

    /** {@link #sortByKey(DeviceArray, DeviceArray)} in {@code order} (stable in both orders). */
    public void sortByKey(DeviceArray keys, DeviceArray values, Order order) { ops.sortByKey(keys, values, descending(order)); }

    /**
     * The stable ascending sort's permutation of {@code keys}, which are left unchanged: {@code keys[result[j]]} is
     * the j-th smallest key, equal keys in ascending index order. The caller closes the returned array.
     */
    public IntArray argsort(DeviceArray keys) { return argsort(keys, Order.ASCENDING); }

    /** {@link #argsort(DeviceArray)} in {@code order}. */
    public IntArray argsort(DeviceArray keys, Order order) {
        ops.owned(keys, "keys");
        IntArray out = acc.allocInts(keys.length());
        return fill(out, keys, order);
    }

    /** {@link #argsort(DeviceArray, Order)} with {@code long} indices. The caller closes the returned array. */
    public LongArray argsortLong(DeviceArray keys, Order order) {
        ops.owned(keys, "keys");
        LongArray out = acc.allocLongs(keys.length());
        return fill(out, keys, order);
    }

    /** Writes the sort permutation of {@code keys} in {@code order} into {@code indices} (an IntArray or LongArray). */
    public void argsort(DeviceArray keys, DeviceArray indices, Order order) { ops.argsort(keys, indices, descending(order)); }

    private <A extends DeviceArray> A fill(A out, DeviceArray keys, Order order) {
        try {
            ops.argsort(keys, out, descending(order));
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    private static boolean descending(Order order) {
        if (order == null) throw new NullPointerException("order");
        return order == Order.DESCENDING;
    }

    // ================================================================ algorithms built on scan

    /**
     * Stream compaction: copies the elements of {@code in} for which {@code predicate} holds, in order, to the
     * start of {@code out} (same type and length as {@code in}, disjoint from it) and returns how many; the rest of
     * {@code out} is left as it was.
     */
    public long copyIf(DeviceArray in, DeviceArray out, String predicate) { return ops.select("copyIf", in, out, predicate, false); }

    /**
     * Stable partition: writes the elements of {@code in} for which {@code predicate} holds, in order, then the
     * others, in order, to {@code out} (same type and length, disjoint) and returns the split point (the number of
     * the first kind).
     */
    public long partition(DeviceArray in, DeviceArray out, String predicate) { return ops.select("partition", in, out, predicate, true); }

    /**
     * Copies the first element of every run of equal elements of {@code sorted} to the start of {@code out} (same
     * type and length, disjoint) and returns how many; equal means equal in the sort order: NaNs are equal, -0.0
     * and 0.0 are not. On a sorted array that is its distinct values.
     */
    public long unique(DeviceArray sorted, DeviceArray out) { return ops.unique(sorted, out); }
}
