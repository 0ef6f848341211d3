package org.gpu4j.spi;

import org.gpu4j.Device;

/**
 * A backend, as found by {@link java.util.ServiceLoader}. Providers are cheap to construct: they load no native
 * library until {@link #probe()}, and {@code probe()} reports a missing library, driver or device as a value
 * ({@link Probe#unavailable}) — it never throws and never lets a {@link LinkageError} escape.
 *
 * <p>Register an implementation in {@code META-INF/services/org.gpu4j.spi.BackendProvider}.
 */
public interface BackendProvider {
    /** The backend's id, used in selectors: {@code cpu}, {@code opencl}, {@code cuda}. */
    String id();

    /** Discovers the devices, or says why there are none. Called once per JVM by {@link org.gpu4j.Gpu4j}. Never throws. */
    Probe probe();

    /** Opens a device that {@link #probe()} returned. */
    BackendAccelerator open(Device device);
}
