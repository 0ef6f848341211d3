package org.gpu4j.spi;

/** A backend's record of one enqueued command. Times are nanoseconds on the device's clock, or -1 when unknown. */
public interface NativeEvent {
    /** Blocks until the command completes; a device fault is thrown as a {@link org.gpu4j.LaunchException}. */
    void waitFor();
    long queuedNanos();
    long startNanos();
    long endNanos();
    /** Releases native resources; idempotent. */
    default void release() {}
}
