package org.gpu4j;

/**
 * A kernel argument that reserves work-group local memory (OpenCL {@code __local T*}); in CUDA the same size is
 * passed as the launch's dynamic shared memory. Java kernels have no local memory: passing one to a Java kernel
 * is accepted and ignored.
 */
public record LocalMemory(long bytes) {
    public LocalMemory {
        if (bytes <= 0) throw new IllegalArgumentException("local memory size must be positive, got " + bytes);
    }

    /** Local memory of {@code count} elements of {@code type}. */
    public static LocalMemory of(ElementType type, long count) {
        java.util.Objects.requireNonNull(type, "type");
        if (count <= 0) throw new IllegalArgumentException("local memory count must be positive, got " + count);
        try {
            return new LocalMemory(Math.multiplyExact(count, (long) type.bytes()));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("local memory of " + count + " " + type + " elements overflows a byte count");
        }
    }

    public static LocalMemory bytes(long bytes) { return new LocalMemory(bytes); }
}
