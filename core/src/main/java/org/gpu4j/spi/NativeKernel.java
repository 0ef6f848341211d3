package org.gpu4j.spi;

import java.util.List;
import org.gpu4j.KernelParam;
import org.gpu4j.Range;

/** A kernel entry point of a built program. */
public interface NativeKernel {
    String name();

    /** Declared parameters when the backend knows them, else an empty list (core then skips type checks). */
    List<KernelParam> params();

    /**
     * Enqueues the kernel. {@code args} are already validated by core: {@link BufferRef}, boxed {@link Byte},
     * {@link Short}, {@link Integer}, {@link Long}, {@link Float}, {@link Double}, or {@link org.gpu4j.LocalMemory}.
     * The range is non-empty and any explicit local size divides the global size.
     */
    NativeEvent launch(Range range, Object[] args);
}
