package org.gpu4j;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gpu4j.group.GroupOps;

/**
 * Several accelerators used as one: built-in element-wise operations, reductions and matrix products on Java arrays,
 * split into contiguous parts (rows for a product) in proportion to each member's weight, the parts running at the
 * same time, each on its own device (upload, compute, download). Open one with {@link Gpu4j#openAll(String...)}.
 *
 * {@snippet :
 * try (DeviceGroup g = Gpu4j.openAll("opencl", "cpu")) {
 *     g.calibrate();                               // weights from a measured product on each member
 *     float[] c = g.gemm(m, n, k, a, b);           // rows of C split over PoCL and the Java CPU backend
 * }
 * }
 *
 * <p><b>Weights.</b> Equal by default; {@link #withWeights(double...)} declares them (relative speeds), and
 * {@link #calibrate()} measures them (a 256 x 256 x 256 product per member, best of three).
 *
 * <p><b>Results.</b> Each element of a result is computed by exactly one member with that member's built-in
 * operation, so: element-wise {@code add}, {@code sub}, {@code mul} (one correctly rounded operation) and every integer
 * operation give exactly what one device gives; {@code axpy} gives what the member gives (one rounding more or less
 * where a device contracts {@code a*x+y} into a fused multiply-add); a product's element is that member's product's
 * element (within the members' stated GEMM bound). A reduction adds the members' partial results in double: a float
 * sum or dot is within the loosest member's stated bound plus one rounding per member (|error| &lt;= (B + m·ε)·Σ|xᵢ|
 * for m members, B the member bound of {@link Vectors#sum(FloatArray)}); integer sums wrap as a Java loop does, exactly.
 *
 * <p><b>Threads.</b> Thread-safe: several threads may run operations at once (the members are). {@link #close()}
 * closes every member.
 */
public final class DeviceGroup implements AutoCloseable {
    private final List<Accelerator> members;
    private volatile double[] weights;
    private final ExecutorService pool;

    DeviceGroup(List<Accelerator> members) {
        this.members = List.copyOf(members);
        double[] w = new double[members.size()];
        java.util.Arrays.fill(w, 1);
        this.weights = w;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.pool = Executors.newFixedThreadPool(members.size(), r -> {
            Thread t = new Thread(r, "gpu4j-group-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    /** The members, in the order they were opened. */
    public List<Accelerator> members() { return members; }

    /** The current weights (relative speeds), one per member. */
    public double[] weights() { return weights.clone(); }

    /**
     * Declares the members' relative speeds: member i gets a share of {@code w[i] / Σw}. A weight of 0 leaves a member
     * out.
     *
     * @throws IllegalArgumentException unless there is one finite, non-negative weight per member and one is positive
     */
    public DeviceGroup withWeights(double... w) {
        Objects.requireNonNull(w, "w");
        if (w.length != members.size()) {
            throw new IllegalArgumentException(w.length + " weights for " + members.size() + " members");
        }
        double total = 0;
        for (double x : w) {
            if (!(x >= 0) || Double.isInfinite(x)) throw new IllegalArgumentException("weight " + x + " is not a finite number >= 0");
            total += x;
        }
        if (total <= 0) throw new IllegalArgumentException("every weight is 0");
        weights = w.clone();
        return this;
    }

    /**
     * Measures each member's speed on a 256 x 256 x 256 float product (upload, product, download; best of three after
     * a warm-up) and sets the weights to the measured rates. Returns the weights.
     */
    public double[] calibrate() {
        int s = 256;
        float[] a = new float[s * s], b = new float[s * s];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat(); b[i] = r.nextFloat(); }
        double[] w = new double[members.size()];
        for (int i = 0; i < members.size(); i++) {
            Accelerator acc = members.get(i);
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 4; rep++) {
                long t0 = System.nanoTime();
                gemmPart(acc, s, s, s, a, b, 0, s, new float[s * s]);
                long t = System.nanoTime() - t0;
                if (rep > 0) best = Math.min(best, t);
            }
            w[i] = 1e9 / Math.max(1, best);
        }
        weights = w;
        return w.clone();
    }

    // ---------------------------------------------------------------- element-wise

    /** out = a + b element-wise, a new array. */
    public float[] add(float[] a, float[] b) { return this.<float[], FloatArray>binary(a, b, Vectors::add); }
    public double[] add(double[] a, double[] b) { return this.<double[], DoubleArray>binary(a, b, Vectors::add); }
    public int[] add(int[] a, int[] b) { return this.<int[], IntArray>binary(a, b, Vectors::add); }
    public long[] add(long[] a, long[] b) { return this.<long[], LongArray>binary(a, b, Vectors::add); }
    /** out = a - b element-wise, a new array. */
    public float[] sub(float[] a, float[] b) { return this.<float[], FloatArray>binary(a, b, Vectors::sub); }
    public double[] sub(double[] a, double[] b) { return this.<double[], DoubleArray>binary(a, b, Vectors::sub); }
    public int[] sub(int[] a, int[] b) { return this.<int[], IntArray>binary(a, b, Vectors::sub); }
    public long[] sub(long[] a, long[] b) { return this.<long[], LongArray>binary(a, b, Vectors::sub); }
    /** out = a * b element-wise, a new array (integers wrap). */
    public float[] mul(float[] a, float[] b) { return this.<float[], FloatArray>binary(a, b, Vectors::mul); }
    public double[] mul(double[] a, double[] b) { return this.<double[], DoubleArray>binary(a, b, Vectors::mul); }
    public int[] mul(int[] a, int[] b) { return this.<int[], IntArray>binary(a, b, Vectors::mul); }
    public long[] mul(long[] a, long[] b) { return this.<long[], LongArray>binary(a, b, Vectors::mul); }

    /** alpha·x + y element-wise, a new array ({@code y} is not changed). */
    public float[] axpy(float alpha, float[] x, float[] y) {
        check(x, y);
        float[] out = new float[x.length];
        GroupOps.run(pool, members, weights, x.length, (acc, m, from, count) -> {
            try (FloatArray dx = acc.allocFloats(count); FloatArray dy = acc.allocFloats(count)) {
                dx.copyFrom(x, from, 0, count);
                dy.copyFrom(y, from, 0, count);
                acc.vectors().axpy(alpha, dx, dy);
                dy.copyTo(0, out, from, count);
            }
            return null;
        });
        return out;
    }

    @FunctionalInterface
    private interface Binary<A extends DeviceArray> { void apply(Vectors v, A a, A b, A out); }

    private <J, A extends DeviceArray> J binary(J a, J b, Binary<A> op) {
        check(a, b);
        int n = java.lang.reflect.Array.getLength(a);
        @SuppressWarnings("unchecked")
        J out = (J) java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), n);
        GroupOps.run(pool, members, weights, n, (acc, m, from, count) -> {
            try (DeviceArray da = part(acc, a, from, count); DeviceArray db = part(acc, b, from, count);
                 DeviceArray dout = acc.alloc(da.elementType(), count)) {
                @SuppressWarnings("unchecked")
                A x = (A) da, y = (A) db, z = (A) dout;
                op.apply(acc.vectors(), x, y, z);
                download(dout, out, from, count);
            }
            return null;
        });
        return out;
    }

    private static void check(Object a, Object b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int na = java.lang.reflect.Array.getLength(a), nb = java.lang.reflect.Array.getLength(b);
        if (na != nb) throw new IllegalArgumentException("lengths differ: " + na + " and " + nb);
    }

    /** A new device array on {@code acc} holding {@code data[from, from + count)}. */
    private static DeviceArray part(Accelerator acc, Object data, int from, int count) {
        if (data instanceof float[] f) { FloatArray d = acc.allocFloats(count); d.copyFrom(f, from, 0, count); return d; }
        if (data instanceof double[] f) { DoubleArray d = acc.allocDoubles(count); d.copyFrom(f, from, 0, count); return d; }
        if (data instanceof int[] f) { IntArray d = acc.allocInts(count); d.copyFrom(f, from, 0, count); return d; }
        long[] f = (long[]) data;
        LongArray d = acc.allocLongs(count);
        d.copyFrom(f, from, 0, count);
        return d;
    }

    private static void download(DeviceArray src, Object dst, int at, int count) {
        if (src instanceof FloatArray f) f.copyTo(0, (float[]) dst, at, count);
        else if (src instanceof DoubleArray d) d.copyTo(0, (double[]) dst, at, count);
        else if (src instanceof IntArray i) i.copyTo(0, (int[]) dst, at, count);
        else ((LongArray) src).copyTo(0, (long[]) dst, at, count);
    }

    // ---------------------------------------------------------------- reductions

    /** Σ xᵢ: the members' partial sums added in double (see the class comment for the bound). */
    public float sum(float[] x) {
        Objects.requireNonNull(x, "x");
        double s = 0;
        for (Float p : GroupOps.run(pool, members, weights, x.length, (acc, m, from, count) -> {
            try (FloatArray d = (FloatArray) part(acc, x, from, count)) {
                return acc.vectors().sum(d);
            }
        })) if (p != null) s += p;
        return (float) s;
    }

    public double sum(double[] x) {
        Objects.requireNonNull(x, "x");
        double s = 0;
        for (Double p : GroupOps.run(pool, members, weights, x.length, (acc, m, from, count) -> {
            try (DoubleArray d = (DoubleArray) part(acc, x, from, count)) {
                return acc.vectors().sum(d);
            }
        })) if (p != null) s += p;
        return s;
    }

    /** Σ xᵢ wrapping on overflow, exactly as a Java loop. */
    public long sum(long[] x) {
        Objects.requireNonNull(x, "x");
        long s = 0;
        for (Long p : GroupOps.run(pool, members, weights, x.length, (acc, m, from, count) -> {
            try (LongArray d = (LongArray) part(acc, x, from, count)) {
                return acc.vectors().sum(d);
            }
        })) if (p != null) s += p;
        return s;
    }

    /** Σ xᵢ wrapping on overflow, exactly as a Java loop. */
    public int sum(int[] x) {
        Objects.requireNonNull(x, "x");
        int s = 0;
        for (Integer p : GroupOps.run(pool, members, weights, x.length, (acc, m, from, count) -> {
            try (IntArray d = (IntArray) part(acc, x, from, count)) {
                return acc.vectors().sum(d);
            }
        })) if (p != null) s += p;
        return s;
    }

    /** Σ xᵢ·yᵢ: the members' partial dots added in double. */
    public float dot(float[] x, float[] y) {
        check(x, y);
        double s = 0;
        for (Float p : GroupOps.run(pool, members, weights, x.length, (acc, m, from, count) -> {
            try (FloatArray dx = (FloatArray) part(acc, x, from, count); FloatArray dy = (FloatArray) part(acc, y, from, count)) {
                return acc.vectors().dot(dx, dy);
            }
        })) if (p != null) s += p;
        return (float) s;
    }

    // ---------------------------------------------------------------- products

    /**
     * C = A·B for row-major {@code a} (m x k) and {@code b} (k x n), a new row-major m x n array: the rows of A (and C)
     * are split over the members, each member gets all of B.
     *
     * @throws IllegalArgumentException if a dimension is negative or an array's length is not what they make
     */
    public float[] gemm(int m, int n, int k, float[] a, float[] b) {
        checkGemm(m, n, k, Objects.requireNonNull(a, "a").length, Objects.requireNonNull(b, "b").length);
        float[] c = new float[Math.multiplyExact(m, n)];
        GroupOps.run(pool, members, weights, m, (acc, member, from, rows) -> {
            gemmPart(acc, m, n, k, a, b, from, rows, c);
            return null;
        });
        return c;
    }

    /** {@link #gemm(int, int, int, float[], float[])} in 64-bit integers (wrapping): exactly what one device gives. */
    public long[] gemm(int m, int n, int k, long[] a, long[] b) {
        checkGemm(m, n, k, Objects.requireNonNull(a, "a").length, Objects.requireNonNull(b, "b").length);
        long[] c = new long[Math.multiplyExact(m, n)];
        GroupOps.run(pool, members, weights, m, (acc, member, from, rows) -> {
            try (LongArray da = acc.allocLongs((long) rows * k); LongArray db = acc.upload(b);
                 LongMatrix ma = LongMatrix.wrap(da, rows, k); LongMatrix mb = LongMatrix.wrap(db, k, n);
                 LongMatrix mc = acc.allocLongMatrix(rows, n)) {
                da.copyFrom(a, from * k, 0, rows * k);
                acc.matrices().multiply(ma, mb, mc);
                mc.data().copyTo(0, c, from * n, rows * n);
            }
            return null;
        });
        return c;
    }

    private static void checkGemm(int m, int n, int k, int la, int lb) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("dimensions " + m + " x " + n + " x " + k);
        if ((long) m * k != la) throw new IllegalArgumentException("a has " + la + " elements, m x k = " + (long) m * k);
        if ((long) k * n != lb) throw new IllegalArgumentException("b has " + lb + " elements, k x n = " + (long) k * n);
        if ((long) m * n > DeviceArray.MAX_JAVA_ARRAY) throw new IllegalArgumentException("C would not fit a Java array");
    }

    private static void gemmPart(Accelerator acc, int m, int n, int k, float[] a, float[] b, int from, int rows, float[] c) {
        if (rows == 0 || n == 0) return;
        if (k == 0) { java.util.Arrays.fill(c, from * n, (from + rows) * n, 0f); return; }
        try (FloatArray da = acc.allocFloats((long) rows * k); FloatArray db = acc.upload(b);
             FloatMatrix ma = FloatMatrix.wrap(da, rows, k); FloatMatrix mb = FloatMatrix.wrap(db, k, n);
             FloatMatrix mc = acc.allocFloatMatrix(rows, n)) {
            da.copyFrom(a, from * k, 0, rows * k);
            acc.matrices().multiply(ma, mb, mc);
            mc.data().copyTo(0, c, from * n, rows * n);
        }
    }

    /** Closes every member (each with its own bounded close); never throws. */
    @Override public void close() {
        pool.shutdownNow();
        for (Accelerator a : members) a.close();
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("DeviceGroup[");
        double[] w = weights;
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(members.get(i).name()).append(String.format(java.util.Locale.ROOT, " (weight %.3g)", w[i]));
        }
        return sb.append(']').toString();
    }
}
