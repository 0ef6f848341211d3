package org.gpu4j.spi;

import java.util.Set;

/** A built program (an OpenCL program, a CUDA module, a set of Java kernels). */
public interface NativeProgram {
    /** The names of the kernels it defines, when known (may be empty for PTX modules). */
    Set<String> kernelNames();

    /**
     * The kernel called {@code name}; the returned object lives as long as the program.
     *
     * @throws IllegalArgumentException if the program has no such kernel (the message lists those it has)
     */
    NativeKernel kernel(String name);

    /** Releases the program and its kernels; idempotent, never throws. */
    void release();
}
