package org.gpu4j;

/** The languages a {@link KernelSource} may carry. PTX is CUDA code compiled ahead of time (by nvcc at build time). */
public enum Dialect {
    OPENCL(".cl"), CUDA(".cu"), PTX(".ptx");

    private final String extension;

    Dialect(String extension) { this.extension = extension; }

    /** The file extension of this dialect, with its dot. */
    public String extension() { return extension; }
}
