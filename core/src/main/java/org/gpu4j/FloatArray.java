package org.gpu4j;

/**
 * A device array of {@code float}. Create one with {@link Accelerator#upload(float[])} or
 * {@link Accelerator#allocFloats(long)}.
 *
 * {@snippet :
 * try (FloatArray x = acc.upload(new float[] {1, 2, 3})) {
 *     x.fill((float) 7);
 *     float[] back = x.toArray();            // synchronizes: {7, 7, 7}
 * }
 * }
 */
public final class FloatArray extends DeviceArray {
    FloatArray(Accelerator acc, Allocation alloc, long offset, long length, DeviceArray parent) {
        super(acc, alloc, offset, length, parent);
    }

    /** Copies all of {@code src} into this array; the lengths must be equal. */
    public void copyFrom(float[] src) {
        java.util.Objects.requireNonNull(src, "src");
        if (src.length != length) {
            throw new IllegalArgumentException("src: length " + src.length + " does not match " + describe());
        }
        writeJava(src, 0, 0, src.length);
    }

    /** Copies {@code count} elements of {@code src} from {@code srcOffset} into this array at {@code dstOffset}. */
    public void copyFrom(float[] src, int srcOffset, long dstOffset, int count) {
        writeJava(src, srcOffset, dstOffset, count);
    }

    /** A new Java array holding this array's elements (waits for earlier commands). */
    public float[] toArray() {
        float[] out = new float[javaLength()];
        if (out.length > 0) readJava(0, out, 0, out.length);
        else checkOpen();
        return out;
    }

    /** Copies all elements into {@code dst}, whose length must be equal. */
    public void copyTo(float[] dst) {
        java.util.Objects.requireNonNull(dst, "dst");
        if (dst.length != length) {
            throw new IllegalArgumentException("dst: length " + dst.length + " does not match " + describe());
        }
        readJava(0, dst, 0, dst.length);
    }

    /** Copies {@code count} elements from {@code srcOffset} into {@code dst} at {@code dstOffset}. */
    public void copyTo(long srcOffset, float[] dst, int dstOffset, int count) {
        readJava(srcOffset, dst, dstOffset, count);
    }

    /**
     * One element (a small synchronous read).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < length()}
     */
    public float get(long index) {
        checkOpen();
        checkIndex(index);
        float[] one = new float[1];
        readJava(index, one, 0, 1);
        return one[0];
    }

    /** Sets every element to {@code value}. */
    public void fill(float value) {
        acc.fill(this, value);
    }

    /** A view of {@code count} elements from {@code from}, sharing this array's memory. */
    public FloatArray slice(long from, long count) {
        long abs = checkSlice(from, count);
        return new FloatArray(acc, alloc, abs, count, this);
    }
}
