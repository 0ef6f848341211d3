package org.gpu4j;

/** A backend or device that was asked for cannot be used; the message says why and lists what exists. */
public class BackendUnavailableException extends Gpu4jException {
    public BackendUnavailableException(String message) { super(message); }
    public BackendUnavailableException(String message, Throwable cause) { super(message, cause); }
}
