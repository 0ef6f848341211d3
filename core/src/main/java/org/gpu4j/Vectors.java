package org.gpu4j;

/**
 * Vector operations on one accelerator's arrays ({@code acc.vectors()}).
 */
public final class Vectors {
    private final Accelerator acc;

    Vectors(Accelerator acc) { this.acc = acc; }

    /** The accelerator these operations run on. */
    public Accelerator accelerator() { return acc; }
}
