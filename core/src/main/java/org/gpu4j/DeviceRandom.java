package org.gpu4j;

import java.util.Objects;
import org.gpu4j.random.Distribution;
import org.gpu4j.random.RandomOps;

/**
 * Random numbers generated on the device ({@code acc.random(seed)}): counter-based Philox4x32-10 (Salmon, Moraes,
 * Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11), the same bits on every backend.
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open(); FloatArray z = acc.allocFloats(1 << 20); FloatArray u = acc.allocFloats(1000)) {
 *     DeviceRandom rng = acc.random(42);
 *     rng = rng.normal(z, 0f, 1f);        // elements 0 .. 2^20-1 of the normal stream; returns the generator after them
 *     rng.uniform(u);                     // elements 2^20 .. of the uniform stream
 *     acc.random(42).skip(500).uniform(u.slice(500, 500));   // the same last 500 values again, in a second call
 * }
 * }
 *
 * <p><b>Immutable.</b> A {@code DeviceRandom} is a value: a seed and an offset. It has no state to advance, so it is
 * safe to share between threads, and the same generator fills the same numbers every time. Each fill returns the
 * generator positioned after the elements it wrote ({@code skip(x.length())}); use that one for the next fill, or
 * the same numbers come again. Commands are enqueued like every other op and return at once.
 *
 * <p><b>Streams.</b> Element {@code k} of a distribution is a pure function of (seed, k): it is computed from Philox
 * block {@code k / E} alone (E elements per block: 4 for int bits, float uniforms, normals and exponentials; 2 for
 * doubles and int ranges; 1 for long ranges) with the counter (lo32(block), hi32(block), stream, 0) and the key
 * (lo32(seed), hi32(seed)), where each distribution has a stream number of its own, so two distributions never share
 * a block. A fill of {@code x} from a generator at offset {@code o} writes elements {@code o .. o + x.length() - 1}.
 * Hence the same seed gives the same values on the Java CPU backend, OpenCL and CUDA, for any length, slice,
 * work-group size and split over calls: {@code r.uniform(a)} equals {@code r.uniform(a.slice(0, m))} followed by
 * {@code r.skip(m).uniform(a.slice(m, n - m))}, and the second half may be filled on another device. Offsets run to
 * 2^63 - 1. {@code at(offset)} and {@code skip(n)} move a generator; different seeds are independent streams (the
 * seed is Philox's key).
 *
 * <p><b>Values.</b> Bit-identical on every backend, integers and floating point alike:
 * <ul>
 * <li>{@link #uniform(FloatArray)}: {@code (w >>> 8)·2^-24} for a 32-bit word w — every multiple of 2^-24 in [0, 1),
 *     each with probability exactly 2^-24, and no other value (0 is possible, 1 is not). Floats below 2^-24 other
 *     than 0 are never produced.</li>
 * <li>{@link #uniform(DoubleArray)}: {@code (x >>> 11)·2^-53} for a 64-bit draw x — every multiple of 2^-53 in
 *     [0, 1), each with probability 2^-53.</li>
 * <li>{@link #uniform(IntArray, int, int)}: {@code lo + floor(x·s / 2^64)}, s = hi - lo, one 64-bit draw x per
 *     element, no rejection (so element k stays a function of k). Each value has probability within 2^-64 of 1/s:
 *     the relative bias is below s·2^-64 &lt; 2^-32, for any range.</li>
 * <li>{@link #uniform(LongArray, long, long)}: {@code lo + floor(x·s / 2^128)}, one 128-bit draw per element: each
 *     value within 2^-128 of 1/s, relative bias below s·2^-128 &lt; 2^-64 (s up to 2^64 - 1: {@code [MIN_VALUE, MAX_VALUE)}).</li>
 * <li>{@link #normal(FloatArray, float, float)}: Box-Muller. For each pair of words (w0, w1):
 *     R = sqrt(-2 ln u), u = (w0 + 1)·2^-32 rounded to float, in (0, 1]; θ = 2π·(w1 >>> 8)·2^-24; the pair is
 *     (R cos θ, R sin θ), then {@code fma(z, sd, mean)}. |z| &lt;= 6.66. Doubles: u from 53 bits, θ from 53 bits,
 *     |z| &lt;= 8.57.</li>
 * <li>{@link #exponential(FloatArray, float)}: {@code -ln((w + 1)·2^-32)·(1/rate)}, values in [0, 22.2/rate];
 *     doubles {@code -ln(((x >>> 11) + 1)·2^-53)·(1/rate)}, in [0, 36.7/rate]. 1/rate is rounded once on the host.</li>
 * </ul>
 * The log, sqrt, sin and cos behind normals and exponentials are gpu4j's own ({@link org.gpu4j.random.RandomMath}),
 * written with +, -, ×, fma and bit operations only and compiled without FP contraction, so they give the same
 * bits on every backend (0 ulp difference between the Java CPU backend and PoCL on every element tested, in both
 * kernel shapes), rather than each backend's math library, which differ by a few ulp (OpenCL allows 3-4). Measured
 * against {@link StrictMath}: log within 0.90 ulp (float) and 1.0 ulp (double), the float sqrt within 0.50 ulp, sin
 * and cos within 1.42·2^-24 (float, every angle) and 2·2^-53 (double); a float normal lies within 5.9e-7 of
 * Box-Muller computed in double with StrictMath from the same two words.
 *
 * <p><b>Errors</b>, all before anything is enqueued: a null array is a {@link NullPointerException}; an array of
 * another accelerator, {@code lo >= hi}, a negative, infinite or NaN {@code sd}, a non-finite {@code mean}, a
 * non-positive or non-finite {@code rate}, a negative offset or skip, and an offset plus length past 2^63 - 1 are
 * {@link IllegalArgumentException}s naming the parameter; a closed array or accelerator is an
 * {@link IllegalStateException}; a double fill on a device without FP64 is an {@link UnsupportedCapabilityException}.
 */
public final class DeviceRandom {
    private final RandomOps ops;
    private final long seed;
    private final long offset;

    DeviceRandom(RandomOps ops, long seed, long offset) {
        this.ops = ops;
        this.seed = seed;
        this.offset = offset;
    }

    /** The accelerator this generator fills arrays of. */
    public Accelerator accelerator() { return ops.accelerator(); }

    /** The seed (Philox's key). */
    public long seed() { return seed; }

    /** The index of the element the next fill writes first. */
    public long offset() { return offset; }

    /**
     * This seed's generator at element {@code offset}.
     *
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public DeviceRandom at(long offset) {
        if (offset < 0) throw new IllegalArgumentException("at: offset must be >= 0, got " + offset);
        return new DeviceRandom(ops, seed, offset);
    }

    /**
     * The generator {@code n} elements further on.
     *
     * @throws IllegalArgumentException if {@code n} is negative or the offset would pass 2^63 - 1
     */
    public DeviceRandom skip(long n) {
        if (n < 0) throw new IllegalArgumentException("skip: n must be >= 0, got " + n);
        if (n > Long.MAX_VALUE - offset) {
            throw new IllegalArgumentException("skip: offset " + offset + " + n " + n + " passes 2^63 - 1");
        }
        return new DeviceRandom(ops, seed, offset + n);
    }

    private DeviceRandom fill(Distribution d, DeviceArray x, Object... params) {
        ops.fill(d, x, seed, offset, params);
        return new DeviceRandom(ops, seed, offset + x.length());
    }

    /** Fills {@code x} with raw 32-bit words of the Philox stream (all 2^32 values equally likely). */
    public DeviceRandom bits(IntArray x) { return fill(Distribution.BITS, x); }

    /** Fills {@code x} with uniform floats in [0, 1): the multiples of 2^-24, each with probability 2^-24. */
    public DeviceRandom uniform(FloatArray x) { return fill(Distribution.UNIFORM_F32, x); }

    /** Fills {@code x} with uniform doubles in [0, 1): the multiples of 2^-53, each with probability 2^-53. */
    public DeviceRandom uniform(DoubleArray x) { return fill(Distribution.UNIFORM_F64, x); }

    /**
     * Fills {@code x} with uniform ints in [lo, hi): relative bias of any value below (hi - lo)·2^-64 &lt; 2^-32.
     *
     * @throws IllegalArgumentException if {@code lo >= hi}
     */
    public DeviceRandom uniform(IntArray x, int lo, int hi) {
        ops.checkTarget("uniform", x, offset);
        if (lo >= hi) throw new IllegalArgumentException("uniform: lo (" + lo + ") must be less than hi (" + hi + ")");
        return fill(Distribution.RANGE_I32, x, lo, (long) hi - lo);
    }

    /**
     * Fills {@code x} with uniform longs in [lo, hi): relative bias of any value below (hi - lo)·2^-128 &lt; 2^-64.
     *
     * @throws IllegalArgumentException if {@code lo >= hi}
     */
    public DeviceRandom uniform(LongArray x, long lo, long hi) {
        ops.checkTarget("uniform", x, offset);
        if (lo >= hi) throw new IllegalArgumentException("uniform: lo (" + lo + ") must be less than hi (" + hi + ")");
        return fill(Distribution.RANGE_I64, x, lo, hi - lo);   // hi - lo wraps to the unsigned span
    }

    /**
     * Fills {@code x} with normal floats of mean {@code mean} and standard deviation {@code sd} (Box-Muller, gpu4j's
     * own log/sqrt/sin/cos: the same bits on every backend).
     *
     * @throws IllegalArgumentException if {@code mean} is not finite, or {@code sd} is negative, infinite or NaN
     */
    public DeviceRandom normal(FloatArray x, float mean, float sd) {
        ops.checkTarget("normal", x, offset);
        checkNormal(mean, sd);
        return fill(Distribution.NORMAL_F32, x, mean, sd);
    }

    /** As {@link #normal(FloatArray, float, float)}, in double precision. */
    public DeviceRandom normal(DoubleArray x, double mean, double sd) {
        ops.checkTarget("normal", x, offset);
        checkNormal(mean, sd);
        return fill(Distribution.NORMAL_F64, x, mean, sd);
    }

    /**
     * Fills {@code x} with exponentials of rate {@code rate} (mean 1/rate).
     *
     * @throws IllegalArgumentException if {@code rate} is not positive and finite
     */
    public DeviceRandom exponential(FloatArray x, float rate) {
        ops.checkTarget("exponential", x, offset);
        checkRate(rate);
        float scale = 1.0f / rate;
        if (!Float.isFinite(scale)) throw new IllegalArgumentException("exponential: rate " + rate + " is too small: 1/rate overflows float");
        return fill(Distribution.EXPONENTIAL_F32, x, scale);
    }

    /** As {@link #exponential(FloatArray, float)}, in double precision. */
    public DeviceRandom exponential(DoubleArray x, double rate) {
        ops.checkTarget("exponential", x, offset);
        checkRate(rate);
        double scale = 1.0 / rate;
        if (!Double.isFinite(scale)) throw new IllegalArgumentException("exponential: rate " + rate + " is too small: 1/rate overflows double");
        return fill(Distribution.EXPONENTIAL_F64, x, scale);
    }

    private static void checkNormal(double mean, double sd) {
        if (!Double.isFinite(mean)) throw new IllegalArgumentException("normal: mean must be finite, got " + mean);
        if (!(sd >= 0) || Double.isInfinite(sd)) {
            throw new IllegalArgumentException("normal: sd (the standard deviation) must be finite and >= 0, got " + sd);
        }
    }

    private static void checkRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("exponential: rate must be finite and > 0, got " + rate);
        }
    }

    @Override public boolean equals(Object o) {
        return o instanceof DeviceRandom r && r.ops.accelerator() == ops.accelerator() && r.seed == seed && r.offset == offset;
    }

    @Override public int hashCode() { return Objects.hash(System.identityHashCode(ops.accelerator()), seed, offset); }

    @Override public String toString() { return "DeviceRandom[seed " + seed + ", offset " + offset + " on " + ops.accelerator().name() + "]"; }
}
