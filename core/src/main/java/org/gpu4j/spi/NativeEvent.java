package org.gpu4j.spi;

/** A backend's record of one enqueued command. Times are nanoseconds on the device's clock, or -1 when unknown. */
public interface NativeEvent {
    /** Blocks until the command completes; a device fault is thrown as a {@link org.gpu4j.LaunchException}. */
    void waitFor();

    /**
     * Waits at most {@code timeoutNanos} for the command; true when it completed (a fault is thrown as
     * {@link org.gpu4j.LaunchException}), false when the time ran out. An interrupt ends the wait with
     * {@link org.gpu4j.WaitInterruptedException}, the flag left set. The default waits without a bound.
     */
    default boolean await(long timeoutNanos) {
        waitFor();
        return true;
    }
    long queuedNanos();
    long startNanos();
    long endNanos();
    /** Releases native resources; idempotent. */
    default void release() {}
}
