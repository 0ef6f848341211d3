package org.gpu4j.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.gpu4j.Accelerator;
import org.gpu4j.DoubleArray;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.LaunchException;
import org.gpu4j.LongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expression-kernel contract every backend must meet: a subclass says how to open its accelerator. Each of the
 * {@link #CASES} runs on the backend under test and on the Java CPU backend (the Java evaluator) on the same fresh
 * random data; some also against a hand-written Java oracle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExpressionContract {
    /** Every case declares these arguments and writes one of z, kz, dz, lz. */
    public static final String ARGS = "float a, int c, float *x, float *y, int *k, int *m, double *d, long *l, "
            + "float *z, int *kz, double *dz, long *lz";

    /** A snippet, with an optional oracle for element j over the inputs. */
    public record Case(String op, Oracle oracle) {
        @Override public String toString() { return op; }
    }

    @FunctionalInterface
    public interface Oracle { Object at(Data in, int j); }

    /** Inputs and outputs as Java arrays. */
    public static final class Data {
        public final int n;
        public final float a = 2.5f;
        public final int c = 7;
        public final float[] x, y, z;
        public final int[] k, m, kz;
        public final double[] d, dz;
        public final long[] l, lz;

        Data(int n, long seed) {
            this.n = n;
            Random r = new Random(seed);
            x = new float[n]; y = new float[n]; z = new float[n];
            k = new int[n]; m = new int[n]; kz = new int[n];
            d = new double[n]; dz = new double[n];
            l = new long[n]; lz = new long[n];
            for (int j = 0; j < n; j++) {
                x[j] = r.nextFloat() * 4 - 2;
                y[j] = r.nextFloat() * 4 - 2;
                k[j] = r.nextInt(2001) - 1000;
                m[j] = (r.nextInt(50) + 1) * (r.nextBoolean() ? 1 : -1);
                d[j] = r.nextDouble() * 20 - 10;
                l[j] = r.nextLong();
            }
        }
    }

    static Case c(String op) { return new Case(op, null); }
    static Case c(String op, Oracle o) { return new Case(op, o); }

    public static final List<Case> CASES = List.of(
            c("z[i] = a*x[i] + y[i]", (in, j) -> in.a * in.x[j] + in.y[j]),
            c("z[i] = x[i] - y[i] * 2.0f", (in, j) -> in.x[j] - in.y[j] * 2.0f),
            c("z[i] = x[i] / (fabs(y[i]) + 1.0f)", (in, j) -> in.x[j] / (Math.abs(in.y[j]) + 1.0f)),
            c("z[i] = sqrt(fabs(x[i]))", (in, j) -> (float) Math.sqrt(Math.abs(in.x[j]))),
            c("z[i] = exp(x[i]) - log(fabs(y[i]) + 1.0f)"),
            c("z[i] = sin(x[i]) * cos(y[i]) + tan(x[i] * 0.25f)"),
            c("z[i] = pow(fabs(x[i]), 1.5f)"),
            c("z[i] = fmin(x[i], y[i]) + fmax(x[i], y[i]) * 0.5f"),
            c("z[i] = floor(x[i] * 3.0f) + ceil(y[i])", (in, j) -> (float) Math.floor(in.x[j] * 3.0f) + (float) Math.ceil(in.y[j])),
            c("z[i] = tanh(x[i]) + exp2(y[i]) + log2(fabs(x[i]) + 2.0f)"),
            c("z[i] = x[i] > y[i] ? x[i] : -y[i]", (in, j) -> in.x[j] > in.y[j] ? in.x[j] : -in.y[j]),
            c("z[i] = (float)k[i] / 3.0f", (in, j) -> (float) in.k[j] / 3.0f),
            c("z[i] = x[i] * 0.1", (in, j) -> (float) (in.x[j] * 0.1)),
            c("kz[i] = k[i] / m[i]", (in, j) -> in.k[j] / in.m[j]),
            c("kz[i] = k[i] % m[i]", (in, j) -> in.k[j] % in.m[j]),
            c("kz[i] = k[i] * 1000003 * 4001", (in, j) -> in.k[j] * 1000003 * 4001),
            c("kz[i] = (k[i] << 3) ^ (m[i] >> 1) | (k[i] & 255)", (in, j) -> (in.k[j] << 3) ^ (in.m[j] >> 1) | (in.k[j] & 255)),
            c("kz[i] = (int)(x[i] * 100.0f)", (in, j) -> (int) (in.x[j] * 100.0f)),
            c("kz[i] = k[i] > m[i] && x[i] < 0.0f || !(k[i] % 2)",
                    (in, j) -> (in.k[j] > in.m[j] && in.x[j] < 0.0f) || in.k[j] % 2 == 0 ? 1 : 0),
            c("kz[i] = min(k[i], m[i]) * max(k[i], c) + abs(k[i])",
                    (in, j) -> Math.min(in.k[j], in.m[j]) * Math.max(in.k[j], in.c) + Math.abs(in.k[j])),
            c("lz[i] = l[i] * 31L + (long)k[i]", (in, j) -> in.l[j] * 31L + in.k[j]),
            c("lz[i] = (long)i * i - n", (in, j) -> (long) j * j - in.n),
            c("lz[i] = l[i] / 7 + l[i] % 7", (in, j) -> in.l[j] / 7 + in.l[j] % 7),
            c("dz[i] = d[i] * d[i] + sqrt(fabs(d[i]))", (in, j) -> in.d[j] * in.d[j] + Math.sqrt(Math.abs(in.d[j]))),
            c("dz[i] = sin(d[i]) + (double)x[i]"),
            c("dz[i] = k[i] / 2.0 + l[i]", (in, j) -> in.k[j] / 2.0 + in.l[j]),
            c("float t = x[i] * a; t += y[i]; t *= 0.5f; z[i] = t", (in, j) -> (in.x[j] * in.a + in.y[j]) * 0.5f),
            c("int s = 0;\nif (k[i] > 0) { s = 1; } else if (k[i] < 0) s = -1;\nkz[i] = s", (in, j) -> Integer.signum(in.k[j])),
            c("z[i] = fma(x[i], y[i], a)", (in, j) -> Math.fma(in.x[j], in.y[j], in.a)),
            c("z[i] = x[(i + 1) % n] - x[i]", (in, j) -> in.x[(j + 1) % in.n] - in.x[j]),
            c("kz[i] = c; kz[i] += k[i]; kz[i] -= 1; kz[i]++", (in, j) -> in.c + in.k[j]),
            c("z[i] = atan2(y[i], x[i]) + fmod(x[i], 0.7f)"),
            c("z[i] = (float)(d[i] * 1e-3) + 1.5e1f", (in, j) -> (float) (in.d[j] * 1e-3) + 15f),
            c("lz[i] = 0x7fffffffL + k[i] + (~l[i] & 0xFF)", (in, j) -> 0x7fffffffL + in.k[j] + (~in.l[j] & 0xFF)),
            c("int j = (int)(i % 10); kz[i] = j * j - (i < n / 2 ? 1 : 0)", (in, j) -> (j % 10) * (j % 10) - (j < in.n / 2 ? 1 : 0)),
            c("z[i] = -x[i] + -(-y[i])", (in, j) -> -in.x[j] + in.y[j]),
            c("dz[i] = fmax(d[i], 0.0) + min(d[i], 1.0) + cbrt(d[i])"),
            c("kz[i] = (int)(l[i] >> 40) + 2147483647 + k[i]", (in, j) -> (int) (in.l[j] >> 40) + 2147483647 + in.k[j]),
            c("long s = 1; s <<= 40; s |= k[i] & 7; lz[i] = s / (c - 8)", (in, j) -> ((1L << 40) | (in.k[j] & 7)) / (in.c - 8)),
            c("double q = trunc(d[i]) * 0.5; dz[i] = q > 1.0 ? asin(1.0 / q) : acos(q / 10.0)"));

    protected Accelerator acc;
    private Accelerator cpu;

    /** Opens the accelerator under test, or skips/fails via {@link org.gpu4j.testing.Require} when its backend is missing. */
    protected abstract Accelerator open();

    @BeforeAll void openAll() {
        acc = open();
        cpu = Gpu4j.open("cpu");
    }

    @AfterAll void closeAll() {
        if (acc != null) acc.close();
        if (cpu != null) cpu.close();
    }

    Stream<Case> cases() { return CASES.stream(); }

    static final int[] SIZES = {0, 1, 257, 10007};

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expressionMatchesJavaEvaluatorAndOracle(Case cs) {
        for (int n : SIZES) {
            long seed = org.gpu4j.testing.Require.seed().value();
            Data on = run(acc, cs.op, n, seed);
            Data ref = run(cpu, cs.op, n, seed);
            String where = "'" + cs.op + "' n=" + n + " seed=" + seed + " on " + acc.device().id();
            compare(where + " vs Java evaluator", on, ref);
            if (cs.oracle != null) {
                for (int j = 0; j < n; j++) {
                    Object want = cs.oracle.at(ref, j);
                    Object got = written(cs.op, ref, j);
                    assertEquals(want, got, where + ": Java evaluator vs hand-written oracle at " + j);
                }
            }
        }
    }

    private static Object written(String op, Data d, int j) {
        if (op.contains("kz[i]")) return d.kz[j];
        if (op.contains("dz[i]")) return d.dz[j];
        if (op.contains("lz[i]")) return d.lz[j];
        return d.z[j];
    }

    static Data run(Accelerator acc, String op, int n, long seed) {
        Data in = new Data(n, seed);
        try (FloatArray x = acc.upload(in.x); FloatArray y = acc.upload(in.y); IntArray k = acc.upload(in.k);
             IntArray m = acc.upload(in.m); DoubleArray d = acc.upload(in.d); LongArray l = acc.upload(in.l);
             FloatArray z = acc.allocFloats(n); IntArray kz = acc.allocInts(n); DoubleArray dz = acc.allocDoubles(n);
             LongArray lz = acc.allocLongs(n)) {
            ElementwiseKernel kern = acc.elementwise(ARGS, op);
            kern.launch(in.a, in.c, x, y, k, m, d, l, z, kz, dz, lz);
            z.copyTo(in.z);
            kz.copyTo(in.kz);
            dz.copyTo(in.dz);
            lz.copyTo(in.lz);
        }
        return in;
    }

    static void compare(String where, Data got, Data want) {
        for (int j = 0; j < want.n; j++) {
            // float: devices' math functions are within a few ulps of Java's correctly rounded ones, and may contract a*b+c
            float zw = want.z[j], zg = got.z[j];
            if (!(Float.compare(zw, zg) == 0 || Math.abs(zw - zg) <= 1e-5f * Math.max(1f, Math.abs(zw)))) {
                fail(where + ": z[" + j + "] = " + zg + ", expected " + zw);
            }
            // double: same reason, at double precision
            double dw = want.dz[j], dg = got.dz[j];
            if (!(Double.compare(dw, dg) == 0 || Math.abs(dw - dg) <= 1e-12 * Math.max(1.0, Math.abs(dw)))) {
                fail(where + ": dz[" + j + "] = " + dg + ", expected " + dw);
            }
            if (want.kz[j] != got.kz[j]) fail(where + ": kz[" + j + "] = " + got.kz[j] + ", expected " + want.kz[j]);
            if (want.lz[j] != got.lz[j]) fail(where + ": lz[" + j + "] = " + got.lz[j] + ", expected " + want.lz[j]);
        }
    }

    // ------------------------------------------------------------------ the cookbook

    @Test void cookbookLinearCombination() {
        int n = 50_000;
        float[] xs = new float[n], ys = new float[n];
        long seed = org.gpu4j.testing.Require.seed().value();
        Random r = new Random(seed);
        for (int j = 0; j < n; j++) { xs[j] = r.nextFloat(); ys[j] = r.nextFloat(); }
        try (FloatArray x = acc.upload(xs); FloatArray y = acc.upload(ys); FloatArray c = acc.allocFloats(n)) {
            acc.elementwise("float a, float *x, float b, float *y, float *c", "c[i] = a*x[i] + b*y[i]")
                    .launch(2f, x, 5f, y, c);
            float[] got = c.toArray();
            for (int j = 0; j < n; j++) {
                float want = 2f * xs[j] + 5f * ys[j];
                // an FMA-contracting device rounds once instead of twice: at most 1 ulp apart
                assertEquals(want, got[j], Math.ulp(want), "c[" + j + "] seed=" + seed);
            }
        }
    }

    @Test void cookbookDotProductOfIntegers() {
        int[] v = new int[400];
        for (int j = 0; j < 400; j++) v[j] = j;
        try (IntArray x = acc.upload(v)) {
            Number dot = acc.reduction("int", "0", "a+b", "x[i]*y[i]", "int *x, int *y").launch(x, x);
            assertEquals(Integer.valueOf(21253400), dot);
        }
    }

    // ------------------------------------------------------------------ reductions

    @Test void reductionsOverSizes() {
        for (int n : new int[] {0, 1, 2, 255, 257, 10007, 100003}) {
            long seed = org.gpu4j.testing.Require.seed().value();
            Data in = new Data(n, seed);
            String where = "n=" + n + " seed=" + seed + " on " + acc.device().id();
            try (FloatArray x = acc.upload(in.x); IntArray k = acc.upload(in.k); DoubleArray d = acc.upload(in.d);
                 LongArray l = acc.upload(in.l)) {
                double sum = 0, abs = 0;
                float max = Float.NEGATIVE_INFINITY;
                long ls = 0, lsum = 0;
                int pos = 0;
                double dsum = 0;
                for (int j = 0; j < n; j++) {
                    sum += in.x[j];
                    abs += Math.abs(in.x[j]);
                    max = Math.max(max, in.x[j]);
                    pos += in.x[j] > 0 ? 1 : 0;
                    ls += in.k[j];
                    lsum += in.l[j];
                    dsum += in.d[j] * in.d[j];
                }
                Number fs = acc.reduction("float", "0", "a+b", "x[i]", "float *x").launch(x);
                assertTrue(fs instanceof Float, "float reduction gives a Float");
                // float accumulation in a tree or chunks: error bounded by n * eps * sum|x|
                assertEquals(sum, fs.floatValue(), Math.max(1e-6, n * 1.2e-7 * abs), where + ": float sum");
                assertEquals(max, acc.reduction("float", "-INFINITY", "fmax(a, b)", "x[i]", "float *x").launch(x).floatValue(),
                        where + ": max");
                assertEquals(pos, acc.reduction("int", "0", "a+b", "x[i] > 0", "float *x").launch(x), where + ": count");
                assertEquals(ls, acc.reduction("long", "0", "a+b", "k[i]", "int *k").launch(k), where + ": long sum of ints");
                assertEquals(lsum, acc.reduction("long", "0L", "a+b", "l[i]", "long *l").launch(l), where + ": wrapping long sum");
                Number dd = acc.reduction("double", "0", "a+b", "d[i]*d[i]", "double *d").launch(d);
                // double accumulation, different order: relative 1e-12
                assertEquals(dsum, dd.doubleValue(), 1e-12 * Math.max(1, dsum), where + ": double sum of squares");
            }
        }
    }

    // ------------------------------------------------------------------ scans

    @Test void scansOverSizes() {
        for (int n : new int[] {0, 1, 2, 257, 4097, 100003}) {
            long seed = org.gpu4j.testing.Require.seed().value();
            Data in = new Data(n, seed);
            String where = "n=" + n + " seed=" + seed + " on " + acc.device().id();
            try (IntArray k = acc.upload(in.k); IntArray out = acc.allocInts(n); FloatArray x = acc.upload(in.x);
                 FloatArray fo = acc.allocFloats(n); LongArray lo = acc.allocLongs(n)) {
                acc.scan("int", "0", "a+b", "k[i]", "out[i] = item", "int *k, int *out").launch(k, out);
                int[] inc = out.toArray();
                acc.scan("int", "0", "a+b", "k[i]", "out[i] = prev_item", "int *k, int *out").launch(k, out);
                int[] exc = out.toArray();
                acc.scan("float", "-INFINITY", "fmax(a, b)", "x[i]", "fo[i] = item", "float *x, float *fo").launch(x, fo);
                float[] runMax = fo.toArray();
                acc.scan("long", "0", "a+b", "(long)k[i] * k[i]", "lo[i] = item + i", "int *k, long *lo").launch(k, lo);
                long[] sq = lo.toArray();
                int s = 0;
                float mx = Float.NEGATIVE_INFINITY;
                long q = 0;
                for (int j = 0; j < n; j++) {
                    assertEquals(s, exc[j], where + ": exclusive at " + j);
                    s += in.k[j];
                    assertEquals(s, inc[j], where + ": inclusive at " + j);
                    mx = Math.max(mx, in.x[j]);
                    assertEquals(mx, runMax[j], where + ": running max at " + j);
                    q += (long) in.k[j] * in.k[j];
                    assertEquals(q + j, sq[j], where + ": long scan at " + j);
                }
                // in place: k becomes its own inclusive scan
                acc.scan("int", "0", "a+b", "k[i]", "k[i] = item", "int *k").launch(k);
                int[] inPlace = k.toArray();
                for (int j = 0; j < n; j++) assertEquals(inc[j], inPlace[j], where + ": in-place at " + j);
            }
        }
    }

    // ------------------------------------------------------------------ launch checks

    @Test void launchChecksArgumentsBeforeRunning() {
        try (FloatArray x = acc.allocFloats(10); IntArray k = acc.allocInts(10); FloatArray shortArr = acc.allocFloats(5)) {
            ElementwiseKernel kern = acc.elementwise("float a, float *x, float *y", "y[i] = a * x[i]");
            ExpressionException few = assertThrows(ExpressionException.class, () -> kern.launch(1f, x));
            assertTrue(few.getMessage().startsWith("arguments:1:"), few.getMessage());
            assertTrue(few.getMessage().contains("takes 3 arguments") && few.getMessage().contains("missing 'y'"), few.getMessage());
            ExpressionException many = assertThrows(ExpressionException.class, () -> kern.launch(1f, x, x, x));
            assertTrue(many.getMessage().contains("got 4"), many.getMessage());
            ExpressionException type = assertThrows(ExpressionException.class, () -> kern.launch(1f, k, x));
            assertTrue(type.getMessage().contains("'x'") && type.getMessage().contains("FloatArray"), type.getMessage());
            ExpressionException boxed = assertThrows(ExpressionException.class, () -> kern.launch(1.0, x, x));
            assertTrue(boxed.getMessage().contains("'a'") && boxed.getMessage().contains("Float"), boxed.getMessage());
            ExpressionException len = assertThrows(ExpressionException.class, () -> kern.launch(1f, x, shortArr));
            assertTrue(len.getMessage().contains("'y'") && len.getMessage().contains("less than n = 10"), len.getMessage());
        }
    }

    @Test void kernelsAreReusableAndProgramsShared() {
        int before = acc.liveObjects();
        ElementwiseKernel k1 = acc.elementwise("float *x", "x[i] = x[i] + 1.0f");
        int after = acc.liveObjects();
        ElementwiseKernel k2 = acc.elementwise("float *x", "x[i] = x[i] + 1.0f");
        assertEquals(after, acc.liveObjects(), "the same snippet reuses the cached program");
        assertTrue(after >= before);
        try (FloatArray x = acc.upload(new float[] {1, 2, 3})) {
            k1.launch(x);
            k2.launch(x);
            k1.launch(x);
            float[] got = x.toArray();
            assertEquals(4f, got[0]);
            assertEquals(6f, got[2]);
        }
    }

    // ------------------------------------------------------------------ one semantics on every backend (issue 14)

    private int[] ints(String op, int... xs) {
        try (IntArray x = acc.upload(xs); IntArray y = acc.allocInts(xs.length)) {
            acc.elementwise("int *x, int *y", op).launch(x, y);
            return y.toArray();
        }
    }

    private int[] ints2(String op, int[] xs, int[] ds) {
        try (IntArray x = acc.upload(xs); IntArray d = acc.upload(ds); IntArray y = acc.allocInts(xs.length)) {
            acc.elementwise("int *x, int *d, int *y", op).launch(x, d, y);
            return y.toArray();
        }
    }

    private long[] longs(String op, long... xs) {
        try (LongArray x = acc.upload(xs); LongArray y = acc.allocLongs(xs.length)) {
            acc.elementwise("long *x, long *y", op).launch(x, y);
            return y.toArray();
        }
    }

    private float[] floats(String op, float... xs) {
        try (FloatArray x = acc.upload(xs); FloatArray y = acc.allocFloats(xs.length)) {
            acc.elementwise("float *x, float *y", op).launch(x, y);
            return y.toArray();
        }
    }

    private int[] floatsToInts(String op, float... xs) {
        try (FloatArray x = acc.upload(xs); IntArray y = acc.allocInts(xs.length)) {
            acc.elementwise("float *x, int *y", op).launch(x, y);
            return y.toArray();
        }
    }

    private String on() { return " on " + acc.device().id(); }

    @Test void signedOverflowWrapsAsInJava() {
        int max = Integer.MAX_VALUE, min = Integer.MIN_VALUE;
        // C compilers fold x + 1 > x to true (signed overflow is undefined); the language wraps
        assertArrayEquals(new int[] {0, 1}, ints("y[i] = (x[i] + 1 > x[i]) ? 1 : 0", max, 0), "INT_MAX + 1 > INT_MAX" + on());
        assertArrayEquals(new int[] {0, 1}, ints("y[i] = x[i] - 1 < x[i]", min, 5), "INT_MIN - 1 < INT_MIN" + on());
        assertArrayEquals(new int[] {-1, 3}, ints("y[i] = x[i] * 2 / 2", max, 3), "INT_MAX * 2 / 2" + on());
        assertArrayEquals(new int[] {1, 0}, ints("y[i] = -x[i] < 0", min, -4), "-INT_MIN < 0" + on());
        assertArrayEquals(new int[] {0, 1}, ints("int t = x[i]; t += 1; y[i] = t > x[i]", max, 1), "t += 1" + on());
        assertArrayEquals(new int[] {0, 1}, ints("int t = x[i]; t++; y[i] = t > x[i]", max, 1), "t++" + on());
        assertArrayEquals(new int[] {min, 1}, ints("y[i] = abs(x[i])", min, -1), "abs(INT_MIN)" + on());
        assertArrayEquals(new long[] {0, 1}, longs("y[i] = (x[i] + 1L > x[i]) ? 1 : 0", Long.MAX_VALUE, 0L),
                "LONG_MAX + 1 > LONG_MAX" + on());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 0}, longs("y[i] = x[i] * -1L", Long.MIN_VALUE, 0L), "LONG_MIN * -1" + on());
    }

    @Test void integerDivisionEdgeCasesAreDefined() {
        int min = Integer.MIN_VALUE;
        assertArrayEquals(new int[] {0, 0}, ints2("y[i] = x[i] % d[i]", new int[] {min, 7}, new int[] {-1, -1}), "INT_MIN % -1" + on());
        assertArrayEquals(new int[] {min, -7}, ints2("y[i] = x[i] / d[i]", new int[] {min, 7}, new int[] {-1, -1}), "INT_MIN / -1" + on());
        // by zero: x / 0 == 0 and x % 0 == x, so that (x / y) * y + x % y == x for every y
        assertArrayEquals(new int[] {0, 0}, ints2("y[i] = x[i] / d[i]", new int[] {7, min}, new int[] {0, 0}), "x / 0" + on());
        assertArrayEquals(new int[] {7, min}, ints2("y[i] = x[i] % d[i]", new int[] {7, min}, new int[] {0, 0}), "x % 0" + on());
        assertArrayEquals(new int[] {0, 0}, ints("y[i] = x[i] / 0", 7, -7), "x / literal 0" + on());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 0, 0, 9}, longs("y[i] = (i < 2 ? x[i] / -1L : i == 2 ? x[i] % -1L : x[i] % 0L)",
                Long.MIN_VALUE, 0L, Long.MIN_VALUE, 9L), "long division edges" + on());
    }

    @Test void floatToIntConversionSaturatesAsInJava() {
        float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
        assertArrayEquals(new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, 2, -2},
                floatsToInts("y[i] = (int)x[i]", 1e10f, -1e10f, nan, inf, -inf, 2.9f, -2.9f), "(int) of floats" + on());
        assertArrayEquals(new int[] {Integer.MAX_VALUE}, floatsToInts("y[i] = (int)1e10f", 0f), "(int)1e10f" + on());
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0},
                longs("y[i] = (long)((double)x[i] * 1e300)", 1L, -1L, 0L), "(long) of huge doubles" + on());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 0}, floatsToInts("y[i] = (int)((double)x[i] * 1e300)", -1f, nan),
                "(int) of a double" + on());
    }

    @Test void powFollowsC99SpecialCases() {
        float inf = Float.POSITIVE_INFINITY, nan = Float.NaN;
        // C99 (OpenCL, CUDA): pow(-1, ±Inf) = 1 and pow(1, y) = 1 for every y; Java's Math.pow gives NaN for these
        assertArrayEquals(new float[] {1f, 1f, 1f}, floats("y[i] = pow(i == 0 ? -1.0f : 1.0f, i == 2 ? x[i] : INFINITY)", inf, inf, nan),
                "pow(-1, Inf), pow(1, Inf), pow(1, NaN)" + on());
        try (DoubleArray x = acc.upload(new double[] {-1, -1, 1}); DoubleArray y = acc.allocDoubles(3)) {
            acc.elementwise("double *x, double *y", "y[i] = pow(x[i], i == 1 ? -(double)INFINITY : i == 2 ? (double)NAN : (double)INFINITY)")
                    .launch(x, y);
            assertArrayEquals(new double[] {1, 1, 1}, y.toArray(), "double pow special cases" + on());
        }
    }

    @Test void minAndMaxIgnoreNaNAndOrderSignedZeros() {
        float nan = Float.NaN;
        // C's fmin/fmax (what OpenCL's and CUDA's builtins are specified to do): a NaN operand is ignored
        assertArrayEquals(new float[] {1f, 1f}, floats("y[i] = fmin(x[i], 1.0f)", nan, 1f), "fmin(NaN, 1)" + on());
        assertArrayEquals(new float[] {1f, 1f}, floats("y[i] = min(1.0f, x[i])", nan, 1f), "min(1, NaN)" + on());
        assertArrayEquals(new float[] {2f, 2f}, floats("y[i] = max(x[i], 2.0f)", nan, 2f), "max(NaN, 2)" + on());
        assertArrayEquals(new float[] {nan}, floats("y[i] = fmax(x[i], NAN)", nan), "fmax(NaN, NaN)" + on());
        // -0 < +0 for min and max, as Java's Math.min/max (C leaves either answer allowed)
        assertArrayEquals(new float[] {-0f, -0f}, floats("y[i] = i == 0 ? fmin(x[i], 0.0f) : fmin(0.0f, x[i])", -0f, -0f),
                "fmin(-0, +0)" + on());
        assertArrayEquals(new float[] {0f, 0f}, floats("y[i] = i == 0 ? fmax(x[i], 0.0f) : max(0.0f, x[i])", -0f, -0f),
                "fmax(-0, +0)" + on());
    }

    @Test void shiftCountsAreMaskedAsInJava() {
        assertArrayEquals(new int[] {2, -4}, ints("y[i] = i == 0 ? x[i] << 33 : x[i] >> 33", 1, -8), "x << 33, x >> 33" + on());
        assertArrayEquals(new int[] {5, 1 << 31}, ints2("y[i] = x[i] << d[i]", new int[] {5, 1}, new int[] {32, -1}), "x << 32, x << -1" + on());
        assertArrayEquals(new int[] {Integer.MIN_VALUE}, ints("y[i] = x[i] << 31", 1), "1 << 31" + on());
        assertArrayEquals(new long[] {2L, -1L}, longs("y[i] = i == 0 ? x[i] << 65 : x[i] >> 127L", 1L, -5L), "long shifts" + on());
    }

    // ------------------------------------------------------------------ bounds (issue 13)

    @Test void anOutOfBoundsIndexIsALaunchExceptionAndTouchesNothing() {
        long far = 1L << 32;
        try (FloatArray x = acc.upload(new float[] {1, 2, 3, 4}); FloatArray y = acc.upload(new float[] {9, 9, 9, 9})) {
            LaunchException read = assertThrows(LaunchException.class,
                    () -> acc.elementwise("long o, float *x, float *y", "y[i] = x[i + o]").launch(far, x, y), "read at 2^32" + on());
            // the Java backend stops at the first bad access (i = 0); a device reports one of its work-items' first ones
            outOfBounds(read, "x", far, 4);
            // (a failed launch leaves its in-bounds writes unspecified: y[i] above may hold x[0] on a device)
            try (FloatArray fresh = acc.upload(new float[] {9, 9, 9, 9})) {
                LaunchException write = assertThrows(LaunchException.class,
                        () -> acc.elementwise("long o, float *x, float *y", "y[i + o] = x[i]").launch(far, x, fresh), "write at 2^32" + on());
                outOfBounds(write, "y", far, 4);
                assertArrayEquals(new float[] {9, 9, 9, 9}, fresh.toArray(), "the out-of-bounds writes were skipped" + on());
            }
            LaunchException negative = assertThrows(LaunchException.class,
                    () -> acc.elementwise("float *x, float *y", "y[i] = x[i - 1]").launch(x, y), "read at -1" + on());
            outOfBounds(negative, "x", -1, 4);
            LaunchException reduce = assertThrows(LaunchException.class,
                    () -> acc.reduction("float", "0", "a+b", "x[i + o]", "long o, float *x").launch(far, x), "reduction" + on());
            outOfBounds(reduce, "x", far, 4);
            LaunchException scan = assertThrows(LaunchException.class,
                    () -> acc.scan("float", "0", "a+b", "x[i]", "y[i + o] = item", "long o, float *x, float *y").launch(far, x, y),
                    "scan" + on());
            outOfBounds(scan, "y", far, 4);
            // the accelerator (and the JVM) carry on; in-range computed indexes work
            acc.elementwise("long o, float *x, float *y", "y[(i + o) % n] = x[n - 1 - i]").launch(1L, x, y);
            assertArrayEquals(new float[] {1, 4, 3, 2}, y.toArray(), "rotated and reversed" + on());
            assertEquals(10f, acc.reduction("float", "0", "a+b", "x[n - 1 - i]", "float *x").launch(x).floatValue(), "guarded sum" + on());
        }
    }

    /** The message names the array, its length, a work-item's i and its index, which is {@code i + offset}. */
    private static void outOfBounds(LaunchException e, String array, long offset, int length) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(array)
                + "\\[(-?\\d+)\\] is out of bounds \\(length " + length + "\\) at i = (\\d+)").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        assertEquals(Long.parseLong(m.group(2)) + offset, Long.parseLong(m.group(1)), e.getMessage());
    }

    @Test void aSliceIsBoundedByItsOwnLength() {
        try (FloatArray x = acc.upload(new float[] {1, 2, 3, 4, 5, 6}); FloatArray s = x.slice(1, 3); FloatArray y = acc.allocFloats(3)) {
            acc.elementwise("float *s, float *y", "y[i] = s[n - 1 - i]").launch(s, y);
            assertArrayEquals(new float[] {4, 3, 2}, y.toArray(), "reversed slice" + on());
            LaunchException e = assertThrows(LaunchException.class,
                    () -> acc.elementwise("float *s, float *y", "y[i] = s[i + 1]").launch(s, y), "past the slice" + on());
            outOfBounds(e, "s", 1, 3);
        }
    }

    @Test void argumentsMayTakeNamesLikeTheGeneratedOnes() {
        try (FloatArray x = acc.upload(new float[] {1, 2, 3})) {
            // the combining function used to be <name>_reduce, which an argument of that name shadowed in C
            assertEquals(6f, Expressions.reduction(acc, "float", "0", "a+b", "dot_reduce[i]", "float *dot_reduce", "dot").launch(x).floatValue(),
                    "an argument named dot_reduce" + on());
        }
    }
}
