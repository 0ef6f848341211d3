package org.gpu4j.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.LaunchException;
import org.gpu4j.LongArray;
import org.gpu4j.expr.Ast.Stmt;
import org.gpu4j.internal.LaunchPlan;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.junit.jupiter.api.Test;

/**
 * The Java backend's compiled snippets ({@link Jit}) against the evaluator they replace, which stays as the
 * fallback and a second oracle: random expressions over edge values, statements, offsets, reductions of every type
 * in the documented order, the bounds guard, and the fallback for code over C2's limit. Results must agree bit for
 * bit (a NaN with any NaN: the evaluator's own differential test accepts any NaN payload, and so does C).
 */
class CompiledExpressionsTest {
    /** Rows: several Java chunks, so the compiled loops run their unrolled, vectorised parts, plus odd tails. */
    static final int ROWS = 5003;

    private static void assertCompiled(JavaKernels.Handle h) {
        assertTrue(h.path().startsWith("compiled"), () -> "the Java backend did not compile the snippet: " + h.path());
    }

    private static void assertEvaluator(JavaKernels.Handle h) {
        assertTrue(h.path().startsWith("evaluator"), () -> "expected the evaluator, got " + h.path());
    }

    @Test void randomExpressionsOverEdgeValuesRunAsTheEvaluatorDoes() {
        Seed seed = Require.seed();
        Random r = seed.random();
        List<ExpressionDifferential.Node[]> kernels = ExpressionDifferential.kernels(r);
        int n = ROWS;
        int[] ka = new int[n], kb = new int[n];
        long[] la = new long[n], lb = new long[n];
        float[] fa = new float[n], fb = new float[n];
        double[] da = new double[n], db = new double[n];
        for (int j = 0; j < n; j++) {
            ExpressionDifferential.Row x = ExpressionDifferential.row(r);
            ka[j] = x.ka(); kb[j] = x.kb(); la[j] = x.la(); lb[j] = x.lb(); fa[j] = x.fa(); fb[j] = x.fb(); da[j] = x.da(); db[j] = x.db();
        }
        List<Double> millis = new ArrayList<>();
        int bytes = 0;
        try (Accelerator acc = Gpu4j.open("cpu");
             IntArray a1 = acc.upload(ka); IntArray a2 = acc.upload(kb); LongArray b1 = acc.upload(la); LongArray b2 = acc.upload(lb);
             FloatArray c1 = acc.upload(fa); FloatArray c2 = acc.upload(fb); DoubleArray d1 = acc.upload(da); DoubleArray d2 = acc.upload(db)) {
            int k = 0;
            for (ExpressionDifferential.Node[] e : kernels) {
                String op = ExpressionDifferential.operation(e);
                String args = ExpressionDifferential.ARGS;
                ElementwiseKernel compiled = acc.elementwise(args, op, "c" + k, null);
                String eName = "e" + k;
                ElementwiseKernel evaluated = JavaKernels.withEvaluator(() -> acc.elementwise(args, op, eName, null));
                List<DeviceArray> outC = outputs(acc, n), outE = outputs(acc, n);
                try {
                    compiled.launch(launchArgs(new Object[] {a1, a2, b1, b2, c1, c2, d1, d2}, outC));
                    evaluated.launch(launchArgs(new Object[] {a1, a2, b1, b2, c1, c2, d1, d2}, outE));
                    assertCompiled(compiled.java);
                    assertEvaluator(evaluated.java);
                    if (compiled.java.compileNanos > 0) millis.add(compiled.java.compileNanos / 1e6);
                    bytes = Math.max(bytes, parseBytes(compiled.java.path()));
                    for (int s = 0; s < outC.size(); s++) {
                        assertSame(outC.get(s), outE.get(s), seed + "; kernel " + k + ", output " + s + ": " + op.split("\n")[s]);
                    }
                } finally {
                    for (DeviceArray d : outC) d.close();
                    for (DeviceArray d : outE) d.close();
                }
                k++;
            }
        }
        Double[] m = millis.toArray(new Double[0]);
        Arrays.sort(m);
        System.out.printf("[compiled] %d random kernels (16 expressions each) x %d rows agree with the evaluator; "
                + "compile time per snippet median %.2f ms, max %.2f ms, largest %d bytes of bytecode; %s%n",
                kernels.size(), n, m.length == 0 ? Double.NaN : m[m.length / 2], m.length == 0 ? Double.NaN : m[m.length - 1], bytes, seed);
    }

    private static int parseBytes(String path) {
        java.util.regex.Matcher mt = java.util.regex.Pattern.compile("(\\d+) bytes").matcher(path);
        return mt.find() ? Integer.parseInt(mt.group(1)) : 0;
    }

    private static List<DeviceArray> outputs(Accelerator acc, int n) {
        List<DeviceArray> out = new ArrayList<>();
        for (int s = 0; s < 4; s++) out.add(acc.allocInts(n));
        for (int s = 0; s < 4; s++) out.add(acc.allocLongs(n));
        for (int s = 0; s < 4; s++) out.add(acc.allocFloats(n));
        for (int s = 0; s < 4; s++) out.add(acc.allocDoubles(n));
        return out;
    }

    private static Object[] launchArgs(Object[] in, List<DeviceArray> out) {
        Object[] a = Arrays.copyOf(in, in.length + out.size());
        for (int s = 0; s < out.size(); s++) a[in.length + s] = out.get(s);
        return a;
    }

    /** Bit for bit, any NaN matching any NaN. */
    private static void assertSame(DeviceArray x, DeviceArray y, String what) {
        long[] a = bits(x), b = bits(y);
        for (int j = 0; j < a.length; j++) {
            if (a[j] != b[j]) throw new AssertionError(what + ": element " + j + " compiled " + show(x, j) + " evaluator " + show(y, j));
        }
    }

    private static long[] bits(DeviceArray d) {
        if (d instanceof IntArray a) return Arrays.stream(a.toArray()).asLongStream().toArray();
        if (d instanceof LongArray a) return a.toArray();
        if (d instanceof FloatArray a) {
            float[] v = a.toArray();
            long[] o = new long[v.length];
            for (int j = 0; j < v.length; j++) o[j] = Float.floatToIntBits(v[j]);
            return o;
        }
        double[] v = ((DoubleArray) d).toArray();
        long[] o = new long[v.length];
        for (int j = 0; j < v.length; j++) o[j] = Double.doubleToLongBits(v[j]);
        return o;
    }

    private static String show(DeviceArray d, int j) {
        if (d instanceof IntArray a) return Integer.toString(a.toArray()[j]);
        if (d instanceof LongArray a) return Long.toString(a.toArray()[j]);
        if (d instanceof FloatArray a) return Float.toString(a.toArray()[j]);
        return Double.toString(((DoubleArray) d).toArray()[j]);
    }

    // ------------------------------------------------------------------ statements

    static final String STMT_ARGS = "const float *x, const double *y, const int *k, const long *m, float s, int q, "
            + "float *fo, double *dd, int *io, long *lo";
    static final String[] STATEMENTS = {
        // locals, compound assignments, ++/--, if/else, ternaries, && || !
        "float t = x[i] * s; int c; if (t > 1.5f && !(k[i] < 0)) { c = k[i] + q; c *= 3; c++; } else if (t != t || t < -2) "
            + "{ c = -1; } else c = k[i] >> (m[i] & 63); fo[i] = c > 0 ? t : -t; io[i] = c; io[i] += (int) i;",
        // integer division and remainder by zero, MIN / -1, shifts by long counts, abs, min, max
        "io[i] = k[i] / q + k[i] % (q - 7); lo[i] = m[i] / (long) k[i] + m[i] % (long) (k[i] & 3); "
            + "lo[i] <<= (long) k[i]; io[i] ^= abs(k[i]) | min(k[i], q) & max(k[i], -q);",
        // computed indexes in bounds: neighbours, reversed, gathered
        "long j = (i * 7 + 3) % n; fo[i] = x[j] + x[n - 1 - i] * 0.5f; dd[i] = y[(k[i] & 0x7fffffff) % n] - y[i]; "
            + "lo[i] = m[(int) (j / 2)];",
        // float and double functions, conversions between all four types, fma, fmod, fmin with NaN
        "fo[i] = fmin(x[i], (float) y[i]) + sqrt(fabs(x[i])) + floor(x[i]) + ceil(s) + trunc(-x[i]) + fmod(x[i], 3.0f); "
            + "dd[i] = fma(y[i], (double) x[i], 1.0) + pow(y[i], 2.0) + exp(y[i] * 1e-3) + atan2(y[i], (double) k[i]) + "
            + "(double) m[i] + log2(fabs(y[i]) + 1); io[i] = (int) x[i] + (int) y[i] + (int) m[i]; lo[i] = (long) x[i] + (long) y[i];",
        // reads n, uses i as a value, nested blocks and an empty statement
        "{ double u = (double) i / (double) n; { dd[i] = u * y[i]; } } lo[i] = n - i; fo[i] = (float) (i & 15) * x[i];",
    };

    @Test void statementsLocalsAndComputedIndexesRunAsTheEvaluatorDoes() {
        Seed seed = Require.seed();
        Random r = seed.random();
        for (int n : new int[] {1, 7, 8, 9, 4096, ROWS}) {
            float[] x = new float[n];
            double[] y = new double[n];
            int[] k = new int[n];
            long[] m = new long[n];
            for (int j = 0; j < n; j++) {
                ExpressionDifferential.Row row = ExpressionDifferential.row(r);
                x[j] = row.fa(); y[j] = row.db(); k[j] = row.ka(); m[j] = row.la();
            }
            try (Accelerator acc = Gpu4j.open("cpu"); FloatArray xs = acc.upload(x); DoubleArray ys = acc.upload(y);
                 IntArray ks = acc.upload(k); LongArray ms = acc.upload(m)) {
                for (int s = 0; s < STATEMENTS.length; s++) {
                    String op = STATEMENTS[s];
                    ElementwiseKernel c = acc.elementwise(STMT_ARGS, op, "s" + s, null);
                    String eName = "t" + s;
                    ElementwiseKernel e = JavaKernels.withEvaluator(() -> acc.elementwise(STMT_ARGS, op, eName, null));
                    try (FloatArray f1 = acc.allocFloats(n); DoubleArray d1 = acc.allocDoubles(n); IntArray i1 = acc.allocInts(n);
                         LongArray l1 = acc.allocLongs(n); FloatArray f2 = acc.allocFloats(n); DoubleArray d2 = acc.allocDoubles(n);
                         IntArray i2 = acc.allocInts(n); LongArray l2 = acc.allocLongs(n)) {
                        c.launch(xs, ys, ks, ms, 1.25f, 5, f1, d1, i1, l1);
                        e.launch(xs, ys, ks, ms, 1.25f, 5, f2, d2, i2, l2);
                        assertCompiled(c.java);
                        String what = "n = " + n + ", statement " + s + " [" + seed + "]";
                        assertSame(f1, f2, what);
                        assertSame(d1, d2, what);
                        assertSame(i1, i2, what);
                        assertSame(l1, l2, what);
                    }
                }
            }
        }
    }

    /**
     * The loop copy with offsets (user kernels always get offset 0 from the Java backend, which copies slices; the
     * compiled code still honours offsets): bodies run directly on frames whose arrays start at non-zero offsets.
     */
    @Test void bodiesHonourArrayOffsetsAsTheEvaluatorDoes() {
        Seed seed = Require.seed();
        Random r = seed.random();
        String args = "const float *x, const int *k, float s, float *z, int *w";
        String[] ops = {"z[i] = s * x[i] + z[i]; w[i] = k[i] * 3 + w[i];",
                        "z[i] = x[(i + 3) % n] + x[n - 1 - i]; w[i] = k[(k[i] & 0xffff) % n];"};
        for (String op : ops) {
            Scope root = new Scope();
            Scope scope = root.child();
            Arguments a = Arguments.parse(args, scope);
            a.firstArray();
            a.builtin(scope, "i", ElementType.LONG);
            a.builtin(scope, "n", ElementType.LONG);
            List<Stmt> body = Parser.statements(new Source("operation", op), scope);
            Jit.Body compiled = Jit.elementwise(root, a, body);
            JavaKernels.Handle h = JavaKernels.withEvaluator(() -> JavaKernels.elementwise("offsets " + op, root, a, body));
            Jit.Body evaluated = h.body();
            for (int[] off : new int[][] {{0, 0, 0, 0}, {3, 1, 7, 2}, {5, 5, 5, 5}}) {
                int n = 1000 + r.nextInt(200);
                float[] x = new float[n + off[0]];
                int[] k = new int[n + off[1]];
                float[] z = new float[n + off[2]];
                int[] w = new int[n + off[3]];
                for (int j = 0; j < x.length; j++) x[j] = r.nextFloat() * 10 - 5;
                for (int j = 0; j < k.length; j++) k[j] = r.nextInt();
                for (int j = 0; j < z.length; j++) z[j] = r.nextFloat();
                for (int j = 0; j < w.length; j++) w[j] = r.nextInt();
                Frame f1 = frame(root, a, n, off, 2.5f, x.clone(), k.clone(), z.clone(), w.clone());
                Frame f2 = frame(root, a, n, off, 2.5f, x.clone(), k.clone(), z.clone(), w.clone());
                compiled.run(f1, 0, n / 3);
                compiled.run(f1, n / 3, n);
                evaluated.run(f2, 0, n);
                String what = op + " offsets " + Arrays.toString(off) + " [" + seed + "]";
                assertArrayEquals(f2.fa[3], f1.fa[3], what);
                assertArrayEquals(f2.ia[4], f1.ia[4], what);
            }
        }
    }

    private static Frame frame(Scope root, Arguments a, int n, int[] off, float s, float[] x, int[] k, float[] z, int[] w) {
        Frame f = new Frame(root.slots(ElementType.FLOAT), root.slots(ElementType.DOUBLE), root.slots(ElementType.INT),
                root.slots(ElementType.LONG), a.params.size());
        f.n = n;
        f.fa[0] = x; f.ia[1] = k; f.fa[3] = z; f.ia[4] = w;
        int[] params = {0, 1, 3, 4};
        for (int j = 0; j < 4; j++) {
            f.off[params[j]] = off[j];
            f.len[params[j]] = n;
        }
        f.f[a.params.get(2).slot] = s;
        return f;
    }

    // ------------------------------------------------------------------ reductions

    record Red(String type, String neutral, String reduce, String map, String args) {}

    static final Red[] REDUCTIONS = {
        new Red("float", "0", "a+b", "x[i]", "const float *x"),
        new Red("float", "0", "a+b", "x[i]*y[i]", "const float *x, const float *y"),
        new Red("float", "-INFINITY", "fmax(a,b)", "x[i]", "const float *x"),
        new Red("float", "INFINITY", "min(a,b)", "x[i] - y[i]", "const float *x, const float *y"),
        new Red("double", "0", "a+b", "(double) x[i] * x[i]", "const float *x"),
        new Red("double", "1", "a*b", "1.0 + (double) y[i] * 1e-6", "const float *y"),
        new Red("int", "0", "a+b", "k[i]", "const int *k"),
        new Red("int", "0", "a^b", "k[i] * 31 + (int) i", "const int *k"),
        new Red("int", "-2147483647 - 1", "max(a,b)", "k[i] % 1000", "const int *k"),
        new Red("long", "0", "a+b", "(long) k[i] * k[i]", "const int *k"),
        new Red("long", "0", "a+b", "m[(i * 13) % n] >> 3", "const long *m"),
        new Red("float", "0", "a+b", "x[i] > 0 ? x[i] : 0.5f * y[i]", "const float *x, const float *y"),
    };

    @Test void reductionsOfEveryTypeRunAsTheEvaluatorDoesInTheDocumentedOrder() {
        Seed seed = Require.seed();
        Random r = seed.random();
        int[] sizes = {1, 2, 7, 8, 9, 15, 16, 17, 63, 100, 4096, 4099, 65_537, 300_007};
        try (Accelerator acc = Gpu4j.open("cpu")) {
            int idx = 0;
            for (Red red : REDUCTIONS) {
                int at = idx++;
                ReductionKernel c = acc.reduction(red.type, red.neutral, red.reduce, red.map, red.args);
                ReductionKernel e = JavaKernels.withEvaluator(() -> Expressions.reduction(acc, red.type, red.neutral, red.reduce,
                        red.map, red.args, "ev" + at));
                for (int n : sizes) {
                    float[] x = new float[n], y = new float[n];
                    int[] k = new int[n];
                    long[] m = new long[n];
                    for (int j = 0; j < n; j++) {
                        x[j] = r.nextInt(50) == 0 ? Float.NaN : r.nextFloat() * 4 - 2;
                        y[j] = r.nextFloat() * 4 - 2;
                        k[j] = r.nextInt();
                        m[j] = r.nextLong();
                    }
                    List<DeviceArray> in = new ArrayList<>();
                    try {
                        for (String p : red.args.split(",")) {
                            String name = p.trim().substring(p.trim().lastIndexOf('*') + 1);
                            in.add(switch (name) {
                                case "x" -> acc.upload(x);
                                case "y" -> acc.upload(y);
                                case "k" -> acc.upload(k);
                                default -> acc.upload(m);
                            });
                        }
                        Object[] args = in.toArray();
                        Number vc = c.launch(args), ve = e.launch(args);
                        assertCompiled(c.java);
                        String what = red + ", n = " + n + " [" + seed + "]";
                        assertEquals(bitsOf(ve), bitsOf(vc), () -> what + ": compiled " + vc + ", evaluator " + ve);
                        if (at == 0) {
                            float want = documentedSum(x);
                            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(vc.floatValue()),
                                    () -> what + ": the documented order gives " + want + ", got " + vc);
                        }
                        if (at == 6) assertEquals(Arrays.stream(k).sum(), vc.intValue(), what); // int wraps: exact
                    } finally {
                        for (DeviceArray d : in) d.close();
                    }
                }
            }
        }
    }

    private static long bitsOf(Number v) {
        if (v instanceof Float f) return Float.floatToIntBits(f);
        if (v instanceof Double d) return Double.doubleToLongBits(d);
        return v.longValue();
    }

    /** A float sum in the order the class documentation of {@link JavaKernels} states, over the Java chunks. */
    private static float documentedSum(float[] x) {
        int n = x.length;
        long parts = LaunchPlan.javaChunks(n);
        long chunk = (n + parts - 1) / parts;
        float total = 0;
        for (long p = 0; p < parts; p++) {
            int from = (int) Math.min(n, p * chunk), to = (int) Math.min(n, from + chunk);
            float[] acc = new float[8];
            int i = from;
            for (; i + 8 <= to; i += 8) for (int k = 0; k < 8; k++) acc[k] = acc[k] + x[i + k];
            float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
            for (; i < to; i++) s = s + x[i];
            total = total + s;
        }
        return total;
    }

    // ------------------------------------------------------------------ bounds and fallback

    @Test void computedIndexesOutOfBoundsThrowTheEvaluatorsLaunchException() {
        try (Accelerator acc = Gpu4j.open("cpu"); FloatArray x = acc.upload(new float[100]); FloatArray z = acc.allocFloats(100)) {
            for (String op : new String[] {"z[i] = x[i + 5]", "z[i] = x[i + 4294967296L]", "z[i - 1] = x[i]", "z[i] = x[(int) i - 3]"}) {
                ElementwiseKernel c = acc.elementwise("const float *x, float *z", op, "b" + Math.abs(op.hashCode()), null);
                ElementwiseKernel e = JavaKernels.withEvaluator(() -> acc.elementwise("const float *x, float *z", op,
                        "v" + Math.abs(op.hashCode()), null));
                LaunchException lc = assertThrows(LaunchException.class, () -> c.launch(x, z), op);
                LaunchException le = assertThrows(LaunchException.class, () -> e.launch(x, z), op);
                assertCompiled(c.java);
                String mc = lc.getMessage().replaceAll("kernel \\w+", "kernel K"), me = le.getMessage().replaceAll("kernel \\w+", "kernel K");
                assertEquals(me, mc, op);
                assertTrue(mc.contains("is out of bounds (length 100)"), mc);
            }
            ReductionKernel red = acc.reduction("float", "0", "a+b", "x[i * 2]", "const float *x");
            LaunchException l = assertThrows(LaunchException.class, () -> red.launch(x));
            assertTrue(l.getMessage().contains("x[100] is out of bounds (length 100) at i = 50"), l.getMessage());
            assertCompiled(red.java);
        }
    }

    @Test void aSnippetOverC2sMethodLimitFallsBackToTheEvaluator() {
        StringBuilder op = new StringBuilder();
        for (int s = 0; s < 400; s++) op.append("z[i] += x[i] * ").append(s).append(".5f;\n");
        try (Accelerator acc = Gpu4j.open("cpu"); FloatArray x = acc.upload(new float[] {1, 2, 3}); FloatArray z = acc.allocFloats(3)) {
            ElementwiseKernel k = acc.elementwise("const float *x, float *z", op.toString());
            k.launch(x, z);
            assertEvaluator(k.java);
            assertTrue(k.java.path().contains("8000"), k.java.path());
            float want = 0;
            for (int s = 0; s < 400; s++) want += 2 * (s + 0.5f);
            assertEquals(want, z.toArray()[1]);
        }
    }
}
