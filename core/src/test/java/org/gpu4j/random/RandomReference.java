package org.gpu4j.random;

/**
 * The oracle of the random kernels: element {@code k} of a distribution computed directly from its Philox block
 * (no launch, no chunking), with a configurable number of rounds so that tests can also build a deliberately broken
 * generator (Philox with 1 round). With 10 rounds this is the definition the kernels of every backend must match bit
 * for bit.
 */
public final class RandomReference {
    private final long seed;
    private final int rounds;
    private final int[] x = new int[4];
    private long cachedBlock = -1;
    private Distribution cachedDist;

    public RandomReference(long seed) { this(seed, Philox.ROUNDS); }

    public RandomReference(long seed, int rounds) {
        this.seed = seed;
        this.rounds = rounds;
    }

    private int[] block(Distribution d, long b) {
        if (b != cachedBlock || d != cachedDist) {
            Philox.block((int) b, (int) (b >>> 32), d.stream, 0, Philox.key0(seed), Philox.key1(seed), rounds, x);
            cachedBlock = b;
            cachedDist = d;
        }
        return x;
    }

    public int bits(long k) { return block(Distribution.BITS, k >> 2)[(int) (k & 3)]; }

    public float uniformF32(long k) {
        return RandomKernels.uniformF32(block(Distribution.UNIFORM_F32, k >> 2)[(int) (k & 3)]);
    }

    public double uniformF64(long k) {
        return RandomKernels.uniformF64(RandomKernels.draw64(block(Distribution.UNIFORM_F64, k >> 1), (int) (k & 1)));
    }

    public int rangeI32(long k, int lo, int hi) {
        return RandomKernels.rangeI32(RandomKernels.draw64(block(Distribution.RANGE_I32, k >> 1), (int) (k & 1)), lo, (long) hi - lo);
    }

    public long rangeI64(long k, long lo, long hi) {
        int[] w = block(Distribution.RANGE_I64, k);
        return RandomKernels.rangeI64(RandomKernels.draw64(w, 1), RandomKernels.draw64(w, 0), lo, hi - lo);
    }

    public float normalF32(long k, float mean, float sd) {
        int[] w = block(Distribution.NORMAL_F32, k >> 2);
        int j = (int) (k & 3), p = j >> 1;
        long pair = RandomMath.normalPairF32(w[2 * p], w[2 * p + 1]);
        float z = Float.intBitsToFloat((int) ((j & 1) == 0 ? pair : pair >>> 32));
        return Math.fma(z, sd, mean);
    }

    public double normalF64(long k, double mean, double sd) {
        int[] w = block(Distribution.NORMAL_F64, k >> 1);
        double[] z = new double[2];
        RandomMath.normalPairF64(RandomKernels.draw64(w, 0), RandomKernels.draw64(w, 1), z);
        return Math.fma(z[(int) (k & 1)], sd, mean);
    }

    public float exponentialF32(long k, float rate) {
        return RandomMath.exponentialF32(block(Distribution.EXPONENTIAL_F32, k >> 2)[(int) (k & 3)]) * (1.0f / rate);
    }

    public double exponentialF64(long k, double rate) {
        return RandomMath.exponentialF64(RandomKernels.draw64(block(Distribution.EXPONENTIAL_F64, k >> 1), (int) (k & 1))) * (1.0 / rate);
    }

    // ---------------------------------------------------------------- arrays of elements [start, start + n)

    public int[] bits(long start, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = bits(start + i);
        return a;
    }

    public float[] uniformF32(long start, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = uniformF32(start + i);
        return a;
    }

    public double[] uniformF64(long start, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = uniformF64(start + i);
        return a;
    }

    public int[] rangeI32(long start, int n, int lo, int hi) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = rangeI32(start + i, lo, hi);
        return a;
    }

    public long[] rangeI64(long start, int n, long lo, long hi) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = rangeI64(start + i, lo, hi);
        return a;
    }

    public float[] normalF32(long start, int n, float mean, float sd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = normalF32(start + i, mean, sd);
        return a;
    }

    public double[] normalF64(long start, int n, double mean, double sd) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = normalF64(start + i, mean, sd);
        return a;
    }

    public float[] exponentialF32(long start, int n, float rate) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = exponentialF32(start + i, rate);
        return a;
    }

    public double[] exponentialF64(long start, int n, double rate) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = exponentialF64(start + i, rate);
        return a;
    }
}
