package org.gpu4j;

/**
 * A thread waiting for device work ({@link Accelerator#finish()}, {@link Event#waitFor()}, a read back to the host,
 * a Java kernel's launch) was interrupted. The wait ended early; the thread's interrupt flag is still set, and the
 * device work it was waiting for may still be running.
 */
public class WaitInterruptedException extends Gpu4jException {
    public WaitInterruptedException(String message) { super(message); }
    public WaitInterruptedException(String message, Throwable cause) { super(message, cause); }

    /** Sets the calling thread's interrupt flag again and returns the exception to throw. */
    public static WaitInterruptedException whileWaitingFor(String what) {
        Thread.currentThread().interrupt();
        return new WaitInterruptedException("interrupted while waiting for " + what);
    }
}
