package org.gpu4j;

/**
 * A device feature that some devices lack. {@link Device#supports(Capability)} says whether a device has it; an
 * operation that needs a missing one throws {@link UnsupportedCapabilityException} naming it.
 */
public enum Capability {
    /** Double-precision arithmetic ({@code cl_khr_fp64} on OpenCL; every CUDA GPU; always on the Java CPU backend). */
    FP64,
    /** Fast memory shared by a work-group (OpenCL {@code __local}, CUDA {@code __shared__}); the Java CPU backend has none. */
    LOCAL_MEMORY
}
