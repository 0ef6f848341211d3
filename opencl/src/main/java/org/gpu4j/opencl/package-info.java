/**
 * The OpenCL backend over JOCL ({@code opencl:N}, devices numbered across all platforms). Registered as a
 * {@link org.gpu4j.spi.BackendProvider}; a missing ICD loader or platform is reported as a reason. Programs are
 * built with {@code -cl-kernel-arg-info} and cached in memory and on disk; every native call's status is checked
 * and reported by name.
 */
package org.gpu4j.opencl;
