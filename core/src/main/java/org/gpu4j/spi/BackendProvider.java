package org.gpu4j.spi;

import org.gpu4j.Device;

/**
 * A backend, as found by {@link java.util.ServiceLoader}.
 *
 * <p><b>Cheap to construct.</b> The public no-argument constructor and {@link #info()} touch no native library and
 * no class that loads one: {@link org.gpu4j.Gpu4j} instantiates every provider on the class path to read its
 * {@link BackendInfo}, then probes only the backends a selector needs ({@code Gpu4j.open("cpu")} probes the Java
 * CPU backend alone, so no OpenCL or CUDA library is ever mapped). Natives are loaded in {@link #probe()} at the
 * earliest, and {@code probe()} reports a missing library, driver or device as a value
 * ({@link Probe#unavailable}): it never throws and never lets a {@link LinkageError} escape.
 *
 * <p>Register an implementation in {@code META-INF/services/org.gpu4j.spi.BackendProvider}.
 */
public interface BackendProvider {
    /** What this backend declares about itself: id, display name, rank, dialects. Constant; touches no native code. */
    BackendInfo info();

    /** The backend's id, used in selectors ({@code opencl} in {@code opencl:0}): {@code info().id()}. */
    default String id() { return info().id(); }

    /**
     * Discovers the devices, or says why there are none; each device is built with this provider's {@link #info()}.
     * Called at most once per JVM by {@link org.gpu4j.Gpu4j}, and only when a selection needs this backend.
     * Never throws.
     */
    Probe probe();

    /** Opens a device that {@link #probe()} returned. */
    BackendAccelerator open(Device device);
}
