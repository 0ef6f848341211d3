package org.gpu4j;

/**
 * A device array of {@code double}. Create one with {@link Accelerator#upload(double[])} or
 * {@link Accelerator#allocDoubles(long)}.
 *
 * {@snippet :
 * try (DoubleArray x = acc.upload(new double[] {1, 2, 3})) {
 *     x.fill((double) 7);
 *     double[] back = x.toArray();            // synchronizes: {7, 7, 7}
 * }
 * }
 */
public final class DoubleArray extends DeviceArray {
    DoubleArray(Accelerator acc, Allocation alloc, long offset, long length, DeviceArray parent) {
        super(acc, alloc, offset, length, parent);
    }

    /** Copies all of {@code src} into this array; the lengths must be equal. */
    public void copyFrom(double[] src) {
        java.util.Objects.requireNonNull(src, "src");
        if (src.length != length) {
            throw new IllegalArgumentException("src: length " + src.length + " does not match " + describe());
        }
        writeJava(src, 0, 0, src.length);
    }

    /** Copies {@code count} elements of {@code src} from {@code srcOffset} into this array at {@code dstOffset}. */
    public void copyFrom(double[] src, int srcOffset, long dstOffset, int count) {
        writeJava(src, srcOffset, dstOffset, count);
    }

    /**
     * Copies this array's {@code length()} elements from {@code src} at its position, which then advances past
     * them (as {@link java.nio.DoubleBuffer#get(double[])} does for a Java array): heap or direct, any byte order.
     * See {@link FloatArray#copyFrom(java.nio.FloatBuffer)} for which transfers copy.
     *
     * @param src the host data
     * @throws IndexOutOfBoundsException when fewer than {@code length()} elements remain in {@code src}
     */
    public void copyFrom(java.nio.DoubleBuffer src) {
        writeHost(src, 0, javaLength());
    }

    /**
     * Copies {@code count} elements from {@code src} at its position into this array at {@code dstOffset}; the
     * position advances by {@code count}.
     *
     * @param src the host data
     * @param dstOffset the first element of this array written
     * @param count how many elements
     * @throws IndexOutOfBoundsException when fewer than {@code count} elements remain, or the range is outside
     */
    public void copyFrom(java.nio.DoubleBuffer src, long dstOffset, int count) {
        writeHost(src, dstOffset, count);
    }

    /**
     * Copies this array's {@code length()} elements into {@code dst} at its position, which then advances past
     * them; waits for earlier commands.
     *
     * @param dst a writable heap or direct buffer
     * @throws IllegalArgumentException when {@code dst} is read-only
     * @throws IndexOutOfBoundsException when fewer than {@code length()} elements remain in {@code dst}
     */
    public void copyTo(java.nio.DoubleBuffer dst) {
        readHost(0, dst, javaLength());
    }

    /**
     * Copies {@code count} elements from {@code srcOffset} into {@code dst} at its position, which advances by
     * {@code count}; waits for earlier commands.
     *
     * @param srcOffset the first element of this array read
     * @param dst a writable heap or direct buffer
     * @param count how many elements
     * @throws IllegalArgumentException when {@code dst} is read-only
     * @throws IndexOutOfBoundsException when fewer than {@code count} elements remain, or the range is outside
     */
    public void copyTo(long srcOffset, java.nio.DoubleBuffer dst, int count) {
        readHost(srcOffset, dst, count);
    }

    /** A new Java array holding this array's elements (waits for earlier commands). */
    public double[] toArray() {
        double[] out = new double[javaLength()];
        if (out.length > 0) readJava(0, out, 0, out.length);
        else checkOpen();
        return out;
    }

    /** Copies all elements into {@code dst}, whose length must be equal. */
    public void copyTo(double[] dst) {
        java.util.Objects.requireNonNull(dst, "dst");
        if (dst.length != length) {
            throw new IllegalArgumentException("dst: length " + dst.length + " does not match " + describe());
        }
        readJava(0, dst, 0, dst.length);
    }

    /** Copies {@code count} elements from {@code srcOffset} into {@code dst} at {@code dstOffset}. */
    public void copyTo(long srcOffset, double[] dst, int dstOffset, int count) {
        readJava(srcOffset, dst, dstOffset, count);
    }

    /**
     * One element (a small synchronous read).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < length()}
     */
    public double get(long index) {
        checkOpen();
        checkIndex(index);
        double[] one = new double[1];
        readJava(index, one, 0, 1);
        return one[0];
    }

    /** Sets every element to {@code value}. */
    public void fill(double value) {
        acc.fill(this, value);
    }

    /** A view of {@code count} elements from {@code from}, sharing this array's memory. */
    public DoubleArray slice(long from, long count) {
        long abs = checkSlice(from, count);
        return new DoubleArray(acc, alloc, abs, count, this);
    }

    /**
     * Uploads all of {@code src} on {@code queue} (a queue of this array's accelerator), after the commands issued on
     * it before. Returns at once with the upload's event; {@code src} was copied to a staging buffer already, so it
     * may be reused.
     */
    public Event copyFromAsync(Queue queue, double[] src) {
        return writeAsync(queue, src, java.util.Objects.requireNonNull(src, "src").length);
    }

    /**
     * A download of all elements into a new Java array, on the current thread's queue (its {@link Queue#use()}
     * scope's, else the default queue): the future completes when the data is on the host, exceptionally on a device
     * error or when the accelerator is closed first.
     */
    public java.util.concurrent.CompletableFuture<double[]> toArrayAsync() { return toArrayAsync(null); }

    /** {@link #toArrayAsync()} on {@code queue}, after the commands issued on it before (null: the current queue). */
    public java.util.concurrent.CompletableFuture<double[]> toArrayAsync(Queue queue) {
        double[] out = new double[javaLength()];
        return readAsync(queue, out, out.length);
    }

    /** Downloads all elements into {@code dst} (of equal length) as {@link #toArrayAsync()}; the future gives {@code dst}. */
    public java.util.concurrent.CompletableFuture<double[]> copyToAsync(double[] dst) { return copyToAsync(null, dst); }

    /** {@link #copyToAsync(double[])} on {@code queue} (null: the current queue). Do not touch {@code dst} until the future completed. */
    public java.util.concurrent.CompletableFuture<double[]> copyToAsync(Queue queue, double[] dst) {
        return readAsync(queue, java.util.Objects.requireNonNull(dst, "dst"), dst.length);
    }
}
