package org.gpu4j.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.LongArray;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.junit.jupiter.api.Test;

/**
 * Random expressions over edge values (0, ±1, MIN, MAX, NaN, ±Inf, ±0.0, denormals...) of int, long, float and
 * double, run on a backend and compared with an oracle written here, in Java, from the package documentation's table
 * (not with the evaluator). Integers must agree bit for bit; floats too (NaN with NaN, -0.0 apart from +0.0) where
 * every operation is correctly rounded (+ - * / sqrt fma, conversions, fmod, floor...); a transcendental function
 * (only ever at the root of an expression, so errors do not compound) may be 16 ulps off, OpenCL's largest bound for
 * these functions (pow), while NaN, infinities and zeros must still agree exactly.
 */
public abstract class ExpressionDifferential {
    protected abstract Accelerator open();

    static final int ROWS = 96, KERNELS = 30, PER_TYPE = 4;
    static final String ARGS = "const int *ka, const int *kb, const long *la, const long *lb, const float *fa, const float *fb, "
            + "const double *da, const double *db, int *ko0, int *ko1, int *ko2, int *ko3, long *lo0, long *lo1, long *lo2, "
            + "long *lo3, float *fo0, float *fo1, float *fo2, float *fo3, double *do0, double *do1, double *do2, double *do3";
    static final ElementType[] TYPES = {ElementType.INT, ElementType.LONG, ElementType.FLOAT, ElementType.DOUBLE};

    /** One row of inputs. */
    record Row(int ka, int kb, long la, long lb, float fa, float fb, double da, double db) {}

    /** An expression of the generator: its text and its value by the documented rules (floats as exact doubles). */
    abstract static class Node {
        final ElementType type;
        final String text;
        final boolean exact;

        Node(ElementType type, String text, boolean exact) {
            this.type = type;
            this.text = text;
            this.exact = exact;
        }

        long i(Row r) { throw new IllegalStateException(); }
        double f(Row r) { throw new IllegalStateException(); }
    }

    interface IFn { long at(Row r); }
    interface FFn { double at(Row r); }

    static Node ints(ElementType t, String text, boolean exact, IFn fn) {
        return new Node(t, text, exact) { @Override long i(Row r) { return fn.at(r); } };
    }

    static Node floats(ElementType t, String text, boolean exact, FFn fn) {
        return new Node(t, text, exact) { @Override double f(Row r) { return fn.at(r); } };
    }

    // ------------------------------------------------------------------ edge values

    static final int[] INT_EDGES = {0, 1, -1, 2, -2, 7, 31, 32, 33, 63, 64, -33, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1, 1 << 16, 46341};
    static final long[] LONG_EDGES = {0, 1, -1, 2, -2, 7, 63, 64, 65, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
            Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 32, (1L << 32) + 1, 3037000500L};
    static final float[] FLOAT_EDGES = {0f, -0f, 1f, -1f, 0.5f, 1.5f, -2.5f, 3f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
            1e10f, -1e10f, 2147483648f, 9.2233720e18f, 16777217f, 0.1f};
    static final double[] DOUBLE_EDGES = {0, -0.0, 1, -1, 0.5, -2.5, 3, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, 1e10, 2147483648.0, -2147483649.0, 9.223372036854775807e18, 1e300, 0.1};

    static Row row(Random r) {
        return new Row(pick(r, INT_EDGES), pick(r, INT_EDGES), r.nextInt(4) == 0 ? r.nextLong() : LONG_EDGES[r.nextInt(LONG_EDGES.length)],
                LONG_EDGES[r.nextInt(LONG_EDGES.length)], FLOAT_EDGES[r.nextInt(FLOAT_EDGES.length)],
                r.nextInt(4) == 0 ? r.nextFloat() * 8 - 4 : FLOAT_EDGES[r.nextInt(FLOAT_EDGES.length)],
                DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)],
                r.nextInt(4) == 0 ? r.nextDouble() * 8 - 4 : DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)]);
    }

    static int pick(Random r, int[] edges) { return r.nextInt(4) == 0 ? r.nextInt() : edges[r.nextInt(edges.length)]; }

    // ------------------------------------------------------------------ the generator and the oracle

    private static Node leaf(Random r, ElementType t) {
        boolean a = r.nextBoolean();
        return switch (t) {
            case INT -> r.nextInt(5) == 0 ? lit(r, t) : ints(t, a ? "ka[i]" : "kb[i]", true, a ? Row::ka : Row::kb);
            case LONG -> r.nextInt(5) == 0 ? lit(r, t) : ints(t, a ? "la[i]" : "lb[i]", true, a ? Row::la : Row::lb);
            case FLOAT -> r.nextInt(6) == 0 ? lit(r, t) : floats(t, a ? "fa[i]" : "fb[i]", true, a ? x -> x.fa : x -> x.fb);
            case DOUBLE -> r.nextInt(6) == 0 ? lit(r, t) : floats(t, a ? "da[i]" : "db[i]", true, a ? Row::da : Row::db);
        };
    }

    private static Node lit(Random r, ElementType t) {
        switch (t) {
            case INT -> {
                int v = INT_EDGES[r.nextInt(INT_EDGES.length)];
                String s = v == Integer.MIN_VALUE ? "(-2147483647 - 1)" : v < 0 ? "(" + v + ")" : Integer.toString(v);
                return ints(t, s, true, x -> v);
            }
            case LONG -> {
                long v = LONG_EDGES[r.nextInt(LONG_EDGES.length)];
                String s = v == Long.MIN_VALUE ? "(-9223372036854775807L - 1L)" : v < 0 ? "(" + v + "L)" : v + "L";
                return ints(t, s, true, x -> v);
            }
            case FLOAT -> {
                float v = new float[] {0f, -0f, 1f, 0.5f, -3f, 1e-45f, 3.4028235e38f, Float.NaN, Float.POSITIVE_INFINITY}[r.nextInt(9)];
                String s = Float.isNaN(v) ? "NAN" : Float.isInfinite(v) ? "INFINITY" : Float.compare(v, -0f) == 0 ? "(-0.0f)"
                        : v < 0 ? "(" + v + "f)" : v + "f";
                return floats(t, s, true, x -> v);
            }
            default -> {
                double v = new double[] {0, -0.0, 1, 0.5, -3, 4.9e-324, 1.7976931348623157e308}[r.nextInt(7)];
                String s = Double.compare(v, -0.0) == 0 ? "(-0.0)" : v < 0 ? "(" + v + ")" : Double.toString(v);
                return floats(t, s, true, x -> v);
            }
        }
    }

    static double rf(ElementType t, double v) { return t == ElementType.FLOAT ? (float) v : v; }

    /** A random expression of type {@code t}, at most {@code depth} levels. */
    static Node gen(Random r, ElementType t, int depth) {
        if (depth == 0 || r.nextInt(5) == 0) return leaf(r, t);
        Node a = gen(r, t, depth - 1), b = gen(r, t, depth - 1);
        boolean isLong = t == ElementType.LONG;
        if (!t.isFloatingPoint()) {
            int k = r.nextInt(17);
            boolean ex = true;
            return switch (k) {
                case 0 -> ints(t, "(" + a.text + " + " + b.text + ")", ex, x -> w(isLong, a.i(x) + b.i(x)));
                case 1 -> ints(t, "(" + a.text + " - " + b.text + ")", ex, x -> w(isLong, a.i(x) - b.i(x)));
                case 2 -> ints(t, "(" + a.text + " * " + b.text + ")", ex, x -> w(isLong, a.i(x) * b.i(x)));
                case 3 -> ints(t, "(" + a.text + " / " + b.text + ")", ex, x -> {
                    long p = a.i(x), q = b.i(x);
                    return q == 0 ? 0 : isLong ? p / q : (int) p / (int) q;
                });
                case 4 -> ints(t, "(" + a.text + " % " + b.text + ")", ex, x -> {
                    long p = a.i(x), q = b.i(x);
                    return q == 0 ? p : isLong ? p % q : (int) p % (int) q;
                });
                case 5 -> ints(t, "(" + a.text + " << " + b.text + ")", ex, x -> isLong ? a.i(x) << b.i(x) : (int) a.i(x) << (int) b.i(x));
                case 6 -> ints(t, "(" + a.text + " >> " + b.text + ")", ex, x -> isLong ? a.i(x) >> b.i(x) : (int) a.i(x) >> (int) b.i(x));
                case 7 -> ints(t, "(" + a.text + " & " + b.text + " ^ " + b.text + " | " + a.text + ")", ex,
                        x -> (a.i(x) & b.i(x) ^ b.i(x) | a.i(x)));
                case 8 -> ints(t, "(-" + a.text + ")", ex, x -> w(isLong, -a.i(x)));
                case 9 -> ints(t, "(~" + a.text + ")", ex, x -> ~a.i(x));
                case 10 -> ints(t, "((" + a.text + " + 1 > " + a.text + ") ? " + b.text + " : " + a.text + ")", ex,
                        x -> w(isLong, a.i(x) + 1) > a.i(x) ? b.i(x) : a.i(x));
                case 11 -> ints(t, "min(" + a.text + ", " + b.text + ")", ex, x -> Math.min(a.i(x), b.i(x)));
                case 12 -> ints(t, "max(" + a.text + ", " + b.text + ")", ex, x -> Math.max(a.i(x), b.i(x)));
                case 13 -> ints(t, "abs(" + a.text + ")", ex, x -> isLong ? Math.abs(a.i(x)) : Math.abs((int) a.i(x)));
                case 14 -> {
                    ElementType ft = r.nextBoolean() ? ElementType.FLOAT : ElementType.DOUBLE;
                    Node f = gen(r, ft, depth - 1);
                    yield ints(t, "((" + t.openclName() + ")" + f.text + ")", ex && f.exact,
                            x -> isLong ? (long) f.f(x) : (int) f.f(x));
                }
                case 15 -> {
                    Node o = gen(r, isLong ? ElementType.INT : ElementType.LONG, depth - 1);
                    yield ints(t, "((" + t.openclName() + ")" + o.text + ")", ex, x -> isLong ? o.i(x) : (int) o.i(x));
                }
                default -> {
                    ElementType ct = TYPES[r.nextInt(4)];
                    Node p = gen(r, ct, depth - 1), q = gen(r, ct, depth - 1);
                    String op = new String[] {"<", "<=", "==", "!=", ">", ">="}[r.nextInt(6)];
                    // a comparison is an int in C; as a long operand it is converted first
                    String cmp = "(" + p.text + " " + op + " " + q.text + ")";
                    yield ints(t, isLong ? "((long)" + cmp + ")" : cmp, p.exact && q.exact, x -> compare(ct, op, p, q, x) ? 1 : 0);
                }
            };
        }
        int k = r.nextInt(16);
        boolean ex = a.exact && b.exact;
        String f = t == ElementType.FLOAT ? "f" : "";
        return switch (k) {
            case 0 -> floats(t, "(" + a.text + " + " + b.text + ")", ex, x -> rf(t, a.f(x) + b.f(x)));
            case 1 -> floats(t, "(" + a.text + " - " + b.text + ")", ex, x -> rf(t, a.f(x) - b.f(x)));
            case 2 -> floats(t, "(" + a.text + " * " + b.text + ")", ex, x -> rf(t, a.f(x) * b.f(x)));
            case 3 -> floats(t, "(" + a.text + " / " + b.text + ")", ex, x -> t == ElementType.FLOAT ? (float) a.f(x) / (float) b.f(x) : a.f(x) / b.f(x));
            case 4 -> floats(t, "sqrt(" + a.text + ")", a.exact, x -> rf(t, Math.sqrt(a.f(x))));
            case 5 -> floats(t, "(-" + a.text + ")", a.exact, x -> -a.f(x));
            case 6 -> floats(t, "fmin(" + a.text + ", " + b.text + ")", ex, x -> fmin(a.f(x), b.f(x)));
            case 7 -> floats(t, "max(" + a.text + ", " + b.text + ")", ex, x -> fmax(a.f(x), b.f(x)));
            case 8 -> floats(t, "floor(" + a.text + ")", a.exact, x -> Math.floor(a.f(x)));
            case 9 -> floats(t, "fmod(" + a.text + ", " + b.text + ")", ex, x -> rf(t, a.f(x) % b.f(x)));
            case 10 -> floats(t, "fma(" + a.text + ", " + b.text + ", " + a.text + ")", ex,
                    x -> t == ElementType.FLOAT ? Math.fma((float) a.f(x), (float) b.f(x), (float) a.f(x)) : Math.fma(a.f(x), b.f(x), a.f(x)));
            case 11 -> {
                Node c = gen(r, ElementType.INT, depth - 1);
                yield floats(t, "(" + c.text + " ? " + a.text + " : " + b.text + ")", ex && c.exact, x -> c.i(x) != 0 ? a.f(x) : b.f(x));
            }
            case 12 -> {
                ElementType it = r.nextBoolean() ? ElementType.INT : ElementType.LONG;
                Node c = gen(r, it, depth - 1);
                yield floats(t, "((" + t.openclName() + ")" + c.text + ")", c.exact, x -> t == ElementType.FLOAT ? (float) c.i(x) : (double) c.i(x));
            }
            case 13 -> {
                ElementType ot = t == ElementType.FLOAT ? ElementType.DOUBLE : ElementType.FLOAT;
                Node c = gen(r, ot, depth - 1);
                yield floats(t, "((" + t.openclName() + ")" + c.text + ")", c.exact, x -> rf(t, c.f(x)));
            }
            case 14 -> floats(t, "trunc(" + a.text + ")", a.exact, x -> a.f(x) < 0 ? Math.ceil(a.f(x)) : Math.floor(a.f(x)));
            default -> floats(t, "fabs(" + a.text + ")", a.exact, x -> Math.abs(a.f(x)));
        };
    }

    /** A transcendental function at the root of a float or double expression. */
    static Node transcendental(Random r, ElementType t, int depth) {
        Node a = gen(r, t, depth), b = gen(r, t, depth);
        String[] names = {"pow", "exp", "log", "sin", "cos", "tan", "exp2", "log2", "log10", "cbrt", "atan", "atan2",
                "asin", "acos", "sinh", "cosh", "tanh"};
        String n = names[r.nextInt(names.length)];
        boolean two = n.equals("pow") || n.equals("atan2");
        Functions.Fn fn = Functions.BY_NAME.get(n);
        String text = n + "(" + a.text + (two ? ", " + b.text : "") + ")";
        return floats(t, text, false, x -> rf(t, two ? (n.equals("pow") ? Functions.pow(a.f(x), b.f(x)) : Math.atan2(a.f(x), b.f(x)))
                : oracle1(n, a.f(x))));
    }

    static double oracle1(String n, double v) {
        return switch (n) {
            case "exp" -> Math.exp(v);
            case "log" -> Math.log(v);
            case "sin" -> Math.sin(v);
            case "cos" -> Math.cos(v);
            case "tan" -> Math.tan(v);
            case "exp2" -> Math.pow(2, v);
            case "log2" -> Math.log(v) / Math.log(2);
            case "log10" -> Math.log10(v);
            case "cbrt" -> Math.cbrt(v);
            case "atan" -> Math.atan(v);
            case "asin" -> Math.asin(v);
            case "acos" -> Math.acos(v);
            case "sinh" -> Math.sinh(v);
            case "cosh" -> Math.cosh(v);
            default -> Math.tanh(v);
        };
    }

    static long w(boolean isLong, long v) { return isLong ? v : (int) v; }

    static double fmin(double a, double b) { return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b); }

    static double fmax(double a, double b) { return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b); }

    static boolean compare(ElementType t, String op, Node p, Node q, Row x) {
        if (t.isFloatingPoint()) {
            double a = p.f(x), b = q.f(x);
            return switch (op) {
                case "<" -> a < b; case "<=" -> a <= b; case "==" -> a == b; case "!=" -> a != b; case ">" -> a > b; default -> a >= b;
            };
        }
        long a = p.i(x), b = q.i(x);
        return switch (op) {
            case "<" -> a < b; case "<=" -> a <= b; case "==" -> a == b; case "!=" -> a != b; case ">" -> a > b; default -> a >= b;
        };
    }

    // ------------------------------------------------------------------ the run

    /** The kernels of the run: per kernel, PER_TYPE expressions of each type (the last float and double transcendental). */
    static List<Node[]> kernels(Random r) {
        List<Node[]> out = new ArrayList<>();
        for (int k = 0; k < KERNELS; k++) {
            Node[] e = new Node[4 * PER_TYPE];
            for (int t = 0; t < 4; t++) {
                for (int s = 0; s < PER_TYPE; s++) {
                    e[t * PER_TYPE + s] = t >= 2 && s == PER_TYPE - 1 ? transcendental(r, TYPES[t], 2) : gen(r, TYPES[t], 4);
                }
            }
            out.add(e);
        }
        return out;
    }

    static String operation(Node[] e) {
        StringBuilder sb = new StringBuilder();
        String[] outs = {"ko", "lo", "fo", "do"};
        for (int t = 0; t < 4; t++) {
            for (int s = 0; s < PER_TYPE; s++) sb.append(outs[t]).append(s).append("[i] = ").append(e[t * PER_TYPE + s].text).append(";\n");
        }
        return sb.toString();
    }

    @Test void randomExpressionsOverEdgeValuesMatchTheOracle() {
        Seed seed = Require.seed();
        Random r = seed.random();
        Row[] rows = new Row[ROWS];
        for (int j = 0; j < ROWS; j++) rows[j] = row(r);
        List<Node[]> kernels = kernels(r);
        long cases = 0, exactCases = 0;
        List<String> mismatches = new ArrayList<>();
        try (Accelerator acc = open()) {
            int[] ka = new int[ROWS], kb = new int[ROWS];
            long[] la = new long[ROWS], lb = new long[ROWS];
            float[] fa = new float[ROWS], fb = new float[ROWS];
            double[] da = new double[ROWS], db = new double[ROWS];
            for (int j = 0; j < ROWS; j++) {
                ka[j] = rows[j].ka; kb[j] = rows[j].kb; la[j] = rows[j].la; lb[j] = rows[j].lb;
                fa[j] = rows[j].fa; fb[j] = rows[j].fb; da[j] = rows[j].da; db[j] = rows[j].db;
            }
            try (IntArray a1 = acc.upload(ka); IntArray a2 = acc.upload(kb); LongArray b1 = acc.upload(la); LongArray b2 = acc.upload(lb);
                 FloatArray c1 = acc.upload(fa); FloatArray c2 = acc.upload(fb); DoubleArray d1 = acc.upload(da); DoubleArray d2 = acc.upload(db)) {
                for (Node[] e : kernels) {
                    IntArray[] ko = new IntArray[PER_TYPE];
                    LongArray[] lo = new LongArray[PER_TYPE];
                    FloatArray[] fo = new FloatArray[PER_TYPE];
                    DoubleArray[] dout = new DoubleArray[PER_TYPE];
                    for (int s = 0; s < PER_TYPE; s++) {
                        ko[s] = acc.allocInts(ROWS); lo[s] = acc.allocLongs(ROWS); fo[s] = acc.allocFloats(ROWS); dout[s] = acc.allocDoubles(ROWS);
                    }
                    try {
                        String op = operation(e);
                        acc.elementwise(ARGS, op).launch(a1, a2, b1, b2, c1, c2, d1, d2, ko[0], ko[1], ko[2], ko[3],
                                lo[0], lo[1], lo[2], lo[3], fo[0], fo[1], fo[2], fo[3], dout[0], dout[1], dout[2], dout[3]);
                        for (int s = 0; s < PER_TYPE; s++) {
                            int[] gi = ko[s].toArray();
                            long[] gl = lo[s].toArray();
                            float[] gf = fo[s].toArray();
                            double[] gd = dout[s].toArray();
                            Node ni = e[s], nl = e[PER_TYPE + s], nf = e[2 * PER_TYPE + s], nd = e[3 * PER_TYPE + s];
                            for (int j = 0; j < ROWS; j++) {
                                Row x = rows[j];
                                cases += 4;
                                exactCases += 2 + (nf.exact ? 1 : 0) + (nd.exact ? 1 : 0);
                                if (gi[j] != (int) ni.i(x)) mismatches.add(ni.text + " = " + gi[j] + ", oracle " + ni.i(x) + " at " + x);
                                if (gl[j] != nl.i(x)) mismatches.add(nl.text + " = " + gl[j] + ", oracle " + nl.i(x) + " at " + x);
                                if (!close(gf[j], (float) nf.f(x), nf.exact, Math.ulp((float) nf.f(x)))) {
                                    mismatches.add(nf.text + " = " + gf[j] + ", oracle " + (float) nf.f(x) + " at " + x);
                                }
                                if (!close(gd[j], nd.f(x), nd.exact, Math.ulp(nd.f(x)))) {
                                    mismatches.add(nd.text + " = " + gd[j] + ", oracle " + nd.f(x) + " at " + x);
                                }
                            }
                        }
                    } finally {
                        for (int s = 0; s < PER_TYPE; s++) { ko[s].close(); lo[s].close(); fo[s].close(); dout[s].close(); }
                    }
                }
            }
            System.out.println("[differential] " + acc.device().id() + ": " + cases + " cases (" + KERNELS * 4 * PER_TYPE
                    + " expressions x " + ROWS + " rows of edge values, " + exactCases + " compared bit for bit), "
                    + mismatches.size() + " mismatches; " + seed);
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())),
                seed.message(mismatches.size() + " of " + cases + " cases differ from the oracle").get());
    }

    /**
     * Every function of the language on a NaN, infinity or zero the compiler can see ({@code NAN}, {@code NAN * x},
     * {@code -INFINITY}...), float and double, into outputs filled with 7 first: PoCL once lost the whole store for
     * exp, exp2, sinh, tanh, floor, ceil, trunc and pow(NAN, NAN) of a constant NaN (seed -1474571565096887362 of
     * the random test found it), leaving the 7 there.
     */
    @Test void functionsOfConstantSpecialValuesMatchTheOracle() {
        String[] consts = {"NAN", "(NAN * x[i])", "(x[i] / NAN)", "INFINITY", "(-INFINITY)", "(INFINITY * x[i])", "(-0.0f * x[i])"};
        double[] values = {Double.NaN, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, -0.0};
        List<String> texts = new ArrayList<>();
        List<Double> want = new ArrayList<>();
        for (Functions.Fn fn : Functions.Fn.values()) {
            if (fn.arity == 3 || fn.kind == Functions.Kind.GENERIC) continue;
            for (int c = 0; c < consts.length; c++) {
                double v = values[c];
                if (fn.arity == 1) {
                    texts.add(fn.cName() + "(" + consts[c] + ")");
                    want.add(Functions.apply(fn, v));
                } else {
                    texts.add(fn.cName() + "(" + consts[c] + ", " + consts[c] + ")");
                    want.add(Functions.apply(fn, v, v));
                    texts.add(fn.cName() + "(" + consts[c] + ", x[i])");
                    want.add(Functions.apply(fn, v, 0.5));
                }
            }
        }
        List<String> mismatches = new ArrayList<>();
        int n = 1000; // long enough for the vectorised loop
        try (Accelerator acc = open()) {
            for (ElementType t : new ElementType[] {ElementType.FLOAT, ElementType.DOUBLE}) {
                if (t == ElementType.DOUBLE && !acc.device().fp64()) continue;
                String T = t.openclName();
                StringBuilder op = new StringBuilder();
                StringBuilder args = new StringBuilder("const " + T + " *x");
                for (int k = 0; k < texts.size(); k++) {
                    args.append(", ").append(T).append(" *y").append(k);
                    op.append("y").append(k).append("[i] = ").append(typed(texts.get(k), t)).append(";\n");
                }
                Object[] bufs = new Object[texts.size() + 1];
                try {
                    if (t == ElementType.FLOAT) {
                        float[] h = new float[n];
                        java.util.Arrays.fill(h, 0.5f);
                        bufs[0] = acc.upload(h);
                        for (int k = 0; k < texts.size(); k++) { FloatArray y = acc.allocFloats(n); y.fill(7f); bufs[k + 1] = y; }
                    } else {
                        double[] h = new double[n];
                        java.util.Arrays.fill(h, 0.5);
                        bufs[0] = acc.upload(h);
                        for (int k = 0; k < texts.size(); k++) { DoubleArray y = acc.allocDoubles(n); y.fill(7.0); bufs[k + 1] = y; }
                    }
                    acc.elementwise(args.toString(), op.toString()).launch(bufs);
                    for (int k = 0; k < texts.size(); k++) {
                        double w = t == ElementType.FLOAT ? (float) (double) want.get(k) : want.get(k);
                        double[] got = t == ElementType.FLOAT ? toDoubles(((FloatArray) bufs[k + 1]).toArray())
                                : ((DoubleArray) bufs[k + 1]).toArray();
                        for (int j : new int[] {0, 1, n / 2, n - 1}) {
                            if (!close(got[j], w, false, t == ElementType.FLOAT ? Math.ulp((float) w) : Math.ulp(w))) {
                                mismatches.add(T + " " + texts.get(k) + " = " + got[j] + " at " + j + ", oracle " + w);
                                break;
                            }
                        }
                    }
                } finally {
                    for (Object b : bufs) if (b != null) ((org.gpu4j.DeviceArray) b).close();
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    /** The constants of {@code text} in type {@code t} (NAN and INFINITY are float constants, as in C). */
    static String typed(String text, ElementType t) {
        if (t == ElementType.FLOAT) return text;
        return text.replace("NAN", "((double)NAN)").replace("INFINITY", "((double)INFINITY)").replace("-0.0f", "-0.0");
    }

    static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** Equal bit for bit (NaN with any NaN), or within 16 ulps of the oracle for a transcendental function. */
    static boolean close(double got, double want, boolean exact, double ulp) {
        if (Double.isNaN(want) || Double.isNaN(got)) return Double.isNaN(want) && Double.isNaN(got);
        if (Double.compare(got, want) == 0) return true;
        if (exact || Double.isInfinite(want) || want == 0) return false;
        return Math.abs(got - want) <= 16 * ulp;
    }

    /** The CUDA text of the same kernels, for nvcc. */
    static List<String> cudaSources(Accelerator cpu, Random r) {
        List<String> out = new ArrayList<>();
        int k = 0;
        for (Node[] e : kernels(r)) out.add(Expressions.elementwise(cpu, ARGS, operation(e), "d" + k++, null).source(org.gpu4j.Dialect.CUDA));
        return out;
    }
}
