package org.gpu4j.expr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gpu4j.ElementType;
import org.gpu4j.JavaKernel;
import org.gpu4j.expr.Ast.Expr;
import org.gpu4j.expr.Ast.Ref;
import org.gpu4j.expr.Ast.Stmt;

/**
 * How the Java CPU backend runs a snippet: compiled to bytecode by {@link Jit} at its first launch (the default), or
 * by the {@link Evaluator}'s closures — the fallback when compiling is refused (code over C2's method limit, or any
 * failure to define the class: logged once at WARNING) or switched off with {@code -Dgpu4j.expr.java=evaluator}.
 * Both give the same results bit for bit ({@code CompiledExpressionsTest}).
 *
 * <p>Compiled bodies are cached by snippet text (bounded, {@link #CACHE} entries, least recently used first out), so
 * kernels made again from the same snippet, on any accelerator, share one class and its JIT-compiled code.
 *
 * <p><b>Reduction order</b> ({@link #reductionOrder}): within one chunk {@code [from, to)} element
 * {@code from + 8m + k} of every complete group of eight goes to accumulator {@code k} (each starts at the neutral
 * value, {@code acc[k] = reduce(acc[k], map(i))}), the accumulators are combined as a tree
 * {@code ((0,1),(2,3)),((4,5),(6,7))}, and the last {@code (to - from) % 8} elements are combined into that, in
 * order. Eight independent chains keep the cores' adders busy (one chain waits on each add's latency); the order is
 * fixed, so results are deterministic, and the compiled code and the evaluator follow it alike.
 * Thread-safe: the handles compile once under a lock and are then read without one.
 */
final class JavaKernels {
    private JavaKernels() {}

    private static final System.Logger LOG = System.getLogger("org.gpu4j.expr");

    /** Bodies kept in the cache. */
    static final int CACHE = 256;

    /** {@code -Dgpu4j.expr.java=evaluator} runs every snippet with the evaluator. */
    static final boolean COMPILE = !"evaluator".equals(System.getProperty("gpu4j.expr.java", "compiled"));

    static final String ORDER = "8 interleaved accumulators per chunk, combined ((0,1),(2,3)),((4,5),(6,7)), then the tail";

    /** Described in the class documentation. */
    static String reductionOrder() { return ORDER; }

    private static final Map<String, Jit.Body> BODIES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Jit.Body> e) { return size() > CACHE; }
    };

    /** Test hook: kernels made on this thread while it is set run the evaluator. */
    private static final ThreadLocal<Boolean> EVALUATOR_ONLY = ThreadLocal.withInitial(() -> false);

    /** Runs {@code make} with every kernel it makes on this thread set to the evaluator (tests compare both). */
    static <T> T withEvaluator(Supplier<T> make) {
        EVALUATOR_ONLY.set(true);
        try {
            return make.get();
        } finally {
            EVALUATOR_ONLY.set(false);
        }
    }

    /**
     * A kernel's Java body: compiled at first use, or the evaluator. {@link #path} says which ran; the compile time
     * and bytecode length are kept for the log and the tests.
     */
    static final class Handle {
        private final String key;
        private final Supplier<Jit.Body> compile;
        private final Supplier<Jit.Body> evaluator;
        private final boolean evaluatorOnly;
        private volatile Jit.Body body;
        private volatile String path = "not run yet";
        volatile long compileNanos = -1;

        Handle(String key, Supplier<Jit.Body> compile, Supplier<Jit.Body> evaluator) {
            this.key = key;
            this.compile = compile;
            this.evaluator = evaluator;
            this.evaluatorOnly = EVALUATOR_ONLY.get() || !COMPILE;
        }

        Jit.Body body() {
            Jit.Body b = body;
            return b != null ? b : make();
        }

        private synchronized Jit.Body make() {
            if (body != null) return body;
            if (evaluatorOnly) {
                path = "evaluator (" + (COMPILE ? "chosen by the caller" : "-Dgpu4j.expr.java=evaluator") + ")";
                return body = evaluator.get();
            }
            Jit.Body b;
            synchronized (BODIES) {
                b = BODIES.get(key);
            }
            if (b != null) {
                path = "compiled (cached)";
                return body = b;
            }
            long t0 = System.nanoTime();
            try {
                b = compile.get();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "expression kernel runs with the evaluator on the Java backend: " + e.getMessage());
                path = "evaluator (" + e.getMessage() + ")";
                return body = evaluator.get();
            }
            compileNanos = System.nanoTime() - t0;
            int bytes = Jit.lastCodeLength();
            LOG.log(System.Logger.Level.DEBUG, () -> String.format("compiled an expression kernel: %d bytes of bytecode in %.2f ms",
                    bytes, compileNanos / 1e6));
            path = "compiled (" + bytes + " bytes of bytecode)";
            synchronized (BODIES) {
                BODIES.put(key, b);
            }
            return body = b;
        }

        /** "compiled (...)", "evaluator (why)" or "not run yet". */
        String path() { return path; }
    }

    // ------------------------------------------------------------------ element-wise

    /** The handle of an element-wise kernel's body. */
    static Handle elementwise(String key, Scope root, Arguments args, List<Stmt> body) {
        return new Handle("E\u0000" + key, () -> Jit.elementwise(root, args, body), () -> {
            Evaluator.SE run = Evaluator.statements(body);
            return (f, from, to) -> {
                for (int i = from; i < to; i++) {
                    f.i = i;
                    run.run(f);
                }
            };
        });
    }

    /** The Java kernel that runs {@code h} over this work-item's chunk; {@code nParam} is the hidden n's position. */
    static JavaKernel elementwiseKernel(Handle h, JavaSide side, int nParam) {
        return (id, ka) -> {
            long n = ka.longValue(nParam);
            long[] r = JavaSide.chunk(id, n);
            if (r[0] >= r[1]) return;
            Frame f = side.frame(ka, n);
            h.body().run(f, (int) r[0], (int) r[1]);
        };
    }

    // ------------------------------------------------------------------ reductions

    /** The handle of a reduction's pass-1 body (its partial goes to the slot of {@code a}). */
    static Handle reduction(String key, Scope root, Arguments args, Sym a, Sym b, Expr neutral, Expr map, Expr reduce) {
        return new Handle("R\u0000" + key, () -> Jit.reduction(root, args, a, b, neutral, map, reduce),
                () -> evaluatorReduction(a, b, neutral, map, reduce));
    }

    /** Pass 1 of a reduction: this work-item's chunk into partial {@code id.x()} (parameter {@code p}). */
    static JavaKernel reductionKernel(Handle h, JavaSide side, Sym a, int p) {
        return (id, ka) -> {
            long n = ka.longValue(p + 1);
            long[] r = JavaSide.chunk(id, n);
            Frame f = side.frame(ka, n);
            h.body().run(f, (int) r[0], (int) r[1]);
            JavaSide.slotToArray(f, a, ka, p, id.x());
        };
    }

    /** The evaluator in {@link #reductionOrder}; accumulators held as raw bits, so NaN payloads survive as compiled. */
    private static Jit.Body evaluatorReduction(Sym a, Sym b, Expr neutral, Expr map, Expr reduce) {
        Evaluator.SE init = Evaluator.store(new Ref(a, 0, 0), neutral);
        Evaluator.SE mapToB = Evaluator.store(new Ref(b, 0, 0), map);
        Evaluator.SE combine = Evaluator.store(new Ref(a, 0, 0), reduce);
        int lanes = Jit.LANES;
        return (f, from, to) -> {
            init.run(f);
            long[] acc = new long[lanes];
            java.util.Arrays.fill(acc, bits(f, a));
            int i = from;
            for (; i <= to - lanes; i += lanes) {
                for (int k = 0; k < lanes; k++) {
                    f.i = i + k;
                    mapToB.run(f);
                    set(f, a, acc[k]);
                    combine.run(f);
                    acc[k] = bits(f, a);
                }
            }
            for (int w = 1; w < lanes; w *= 2) {
                for (int k = 0; k + w < lanes; k += 2 * w) {
                    set(f, a, acc[k]);
                    set(f, b, acc[k + w]);
                    combine.run(f);
                    acc[k] = bits(f, a);
                }
            }
            set(f, a, acc[0]);
            for (; i < to; i++) {
                f.i = i;
                mapToB.run(f);
                combine.run(f);
            }
        };
    }

    private static long bits(Frame f, Sym s) {
        return switch (s.type) {
            case FLOAT -> Float.floatToRawIntBits(f.f[s.slot]);
            case DOUBLE -> Double.doubleToRawLongBits(f.d[s.slot]);
            case INT -> f.iv[s.slot];
            case LONG -> f.l[s.slot];
        };
    }

    private static void set(Frame f, Sym s, long v) {
        switch (s.type) {
            case FLOAT -> f.f[s.slot] = Float.intBitsToFloat((int) v);
            case DOUBLE -> f.d[s.slot] = Double.longBitsToDouble(v);
            case INT -> f.iv[s.slot] = (int) v;
            case LONG -> f.l[s.slot] = v;
        }
    }

    /** The key of a snippet's compiled body: every text that shapes it, NUL-separated. */
    static String key(ElementType type, String... parts) {
        return (type == null ? "" : type.name()) + "\u0000" + String.join("\u0000", parts);
    }
}
