package org.gpu4j.spi;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.gpu4j.Range;

/**
 * One in-order command queue of a {@link BackendAccelerator}: an OpenCL command queue, a CUDA stream, a task lane of
 * the Java CPU backend. Commands on one queue run in the order they were enqueued; commands on different queues of
 * one accelerator may run concurrently, and are ordered only by {@link #waitFor}. Core validates every argument and
 * holds the arrays and programs while a command is enqueued; implementations must be thread-safe.
 *
 * <p>Every command returns at once with an event of this backend; host memory is handed over as direct
 * {@link ByteBuffer}s in native byte order (core owns them and keeps them reachable until the event completed).
 */
public interface NativeQueue {
    /** Enqueues a copy of {@code dst.byteLength()} bytes from {@code src} (position 0) to the device. */
    NativeEvent write(BufferRef dst, ByteBuffer src);

    /** Enqueues a copy of {@code src.byteLength()} bytes to {@code dst} (position 0); the data is there once the event completed. */
    NativeEvent read(BufferRef src, ByteBuffer dst);

    /** Device-to-device copy; the ranges do not overlap unless identical. */
    NativeEvent copy(BufferRef src, BufferRef dst);

    /** Sets every element of the range to {@code value} (already of the buffer's boxed type). */
    NativeEvent fill(BufferRef dst, Number value);

    /** Enqueues {@code kernel} (a kernel of this backend's programs) with arguments as {@link NativeKernel#launch}. */
    NativeEvent launch(NativeKernel kernel, Range range, Object[] args);

    /**
     * A direct device-to-device copy from {@code src}, a buffer of another accelerator of the same backend, after the
     * commands issued on {@code srcQueue} (that accelerator's queue) before it: a CUDA peer copy. Null when there is
     * no such path; core then stages the copy through host memory. Core holds {@code src} until the event completed.
     */
    default NativeEvent copyFromPeer(NativeQueue srcQueue, BufferRef src, BufferRef dst) { return null; }

    /** Makes every later command of this queue wait for {@code events}: events of this accelerator, any of its queues. */
    void waitFor(NativeEvent[] events);

    /**
     * Makes every later command of this queue wait until {@code gate} completed (normally or not): for work that the
     * host finishes, such as a copy from another accelerator. Must not block the caller.
     */
    void waitForHost(CompletableFuture<?> gate);

    /** An event that completes once every command enqueued before it did. */
    NativeEvent marker();

    /**
     * Waits at most {@code timeoutNanos} ({@link Long#MAX_VALUE}: no bound) for every command enqueued so far, as
     * {@link BackendAccelerator#finish(long)}; true when they completed.
     */
    boolean finish(long timeoutNanos);

    /** Releases the queue; called once, after it drained. Never throws. */
    void release();

    /** Called instead of {@link #release()} when its work did not drain in time: cancel what can be, free nothing in use. */
    default void abandon() {}
}
