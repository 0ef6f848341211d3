package org.gpu4j;

/**
 * The arguments of a Java kernel launch, in declaration order. An array argument is the backing Java array of a
 * CPU device array; its elements for this launch start at {@link #offset(int)} (non-zero for slices).
 */
public interface KernelArgs {
    int count();
    float[] floats(int i);
    double[] doubles(int i);
    int[] ints(int i);
    long[] longs(int i);
    /** The element offset of array argument {@code i} in its backing array (non-zero for a slice). */
    int offset(int i);
    /** The length of array argument {@code i}. */
    int length(int i);
    float floatValue(int i);
    double doubleValue(int i);
    int intValue(int i);
    long longValue(int i);
}
