package org.gpu4j.spi;

import org.gpu4j.Device;
import org.gpu4j.ElementType;
import org.gpu4j.KernelSource;

/**
 * One opened device of a backend: the native side of an {@link org.gpu4j.Accelerator}. Core validates every
 * argument (sizes, ranges, types, open/closed state) before calling here, so implementations deal only with the
 * native work. Implementations must be thread-safe. Commands are executed in order; methods that hand data to the
 * host ({@link #read}) complete all earlier commands first.
 */
public interface BackendAccelerator {
    Device device();

    /**
     * Allocates {@code length} elements (length &gt; 0) and returns the backend's handle.
     *
     * @throws org.gpu4j.DeviceMemoryException when the device cannot allocate it
     */
    Object allocate(ElementType type, long length);

    /**
     * True when every fresh {@link #allocate} already holds zeros (Java arrays do), so core need not clear it.
     * Default false: core fills new allocations with zeros itself.
     */
    default boolean allocationsAreZeroed() { return false; }

    /** Frees an allocation; called once per handle, possibly from a cleaner thread. Never throws. */
    void free(Object handle);

    /** Copies {@code dst.length()} elements from the Java array {@code src} (starting at {@code srcOffset}) to the device. */
    void write(BufferRef dst, Object src, int srcOffset);

    /** Copies {@code src.length()} elements to the Java array {@code dst} at {@code dstOffset}, after all earlier commands. */
    void read(BufferRef src, Object dst, int dstOffset);

    /**
     * Copies {@code dst.length()} elements from the typed buffer {@code src} ({@link java.nio.FloatBuffer},
     * {@link java.nio.DoubleBuffer}, {@link java.nio.IntBuffer} or {@link java.nio.LongBuffer} of the array's element
     * type, starting at index 0, which core has made its position; heap or direct, possibly a view of a
     * native-order {@link java.nio.ByteBuffer}) to the device. The default goes through {@link #write}: with the
     * buffer's own array when it has one (no extra copy), else through temporary arrays of at most 64 Ki elements.
     *
     * @param dst the device range
     * @param src the host buffer, {@code dst.length()} elements from index 0
     */
    default void writeBuffer(BufferRef dst, java.nio.Buffer src) {
        if (src.hasArray()) {
            write(dst, src.array(), src.arrayOffset());
            return;
        }
        int chunk = 1 << 16;
        for (long done = 0; done < dst.length(); done += chunk) {
            int n = (int) Math.min(chunk, dst.length() - done);
            write(new BufferRef(dst.handle(), dst.type(), dst.offset() + done, n),
                    HostBuffers.toArray(src, (int) done, n, dst.type()), 0);
        }
    }

    /**
     * Copies {@code src.length()} elements to the writable typed buffer {@code dst} from index 0, after all earlier
     * commands (see {@link #writeBuffer} for the buffers). The default goes through {@link #read}: into the buffer's
     * own array when it has one, else through temporary arrays of at most 64 Ki elements.
     *
     * @param src the device range
     * @param dst the host buffer, {@code src.length()} elements from index 0
     */
    default void readBuffer(BufferRef src, java.nio.Buffer dst) {
        if (dst.hasArray()) {
            read(src, dst.array(), dst.arrayOffset());
            return;
        }
        int chunk = 1 << 16;
        for (long done = 0; done < src.length(); done += chunk) {
            int n = (int) Math.min(chunk, src.length() - done);
            Object tmp = HostBuffers.newArray(src.type(), n);
            read(new BufferRef(src.handle(), src.type(), src.offset() + done, n), tmp, 0);
            HostBuffers.transfer(tmp, 0, dst, (int) done, n);
        }
    }

    /** Device-to-device copy of {@code src.length()} elements; the ranges do not overlap unless identical. */
    void copy(BufferRef src, BufferRef dst);

    /** Sets every element of the range to {@code value} (already of the buffer's boxed type). */
    void fill(BufferRef dst, Number value);

    /**
     * Builds a program.
     *
     * @throws org.gpu4j.KernelCompileException with the build log when it does not compile
     * @throws IllegalArgumentException when the source has no dialect this backend can use
     */
    NativeProgram build(KernelSource source, String options);

    /**
     * Waits at most {@code timeoutNanos} ({@link Long#MAX_VALUE}: without a bound) for every command enqueued so far;
     * device faults surface here. The wait must end when the calling thread is interrupted: throw
     * {@link org.gpu4j.WaitInterruptedException} and leave the interrupt flag set.
     *
     * @return true when the commands completed, false when the time ran out first
     */
    boolean finish(long timeoutNanos);

    /**
     * True when the calling thread is one of this accelerator's own kernel threads (a Java kernel is running on it),
     * so that core can refuse a {@code close()} that would wait for itself. Default false.
     */
    default boolean isKernelThread() { return false; }

    /** Releases everything the backend holds for this device; called once, after core freed the arrays and programs. */
    void close();

    /**
     * Called once instead of {@link #close()} when work did not finish within the close's grace period: cancel what
     * can be cancelled and release only what running work cannot touch (usually nothing native). Must not block.
     */
    default void abandon() {}

    /**
     * The accelerator's own queue, the one {@link #write}, {@link #read}, {@link #copy}, {@link #fill} and
     * {@link NativeKernel#launch} use, as a {@link NativeQueue} (so that its commands return events and can wait for
     * other queues); {@link NativeQueue#release()} on it does nothing. Null when the backend has no queue API.
     */
    default NativeQueue defaultQueue() { return null; }

    /**
     * A new queue on this device, whose commands may run concurrently with those of the other queues.
     *
     * @throws UnsupportedOperationException when the backend offers a single queue
     */
    default NativeQueue newQueue() {
        throw new UnsupportedOperationException("the backend of " + device().id() + " offers a single queue");
    }
}
