package org.gpu4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.gpu4j.ops.VectorKernels;

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
 * computed in segments and tiles, so element i has |error| &lt;= i·ε·Σⱼ≤ᵢ|xⱼ| at worst (in practice far less).
 */
public final class Vectors {
    /** System property forcing the kernel shape on OpenCL/CUDA devices: {@code gpu} or {@code cpu} (for tests). */
    public static final String SHAPE_PROPERTY = "gpu4j.vectors.shape";

    private static final int WG = 256;

    private enum Shape { JAVA, CPU, GPU }

    private final Accelerator acc;
    private volatile Shape shape;

    Vectors(Accelerator acc) { this.acc = acc; }

    /** The accelerator these operations run on. */
    public Accelerator accelerator() { return acc; }

    // ================================================================ fill, copy

    /** Sets every element of {@code x} to {@code value}. */
    public void fill(FloatArray x, float value) { owned(x, "x"); x.fill(value); }
    public void fill(DoubleArray x, double value) { owned(x, "x"); x.fill(value); }
    public void fill(IntArray x, int value) { owned(x, "x"); x.fill(value); }
    public void fill(LongArray x, long value) { owned(x, "x"); x.fill(value); }

    /** Copies {@code src} into {@code dst} (equal lengths; the same array is a no-op; partial overlap is refused). */
    public void copy(FloatArray src, FloatArray dst) { copyImpl(src, dst); }
    public void copy(DoubleArray src, DoubleArray dst) { copyImpl(src, dst); }
    public void copy(IntArray src, IntArray dst) { copyImpl(src, dst); }
    public void copy(LongArray src, LongArray dst) { copyImpl(src, dst); }

    private void copyImpl(DeviceArray src, DeviceArray dst) {
        owned(src, "src");
        owned(dst, "dst");
        sameLength("copy", "src", src, "dst", dst);
        noPartialOverlap("copy", "src", src, "dst", dst);
        dst.copyFrom(src);
    }

    // ================================================================ element-wise, all types

    /** out = a + b element-wise. */
    public void add(FloatArray a, FloatArray b, FloatArray out) { binary("add", a, b, out); }
    public void add(DoubleArray a, DoubleArray b, DoubleArray out) { binary("add", a, b, out); }
    /** out = a + b, wrapping on overflow as in Java. */
    public void add(IntArray a, IntArray b, IntArray out) { binary("add", a, b, out); }
    public void add(LongArray a, LongArray b, LongArray out) { binary("add", a, b, out); }

    /** out = a - b element-wise. */
    public void sub(FloatArray a, FloatArray b, FloatArray out) { binary("sub", a, b, out); }
    public void sub(DoubleArray a, DoubleArray b, DoubleArray out) { binary("sub", a, b, out); }
    public void sub(IntArray a, IntArray b, IntArray out) { binary("sub", a, b, out); }
    public void sub(LongArray a, LongArray b, LongArray out) { binary("sub", a, b, out); }

    /** out = a * b element-wise. */
    public void mul(FloatArray a, FloatArray b, FloatArray out) { binary("mul", a, b, out); }
    public void mul(DoubleArray a, DoubleArray b, DoubleArray out) { binary("mul", a, b, out); }
    public void mul(IntArray a, IntArray b, IntArray out) { binary("mul", a, b, out); }
    public void mul(LongArray a, LongArray b, LongArray out) { binary("mul", a, b, out); }

    /** out = a / b element-wise (IEEE: x/0 is ±Inf or NaN). */
    public void div(FloatArray a, FloatArray b, FloatArray out) { binary("div", a, b, out); }
    public void div(DoubleArray a, DoubleArray b, DoubleArray out) { binary("div", a, b, out); }
    /** out = a / b truncating as in Java, except that x / 0 gives 0; MIN_VALUE / -1 wraps to MIN_VALUE. */
    public void div(IntArray a, IntArray b, IntArray out) { binary("div", a, b, out); }
    /** out = a / b truncating as in Java, except that x / 0 gives 0; MIN_VALUE / -1 wraps to MIN_VALUE. */
    public void div(LongArray a, LongArray b, LongArray out) { binary("div", a, b, out); }

    // ================================================================ element-wise, float and double

    /** out = alpha · x. */
    public void scale(float alpha, FloatArray x, FloatArray out) { unaryScalar("scale", alpha, x, out); }
    public void scale(double alpha, DoubleArray x, DoubleArray out) { unaryScalar("scale", alpha, x, out); }

    /** y = alpha · x + y. */
    public void axpy(float alpha, FloatArray x, FloatArray y) { axpyImpl(alpha, x, y); }
    public void axpy(double alpha, DoubleArray x, DoubleArray y) { axpyImpl(alpha, x, y); }

    /** z = a · x + b · y. */
    public void axpby(float a, FloatArray x, float b, FloatArray y, FloatArray z) { axpbyImpl(a, x, b, y, z); }
    public void axpby(double a, DoubleArray x, double b, DoubleArray y, DoubleArray z) { axpbyImpl(a, x, b, y, z); }

    /** out = |x|. */
    public void abs(FloatArray x, FloatArray out) { unary("abs", x, out); }
    public void abs(DoubleArray x, DoubleArray out) { unary("abs", x, out); }
    /** out = √x (NaN for x &lt; 0). */
    public void sqrt(FloatArray x, FloatArray out) { unary("sqrt", x, out); }
    public void sqrt(DoubleArray x, DoubleArray out) { unary("sqrt", x, out); }
    /** out = eˣ. */
    public void exp(FloatArray x, FloatArray out) { unary("exp", x, out); }
    public void exp(DoubleArray x, DoubleArray out) { unary("exp", x, out); }
    /** out = ln x (NaN for x &lt; 0, -Inf for 0). */
    public void log(FloatArray x, FloatArray out) { unary("log", x, out); }
    public void log(DoubleArray x, DoubleArray out) { unary("log", x, out); }

    /** out = xʸ element-wise. */
    public void pow(FloatArray x, FloatArray y, FloatArray out) { binary("pow", x, y, out, "x", "y"); }
    public void pow(DoubleArray x, DoubleArray y, DoubleArray out) { binary("pow", x, y, out, "x", "y"); }

    /** out = Math.min(a, b) element-wise (NaN wins; -0.0 &lt; 0.0). */
    public void min(FloatArray a, FloatArray b, FloatArray out) { binary("min", a, b, out); }
    public void min(DoubleArray a, DoubleArray b, DoubleArray out) { binary("min", a, b, out); }
    /** out = Math.max(a, b) element-wise (NaN wins; -0.0 &lt; 0.0). */
    public void max(FloatArray a, FloatArray b, FloatArray out) { binary("max", a, b, out); }
    public void max(DoubleArray a, DoubleArray b, DoubleArray out) { binary("max", a, b, out); }

    /**
     * out = min(max(x, lo), hi) element-wise; a NaN element stays NaN.
     *
     * @throws IllegalArgumentException if lo or hi is NaN, or lo &gt; hi
     */
    public void clamp(FloatArray x, float lo, float hi, FloatArray out) { clampImpl(x, lo, hi, out); }
    public void clamp(DoubleArray x, double lo, double hi, DoubleArray out) { clampImpl(x, lo, hi, out); }

    // ================================================================ reductions

    /** Σ xᵢ (0 for an empty array). */
    public float sum(FloatArray x) { return (float) sumF(partials("sum", x)); }
    public double sum(DoubleArray x) { return sumD(partials("sum", x)); }
    /** Σ xᵢ wrapping on overflow, as a Java loop would. */
    public int sum(IntArray x) {
        int s = 0;
        for (int v : (int[]) partials("sum", x)) s += v;
        return s;
    }
    /** Σ xᵢ wrapping on overflow, as a Java loop would. */
    public long sum(LongArray x) {
        long s = 0;
        for (long v : (long[]) partials("sum", x)) s += v;
        return s;
    }

    /** Σ xᵢ·yᵢ (0 for empty arrays). */
    public float dot(FloatArray x, FloatArray y) { return (float) sumF(partials("dot", x, y)); }
    public double dot(DoubleArray x, DoubleArray y) { return sumD(partials("dot", x, y)); }

    /** Σ |xᵢ| (0 for an empty array). */
    public float asum(FloatArray x) { return (float) sumF(partials("asum", x)); }
    public double asum(DoubleArray x) { return sumD(partials("asum", x)); }

    /** √(Σ xᵢ²) without overflow or underflow: scaled by max|xᵢ| (0 for an empty array). */
    public float nrm2(FloatArray x) { return (float) nrm2Impl(x); }
    public double nrm2(DoubleArray x) { return nrm2Impl(x); }

    /** The arithmetic mean, Σ xᵢ / n. @throws IllegalArgumentException for an empty array */
    public float mean(FloatArray x) { nonEmpty("mean", x); return (float) (sumF(partials("sum", x)) / x.length()); }
    public double mean(DoubleArray x) { nonEmpty("mean", x); return sumD(partials("sum", x)) / x.length(); }

    /** The smallest element; NaN if any element is NaN. @throws IllegalArgumentException for an empty array */
    public float min(FloatArray x) { nonEmpty("min", x); return (float) extreme(partials("min", x), true); }
    public double min(DoubleArray x) { nonEmpty("min", x); return extreme(partials("min", x), true); }
    /** The largest element; NaN if any element is NaN. @throws IllegalArgumentException for an empty array */
    public float max(FloatArray x) { nonEmpty("max", x); return (float) extreme(partials("max", x), false); }
    public double max(DoubleArray x) { nonEmpty("max", x); return extreme(partials("max", x), false); }

    /** Index of the first smallest element, or of the first NaN. @throws IllegalArgumentException for an empty array */
    public long argmin(FloatArray x) { return argImpl("argmin", x); }
    public long argmin(DoubleArray x) { return argImpl("argmin", x); }
    /** Index of the first largest element, or of the first NaN. @throws IllegalArgumentException for an empty array */
    public long argmax(FloatArray x) { return argImpl("argmax", x); }
    public long argmax(DoubleArray x) { return argImpl("argmax", x); }

    // ================================================================ scans

    /** out[i] = in[0] + ... + in[i]; {@code in} may be {@code out}. Integers wrap. */
    public void inclusiveScan(FloatArray in, FloatArray out) { scan(in, out, true); }
    public void inclusiveScan(DoubleArray in, DoubleArray out) { scan(in, out, true); }
    public void inclusiveScan(IntArray in, IntArray out) { scan(in, out, true); }
    public void inclusiveScan(LongArray in, LongArray out) { scan(in, out, true); }

    /** out[i] = in[0] + ... + in[i-1], out[0] = 0; {@code in} may be {@code out}. Integers wrap. */
    public void exclusiveScan(FloatArray in, FloatArray out) { scan(in, out, false); }
    public void exclusiveScan(DoubleArray in, DoubleArray out) { scan(in, out, false); }
    public void exclusiveScan(IntArray in, IntArray out) { scan(in, out, false); }
    public void exclusiveScan(LongArray in, LongArray out) { scan(in, out, false); }

    // ================================================================ implementation

    private void binary(String op, DeviceArray a, DeviceArray b, DeviceArray out) { binary(op, a, b, out, "a", "b"); }

    private void binary(String op, DeviceArray a, DeviceArray b, DeviceArray out, String an, String bn) {
        owned(a, an);
        owned(b, bn);
        owned(out, "out");
        sameLength(op, an, a, bn, b);
        sameLength(op, an, a, "out", out);
        noPartialOverlap(op, an, a, "out", out);
        noPartialOverlap(op, bn, b, "out", out);
        elementwise("vector", op, a, a, b, out);
    }

    private void unary(String op, DeviceArray x, DeviceArray out) {
        owned(x, "x");
        owned(out, "out");
        sameLength(op, "x", x, "out", out);
        noPartialOverlap(op, "x", x, "out", out);
        elementwise("vector", op, x, x, out);
    }

    private void unaryScalar(String op, Number alpha, DeviceArray x, DeviceArray out) {
        owned(x, "x");
        owned(out, "out");
        sameLength(op, "x", x, "out", out);
        noPartialOverlap(op, "x", x, "out", out);
        elementwise("vector", op, x, alpha, x, out);
    }

    private void axpyImpl(Number alpha, DeviceArray x, DeviceArray y) {
        owned(x, "x");
        owned(y, "y");
        sameLength("axpy", "x", x, "y", y);
        noPartialOverlap("axpy", "x", x, "y", y);
        elementwise("vector", "axpy", x, alpha, x, y);
    }

    private void axpbyImpl(Number a, DeviceArray x, Number b, DeviceArray y, DeviceArray z) {
        owned(x, "x");
        owned(y, "y");
        owned(z, "z");
        sameLength("axpby", "x", x, "y", y);
        sameLength("axpby", "x", x, "z", z);
        noPartialOverlap("axpby", "x", x, "z", z);
        noPartialOverlap("axpby", "y", y, "z", z);
        elementwise("vector", "axpby", x, a, x, b, y, z);
    }

    private void clampImpl(DeviceArray x, Number lo, Number hi, DeviceArray out) {
        owned(x, "x");
        owned(out, "out");
        double l = lo.doubleValue(), h = hi.doubleValue();
        if (Double.isNaN(l) || Double.isNaN(h) || l > h) {
            throw new IllegalArgumentException("clamp: need lo <= hi, got lo = " + lo + ", hi = " + hi);
        }
        sameLength("clamp", "x", x, "out", out);
        noPartialOverlap("clamp", "x", x, "out", out);
        elementwise("vector", "clamp", x, x, lo, hi, out);
    }

    /** Launches {@code op_<suffix>} over {@code args} followed by n = typed.length(). */
    private void elementwise(String base, String op, DeviceArray typed, Object... args) {
        long n = typed.length();
        if (n == 0) return;
        Object[] full = java.util.Arrays.copyOf(args, args.length + 1);
        full[args.length] = n;
        kernel(base, op + "_" + typed.elementType().suffix()).launch(elementwiseRange(n), full);
    }

    /** Runs {@code op_stage1_<suffix>} and returns its partials as a Java array (empty for an empty input). */
    private Object partials(String op, DeviceArray x) { return partials(op, x, null, null); }

    private Object partials(String op, DeviceArray x, DeviceArray y) {
        owned(x, "x");
        owned(y, "y");
        sameLength(op, "x", x, "y", y);
        return partials(op, x, y, null);
    }

    private Object partials(String op, DeviceArray x, DeviceArray y, Number scalar) {
        owned(x, "x");
        ElementType t = x.elementType();
        long n = x.length();
        if (n == 0) return emptyJava(t);
        long p = parts(n);
        try (DeviceArray part = acc.alloc(t, p)) {
            List<Object> args = new ArrayList<>(5);
            args.add(x);
            if (y != null) args.add(y);
            args.add(part);
            if (scalar != null) args.add(scalar);
            args.add(n);
            kernel("reduce", op + "_stage1_" + t.suffix()).launch(partsRange(p), args.toArray());
            return toJava(part);
        }
    }

    private double nrm2Impl(DeviceArray x) {
        owned(x, "x");
        if (x.length() == 0) return 0;
        double amax = extreme(partials("amax", x), false);
        if (Double.isNaN(amax) || Double.isInfinite(amax) || amax == 0) return amax;
        Number scale = x.elementType() == ElementType.FLOAT ? (Number) (float) amax : (Number) amax;
        double ssq = sumD(toDoubles(partials("sumsq", x, null, scale)));
        return amax * Math.sqrt(ssq);
    }

    private long argImpl(String op, DeviceArray x) {
        nonEmpty(op, x);
        ElementType t = x.elementType();
        long n = x.length();
        long p = parts(n);
        double[] vals;
        long[] idx;
        try (DeviceArray pv = acc.alloc(t, p); LongArray pi = acc.allocLongs(p)) {
            kernel("reduce", op + "_stage1_" + t.suffix()).launch(partsRange(p), x, pv, pi, n);
            vals = toDoubles(toJava(pv));
            idx = pi.toArray();
        }
        boolean max = op.equals("argmax");
        double bv = 0;
        long bi = -1;
        for (int k = 0; k < vals.length; k++) {
            long ik = idx[k];
            if (ik < 0) continue;
            if (bi < 0 || takes(max, vals[k], ik, bv, bi)) {
                bv = vals[k];
                bi = ik;
            }
        }
        return bi;
    }

    /** True when (vb, ib) should replace (va, ia): a NaN first, then the extreme, then the lower index. */
    static boolean takes(boolean max, double vb, long ib, double va, long ia) {
        if (Double.isNaN(vb)) return !Double.isNaN(va) || ib < ia;
        if (Double.isNaN(va)) return false;
        if (max ? vb > va : vb < va) return true;
        return vb == va && ib < ia;
    }

    private void scan(DeviceArray in, DeviceArray out, boolean inclusive) {
        String op = inclusive ? "inclusiveScan" : "exclusiveScan";
        owned(in, "in");
        owned(out, "out");
        sameLength(op, "in", in, "out", out);
        noPartialOverlap(op, "in", in, "out", out);
        ElementType t = in.elementType();
        long n = in.length();
        if (n == 0) return;
        long p = parts(n);
        String s = t.suffix();
        try (DeviceArray sums = acc.alloc(t, p)) {
            kernel("scan", "scan_sums_" + s).launch(partsRange(p), in, sums, n);
            kernel("scan", "scan_offsets_" + s).launch(singleRange(), sums, p);
            kernel("scan", "scan_apply_" + s).launch(partsRange(p), in, out, sums, n, inclusive ? 1 : 0);
            // the scratch array is freed below: make sure no backend frees it under a running kernel
            acc.finish();
        }
    }

    // ---------------------------------------------------------------- host-side combination of partials

    private static double sumF(Object partials) {
        if (partials instanceof float[] f) {
            double s = 0;
            for (float v : f) s += v;
            return s;
        }
        return sumD((double[]) partials);
    }

    /** Neumaier-compensated sum; a non-finite sum is returned as the plain sum (its compensation is meaningless). */
    private static double sumD(Object partials) {
        double[] d = toDoubles(partials);
        double s = 0, c = 0;
        for (double v : d) {
            double t = s + v;
            if (Math.abs(s) >= Math.abs(v)) c += (s - t) + v;
            else c += (v - t) + s;
            s = t;
        }
        double r = s + c;
        return Double.isFinite(s) ? r : s;
    }

    private static double extreme(Object partials, boolean min) {
        double[] d = toDoubles(partials);
        double r = min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (double v : d) r = min ? Math.min(r, v) : Math.max(r, v);
        return r;
    }

    private static double[] toDoubles(Object a) {
        if (a instanceof double[] d) return d;
        float[] f = (float[]) a;
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static Object toJava(DeviceArray a) {
        if (a instanceof FloatArray f) return f.toArray();
        if (a instanceof DoubleArray d) return d.toArray();
        if (a instanceof IntArray i) return i.toArray();
        return ((LongArray) a).toArray();
    }

    private static Object emptyJava(ElementType t) {
        return switch (t) {
            case FLOAT -> new float[0];
            case DOUBLE -> new double[0];
            case INT -> new int[0];
            case LONG -> new long[0];
        };
    }

    // ---------------------------------------------------------------- programs and launch geometry

    private Kernel kernel(String base, String name) {
        if (name.endsWith("_" + ElementType.DOUBLE.suffix()) && !acc.device().supports(Capability.FP64)) {
            throw new UnsupportedCapabilityException(Capability.FP64, acc.device(), name);
        }
        Shape sh = shape();
        String options = sh == Shape.CPU ? "-DGPU4J_CPU" : "";
        Program p = acc.sharedProgram("org.gpu4j.ops." + base, () -> switch (base) {
            case "vector" -> VectorKernels.vector();
            case "reduce" -> VectorKernels.reduce();
            case "scan" -> VectorKernels.scan();
            default -> throw new IllegalArgumentException(base);
        }, options);
        return p.kernel(name);
    }

    private Shape shape() {
        Shape s = shape;
        if (s != null) return s;
        Device d = acc.device();
        if (d.backendInfo().javaKernels()) {
            s = Shape.JAVA;
        } else {
            String forced = System.getProperty(SHAPE_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
            if (forced.equals("gpu")) s = Shape.GPU;
            else if (forced.equals(Shape.CPU.name().toLowerCase(Locale.ROOT))) s = Shape.CPU;
            else s = d.type() == DeviceType.CPU ? Shape.CPU : Shape.GPU;
            if (s == Shape.GPU && d.maxWorkGroupSize() > 0 && d.maxWorkGroupSize() < WG) s = Shape.CPU;
        }
        shape = s;
        return s;
    }

    /**
     * Java CPU backend: chunks of at least 512 elements, and more than 1024 of them once n is large enough, so the
     * backend spreads them over its threads; at most ~2048 chunks, so partials stay small.
     */
    private static long javaChunks(long n) {
        long c = Math.max(512, VectorKernels.chunk(n, 2048));
        return Math.max(1, (n + c - 1) / c);
    }

    /** OpenCL CPU devices: one contiguous segment of >= 16 Ki elements per work-item, a few per compute unit. */
    private long cpuItems(long n) {
        long cus = Math.max(1, acc.device().computeUnits());
        return Math.max(1, Math.min((n + 16383) / 16384, 8 * cus));
    }

    private Range elementwiseRange(long n) {
        return switch (shape()) {
            case JAVA -> Range.of(javaChunks(n));
            case CPU -> Range.of(cpuItems(n)).local(1L);
            case GPU -> Range.of(Math.min((n + WG - 1) / WG, 8192) * WG).local((long) WG);
        };
    }

    /** Number of segments (partials) a reduction or scan of n elements uses. */
    private long parts(long n) {
        return switch (shape()) {
            case JAVA -> javaChunks(n);
            case CPU -> cpuItems(n);
            case GPU -> Math.max(1, Math.min((n + 2047) / 2048, 1024));
        };
    }

    private Range partsRange(long p) {
        return switch (shape()) {
            case JAVA -> Range.of(p);
            case CPU -> Range.of(p).local(1L);
            case GPU -> Range.of(p * WG).local((long) WG);
        };
    }

    private Range singleRange() {
        return switch (shape()) {
            case JAVA -> Range.of(1);
            case CPU -> Range.of(1).local(1L);
            case GPU -> Range.of(WG).local((long) WG);
        };
    }

    // ---------------------------------------------------------------- argument checks

    private void owned(DeviceArray a, String name) {
        Objects.requireNonNull(a, name);
        acc.owned(a, name);
    }

    private static void sameLength(String op, String an, DeviceArray a, String bn, DeviceArray b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException(op + ": " + an + " has length " + a.length() + " but " + bn
                    + " has length " + b.length() + "; they must be equal");
        }
    }

    private static void noPartialOverlap(String op, String an, DeviceArray a, String bn, DeviceArray b) {
        if (a.alloc != b.alloc) return;
        if (a.offset == b.offset && a.length == b.length) return;
        if (a.offset < b.offset + b.length && b.offset < a.offset + a.length) {
            throw new IllegalArgumentException(op + ": " + an + " (" + a.describe() + ") and " + bn + " ("
                    + b.describe() + ") overlap partially; pass the same array or disjoint ones");
        }
    }

    private void nonEmpty(String op, DeviceArray x) {
        owned(x, "x");
        if (x.length() == 0) throw new IllegalArgumentException(op + ": x is empty; " + op + " needs at least one element");
    }
}
