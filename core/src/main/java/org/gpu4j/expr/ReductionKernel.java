package org.gpu4j.expr;

import java.util.Objects;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.Dialect;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.JavaKernel;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.LongArray;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.expr.Ast.Expr;
import org.gpu4j.expr.Ast.Ref;

/**
 * A reduction made by {@link Accelerator#reduction}: {@code map_expr} gives a value for every index {@code i < n}, and
 * {@code reduce_expr} combines two values {@code a} and {@code b} of the reduction type; {@code neutral} is the value
 * that changes nothing ({@code 0} for a sum). Like PyOpenCL's {@code ReductionKernel}.
 *
 * {@snippet :
 * ReductionKernel dot = acc.reduction("float", "0", "a+b", "x[i]*y[i]", "float *x, float *y");
 * float d = dot.launch(x, y).floatValue();
 * }
 *
 * <p>{@code reduce_expr} must be associative and commutative: devices combine partial results in a tree, in an order
 * that depends on the device. The result is exactly of the reduction type: a {@code Float} for {@code "float"},
 * {@code Double}, {@code Integer} or {@code Long}; with {@code n = 0} it is the neutral value.
 *
 * <p>Two passes: pass 1 leaves one partial value per work-group (GPU: grid-stride accumulation, then a tree in
 * local memory) or per work-item (CPU devices: one contiguous chunk each, private accumulator; the Java backend: one
 * contiguous chunk each, eight interleaved accumulators combined in a fixed tree, so results are deterministic);
 * pass 2 reduces the partials on the device, and {@link #launch} reads back the one result.
 */
public final class ReductionKernel {
    private final Accelerator acc;
    private final String name;
    private final ElementType type;
    private final Arguments args;
    private final Codegen.Shape shape;
    private final KernelSource source;
    private final Kernel stage1, stage2;
    private final Number neutralValue;
    /** Whether map_expr indexes with anything but i ({@link Guard}). */
    private final boolean guarded;
    /** How the Java CPU backend runs pass 1. */
    final JavaKernels.Handle java;

    ReductionKernel(Accelerator acc, String typeName, String neutral, String reduceExpr, String mapExpr, String arguments,
                    String name) {
        this.acc = Objects.requireNonNull(acc, "acc");
        Launching.checkName(name);
        this.name = name;
        this.type = Expressions.type(typeName);
        Scope root = new Scope();
        Scope scope = root.child();
        this.args = Arguments.parse(arguments, scope);
        args.firstArray();
        args.builtin(scope, "i", ElementType.LONG);
        args.builtin(scope, "n", ElementType.LONG);
        Scope combineScope = root.child();
        Sym a = combineScope.add("a", Sym.Kind.BUILTIN, type, -1, false, 0, 0);
        Sym b = combineScope.add("b", Sym.Kind.BUILTIN, type, -1, false, 0, 0);
        Expr neutralE = Expressions.valueOf(Parser.expression(new Source("neutral", Objects.requireNonNull(neutral, "neutral")),
                root.child()), type, "neutral", neutral);
        Expr reduceE = Expressions.valueOf(Parser.expression(new Source("reduce_expr", Objects.requireNonNull(reduceExpr, "reduceExpr")),
                combineScope), type, "reduce_expr", reduceExpr);
        Expr mapE = Expressions.valueOf(Parser.expression(new Source("map_expr", Objects.requireNonNull(mapExpr, "mapExpr")), scope),
                type, "map_expr", mapExpr);
        this.shape = Launching.shape(acc);
        this.guarded = Codegen.guarded(null, mapE);
        String[][] snippets = {{"arguments", arguments}, {"type", typeName}, {"neutral", neutral}, {"reduce_expr", reduceExpr},
                {"map_expr", mapExpr}};
        String cl = new Codegen(Dialect.OPENCL).reduction(name, args, snippets, type, neutralE, a, b, reduceE, mapE, shape);
        String cu = new Codegen(Dialect.CUDA).reduction(name, args, snippets, type, neutralE, a, b, reduceE, mapE,
                Launching.cudaShape(acc));

        Evaluator.SE init = Evaluator.store(new Ref(a, 0, 0), neutralE);
        Evaluator.SE combine = Evaluator.store(new Ref(a, 0, 0), reduceE);
        // pass 1 on the Java backend: compiled to bytecode at the first launch, or the evaluator (JavaKernels)
        this.java = JavaKernels.reduction(JavaKernels.key(type, arguments, neutral, reduceExpr, mapExpr), root, args, a, b,
                neutralE, mapE, reduceE);
        JavaKernel java1 = JavaKernels.reductionKernel(java, new JavaSide(root, args), a, args.params.size());
        JavaSide side2 = new JavaSide(root, null);
        JavaKernel java2 = (id, ka) -> {
            long m = ka.longValue(1);
            Frame f = side2.frame(ka, m);
            init.run(f);
            for (long k = 0; k < m; k++) {
                JavaSide.arrayToSlot(f, b, ka, 0, k);
                combine.run(f);
            }
            JavaSide.slotToArray(f, a, ka, 2, 0);
        };
        Frame nf = side2.frame(null, 0);
        init.run(nf);
        this.neutralValue = JavaSide.slotValue(nf, a);
        this.source = KernelSource.named(name).withOpenCL(cl).withCuda(cu)
                .withJava(name + "_stage1", java1).withJava(name + "_stage2", java2);
        Program prog = Launching.program(acc, source);
        this.stage1 = prog.kernel(name + "_stage1");
        this.stage2 = prog.kernel(name + "_stage2");
    }

    /**
     * Reduces over {@code i < n} (n: the first array argument's length) and waits for the result.
     *
     * @return a {@code Float}, {@code Double}, {@code Integer} or {@code Long}, as the reduction type
     * @throws ExpressionException if the arguments do not fit the declaration (the message names the argument)
     * @throws org.gpu4j.LaunchException if an index was out of its array's bounds (the message names the array)
     */
    public Number launch(Object... args) {
        long n = this.args.check(name, args);
        if (n == 0) return neutralValue;
        Range r1 = Launching.reductionParts(acc, n);
        long parts = Launching.partials(acc, r1);
        try (DeviceArray partial = acc.alloc(type, parts); DeviceArray result = acc.alloc(type, 1);
             IntArray err = guarded ? Guard.errorWord(acc) : null) {
            Object[] a1 = Launching.append(args, partial, n);
            stage1.launch(r1, guarded ? Guard.append(this.args, args, a1, err) : a1);
            if (guarded) Guard.check(err, this.args, args, name);
            Range r2 = Launching.single(acc);
            stage2.launch(r2, partial, parts, result);
            return switch (type) {
                case FLOAT -> ((FloatArray) result).toArray()[0];
                case DOUBLE -> ((DoubleArray) result).toArray()[0];
                case INT -> ((IntArray) result).toArray()[0];
                case LONG -> ((LongArray) result).toArray()[0];
            };
        }
    }

    /** The reduction type. */
    public ElementType type() { return type; }

    public String name() { return name; }

    /** The generated source in one dialect (OpenCL C or CUDA C) for this accelerator's device. */
    public String source(Dialect dialect) { return source.text(dialect); }

    @Override public String toString() { return "ReductionKernel[" + name + args.signature() + " -> " + type + " on " + acc.device().id() + "]"; }
}
