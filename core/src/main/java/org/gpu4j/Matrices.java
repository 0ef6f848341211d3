package org.gpu4j;

/**
 * Matrix operations on one accelerator's arrays ({@code acc.matrices()}).
 */
public final class Matrices {
    private final Accelerator acc;

    Matrices(Accelerator acc) { this.acc = acc; }

    /** The accelerator these operations run on. */
    public Accelerator accelerator() { return acc; }
}
