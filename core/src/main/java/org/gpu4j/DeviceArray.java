package org.gpu4j;

import java.util.Objects;
import org.gpu4j.spi.BufferRef;

/**
 * A device-resident array of one {@link ElementType}, owned by one {@link Accelerator}.
 *
 * <p>Typed subclasses ({@link FloatArray}, {@link DoubleArray}, {@link IntArray}, {@link LongArray}) add the copies
 * to and from Java arrays. Every method that returns data to the host first completes all commands enqueued
 * before it. Lengths are {@code long}; a copy to or from a Java array is limited to a Java array's length.
 *
 * <p>A {@linkplain FloatArray#slice slice} is a view of a range of its parent: it shares the parent's memory, closing it does
 * not free anything, and it becomes unusable when the parent is closed. Using a closed array throws
 * {@link IllegalStateException}.
 *
 * <p><b>Threads.</b> Arrays may be shared between threads. Closing one while another thread's command uses it is
 * safe: the command either fails with {@link IllegalStateException} before any native call or completes, and the
 * memory is freed after it (see {@link Accelerator}'s lifetime rule).
 */
public abstract sealed class DeviceArray implements AutoCloseable permits FloatArray, DoubleArray, IntArray, LongArray {
    /** The largest length a Java array may have. */
    public static final int MAX_JAVA_ARRAY = Integer.MAX_VALUE - 8;

    final Accelerator acc;
    final Allocation alloc;
    final long offset;
    final long length;
    private final DeviceArray parent;
    private volatile boolean sliceClosed;

    DeviceArray(Accelerator acc, Allocation alloc, long offset, long length, DeviceArray parent) {
        this.acc = acc;
        this.alloc = alloc;
        this.offset = offset;
        this.length = length;
        this.parent = parent;
    }

    /** Number of elements. */
    public final long length() { return length; }

    public final ElementType elementType() { return alloc.type; }

    /** The accelerator that owns this array. */
    public final Accelerator accelerator() { return acc; }

    /** True for a view made by {@code slice}. */
    public final boolean isSlice() { return parent != null; }

    /** True once this array, its parent or its accelerator has been closed. */
    public final boolean isClosed() {
        return sliceClosed || alloc.released.get() || acc.isClosed();
    }

    /**
     * Frees the device memory (or, for a slice, just ends the view). Idempotent; never throws.
     */
    @Override public final void close() {
        if (parent != null) {
            sliceClosed = true;
        } else {
            alloc.close();
        }
    }

    /** The validated native view of this array, for backends; throws {@link IllegalStateException} if closed. */
    final BufferRef ref() {
        checkOpen();
        return new BufferRef(alloc.handle, alloc.type, offset, length);
    }

    final BufferRef ref(long from, long count) {
        checkOpen();
        return new BufferRef(alloc.handle, alloc.type, offset + from, count);
    }

    final void checkOpen() {
        if (isClosed()) {
            throw new IllegalStateException(describe() + " is closed"
                    + (acc.isClosed() ? " (its accelerator " + acc.device().id() + " was closed)" : ""));
        }
    }

    /** Checks a sub-range [from, from + count) of this array. */
    final void checkRange(String what, long from, long count) {
        if (from < 0 || count < 0 || from > length - count) {
            throw new IndexOutOfBoundsException(what + ": " + outside(from, count, describe() + " of length " + length));
        }
    }

    /** Why [from, from + count) is not inside {@code container}: {@code elements [5, 15) are outside ...}. */
    static String outside(long from, long count, String container) {
        if (count < 0) return "count " + count + " is negative";
        if (from < 0) return "offset " + from + " is negative";
        long end = from + count;
        String range = end < 0 ? "[" + from + ", " + from + " + " + count + ")" : "[" + from + ", " + end + ")";
        return "elements " + range + " are outside " + container;
    }

    /** Checks one element's index (for {@code get}). */
    final void checkIndex(long index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for length " + length + " ("
                    + describe() + ")");
        }
    }

    final void writeJava(Object src, int srcOffset, long dstOffset, int count) {
        Objects.requireNonNull(src, "src");
        int srcLen = java.lang.reflect.Array.getLength(src);
        if (srcOffset < 0 || count < 0 || srcOffset > srcLen - count) {
            throw new IndexOutOfBoundsException("src: " + outside(srcOffset, count, "a Java array of length " + srcLen));
        }
        checkRange("dst", dstOffset, count);
        acc.write(this, dstOffset, src, srcOffset, count);
    }

    final void readJava(long srcOffset, Object dst, int dstOffset, int count) {
        Objects.requireNonNull(dst, "dst");
        int dstLen = java.lang.reflect.Array.getLength(dst);
        if (dstOffset < 0 || count < 0 || dstOffset > dstLen - count) {
            throw new IndexOutOfBoundsException("dst: " + outside(dstOffset, count, "a Java array of length " + dstLen));
        }
        checkRange("src", srcOffset, count);
        acc.read(this, srcOffset, dst, dstOffset, count);
    }

    /**
     * Uploads {@code count} elements from the host buffer {@code src} (a typed buffer of this array's element type, or
     * a native-order {@link java.nio.ByteBuffer}) at its position into this array at {@code dstOffset}; the position
     * advances past them.
     */
    final void writeHost(java.nio.Buffer src, long dstOffset, int count) {
        java.nio.Buffer view = hostView("src", src, count, false);
        checkRange("dst", dstOffset, count);
        acc.write(this, dstOffset, view, 0, count);
        advance(src, count);
    }

    /** Downloads {@code count} elements at {@code srcOffset} into the host buffer {@code dst} at its position. */
    final void readHost(long srcOffset, java.nio.Buffer dst, int count) {
        java.nio.Buffer view = hostView("dst", dst, count, true);
        checkRange("src", srcOffset, count);
        acc.read(this, srcOffset, view, 0, count);
        advance(dst, count);
    }

    private void advance(java.nio.Buffer b, int count) {
        int step = b instanceof java.nio.ByteBuffer ? count * alloc.type.bytes() : count;
        b.position(b.position() + step);
    }

    /** Checks a host buffer for a transfer of {@code count} elements; its typed view from its position. */
    private java.nio.Buffer hostView(String what, java.nio.Buffer b, int count, boolean download) {
        Objects.requireNonNull(b, what);
        if (count < 0) throw new IndexOutOfBoundsException(what + ": count " + count + " is negative");
        if (download && b.isReadOnly()) {
            throw new IllegalArgumentException(what + ": " + b + " is read-only: a download needs a writable buffer");
        }
        ElementType t = alloc.type;
        if (b instanceof java.nio.ByteBuffer bb) {
            if (bb.order() != java.nio.ByteOrder.nativeOrder()) {
                throw new IllegalArgumentException(what + ": " + bb + " is " + bb.order() + " but the device's elements are in "
                        + "the native byte order (" + java.nio.ByteOrder.nativeOrder() + "): call order(ByteOrder.nativeOrder()) first");
            }
            long bytes = (long) count * t.bytes();
            if (bytes > bb.remaining()) {
                throw new IndexOutOfBoundsException(what + ": " + count + " " + t + " elements need " + bytes + " bytes but "
                        + bb + " has " + bb.remaining() + " remaining");
            }
            return org.gpu4j.spi.HostBuffers.view(bb.slice(bb.position(), (int) bytes).order(java.nio.ByteOrder.nativeOrder()), t);
        }
        if (count > b.remaining()) {
            throw new IndexOutOfBoundsException(what + ": " + count + " elements needed but " + b + " has " + b.remaining()
                    + " remaining");
        }
        int p = b.position();
        return switch (t) {
            case FLOAT -> ((java.nio.FloatBuffer) b).slice(p, count);
            case DOUBLE -> ((java.nio.DoubleBuffer) b).slice(p, count);
            case INT -> ((java.nio.IntBuffer) b).slice(p, count);
            case LONG -> ((java.nio.LongBuffer) b).slice(p, count);
        };
    }

    /**
     * Copies this array's {@code length()} elements from the bytes of {@code src} at its position (which then
     * advances by {@code length() * elementType().bytes()}), read in the native byte order.
     *
     * @param src a heap or direct buffer in {@link java.nio.ByteOrder#nativeOrder() native order}
     * @throws IllegalArgumentException when {@code src} is not in native order
     * @throws IndexOutOfBoundsException when fewer bytes remain than this array holds
     */
    public final void copyFrom(java.nio.ByteBuffer src) {
        writeHost(src, 0, javaLength());
    }

    /**
     * Copies this array's {@code length()} elements into the bytes of {@code dst} at its position (which then advances
     * by {@code length() * elementType().bytes()}), in the native byte order.
     *
     * @param dst a writable heap or direct buffer in {@link java.nio.ByteOrder#nativeOrder() native order}
     * @throws IllegalArgumentException when {@code dst} is read-only or not in native order
     * @throws IndexOutOfBoundsException when fewer bytes remain than this array holds
     */
    public final void copyTo(java.nio.ByteBuffer dst) {
        readHost(0, dst, javaLength());
    }

    /** The queue an asynchronous call without one uses: the current thread's scope's, else the default queue. */
    final Queue queueFor(Queue q) {
        if (q == null) return acc.currentQueue();
        if (q.acc != acc) {
            throw new IllegalArgumentException("queue: " + q + " belongs to another accelerator than " + describe()
                    + " (" + acc.name() + ")");
        }
        return q;
    }

    final Event writeAsync(Queue queue, Object src, int srcLength) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(src, "src");
        if (srcLength != length) {
            throw new IllegalArgumentException("src: length " + srcLength + " does not match " + describe());
        }
        return queueFor(queue).write(this, 0, src, 0, srcLength);
    }

    final <T> java.util.concurrent.CompletableFuture<T> readAsync(Queue queue, T dst, int dstLength) {
        Objects.requireNonNull(dst, "dst");
        if (dstLength != length) {
            throw new IllegalArgumentException("dst: length " + dstLength + " does not match " + describe());
        }
        checkOpen();
        return queueFor(queue).readAsync(this, 0, dst, 0, dstLength);
    }

    final int javaLength() {
        if (length > MAX_JAVA_ARRAY) {
            throw new IllegalStateException(describe() + " has " + length + " elements, more than a Java array can hold;"
                    + " copy it in parts with copyTo(dst, offset...)");
        }
        return (int) length;
    }

    /** Device-to-device copy of all of {@code src} into this array; lengths and element types must match. */
    public final void copyFrom(DeviceArray src) {
        Objects.requireNonNull(src, "src");
        if (src.elementType() != elementType()) {
            throw new IllegalArgumentException("src: element type " + src.elementType() + " does not match " + elementType());
        }
        if (src.length != length) {
            throw new IllegalArgumentException("src: length " + src.length + " does not match this array's length " + length);
        }
        acc.copy(src, this);
    }

    /** Sets every element to zero. */
    public final void clear() {
        acc.fill(this, switch (elementType()) {
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case INT -> 0;
            case LONG -> 0L;
        });
    }

    final long checkSlice(long from, long count) {
        checkOpen();
        checkRange("slice", from, count);
        return offset + from;
    }

    final DeviceArray root() { return parent == null ? this : parent.root(); }

    String describe() {
        return getClass().getSimpleName() + "[" + length + "]" + (parent != null ? " slice@" + offset : "");
    }

    @Override public String toString() {
        return describe() + " on " + acc.device().id() + (isClosed() ? " (closed)" : "");
    }
}
