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

    /**
     * Uploads all of {@code src} on {@code queue} (a queue of this array's accelerator), after the commands issued on
     * it before. Returns at once with the upload's event; {@code src} was copied to a staging buffer already, so it
     * may be reused.
     */
    public Event copyFromAsync(Queue queue, float[] src) {
        return writeAsync(queue, src, java.util.Objects.requireNonNull(src, "src").length);
    }

    /**
     * A download of all elements into a new Java array, on the current thread's queue (its {@link Queue#use()}
     * scope's, else the default queue): the future completes when the data is on the host, exceptionally on a device
     * error or when the accelerator is closed first.
     */
    public java.util.concurrent.CompletableFuture<float[]> toArrayAsync() { return toArrayAsync(null); }

    /** {@link #toArrayAsync()} on {@code queue}, after the commands issued on it before (null: the current queue). */
    public java.util.concurrent.CompletableFuture<float[]> toArrayAsync(Queue queue) {
        float[] out = new float[javaLength()];
        return readAsync(queue, out, out.length);
    }

    /** Downloads all elements into {@code dst} (of equal length) as {@link #toArrayAsync()}; the future gives {@code dst}. */
    public java.util.concurrent.CompletableFuture<float[]> copyToAsync(float[] dst) { return copyToAsync(null, dst); }

    /** {@link #copyToAsync(float[])} on {@code queue} (null: the current queue). Do not touch {@code dst} until the future completed. */
    public java.util.concurrent.CompletableFuture<float[]> copyToAsync(Queue queue, float[] dst) {
        return readAsync(queue, java.util.Objects.requireNonNull(dst, "dst"), dst.length);
    }
}
