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

    /**
     * Copies this array's {@code length()} elements from {@code src} at its position, which then advances past
     * them (as {@link java.nio.IntBuffer#get(int[])} does for a Java array): heap or direct, any byte order.
     * See {@link FloatArray#copyFrom(java.nio.FloatBuffer)} for which transfers copy.
     *
     * @param src the host data
     * @throws IndexOutOfBoundsException when fewer than {@code length()} elements remain in {@code src}
     */
    public void copyFrom(java.nio.IntBuffer src) {
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
    public void copyFrom(java.nio.IntBuffer src, long dstOffset, int count) {
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
    public void copyTo(java.nio.IntBuffer dst) {
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
    public void copyTo(long srcOffset, java.nio.IntBuffer dst, int count) {
        readHost(srcOffset, dst, count);
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

    /**
     * Uploads all of {@code src} on {@code queue} (a queue of this array's accelerator), after the commands issued on
     * it before. Returns at once with the upload's event; {@code src} was copied to a staging buffer already, so it
     * may be reused.
     */
    public Event copyFromAsync(Queue queue, int[] src) {
        return writeAsync(queue, src, java.util.Objects.requireNonNull(src, "src").length);
    }

    /**
     * A download of all elements into a new Java array, on the current thread's queue (its {@link Queue#use()}
     * scope's, else the default queue): the future completes when the data is on the host, exceptionally on a device
     * error or when the accelerator is closed first.
     */
    public java.util.concurrent.CompletableFuture<int[]> toArrayAsync() { return toArrayAsync(null); }

    /** {@link #toArrayAsync()} on {@code queue}, after the commands issued on it before (null: the current queue). */
    public java.util.concurrent.CompletableFuture<int[]> toArrayAsync(Queue queue) {
        int[] out = new int[javaLength()];
        return readAsync(queue, out, out.length);
    }

    /** Downloads all elements into {@code dst} (of equal length) as {@link #toArrayAsync()}; the future gives {@code dst}. */
    public java.util.concurrent.CompletableFuture<int[]> copyToAsync(int[] dst) { return copyToAsync(null, dst); }

    /** {@link #copyToAsync(int[])} on {@code queue} (null: the current queue). Do not touch {@code dst} until the future completed. */
    public java.util.concurrent.CompletableFuture<int[]> copyToAsync(Queue queue, int[] dst) {
        return readAsync(queue, java.util.Objects.requireNonNull(dst, "dst"), dst.length);
    }
}
