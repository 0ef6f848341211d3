package org.gpu4j;

import java.util.List;
import java.util.Objects;
import org.gpu4j.spi.NativeKernel;

/**
 * One entry point of a {@link Program}, launched over a {@link Range} with arguments in declaration order.
 *
 * <p>Arguments are device arrays ({@link FloatArray}...), boxed scalars ({@code Float}, {@code Double},
 * {@code Integer}, {@code Long}, {@code Short}, {@code Byte}) and {@link LocalMemory}. Where the backend knows the
 * kernel's declared parameters ({@link #params()}), every launch is checked against them before anything is
 * enqueued: the count, a {@code Double} passed for a {@code float}, an {@code IntArray} passed for a {@code float*}
 * — each is an {@link IllegalArgumentException} naming the argument. Thread-safe: several threads may launch one
 * kernel at once (backends serialise setting its arguments and enqueueing).
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

    Kernel(Program program, NativeKernel nat) {
        this.program = program;
        this.nat = nat;
        this.params = List.copyOf(nat.params());
    }

    public String name() { return nat.name(); }

    public Program program() { return program; }

    /** The declared parameters, or an empty list when the backend cannot tell (then arguments are not type-checked). */
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
        acc.enter();
        try {
            if (!program.alloc.acquire()) throw new IllegalStateException("program '" + program.name() + "' is closed");
            held[count[0]++] = program.alloc;
            Object[] nativeArgs = convert(acc, args, held, count);
            if (range.isEmpty()) return Event.completed();
            return new Event(nat.launch(range, nativeArgs));
        } finally {
            for (int i = 0; i < count[0]; i++) held[i].releaseUse();
            acc.exit();
            java.lang.ref.Reference.reachabilityFence(args);
            java.lang.ref.Reference.reachabilityFence(program);
        }
    }

    private Object[] convert(Accelerator acc, Object[] args, Allocation[] held, int[] count) {
        if (!params.isEmpty() && args.length != params.size()) {
            throw new IllegalArgumentException("kernel " + name() + " takes " + params.size() + " arguments "
                    + signature() + ", got " + args.length);
        }
        Object[] out = new Object[args.length];
        long localBytes = 0;
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            KernelParam p = params.isEmpty() ? null : params.get(i);
            if (a == null) throw new IllegalArgumentException(label(i, p) + " is null");
            if (a instanceof DeviceArray arr) {
                if (arr.acc != acc) {
                    throw new IllegalArgumentException(label(i, p) + ": " + arr.describe() + " belongs to another accelerator ("
                            + arr.acc.device().id() + ")");
                }
                if (arr.isClosed() || !arr.alloc.acquire()) {
                    throw new IllegalStateException(label(i, p) + ": " + arr.describe() + " is closed");
                }
                held[count[0]++] = arr.alloc;
                if (p != null) {
                    if (!p.isPointer() || p.local()) {
                        throw new IllegalArgumentException(label(i, p) + ": expected " + expected(p) + ", got " + arr.describe());
                    }
                    ElementType et = p.elementType();
                    if (et != null && et != arr.elementType()) {
                        throw new IllegalArgumentException(label(i, p) + ": expected an array of " + et + ", got " + arr.describe());
                    }
                }
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
                    if (p.isPointer()) {
                        throw new IllegalArgumentException(label(i, p) + ": expected " + expected(p) + ", got "
                                + a.getClass().getSimpleName() + " " + a);
                    }
                    ElementType et = p.elementType();
                    ElementType given = scalarType(a);
                    if (et != null && given != et) {
                        throw new IllegalArgumentException(label(i, p) + ": expected a " + javaName(et) + ", got "
                                + a.getClass().getSimpleName() + " " + a);
                    }
                }
                out[i] = a;
            } else {
                throw new IllegalArgumentException(label(i, p) + ": unsupported argument type " + a.getClass().getName()
                        + "; pass a device array, a boxed number or LocalMemory");
            }
        }
        long limit = acc.device().localMemory();
        if (localBytes > 0 && limit > 0 && localBytes > limit) {
            throw new IllegalArgumentException("kernel " + name() + ": its LocalMemory arguments ask for "
                    + localBytes + " bytes together, more than the " + limit + " bytes of local memory of "
                    + acc.device().id());
        }
        return out;
    }

    /** How errors name argument {@code i}; built only when one is thrown (launch is a hot path). */
    private String label(int i, KernelParam p) {
        return "argument " + i + (p != null ? " (" + p.typeName() + " " + p.name() + ")" : "") + " of kernel " + name();
    }

    private static ElementType scalarType(Object a) {
        if (a instanceof Float) return ElementType.FLOAT;
        if (a instanceof Double) return ElementType.DOUBLE;
        if (a instanceof Integer) return ElementType.INT;
        if (a instanceof Long) return ElementType.LONG;
        return null; // Short, Byte: matched by name only
    }

    private static String javaName(ElementType t) {
        return switch (t) {
            case FLOAT -> "Float (float)";
            case DOUBLE -> "Double (double)";
            case INT -> "Integer (int)";
            case LONG -> "Long (long)";
        };
    }

    private static String expected(KernelParam p) {
        if (p.local()) return "LocalMemory for " + p.typeName();
        if (p.isPointer()) {
            ElementType et = p.elementType();
            return et == null ? "a device array" : "a " + et.name().charAt(0) + et.name().substring(1).toLowerCase() + "Array";
        }
        ElementType et = p.elementType();
        return et == null ? "a scalar " + p.typeName() : "a " + javaName(et);
    }

    /** The kernel's declared signature, e.g. {@code (float* a, float* b, int n)}, or {@code (?)} when unknown. */
    public String signature() {
        if (params.isEmpty()) return "(?)";
        StringBuilder sb = new StringBuilder("(");
        for (KernelParam p : params) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(p.local() ? "local " : "").append(p.typeName()).append(' ').append(p.name());
        }
        return sb.append(')').toString();
    }

    @Override public String toString() { return "Kernel[" + name() + signature() + " on " + program.acc.device().id() + "]"; }
}
