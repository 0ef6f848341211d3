package org.gpu4j;

import java.util.List;
import java.util.Objects;
import org.gpu4j.spi.NativeKernel;

/**
 * One entry point of a {@link Program}, launched over a {@link Range} with arguments in declaration order.
 *
 * <p>Arguments are device arrays ({@link FloatArray}...), boxed scalars ({@code Float}, {@code Double},
 * {@code Integer}, {@code Long}, {@code Short}, {@code Byte}) and {@link LocalMemory}. Where the backend knows the
 * kernel's declared parameters ({@link #params()}: always on OpenCL, from the {@code .cu} text on CUDA, from the
 * source's text or {@link KernelSource#withJava(String, String, JavaKernel)}'s declaration on the Java CPU backend),
 * every launch is checked against them before any native call: the count, the exact box of each scalar (a
 * {@code Double} for a {@code float}, an {@code Integer} for a {@code short} are refused; {@code half}, {@code bool}
 * and vector types such as {@code float4} cannot be passed as scalars), the element type of each array (an
 * {@code IntArray} for a {@code float*} or a {@code float4*}) — see {@link KernelParam} for the table. Each refusal is
 * an {@link IllegalArgumentException} naming the argument. Thread-safe: several threads may launch one kernel at
 * once (backends serialise setting its arguments and enqueueing).
 *
 * <p><b>Argument numbers.</b> Messages count arguments from 1, in the order of the launch call and of the
 * declaration, and give the declaration: {@code argument 1 (const float* a) of kernel vector_add}. This is the
 * numbering of expression kernels too. {@link KernelParam#index()} and the indices of {@link KernelArgs} are
 * 0-based, like Java arrays: {@code args.floats(0)} is argument 1.
 *
 * <p><b>Overlapping arguments</b> (the same rule on every backend, checked here before any native call): array
 * arguments that share memory (an array and its slice, two slices of one array) must be the same view (same
 * offset and length: in-place kernels) or disjoint, unless the kernel only reads both — both parameters declared
 * {@code const T*} (or OpenCL {@code __constant}). A parameter without a declaration counts as written. So
 * {@code dot(x.slice(0, 50), x.slice(25, 50))} runs everywhere, and a kernel writing {@code x[0:50]} while reading
 * {@code x[25:75]} is refused everywhere, instead of giving an order-dependent answer on one backend.
 *
 * <p><b>Bounds.</b> A kernel may touch only the elements of the views it was given. On the Java CPU backend a Java
 * kernel that reads or writes past the end of a slice fails with a {@link LaunchException} (see {@link KernelArgs}
 * for how, and what it costs); on devices an out-of-bounds access is undefined behaviour, as in OpenCL and CUDA.
 *
 * {@snippet :
 * Kernel add = acc.program(KernelSource.resource("vector_add")).kernel("vector_add");
 * Event e = add.launch(Range.of(n), a, b, c, n);   // c = a + b, n an Integer
 * }
 */
public final class Kernel {
    private final Program program;
    private final NativeKernel nat;
    private final List<KernelParam> params;
    /*
     * What each declared parameter accepts, worked out once (a launch is a hot path: reading it off the type name per
     * launch, a regular expression for vector types among it, was a measurable part of an empty kernel's launch).
     * Indexed like params; empty arrays when the kernel declares nothing.
     */
    private final KernelParam[] paramArray;
    /** Whether each parameter is a pointer (its type name ends in {@code *}). */
    private final boolean[] pointers;
    /** For pointers, the array element type required (null: any array); unused for scalars. */
    private final ElementType[] arrayElements;
    /** For scalars, why no Java value can be passed (half, bool, vectors), or null. */
    private final String[] unsupported;
    /** For scalars, the exact box required, or null when the type is unknown (not checked). */
    private final Class<?>[] scalarClasses;

    Kernel(Program program, NativeKernel nat) {
        this.program = program;
        this.nat = nat;
        this.params = List.copyOf(nat.params());
        int n = params.size();
        this.paramArray = params.toArray(new KernelParam[0]);
        this.pointers = new boolean[n];
        this.arrayElements = new ElementType[n];
        this.unsupported = new String[n];
        this.scalarClasses = new Class<?>[n];
        for (int i = 0; i < n; i++) {
            KernelParam p = paramArray[i];
            pointers[i] = p.isPointer();
            if (pointers[i]) {
                arrayElements[i] = p.local() ? null : p.arrayElement();
            } else {
                unsupported[i] = p.unsupportedScalar();
                scalarClasses[i] = p.scalarClass();
            }
        }
    }

    public String name() { return nat.name(); }

    public Program program() { return program; }

    /**
     * The declared parameters, or an empty list when the backend cannot tell (a Java kernel without a declaration or
     * source text, a CUDA program from PTX alone): then arguments are not type-checked here, and every array argument
     * counts as written for the overlap rule.
     */
    public List<KernelParam> params() { return params; }

    /**
     * Enqueues the kernel over {@code range}. Returns at once; the returned {@link Event} tells when it ran.
     * An empty range enqueues nothing (the arguments are still checked).
     *
     * @throws IllegalArgumentException for an argument that does not fit the kernel's declaration
     * @throws IllegalStateException if the program, an array or the accelerator is closed
     * @throws LaunchException if the backend rejects the launch
     */
    public Event launch(Range range, Object... args) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(args, "args");
        program.checkOpen();
        return launchOn(program.acc.scoped(), range, args);
    }

    /**
     * {@link #launch(Range, Object...)} on {@code queue} (a queue of this kernel's accelerator): the kernel runs after
     * the commands issued on that queue before it, possibly beside the commands of other queues.
     *
     * @throws IllegalArgumentException if {@code queue} belongs to another accelerator
     * @throws IllegalStateException if the queue, the program, an array or the accelerator is closed
     */
    public Event launch(Queue queue, Range range, Object... args) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(args, "args");
        program.checkOpen();
        if (queue.acc != program.acc) {
            throw new IllegalArgumentException("queue: " + queue + " belongs to another accelerator than kernel " + name()
                    + " (" + program.acc.name() + ")");
        }
        return launchOn(queue.isDefault() ? null : queue, range, args);
    }

    private Event launchOn(Queue queue, Range range, Object[] args) {
        Accelerator acc = program.acc;
        Device d = acc.device();
        if (range.hasLocal()) {
            long items = range.localItems();
            if (d.maxWorkGroupSize() > 0 && items > d.maxWorkGroupSize()) {
                throw new IllegalArgumentException("range: local size " + java.util.Arrays.toString(range.localSizes())
                        + " has " + items + " work-items, more than the maximum work-group size "
                        + d.maxWorkGroupSize() + " of " + d.id());
            }
        }
        // Every array (and the program) is acquired while the launch is checked and enqueued: a close on another
        // thread, or the Cleaner collecting an argument made inline, frees it only after the enqueue (see Allocation).
        Allocation[] held = new Allocation[args.length + 1];
        int[] count = {0};
        if (queue != null) queue.enter();
        else acc.enter();
        try {
            if (!program.alloc.acquire()) throw new IllegalStateException("program '" + program.name() + "' is closed");
            held[count[0]++] = program.alloc;
            Object[] nativeArgs = convert(acc, args, held, count);
            if (range.isEmpty()) return Event.completed();
            return new Event(queue != null ? queue.nat.launch(nat, range, nativeArgs) : nat.launch(range, nativeArgs), acc);
        } finally {
            for (int i = 0; i < count[0]; i++) held[i].releaseUse();
            if (queue != null) queue.exit();
            else acc.exit();
            java.lang.ref.Reference.reachabilityFence(args);
            java.lang.ref.Reference.reachabilityFence(program);
        }
    }

    private Object[] convert(Accelerator acc, Object[] args, Allocation[] held, int[] count) {
        final KernelParam[] ps = paramArray;
        if (ps.length != 0 && args.length != ps.length) {
            throw new IllegalArgumentException("kernel " + name() + " takes " + params.size() + " argument"
                    + (params.size() == 1 ? "" : "s") + " " + signature() + ", got " + args.length);
        }
        Object[] out = new Object[args.length];
        long localBytes = 0;
        int arrays = 0;
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            KernelParam p = ps.length == 0 ? null : ps[i];
            if (a == null) throw new IllegalArgumentException(label(i, p) + " is null");
            if (a instanceof DeviceArray arr) {
                if (arr.acc != acc) {
                    throw new IllegalArgumentException(label(i, p) + ": " + arr.describe() + " belongs to accelerator "
                            + arr.acc.name() + " (another accelerator), not to " + acc.name());
                }
                if (arr.isClosed() || !arr.alloc.acquire()) {
                    throw new IllegalStateException(label(i, p) + ": " + arr.describe() + " is closed");
                }
                held[count[0]++] = arr.alloc;
                if (p != null) {
                    if (!pointers[i] || p.local()) {
                        throw new IllegalArgumentException(label(i, p) + ": expected " + expected(p) + ", got " + arr.describe());
                    }
                    ElementType et = arrayElements[i];
                    if (et != null && et != arr.elementType()) {
                        throw new IllegalArgumentException(label(i, p) + ": expected " + arrayName(et) + ", got " + arr.describe());
                    }
                }
                arrays++;
                out[i] = arr.ref();
            } else if (a instanceof LocalMemory lm) {
                if (p != null && !p.local()) {
                    throw new IllegalArgumentException(label(i, p) + ": expected " + expected(p) + ", got " + lm);
                }
                try {
                    localBytes = Math.addExact(localBytes, lm.bytes());
                } catch (ArithmeticException e) {
                    localBytes = Long.MAX_VALUE;
                }
                out[i] = lm;
            } else if (a instanceof Float || a instanceof Double || a instanceof Integer || a instanceof Long
                    || a instanceof Short || a instanceof Byte) {
                if (p != null) {
                    if (pointers[i]) {
                        throw new IllegalArgumentException(label(i, p) + ": expected " + expected(p) + ", got "
                                + a.getClass().getSimpleName() + " " + a);
                    }
                    String why = unsupported[i];
                    if (why != null) {
                        throw new IllegalArgumentException(label(i, p) + ": " + why + " (got "
                                + a.getClass().getSimpleName() + " " + a + ")");
                    }
                    Class<?> want = scalarClasses[i];
                    if (want != null && want != a.getClass()) {
                        throw new IllegalArgumentException(label(i, p) + ": expected " + expected(p) + ", got "
                                + a.getClass().getSimpleName() + " " + a);
                    }
                }
                out[i] = a;
            } else {
                throw new IllegalArgumentException(label(i, p) + ": unsupported argument type " + a.getClass().getName()
                        + "; pass a device array, a boxed number (Float, Double, Integer, Long, Short, Byte) or LocalMemory");
            }
        }
        if (arrays > 1) checkOverlaps(args);
        long limit = acc.device().localMemory();
        if (localBytes > 0 && limit > 0 && localBytes > limit) {
            throw new IllegalArgumentException("kernel " + name() + ": its LocalMemory arguments ask for "
                    + localBytes + " bytes together, more than the " + limit + " bytes of local memory of "
                    + acc.device().id());
        }
        return out;
    }

    /**
     * The overlap rule, the same on every backend: two array arguments that share memory must be identical views or
     * disjoint, unless both are read-only ({@link KernelParam#readOnly()}); a parameter not known to be read-only
     * (no declaration) counts as written.
     */
    private void checkOverlaps(Object[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!(args[i] instanceof DeviceArray x) || x.length == 0) continue;
            for (int j = i + 1; j < args.length; j++) {
                if (!(args[j] instanceof DeviceArray y) || y.alloc != x.alloc || y.length == 0) continue;
                if (x.offset == y.offset && x.length == y.length) continue;          // identical views: in place is fine
                if (x.offset >= y.offset + y.length || y.offset >= x.offset + x.length) continue; // disjoint
                KernelParam pi = params.isEmpty() ? null : params.get(i);
                KernelParam pj = params.isEmpty() ? null : params.get(j);
                if (pi != null && pj != null && pi.readOnly() && pj.readOnly()) continue; // both only read
                throw new IllegalArgumentException(what(i, pi) + " and " + what(j, pj) + " of kernel " + name()
                        + " overlap partially: elements [" + x.offset + ", " + (x.offset + x.length) + ") and ["
                        + y.offset + ", " + (y.offset + y.length) + ") of one " + x.root().describe() + ", and "
                        + (pi == null || pj == null ? "the kernel declares no parameters, so both count as written"
                        : pi.readOnly() ? "argument " + (j + 1) + " is written (not declared const)"
                        : pj.readOnly() ? "argument " + (i + 1) + " is written (not declared const)"
                        : "both are written (neither is declared const)")
                        + "; arguments that share memory must be the same view or disjoint unless the kernel only reads both");
            }
        }
    }

    /**
     * How errors name argument {@code i}: counted from 1, like expression kernels and the order of the launch
     * call; built only when one is thrown (launch is a hot path).
     */
    private String label(int i, KernelParam p) {
        return what(i, p) + " of kernel " + name();
    }

    private static String what(int i, KernelParam p) {
        return "argument " + (i + 1) + (p != null ? " (" + p.declaration() + ")" : "");
    }

    private static String arrayName(ElementType et) {
        return "a " + et.name().charAt(0) + et.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "Array";
    }

    private static String expected(KernelParam p) {
        if (p.local()) return "LocalMemory for " + p.declaration();
        if (p.isPointer()) {
            ElementType et = p.arrayElement();
            return et == null ? "a device array" : arrayName(et);
        }
        Class<?> c = p.scalarClass();
        if (c == null) return "a scalar " + p.typeName();
        String box = c.getSimpleName();
        return (box.equals("Integer") ? "an " : "a ") + box + " (" + p.typeName() + ")";
    }

    /** The kernel's declared signature, e.g. {@code (float* a, float* b, int n)}, or {@code (?)} when unknown. */
    public String signature() {
        if (params.isEmpty()) return "(?)";
        StringBuilder sb = new StringBuilder("(");
        for (KernelParam p : params) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(p.declaration());
        }
        return sb.append(')').toString();
    }

    @Override public String toString() { return "Kernel[" + name() + signature() + " on " + program.acc.device().id() + "]"; }
}
