/**
 * The backend SPI. A backend is a {@link org.gpu4j.spi.BackendProvider} listed in
 * {@code META-INF/services/org.gpu4j.spi.BackendProvider}; core finds it with {@link java.util.ServiceLoader},
 * asks it to {@linkplain org.gpu4j.spi.BackendProvider#probe() probe} (cheaply, never throwing, reporting a missing
 * library or device as a reason), and only then opens a {@link org.gpu4j.spi.BackendAccelerator}.
 *
 * <p>Core validates every argument before it reaches a backend, so implementations only do native work. Built-in
 * operations and generated kernels are written on the public API, so a new backend gets them by building
 * OpenCL C or CUDA C sources (or running Java kernels).
 */
package org.gpu4j.spi;
