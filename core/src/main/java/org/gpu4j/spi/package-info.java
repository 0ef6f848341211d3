/**
 * The backend SPI. A backend is a {@link org.gpu4j.spi.BackendProvider} listed in
 * {@code META-INF/services/org.gpu4j.spi.BackendProvider}; core finds it with {@link java.util.ServiceLoader},
 * instantiates it (a constructor that touches no native code) and reads its {@link org.gpu4j.spi.BackendInfo}:
 * id, display name, {@code auto} rank, the kernel dialects it builds, whether it runs Java kernels. Only when a
 * selection needs the backend does core ask it to {@linkplain org.gpu4j.spi.BackendProvider#probe() probe}
 * (once per JVM, never throwing, reporting a missing library or device as a reason), and only then opens a
 * {@link org.gpu4j.spi.BackendAccelerator}. Opening one backend by name loads no other.
 *
 * <p>Each {@link org.gpu4j.Device} a probe returns is built with the provider's {@code BackendInfo}, and core asks
 * the device ({@link org.gpu4j.Device#backendInfo()}, {@link org.gpu4j.Device#supports(org.gpu4j.Capability)}),
 * never a backend name, how to shape work. Native failures are reported with
 * {@link org.gpu4j.Gpu4jException}'s routine, status and status name filled in; a missing device feature with
 * {@link org.gpu4j.UnsupportedCapabilityException}.
 *
 * <p>Core validates every argument before it reaches a backend, so implementations only do native work. Built-in
 * operations and generated kernels are written on the public API, so a new backend gets them by building
 * OpenCL C or CUDA C sources (or running Java kernels).
 */
package org.gpu4j.spi;
