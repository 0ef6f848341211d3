package org.gpu4j;

/**
 * The device could not allocate the memory asked for (or the size exceeds its largest allocation).
 * The accelerator stays usable: free something and try again.
 */
public class DeviceMemoryException extends Gpu4jException {
    public DeviceMemoryException(String message) { super(message); }
    public DeviceMemoryException(String message, Throwable cause) { super(message, cause); }

    /** An out-of-memory status of a native allocation; see {@link Gpu4jException#routine()}. */
    public DeviceMemoryException(String message, String routine, int status, String statusName) {
        super(message, routine, status, statusName);
    }
}
