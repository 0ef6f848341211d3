package org.gpu4j.random;

import org.gpu4j.ElementType;

/**
 * The generators' streams. Each distribution reads its own Philox stream: element {@code k} of distribution
 * {@code D} under seed {@code s} comes from block {@code k / perBlock} of the counter layout
 * (lo32(block), hi32(block), {@link #stream}, 0) with key (lo32(s), hi32(s)), slot {@code k % perBlock}. So
 * element k is a pure function of (seed, k) and two distributions never share a block.
 */
public enum Distribution {
    /** Raw 32-bit words: slot j is word j. */
    BITS("bits_i32", 0, 4, ElementType.INT),
    /** Float in [0, 1): (word >>> 8)·2^-24. */
    UNIFORM_F32("uniform_f32", 1, 4, ElementType.FLOAT),
    /** Double in [0, 1): (draw64 >>> 11)·2^-53, draw64 = words (2j+1, 2j) as high and low halves. */
    UNIFORM_F64("uniform_f64", 2, 2, ElementType.DOUBLE),
    /** Int in [lo, hi): lo + floor(draw64·span / 2^64). */
    RANGE_I32("range_i32", 3, 2, ElementType.INT),
    /** Long in [lo, hi): lo + floor(draw128·span / 2^128), draw128 = words 3..0, high to low. */
    RANGE_I64("range_i64", 4, 1, ElementType.LONG),
    /** Box-Muller float normals: slots (0, 1) from words (0, 1), slots (2, 3) from words (2, 3). */
    NORMAL_F32("normal_f32", 5, 4, ElementType.FLOAT),
    /** Box-Muller double normals: slots (0, 1) from the draws (words 1:0, words 3:2). */
    NORMAL_F64("normal_f64", 6, 2, ElementType.DOUBLE),
    /** Float exponentials: -ln((word + 1)·2^-32)·scale. */
    EXPONENTIAL_F32("exponential_f32", 7, 4, ElementType.FLOAT),
    /** Double exponentials: -ln(((draw64 >>> 11) + 1)·2^-53)·scale. */
    EXPONENTIAL_F64("exponential_f64", 8, 2, ElementType.DOUBLE);

    /** The kernel's entry point in random.cl, random.cu and {@link RandomKernels}. */
    public final String kernel;
    /** Counter word 2: the stream this distribution reads. */
    public final int stream;
    /** Elements per Philox block (a power of two). */
    public final int perBlock;
    /** The element type of the arrays it fills. */
    public final ElementType type;

    Distribution(String kernel, int stream, int perBlock, ElementType type) {
        this.kernel = kernel;
        this.stream = stream;
        this.perBlock = perBlock;
        this.type = type;
    }

    /** log2(perBlock). */
    public int shift() { return Integer.numberOfTrailingZeros(perBlock); }

    /** The number of Philox blocks that elements [start, start + n) of this distribution touch (n &gt; 0). */
    public long blocks(long start, long n) {
        return ((start + n - 1) >> shift()) - (start >> shift()) + 1;
    }
}
