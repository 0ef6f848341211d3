package org.gpu4j;

/**
 * The root of gpu4j's unchecked exceptions: something went wrong on or with a device.
 * Misuse detected in Java (bad sizes, wrong argument types, use after close) is reported with
 * {@link IllegalArgumentException} or {@link IllegalStateException} instead, before any native call.
 * Native status codes appear by name in messages ({@code CL_OUT_OF_RESOURCES}, {@code CUDA_ERROR_ILLEGAL_ADDRESS}).
 */
public class Gpu4jException extends RuntimeException {
    public Gpu4jException(String message) { super(message); }
    public Gpu4jException(String message, Throwable cause) { super(message, cause); }
}
