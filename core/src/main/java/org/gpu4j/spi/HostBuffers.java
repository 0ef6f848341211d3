package org.gpu4j.spi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.gpu4j.ElementType;

/**
 * Copies between Java arrays and {@code java.nio} buffers of one element type, for backends. A "host side" is a
 * {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}, or a {@link FloatBuffer}, {@link DoubleBuffer},
 * {@link IntBuffer} or {@link LongBuffer}; indices are absolute (buffer positions are neither used nor changed), so
 * disjoint ranges of one buffer may be copied from several threads at once. Core has checked every range.
 */
public final class HostBuffers {
    private HostBuffers() {}

    /**
     * Copies {@code n} elements from {@code from[fromIndex...]} to {@code to[toIndex...]}.
     *
     * @param from a primitive array or typed buffer
     * @param fromIndex the first element read
     * @param to a primitive array or writable typed buffer of the same element type
     * @param toIndex the first element written
     * @param n how many elements
     */
    public static void transfer(Object from, int fromIndex, Object to, int toIndex, int n) {
        if (n == 0) return;
        if (!(from instanceof Buffer) && !(to instanceof Buffer)) {
            System.arraycopy(from, fromIndex, to, toIndex, n);
        } else if (to instanceof FloatBuffer t) {
            if (from instanceof FloatBuffer f) t.put(toIndex, f, fromIndex, n); else t.put(toIndex, (float[]) from, fromIndex, n);
        } else if (to instanceof DoubleBuffer t) {
            if (from instanceof DoubleBuffer f) t.put(toIndex, f, fromIndex, n); else t.put(toIndex, (double[]) from, fromIndex, n);
        } else if (to instanceof IntBuffer t) {
            if (from instanceof IntBuffer f) t.put(toIndex, f, fromIndex, n); else t.put(toIndex, (int[]) from, fromIndex, n);
        } else if (to instanceof LongBuffer t) {
            if (from instanceof LongBuffer f) t.put(toIndex, f, fromIndex, n); else t.put(toIndex, (long[]) from, fromIndex, n);
        } else if (from instanceof FloatBuffer f) {
            f.get(fromIndex, (float[]) to, toIndex, n);
        } else if (from instanceof DoubleBuffer f) {
            f.get(fromIndex, (double[]) to, toIndex, n);
        } else if (from instanceof IntBuffer f) {
            f.get(fromIndex, (int[]) to, toIndex, n);
        } else if (from instanceof LongBuffer f) {
            f.get(fromIndex, (long[]) to, toIndex, n);
        } else {
            throw new IllegalArgumentException("unsupported host types " + from.getClass().getName() + " -> " + to.getClass().getName());
        }
    }

    /**
     * A typed view of {@code bytes} (from its position, in its byte order) for elements of {@code type}.
     *
     * @param bytes the bytes
     * @param type the element type
     * @return a {@link FloatBuffer}, {@link DoubleBuffer}, {@link IntBuffer} or {@link LongBuffer} over them
     */
    public static Buffer view(ByteBuffer bytes, ElementType type) {
        return switch (type) {
            case FLOAT -> bytes.asFloatBuffer();
            case DOUBLE -> bytes.asDoubleBuffer();
            case INT -> bytes.asIntBuffer();
            case LONG -> bytes.asLongBuffer();
        };
    }

    /**
     * A new Java array of {@code type} holding {@code n} elements of {@code from} from {@code index}.
     *
     * @param from a typed buffer
     * @param index the first element
     * @param n how many
     * @param type its element type
     * @return the array
     */
    public static Object toArray(Buffer from, int index, int n, ElementType type) {
        Object a = newArray(type, n);
        transfer(from, index, a, 0, n);
        return a;
    }

    /**
     * A new Java array of {@code n} elements of {@code type}.
     *
     * @param type the element type
     * @param n the length
     * @return a {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}
     */
    public static Object newArray(ElementType type, int n) {
        return switch (type) {
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
            case INT -> new int[n];
            case LONG -> new long[n];
        };
    }
}
