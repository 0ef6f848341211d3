package org.gpu4j.random;

/**
 * The Philox4x32 block function of Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3"
 * (SC'11), in Java: the reference the OpenCL and CUDA kernels ({@code random.cl}, {@code random.cu}) are checked
 * against, and the Java CPU backend's generator. Checked against the Random123 known-answer vectors
 * ({@code PhiloxKatTest}).
 *
 * <p>One round maps the counter (c0, c1, c2, c3) under the key (k0, k1) to
 * (hi(M1·c2) ^ c1 ^ k0, lo(M1·c2), hi(M0·c0) ^ c3 ^ k1, lo(M0·c0)), where hi and lo are the upper and lower 32 bits
 * of the 64-bit product; between rounds the key is bumped by the Weyl constants (W0, W1). Philox4x32-10 is ten
 * rounds. All arithmetic is modulo 2^32 (Java's int), products unsigned.
 */
public final class Philox {
    private Philox() {}

    /** Round multipliers. */
    public static final int M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    /** Key schedule (Weyl) increments: the golden ratio and sqrt(3) - 1, as 32-bit fractions. */
    public static final int W0 = 0x9E3779B9, W1 = 0xBB67AE85;
    /** The number of rounds of Philox4x32-10. */
    public static final int ROUNDS = 10;

    private static final long U32 = 0xFFFF_FFFFL;

    /**
     * {@code rounds} rounds of Philox4x32 on the counter (c0, c1, c2, c3) under the key (k0, k1); the four output
     * words go to {@code out[0..3]}.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int rounds, int[] out) {
        for (int r = 0; r < rounds; r++) {
            if (r > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = (M0 & U32) * (c0 & U32);
            long p1 = (M1 & U32) * (c2 & U32);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /**
     * Block {@code b} of stream {@code stream} of the generator with key (k0, k1): Philox4x32-10 of the counter
     * (lo32(b), hi32(b), stream, 0). This is the layout every gpu4j random kernel uses.
     */
    public static void block(long b, int stream, int k0, int k1, int[] out) {
        block((int) b, (int) (b >>> 32), stream, 0, k0, k1, ROUNDS, out);
    }

    /** The low key word of a seed. */
    public static int key0(long seed) { return (int) seed; }

    /** The high key word of a seed. */
    public static int key1(long seed) { return (int) (seed >>> 32); }
}
