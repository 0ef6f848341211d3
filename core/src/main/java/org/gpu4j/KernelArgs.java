package org.gpu4j;

/**
 * The arguments of a Java kernel launch, in declaration order; {@code i} is 0-based ({@code floats(0)} is the
 * launch's argument 1, see {@link Kernel}).
 *
 * <p><b>Arrays.</b> {@link #floats(int)} (and {@code doubles}, {@code ints}, {@code longs}) give a Java array whose
 * elements {@code [offset(i), offset(i) + length(i))} are the argument's: write kernels as
 * {@code a.floats(0)[a.offset(0) + k]} for {@code 0 <= k < a.length(0)}. The array never holds more than the view:
 * <ul>
 *   <li>for a whole array, it is the array's own storage, {@code offset(i)} is 0 and its length is
 *       {@code length(i)} (no copy);</li>
 *   <li>for a slice (or a zero-length array), it is a copy of exactly the slice's elements, made before the
 *       kernel runs and copied back after it (all work-items), unless the parameter is declared read-only
 *       ({@code const}); {@code offset(i)} is 0. An index past the slice's end throws
 *       {@link ArrayIndexOutOfBoundsException}, which fails the launch with a {@link LaunchException} instead of
 *       overwriting the parent's elements. Identical slices passed twice share one copy, so in-place kernels work.
 *       The cost is one copy of each slice argument before the launch and one of each written slice after it, on
 *       the launching thread, whatever the kernel touches: for {@code out = a + b} over three slices, 4.6x-5.5x the
 *       time of the same launch on whole arrays at 2^24 floats, 9x-13x at 2^20 (the README's Semantics section
 *       says how it was measured). Pass whole arrays and an offset argument where that matters.</li>
 * </ul>
 * The Java CPU backend's own built-in operations ({@link Vectors}, {@link Matrices}) get the parent's storage and
 * the slice's offset without copies: their kernels are generated with the bounds they are launched with.
 * A Java kernel must not write a parameter it declares {@code const}: on a slice that write is discarded.
 *
 * <p><b>Scalars</b> are read with the accessor of their declared type, and an accessor refuses an argument of
 * another type with an {@link IllegalArgumentException} (for kernels without a declaration, the only check):
 * {@link #floatValue} takes a {@code Float}, {@link #doubleValue} a {@code Double}, {@link #intValue} an
 * {@code Integer}, {@code Short} or {@code Byte}, {@link #longValue} a {@code Long} — the sizes OpenCL and CUDA would
 * accept for that parameter.
 */
public interface KernelArgs {
    int count();
    float[] floats(int i);
    double[] doubles(int i);
    int[] ints(int i);
    long[] longs(int i);
    /** Where array argument {@code i}'s elements start in {@link #floats(int)}'s array (0 unless it is a built-in operation's slice). */
    int offset(int i);
    /** The length of array argument {@code i}. */
    int length(int i);
    float floatValue(int i);
    double doubleValue(int i);
    int intValue(int i);
    long longValue(int i);
}
