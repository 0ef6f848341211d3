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
