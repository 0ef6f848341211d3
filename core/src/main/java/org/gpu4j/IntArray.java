package org.gpu4j;

/**
 * A device array of {@code int}. Create one with {@link Accelerator#upload(int[])} or
 * {@link Accelerator#allocInts(long)}.
 *
 * {@snippet :
 * try (IntArray x = acc.upload(new int[] {1, 2, 3})) {
 *     x.fill((int) 7);
 *     int[] back = x.toArray();            // synchronizes: {7, 7, 7}
 * }
 * }
 */
public final class IntArray extends DeviceArray {
    IntArray(Accelerator acc, Allocation alloc, long offset, long length, DeviceArray parent) {
        super(acc, alloc, offset, length, parent);
    }

    /** Copies all of {@code src} into this array; the lengths must be equal. */
    public void copyFrom(int[] src) {
        java.util.Objects.requireNonNull(src, "src");
        if (src.length != length) {
            throw new IllegalArgumentException("src: length " + src.length + " does not match " + describe());
        }
        writeJava(src, 0, 0, src.length);
    }

    /** Copies {@code count} elements of {@code src} from {@code srcOffset} into this array at {@code dstOffset}. */
    public void copyFrom(int[] src, int srcOffset, long dstOffset, int count) {
        writeJava(src, srcOffset, dstOffset, count);
    }

    /** A new Java array holding this array's elements (waits for earlier commands). */
    public int[] toArray() {
        int[] out = new int[javaLength()];
        if (out.length > 0) readJava(0, out, 0, out.length);
        else checkOpen();
        return out;
    }

    /** Copies all elements into {@code dst}, whose length must be equal. */
    public void copyTo(int[] dst) {
        java.util.Objects.requireNonNull(dst, "dst");
        if (dst.length != length) {
            throw new IllegalArgumentException("dst: length " + dst.length + " does not match " + describe());
        }
        readJava(0, dst, 0, dst.length);
    }

    /** Copies {@code count} elements from {@code srcOffset} into {@code dst} at {@code dstOffset}. */
    public void copyTo(long srcOffset, int[] dst, int dstOffset, int count) {
        readJava(srcOffset, dst, dstOffset, count);
    }

    /**
     * One element (a small synchronous read).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < length()}
     */
    public int get(long index) {
        checkOpen();
        checkIndex(index);
        int[] one = new int[1];
        readJava(index, one, 0, 1);
        return one[0];
    }

    /** Sets every element to {@code value}. */
    public void fill(int value) {
        acc.fill(this, value);
    }

    /** A view of {@code count} elements from {@code from}, sharing this array's memory. */
    public IntArray slice(long from, long count) {
        long abs = checkSlice(from, count);
        return new IntArray(acc, alloc, abs, count, this);
    }
}
