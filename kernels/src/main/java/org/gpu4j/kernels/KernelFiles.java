package org.gpu4j.kernels;

/** Where this module's kernel files lie on the class path (see the package comment). */
public final class KernelFiles {
    /** The resource folder of the {@code .cl}, {@code .cu}, PTX and fatbin files, with its trailing slash. */
    public static final String FOLDER = "org/gpu4j/kernels/";

    private KernelFiles() {}
}
