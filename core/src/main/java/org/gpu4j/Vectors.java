package org.gpu4j;

import java.util.Objects;
import org.gpu4j.vector.VectorOps;

/**
 * Vector operations on one accelerator's arrays ({@code acc.vectors()}): element-wise arithmetic, BLAS-1 style
 * updates, reductions and prefix sums, the same on every backend.
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open();
 *      FloatArray x = acc.upload(new float[] {1, 2, 3});
 *      FloatArray y = acc.upload(new float[] {4, 5, 6})) {
 *     Vectors v = acc.vectors();
 *     v.axpy(2f, x, y);          // y = 2x + y = {6, 9, 12}, enqueued
 *     float d = v.dot(x, y);     // 60; reading a scalar synchronizes
 *     v.inclusiveScan(y, y);     // {6, 15, 27}, in place
 * }
 * }
 *
 * <p><b>Arguments.</b> Every array must belong to this accelerator and be open; the arrays of one call must have
 * equal lengths. A null argument is a {@link NullPointerException} naming it; a length mismatch, an array of
 * another accelerator or an output that partly overlaps an input (two slices of one array) is an
 * {@link IllegalArgumentException} naming the arrays — all checked before anything is enqueued. An output may be
 * the very same array (or slice) as an input: element-wise operations and scans work in place.
 *
 * <p><b>Semantics.</b> Operations writing arrays are enqueued and return at once; those returning a scalar wait for
 * the result (and so for everything enqueued before). Integer arithmetic wraps on overflow as Java's does, on every
 * backend; integer division follows Java except that <b>division by zero gives 0</b> (no exception can come back
 * from a device) and {@code MIN_VALUE / -1} wraps to {@code MIN_VALUE}. Floating-point element-wise operations
 * follow IEEE 754; {@code exp}, {@code log}, {@code pow} may differ from {@link Math} in the last bits (the device's
 * math library: OpenCL allows up to 3 ulp for exp/log and 16 for pow). Element-wise {@code min}/{@code max}/{@code clamp}
 * are Java's {@link Math#min}/{@link Math#max}: a NaN operand gives NaN, and -0.0 is below 0.0.
 *
 * <p><b>Reductions.</b> {@code sum}, {@code dot}, {@code asum}, {@code nrm2} of an empty array are 0;
 * {@code min}, {@code max}, {@code argmin}, {@code argmax} and {@code mean} of an empty array throw
 * {@link IllegalArgumentException}. Each device reduces P segments in a tree and the host combines the P partials
 * (in double for float, compensated for double), so a float sum has |error| &lt;= (n/P/256 + 9)·ε·Σ|xᵢ| on GPUs and
 * about (4096/16 + n/P/4096 + 5)·ε·Σ|xᵢ| on CPUs, far inside the classic n·ε·Σ|xᵢ| of a serial loop. The Java CPU
 * backend adds float {@code sum} and {@code dot} in runs of 256 elements, 32 terms per float accumulator, and the
 * runs in double: |error| &lt;= 32·ε·Σ|xᵢ| (dot: 33·ε·Σ|xᵢyᵢ|, one rounding per product) plus the final rounding
 * to float, for n &lt; 2^28; its other float reductions accumulate in double. NaN: {@code min}/{@code max} return NaN when the array holds one (like
 * {@link Math#min}); {@code argmin}/{@code argmax} return the index of the <b>first NaN</b> when there is one, else the
 * first index of the extreme value (-0.0 and 0.0 tie). {@code nrm2} is overflow-safe: it scales by max|xᵢ| (two
 * passes), so it is finite whenever the result is representable.
 *
 * <p><b>Scans.</b> {@code inclusiveScan(in, out)} writes out[i] = in[0] + ... + in[i], {@code exclusiveScan}
 * out[i] = in[0] + ... + in[i-1] (out[0] = 0); {@code in} and {@code out} may be the same array. A float scan is
 * computed in chunks, lanes and tiles, so element i has |error| &lt;= i·ε·Σⱼ≤ᵢ|xⱼ| at worst (in practice far less).
 * On the Java CPU backend and CPU OpenCL devices (PoCL) it is one pass over fixed chunks of 16 Ki elements whose
 * order of additions is fixed, so a float or double scan gives the same bits on every run and schedule of that
 * backend (the two differ from each other in the last bits: PoCL scans each block of 8 in registers); GPU-shaped
 * devices scan in segments and tiles of their own. Integer scans wrap and are exact everywhere.
 */
public final class Vectors {
    private final Accelerator acc;
    private final VectorOps ops;

    Vectors(Accelerator acc) {
        this.acc = acc;
        this.ops = new VectorOps(acc);
    }

    /** The accelerator these operations run on. */
    public Accelerator accelerator() { return acc; }

    // ================================================================ fill, copy

    /** Sets every element of {@code x} to {@code value}. */
    public void fill(FloatArray x, float value) { ops.owned(x, "x"); x.fill(value); }
    public void fill(DoubleArray x, double value) { ops.owned(x, "x"); x.fill(value); }
    public void fill(IntArray x, int value) { ops.owned(x, "x"); x.fill(value); }
    public void fill(LongArray x, long value) { ops.owned(x, "x"); x.fill(value); }

    /** Copies {@code src} into {@code dst} (equal lengths; the same array is a no-op; partial overlap is refused). */
    public void copy(FloatArray src, FloatArray dst) { ops.copyImpl(src, dst); }
    public void copy(DoubleArray src, DoubleArray dst) { ops.copyImpl(src, dst); }
    public void copy(IntArray src, IntArray dst) { ops.copyImpl(src, dst); }
    public void copy(LongArray src, LongArray dst) { ops.copyImpl(src, dst); }


    // ================================================================ element-wise, all types

    /** out = a + b element-wise. */
    public void add(FloatArray a, FloatArray b, FloatArray out) { ops.binary("add", a, b, out); }
    public void add(DoubleArray a, DoubleArray b, DoubleArray out) { ops.binary("add", a, b, out); }
    /** out = a + b, wrapping on overflow as in Java. */
    public void add(IntArray a, IntArray b, IntArray out) { ops.binary("add", a, b, out); }
    public void add(LongArray a, LongArray b, LongArray out) { ops.binary("add", a, b, out); }

    /** out = a - b element-wise. */
    public void sub(FloatArray a, FloatArray b, FloatArray out) { ops.binary("sub", a, b, out); }
    public void sub(DoubleArray a, DoubleArray b, DoubleArray out) { ops.binary("sub", a, b, out); }
    public void sub(IntArray a, IntArray b, IntArray out) { ops.binary("sub", a, b, out); }
    public void sub(LongArray a, LongArray b, LongArray out) { ops.binary("sub", a, b, out); }

    /** out = a * b element-wise. */
    public void mul(FloatArray a, FloatArray b, FloatArray out) { ops.binary("mul", a, b, out); }
    public void mul(DoubleArray a, DoubleArray b, DoubleArray out) { ops.binary("mul", a, b, out); }
    public void mul(IntArray a, IntArray b, IntArray out) { ops.binary("mul", a, b, out); }
    public void mul(LongArray a, LongArray b, LongArray out) { ops.binary("mul", a, b, out); }

    /** out = a / b element-wise (IEEE: x/0 is ±Inf or NaN). */
    public void div(FloatArray a, FloatArray b, FloatArray out) { ops.binary("div", a, b, out); }
    public void div(DoubleArray a, DoubleArray b, DoubleArray out) { ops.binary("div", a, b, out); }
    /** out = a / b truncating as in Java, except that x / 0 gives 0; MIN_VALUE / -1 wraps to MIN_VALUE. */
    public void div(IntArray a, IntArray b, IntArray out) { ops.binary("div", a, b, out); }
    /** out = a / b truncating as in Java, except that x / 0 gives 0; MIN_VALUE / -1 wraps to MIN_VALUE. */
    public void div(LongArray a, LongArray b, LongArray out) { ops.binary("div", a, b, out); }

    // ================================================================ element-wise, float and double

    /** out = alpha · x. */
    public void scale(float alpha, FloatArray x, FloatArray out) { ops.unaryScalar("scale", alpha, x, out); }
    public void scale(double alpha, DoubleArray x, DoubleArray out) { ops.unaryScalar("scale", alpha, x, out); }

    /** y = alpha · x + y. */
    public void axpy(float alpha, FloatArray x, FloatArray y) { ops.axpyImpl(alpha, x, y); }
    public void axpy(double alpha, DoubleArray x, DoubleArray y) { ops.axpyImpl(alpha, x, y); }

    /** z = a · x + b · y. */
    public void axpby(float a, FloatArray x, float b, FloatArray y, FloatArray z) { ops.axpbyImpl(a, x, b, y, z); }
    public void axpby(double a, DoubleArray x, double b, DoubleArray y, DoubleArray z) { ops.axpbyImpl(a, x, b, y, z); }

    /** out = |x|. */
    public void abs(FloatArray x, FloatArray out) { ops.unary("abs", x, out); }
    public void abs(DoubleArray x, DoubleArray out) { ops.unary("abs", x, out); }
    /** out = √x (NaN for x &lt; 0). */
    public void sqrt(FloatArray x, FloatArray out) { ops.unary("sqrt", x, out); }
    public void sqrt(DoubleArray x, DoubleArray out) { ops.unary("sqrt", x, out); }
    /** out = eˣ. */
    public void exp(FloatArray x, FloatArray out) { ops.unary("exp", x, out); }
    public void exp(DoubleArray x, DoubleArray out) { ops.unary("exp", x, out); }
    /** out = ln x (NaN for x &lt; 0, -Inf for 0). */
    public void log(FloatArray x, FloatArray out) { ops.unary("log", x, out); }
    public void log(DoubleArray x, DoubleArray out) { ops.unary("log", x, out); }

    /** out = xʸ element-wise. */
    public void pow(FloatArray x, FloatArray y, FloatArray out) { ops.binary("pow", x, y, out, "x", "y"); }
    public void pow(DoubleArray x, DoubleArray y, DoubleArray out) { ops.binary("pow", x, y, out, "x", "y"); }

    /** out = Math.min(a, b) element-wise (NaN wins; -0.0 &lt; 0.0). */
    public void min(FloatArray a, FloatArray b, FloatArray out) { ops.binary("min", a, b, out); }
    public void min(DoubleArray a, DoubleArray b, DoubleArray out) { ops.binary("min", a, b, out); }
    /** out = Math.max(a, b) element-wise (NaN wins; -0.0 &lt; 0.0). */
    public void max(FloatArray a, FloatArray b, FloatArray out) { ops.binary("max", a, b, out); }
    public void max(DoubleArray a, DoubleArray b, DoubleArray out) { ops.binary("max", a, b, out); }

    /**
     * out = min(max(x, lo), hi) element-wise; a NaN element stays NaN.
     *
     * @throws IllegalArgumentException if lo or hi is NaN, or lo &gt; hi
     */
    public void clamp(FloatArray x, float lo, float hi, FloatArray out) { ops.clampImpl(x, lo, hi, out); }
    public void clamp(DoubleArray x, double lo, double hi, DoubleArray out) { ops.clampImpl(x, lo, hi, out); }

    // ================================================================ reductions

    /** Σ xᵢ (0 for an empty array). */
    public float sum(FloatArray x) { return (float) ops.sumF(ops.partials("sum", x)); }
    public double sum(DoubleArray x) { return ops.sumD(ops.partials("sum", x)); }
    /** Σ xᵢ wrapping on overflow, as a Java loop would. */
    public int sum(IntArray x) {
        int s = 0;
        for (int v : (int[]) ops.partials("sum", x)) s += v;
        return s;
    }
    /** Σ xᵢ wrapping on overflow, as a Java loop would. */
    public long sum(LongArray x) {
        long s = 0;
        for (long v : (long[]) ops.partials("sum", x)) s += v;
        return s;
    }

    /** Σ xᵢ·yᵢ (0 for empty arrays). */
    public float dot(FloatArray x, FloatArray y) { return (float) ops.sumF(ops.partials("dot", x, y)); }
    public double dot(DoubleArray x, DoubleArray y) { return ops.sumD(ops.partials("dot", x, y)); }

    /** Σ |xᵢ| (0 for an empty array). */
    public float asum(FloatArray x) { return (float) ops.sumF(ops.partials("asum", x)); }
    public double asum(DoubleArray x) { return ops.sumD(ops.partials("asum", x)); }

    /** √(Σ xᵢ²) without overflow or underflow: scaled by max|xᵢ| (0 for an empty array). */
    public float nrm2(FloatArray x) { return (float) ops.nrm2Impl(x); }
    public double nrm2(DoubleArray x) { return ops.nrm2Impl(x); }

    /**
     * The arithmetic mean, Σ xᵢ / n, from the same partial sums as {@link #sum(FloatArray)}: for floats the partials
     * are floats on every backend, so a sum beyond {@link Float#MAX_VALUE} is infinite before the division
     * ({@code mean([MAX, MAX])} is Infinity everywhere, not MAX); use a {@link DoubleArray} when the sum may overflow.
     *
     * @throws IllegalArgumentException for an empty array
     */
    public float mean(FloatArray x) { ops.nonEmpty("mean", x); return (float) (ops.sumF(ops.partials("sum", x)) / x.length()); }
    public double mean(DoubleArray x) { ops.nonEmpty("mean", x); return ops.sumD(ops.partials("sum", x)) / x.length(); }

    /** The smallest element; NaN if any element is NaN. @throws IllegalArgumentException for an empty array */
    public float min(FloatArray x) { ops.nonEmpty("min", x); return (float) ops.extreme(ops.partials("min", x), true); }
    public double min(DoubleArray x) { ops.nonEmpty("min", x); return ops.extreme(ops.partials("min", x), true); }
    /** The largest element; NaN if any element is NaN. @throws IllegalArgumentException for an empty array */
    public float max(FloatArray x) { ops.nonEmpty("max", x); return (float) ops.extreme(ops.partials("max", x), false); }
    public double max(DoubleArray x) { ops.nonEmpty("max", x); return ops.extreme(ops.partials("max", x), false); }

    /** Index of the first smallest element, or of the first NaN. @throws IllegalArgumentException for an empty array */
    public long argmin(FloatArray x) { return ops.argImpl("argmin", x); }
    public long argmin(DoubleArray x) { return ops.argImpl("argmin", x); }
    /** Index of the first largest element, or of the first NaN. @throws IllegalArgumentException for an empty array */
    public long argmax(FloatArray x) { return ops.argImpl("argmax", x); }
    public long argmax(DoubleArray x) { return ops.argImpl("argmax", x); }

    // ================================================================ scans

    /** out[i] = in[0] + ... + in[i]; {@code in} may be {@code out}. Integers wrap. */
    public void inclusiveScan(FloatArray in, FloatArray out) { ops.scan(in, out, true); }
    public void inclusiveScan(DoubleArray in, DoubleArray out) { ops.scan(in, out, true); }
    public void inclusiveScan(IntArray in, IntArray out) { ops.scan(in, out, true); }
    public void inclusiveScan(LongArray in, LongArray out) { ops.scan(in, out, true); }

    /** out[i] = in[0] + ... + in[i-1], out[0] = 0; {@code in} may be {@code out}. Integers wrap. */
    public void exclusiveScan(FloatArray in, FloatArray out) { ops.scan(in, out, false); }
    public void exclusiveScan(DoubleArray in, DoubleArray out) { ops.scan(in, out, false); }
    public void exclusiveScan(IntArray in, IntArray out) { ops.scan(in, out, false); }
    public void exclusiveScan(LongArray in, LongArray out) { ops.scan(in, out, false); }
}
