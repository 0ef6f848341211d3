package org.gpu4j.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gpu4j.Accelerator;
import org.gpu4j.Capability;
import org.gpu4j.UnsupportedCapabilityException;
import org.gpu4j.DeviceArray;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.LongArray;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;

/**
 * The vector op family's implementation behind the public facade {@link org.gpu4j.Vectors}: argument checks,
 * launches of the kernels in {@code vector.cl|cu}, {@code reduce.cl|cu} and {@code scan.cl|cu} (Java twins in
 * {@link VectorKernels}), and the host-side combination of reduction partials. Launch geometry comes from the
 * accelerator's {@link LaunchPlan}: element-wise ops use {@link LaunchPlan#elementwise}, reductions and scans
 * {@link LaunchPlan#parts} segments, both with the {@link LaunchPlan.Grain#STREAM} grain on CPU devices.
 */
public final class VectorOps {
    private final Accelerator acc;
    private final CoreAccess core = CoreAccess.get();

    public VectorOps(Accelerator acc) { this.acc = acc; }

    public void copyImpl(DeviceArray src, DeviceArray dst) {
        owned(src, "src");
        owned(dst, "dst");
        sameLength("copy", "src", src, "dst", dst);
        noPartialOverlap("copy", "src", src, "dst", dst);
        dst.copyFrom(src);
    }

    // ================================================================ implementation

    public void binary(String op, DeviceArray a, DeviceArray b, DeviceArray out) { binary(op, a, b, out, "a", "b"); }

    public void binary(String op, DeviceArray a, DeviceArray b, DeviceArray out, String an, String bn) {
        owned(a, an);
        owned(b, bn);
        owned(out, "out");
        sameLength(op, an, a, bn, b);
        sameLength(op, an, a, "out", out);
        noPartialOverlap(op, an, a, "out", out);
        noPartialOverlap(op, bn, b, "out", out);
        elementwise("vector", op, a, a, b, out);
    }

    public void unary(String op, DeviceArray x, DeviceArray out) {
        owned(x, "x");
        owned(out, "out");
        sameLength(op, "x", x, "out", out);
        noPartialOverlap(op, "x", x, "out", out);
        elementwise("vector", op, x, x, out);
    }

    public void unaryScalar(String op, Number alpha, DeviceArray x, DeviceArray out) {
        owned(x, "x");
        owned(out, "out");
        sameLength(op, "x", x, "out", out);
        noPartialOverlap(op, "x", x, "out", out);
        elementwise("vector", op, x, alpha, x, out);
    }

    public void axpyImpl(Number alpha, DeviceArray x, DeviceArray y) {
        owned(x, "x");
        owned(y, "y");
        sameLength("axpy", "x", x, "y", y);
        noPartialOverlap("axpy", "x", x, "y", y);
        elementwise("vector", "axpy", x, alpha, x, y);
    }

    public void axpbyImpl(Number a, DeviceArray x, Number b, DeviceArray y, DeviceArray z) {
        owned(x, "x");
        owned(y, "y");
        owned(z, "z");
        sameLength("axpby", "x", x, "y", y);
        sameLength("axpby", "x", x, "z", z);
        noPartialOverlap("axpby", "x", x, "z", z);
        noPartialOverlap("axpby", "y", y, "z", z);
        elementwise("vector", "axpby", x, a, x, b, y, z);
    }

    public void clampImpl(DeviceArray x, Number lo, Number hi, DeviceArray out) {
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
    public Object partials(String op, DeviceArray x) { return partials(op, x, null, null); }

    public Object partials(String op, DeviceArray x, DeviceArray y) {
        owned(x, "x");
        owned(y, "y");
        sameLength(op, "x", x, "y", y);
        return partials(op, x, y, null);
    }

    public Object partials(String op, DeviceArray x, DeviceArray y, Number scalar) {
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

    public double nrm2Impl(DeviceArray x) {
        owned(x, "x");
        if (x.length() == 0) return 0;
        double amax = extreme(partials("amax", x), false);
        if (Double.isNaN(amax) || Double.isInfinite(amax) || amax == 0) return amax;
        Number scale = x.elementType() == ElementType.FLOAT ? (Number) (float) amax : (Number) amax;
        double ssq = sumD(toDoubles(partials("sumsq", x, null, scale)));
        return amax * Math.sqrt(ssq);
    }

    public long argImpl(String op, DeviceArray x) {
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

    public void scan(DeviceArray in, DeviceArray out, boolean inclusive) {
        String op = inclusive ? "inclusiveScan" : "exclusiveScan";
        owned(in, "in");
        owned(out, "out");
        sameLength(op, "in", in, "out", out);
        noPartialOverlap(op, "in", in, "out", out);
        ElementType t = in.elementType();
        long n = in.length();
        if (n == 0) return;
        String s = t.suffix();
        LaunchPlan plan = plan();
        if (!plan.gpu()) {
            // CPU-shaped plans (PoCL, the Java CPU backend): one pass over chunks of SCAN_CHUNK elements claimed in
            // order (scan_chunked_T). The state (counter + one status per chunk) must start at zero and is this call's
            // own, as is the prefix array (sum and inclusive prefix per chunk, each read only after its status says it
            // was written), so scans running at once on other threads or queues never share them.
            long m = (n + VectorKernels.SCAN_CHUNK - 1) / VectorKernels.SCAN_CHUNK;
            try (IntArray state = acc.allocInts(m + 1); DeviceArray prefix = core.allocUninitialized(acc, t, 2 * m)) {
                kernel("scan", "scan_chunked_" + s).launch(chunkedRange(plan, m), in, out, prefix, state, n, inclusive ? 1 : 0);
            }
            return;
        }
        long p = parts(n);
        try (DeviceArray sums = acc.alloc(t, p)) {
            kernel("scan", "scan_sums_" + s).launch(partsRange(p), in, sums, n);
            kernel("scan", "scan_offsets_" + s).launch(singleRange(), sums, p);
            kernel("scan", "scan_apply_" + s).launch(partsRange(p), in, out, sums, n, inclusive ? 1 : 0);
            // no finish: the scratch array's close frees it after these enqueues, which the lifetime model allows
            // (OpenCL keeps enqueued memory alive until its commands end; CUDA's free waits for the stream; the Java
            // CPU backend's launches have run), so the scan stays asynchronous like every other op
        }
    }

    /**
     * The work-items of scan_chunked_T for m chunks. Java: one per chunk (each takes at most
     * {@code SCAN_CHUNKS_PER_ITEM}, whoever runs it), so the pool's workers share the chunks however the launcher splits
     * the range. CPU-shaped OpenCL: two per compute unit, work-groups of one, each looping until no chunk is left.
     */
    private static Range chunkedRange(LaunchPlan plan, long m) {
        if (plan.javaTwins()) return Range.of(m);
        long units = Math.max(1, plan.device().computeUnits());
        return Range.of(Math.max(1, Math.min(m, 2 * units))).local(1L);
    }

    // ---------------------------------------------------------------- host-side combination of partials

    public static double sumF(Object partials) {
        if (partials instanceof float[] f) {
            double s = 0;
            for (float v : f) s += v;
            return s;
        }
        return sumD((double[]) partials);
    }

    /** Neumaier-compensated sum; a non-finite sum is returned as the plain sum (its compensation is meaningless). */
    public static double sumD(Object partials) {
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

    public static double extreme(Object partials, boolean min) {
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

    private LaunchPlan plan() { return core.plan(acc); }

    private Kernel kernel(String base, String name) {
        if (name.endsWith("_" + ElementType.DOUBLE.suffix()) && !acc.device().supports(Capability.FP64)) {
            throw new UnsupportedCapabilityException(Capability.FP64, acc.device(), name);
        }
        LaunchPlan plan = plan();
        Program p = core.sharedProgram(acc, "org.gpu4j.vector." + base, () -> switch (base) {
            case "vector" -> VectorKernels.vector();
            case "reduce" -> VectorKernels.reduce();
            case "scan" -> VectorKernels.scan();
            default -> throw new IllegalArgumentException(base);
        }, plan.buildOptions());
        return p.kernel(name);
    }

    private Range elementwiseRange(long n) { return plan().elementwise(n, LaunchPlan.Grain.STREAM); }

    /** Number of segments (partials) a reduction or scan of n elements uses. */
    private long parts(long n) { return plan().parts(n, LaunchPlan.Grain.STREAM); }

    private Range partsRange(long p) { return plan().partsRange(p); }

    private Range singleRange() { return plan().single(); }

    // ---------------------------------------------------------------- argument checks

    public void owned(DeviceArray a, String name) {
        Objects.requireNonNull(a, name);
        core.owned(acc, a, name);
    }

    private static void sameLength(String op, String an, DeviceArray a, String bn, DeviceArray b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException(op + ": " + an + " has length " + a.length() + " but " + bn
                    + " has length " + b.length() + "; they must be equal");
        }
    }

    private void noPartialOverlap(String op, String an, DeviceArray a, String bn, DeviceArray b) {
        if (core.storage(a) != core.storage(b)) return;
        long ao = core.offset(a), bo = core.offset(b), al = a.length(), bl = b.length();
        if (ao == bo && al == bl) return;
        if (ao < bo + bl && bo < ao + al) {
            throw new IllegalArgumentException(op + ": " + an + " (" + core.describe(a) + ") and " + bn + " ("
                    + core.describe(b) + ") overlap partially; pass the same array or disjoint ones");
        }
    }

    public void nonEmpty(String op, DeviceArray x) {
        owned(x, "x");
        if (x.length() == 0) throw new IllegalArgumentException(op + ": x is empty; " + op + " needs at least one element");
    }
}
