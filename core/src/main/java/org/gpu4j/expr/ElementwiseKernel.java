package org.gpu4j.expr;

import java.util.List;
import java.util.Objects;
import org.gpu4j.Accelerator;
import org.gpu4j.Dialect;
import org.gpu4j.ElementType;
import org.gpu4j.Event;
import org.gpu4j.JavaKernel;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.expr.Ast.Stmt;

/**
 * A kernel made from an element-wise snippet by {@link Accelerator#elementwise(String, String)}: the operation runs
 * once for every index {@code i} in {@code [0, n)}, where {@code n} is the length of the first array argument.
 * Reusable and thread-safe; its program is built once per accelerator.
 *
 * {@snippet :
 * ElementwiseKernel lin = acc.elementwise("float a, float *x, float b, float *y, float *z",
 *                                         "z[i] = a*x[i] + b*y[i]");
 * lin.launch(2f, x, 5f, y, z);          // Float scalars and arrays in declaration order
 * }
 *
 * <p>Launch arguments are checked before anything is enqueued: their count, each array's element type and each
 * scalar's boxed type (exactly {@code Float} for {@code float}, {@code Integer} for {@code int}...), and every array's
 * length, which must be at least {@code n}. A mismatch is an {@link ExpressionException} naming the argument.
 */
public final class ElementwiseKernel {
    private final Accelerator acc;
    private final String name;
    private final Arguments args;
    private final Codegen.Shape shape;
    private final KernelSource source;
    private final Kernel kernel;
    /** Whether the operation indexes with anything but i: then launches carry the bounds guard ({@link Guard}). */
    private final boolean guarded;
    /** How the Java CPU backend runs the operation. */
    final JavaKernels.Handle java;

    ElementwiseKernel(Accelerator acc, String arguments, String operation, String name, String preamble) {
        this.acc = Objects.requireNonNull(acc, "acc");
        Objects.requireNonNull(operation, "operation");
        Launching.checkName(name);
        this.name = name;
        Scope root = new Scope();
        Scope scope = root.child();
        this.args = Arguments.parse(arguments, scope);
        args.firstArray();
        args.builtin(scope, "i", ElementType.LONG);
        args.builtin(scope, "n", ElementType.LONG);
        List<Stmt> body = Parser.statements(new Source("operation", operation), scope);
        this.shape = Launching.shape(acc);
        this.guarded = Codegen.guarded(body);
        String cl = new Codegen(Dialect.OPENCL).elementwise(name, args, arguments, operation, body, preamble, shape);
        String cu = new Codegen(Dialect.CUDA).elementwise(name, args, arguments, operation, body, preamble, Codegen.Shape.GPU);
        // the Java backend: compiled to bytecode at the first launch, or the evaluator (JavaKernels)
        this.java = JavaKernels.elementwise(JavaKernels.key(null, arguments, operation), root, args, body);
        JavaKernel jk = JavaKernels.elementwiseKernel(java, new JavaSide(root, args), args.params.size());
        this.source = KernelSource.named(name).withOpenCL(cl).withCuda(cu).withJava(name, jk);
        this.kernel = Launching.program(acc, source).kernel(name);
    }

    /**
     * Runs the operation for every {@code i < n} with {@code args} in declaration order; returns at once with the
     * launch's {@link Event} (device timing included). When the operation indexes an array with anything but
     * {@code i} (say {@code x[i + 1]}), the launch waits for the kernel, to read its bounds guard's error word.
     *
     * @throws ExpressionException if the arguments do not fit the declaration (the message names the argument)
     * @throws org.gpu4j.LaunchException if an index was out of its array's bounds (the message names the array)
     */
    public Event launch(Object... args) {
        long n = this.args.check(name, args);
        var range = Launching.elementwise(acc, n);
        if (!guarded) return kernel.launch(range, Launching.append(args, n));
        try (var err = Guard.errorWord(acc)) {
            Event e = kernel.launch(range, Guard.append(this.args, args, Launching.append(args, n), err));
            Guard.check(err, this.args, args, name);
            return e;
        }
    }

    /** The kernel's name. */
    public String name() { return name; }

    /** The generated source in one dialect (OpenCL C or CUDA C) for this accelerator's device. */
    public String source(Dialect dialect) { return source.text(dialect); }

    @Override public String toString() { return "ElementwiseKernel[" + name + args.signature() + " on " + acc.device().id() + "]"; }
}
