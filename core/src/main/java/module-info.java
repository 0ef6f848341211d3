/**
 * gpu4j's core: the API ({@code org.gpu4j}), the expression kernels ({@code org.gpu4j.expr}) and the backend SPI
 * ({@code org.gpu4j.spi}) are exported; the Java CPU backend ({@code org.gpu4j.cpu}), the launch plan and the
 * family implementations ({@code org.gpu4j.internal}, {@code org.gpu4j.vector}, {@code org.gpu4j.matrix}) are not.
 * Backends are found with {@link java.util.ServiceLoader}; the Java CPU backend is provided here, OpenCL and CUDA by
 * their modules ({@code org.gpu4j.opencl}, {@code org.gpu4j.cuda}: automatic modules, since JOCL and JCuda have no
 * module names of their own to require).
 */
module org.gpu4j.core {
    // The Java CPU backend's GEMM uses the Vector API when the JVM runs with --add-modules jdk.incubator.vector.
    requires static jdk.incubator.vector;

    exports org.gpu4j;
    exports org.gpu4j.expr;
    exports org.gpu4j.spi;

    uses org.gpu4j.spi.BackendProvider;
    provides org.gpu4j.spi.BackendProvider with org.gpu4j.cpu.CpuProvider;
}
