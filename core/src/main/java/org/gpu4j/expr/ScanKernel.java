package org.gpu4j.expr;

import java.util.List;
import java.util.Objects;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.Dialect;
import org.gpu4j.ElementType;
import org.gpu4j.Event;
import org.gpu4j.IntArray;
import org.gpu4j.JavaKernel;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.expr.Ast.Expr;
import org.gpu4j.expr.Ast.Ref;
import org.gpu4j.expr.Ast.Stmt;

/**
 * A prefix scan made by {@link Accelerator#scan}, like PyOpenCL's {@code GenericScanKernel}.
 * For every {@code i < n} (n: the first array argument's length), {@code input_expr} gives the value at {@code i};
 * {@code scan_expr} combines {@code a} (everything before) and {@code b} (the next value); and
 * {@code output_statement} runs with
 * <ul>
 * <li>{@code item}: the <b>inclusive</b> scan at {@code i}, the combination of the values at {@code 0..i};</li>
 * <li>{@code prev_item}: the <b>exclusive</b> scan at {@code i}, the combination of the values at {@code 0..i-1}
 *     ({@code neutral} at {@code i = 0});</li>
 * <li>{@code i}, {@code n} and the arguments.</li>
 * </ul>
 * So {@code out[i] = item} is an inclusive scan and {@code out[i] = prev_item} an exclusive one.
 *
 * {@snippet :
 * ScanKernel cumsum = acc.scan("int", "0", "a+b", "x[i]", "y[i] = item", "int *x, int *y");
 * cumsum.launch(x, y);     // y = inclusive prefix sums of x
 * }
 *
 * <p>{@code scan_expr} must be associative (elements are always combined in index order, so it need not be
 * commutative). Three passes. On CPU devices and the Java backend each work-item owns one contiguous chunk: chunk
 * totals; an exclusive scan of the totals by one work-item; a re-scan of every chunk from its carry that runs the
 * output statement. On GPUs (the launch plan's GPU shape) each work-group of 256 owns a segment that it walks in
 * tiles of 256 elements, one per work-item: tile totals by an in-order tree in local memory; an exclusive scan of
 * the group totals by one work-group; a local-memory scan of each tile from the carry. Floating scans may therefore
 * round differently on the two shapes. Reading the input at {@code i} happens before the output statement at
 * {@code i}, so in-place scans ({@code x[i] = item}) work.
 */
public final class ScanKernel {
    private final Accelerator acc;
    private final String name;
    private final ElementType type;
    private final Arguments args;
    private final KernelSource source;
    private final Kernel stage1, stage2, stage3;
    /** Whether input_expr or output_statement index with anything but i ({@link Guard}). */
    private final boolean guarded;

    ScanKernel(Accelerator acc, String typeName, String neutral, String scanExpr, String inputExpr, String outputStatement,
               String arguments, String name) {
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
        Expr scanE = Expressions.valueOf(Parser.expression(new Source("scan_expr", Objects.requireNonNull(scanExpr, "scanExpr")),
                combineScope), type, "scan_expr", scanExpr);
        Expr inputE = Expressions.valueOf(Parser.expression(new Source("input_expr", Objects.requireNonNull(inputExpr, "inputExpr")),
                scope), type, "input_expr", inputExpr);
        Scope outScope = scope.child();
        Sym item = args.builtin(outScope, "item", type);
        Sym prev = args.builtin(outScope, "prev_item", type);
        List<Stmt> output = Parser.statements(new Source("output_statement",
                Objects.requireNonNull(outputStatement, "outputStatement")), outScope);
        this.guarded = Codegen.guarded(output, inputE);
        String[][] snippets = {{"arguments", arguments}, {"type", typeName}, {"neutral", neutral}, {"scan_expr", scanExpr},
                {"input_expr", inputExpr}, {"output_statement", outputStatement}};
        String cl = new Codegen(Dialect.OPENCL).scan(name, args, snippets, type, neutralE, a, b, scanE, inputE, output,
                Launching.shape(acc));
        String cu = new Codegen(Dialect.CUDA).scan(name, args, snippets, type, neutralE, a, b, scanE, inputE, output,
                Launching.cudaShape(acc));

        Evaluator.SE init = Evaluator.store(new Ref(a, 0, 0), neutralE);
        Evaluator.SE inputToB = Evaluator.store(new Ref(b, 0, 0), inputE);
        Evaluator.SE combine = Evaluator.store(new Ref(a, 0, 0), scanE);
        Evaluator.SE combineToItem = Evaluator.store(new Ref(item, 0, 0), scanE);
        Evaluator.SE aToPrev = Evaluator.store(new Ref(prev, 0, 0), new Ref(a, 0, 0));
        Evaluator.SE itemToA = Evaluator.store(new Ref(a, 0, 0), new Ref(item, 0, 0));
        Evaluator.SE out = Evaluator.statements(output);
        JavaSide side = new JavaSide(root, args);
        JavaSide side2 = new JavaSide(root, null);
        int p = args.params.size();
        JavaKernel java1 = (id, ka) -> {
            long n = ka.longValue(p + 1);
            long[] r = JavaSide.chunk(id, n);
            Frame f = side.frame(ka, n);
            init.run(f);
            for (long i = r[0], end = r[1]; i < end; i++) {
                f.i = i;
                inputToB.run(f);
                combine.run(f);
            }
            JavaSide.slotToArray(f, a, ka, p, id.x());
        };
        JavaKernel java2 = (id, ka) -> {
            long m = ka.longValue(1);
            Frame f = side2.frame(ka, m);
            init.run(f);
            for (long k = 0; k < m; k++) {
                JavaSide.arrayToSlot(f, b, ka, 0, k);
                JavaSide.slotToArray(f, a, ka, 0, k);
                combine.run(f);
            }
        };
        JavaKernel java3 = (id, ka) -> {
            long n = ka.longValue(p + 1);
            long[] r = JavaSide.chunk(id, n);
            Frame f = side.frame(ka, n);
            JavaSide.arrayToSlot(f, a, ka, p, id.x());
            for (long i = r[0], end = r[1]; i < end; i++) {
                f.i = i;
                aToPrev.run(f);
                inputToB.run(f);
                combineToItem.run(f);
                itemToA.run(f);
                out.run(f);
            }
        };
        this.source = KernelSource.named(name).withOpenCL(cl).withCuda(cu)
                .withJava(name + "_stage1", java1).withJava(name + "_stage2", java2).withJava(name + "_stage3", java3);
        Program prog = Launching.program(acc, source);
        this.stage1 = prog.kernel(name + "_stage1");
        this.stage2 = prog.kernel(name + "_stage2");
        this.stage3 = prog.kernel(name + "_stage3");
    }

    /**
     * Scans over {@code i < n} and runs the output statement for every {@code i}; returns at once with the event of
     * the last pass.
     *
     * @throws ExpressionException if the arguments do not fit the declaration (the message names the argument)
     * @throws org.gpu4j.LaunchException if an index was out of its array's bounds (the message names the array)
     */
    public Event launch(Object... args) {
        long n = this.args.check(name, args);
        Range r = Launching.scanParts(acc, n);
        long parts = Launching.partials(acc, r);
        try (DeviceArray partial = acc.alloc(type, parts); IntArray err = guarded ? Guard.errorWord(acc) : null) {
            Object[] a = Launching.append(args, partial, n);
            if (guarded) a = Guard.append(this.args, args, a, err);
            stage1.launch(r, a);
            stage2.launch(Launching.single(acc), partial, parts);
            Event e = stage3.launch(r, a);
            acc.finish(); // the partials are freed on return
            if (guarded) Guard.check(err, this.args, args, name);
            return e;
        }
    }

    /** The scan type. */
    public ElementType type() { return type; }

    public String name() { return name; }

    /** The generated source in one dialect (OpenCL C or CUDA C). */
    public String source(Dialect dialect) { return source.text(dialect); }

    @Override public String toString() { return "ScanKernel[" + name + args.signature() + " -> " + type + " on " + acc.device().id() + "]"; }
}
