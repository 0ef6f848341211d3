package org.gpu4j;

/**
 * A kernel launch failed, at enqueue or while running. Device-side faults surface at the latest at the next
 * synchronization (a read back to the host, {@link Accelerator#finish()}, {@link Event#waitFor()}).
 */
public class LaunchException extends Gpu4jException {
    public LaunchException(String message) { super(message); }
    public LaunchException(String message, Throwable cause) { super(message, cause); }

    /** A native launch, copy or wait that failed; see {@link Gpu4jException#routine()}. */
    public LaunchException(String message, String routine, int status, String statusName) {
        super(message, routine, status, statusName);
    }
}
