package org.gpu4j;

import java.util.Objects;

/**
 * The root of gpu4j's unchecked exceptions: something went wrong on or with a device.
 * Misuse detected in Java (bad sizes, wrong argument types, use after close) is reported with
 * {@link IllegalArgumentException} or {@link IllegalStateException} instead, before any native call.
 *
 * <p>When a native call failed, the exception carries the facts as fields, not only in the message: the
 * {@linkplain #routine() routine} ({@code clEnqueueNDRangeKernel}, {@code cuMemAlloc}), its
 * {@linkplain #status() status code} and the code's {@linkplain #statusName() name}
 * ({@code CL_OUT_OF_RESOURCES}, {@code CUDA_ERROR_ILLEGAL_ADDRESS}). Otherwise the routine and name are empty and
 * the status is 0 (which is also both APIs' success code, so it never names a failure).
 *
 * {@snippet :
 * try {
 *     k.launch(Range.of(n), x, y, n);
 *     acc.finish();
 * } catch (LaunchException e) {
 *     if (e.isNative()) System.err.println(e.routine() + " returned " + e.statusName() + " (" + e.status() + ")");
 * }
 * }
 */
public class Gpu4jException extends RuntimeException {
    private final String routine;
    private final int status;
    private final String statusName;

    public Gpu4jException(String message) { this(message, (Throwable) null); }

    public Gpu4jException(String message, Throwable cause) {
        super(message, cause);
        this.routine = "";
        this.status = 0;
        this.statusName = "";
    }

    /**
     * A failed native call.
     *
     * @param routine    the native routine that failed ({@code clBuildProgram})
     * @param status     the status code it returned
     * @param statusName the code's name ({@code CL_BUILD_PROGRAM_FAILURE})
     */
    public Gpu4jException(String message, String routine, int status, String statusName) {
        super(message);
        this.routine = Objects.requireNonNull(routine, "routine");
        this.status = status;
        this.statusName = Objects.requireNonNull(statusName, "statusName");
    }

    /** The native routine that failed ({@code clEnqueueWriteBuffer}, {@code cuMemAlloc}); empty when not native. */
    public String routine() { return routine; }

    /** The status code the native routine returned; 0 when not native. */
    public int status() { return status; }

    /** The status code's name ({@code CL_OUT_OF_RESOURCES}, {@code CUDA_ERROR_OUT_OF_MEMORY}); empty when not native. */
    public String statusName() { return statusName; }

    /** Whether this reports a failed native call (its {@link #routine()} is set). */
    public boolean isNative() { return !routine.isEmpty(); }
}
