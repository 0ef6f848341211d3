package org.gpu4j;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.gpu4j.spi.BackendAccelerator;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeProgram;

/**
 * An opened device: it owns a command queue (OpenCL) or stream (CUDA), and every array and program made through it,
 * which {@link #close()} frees. Obtain one from {@link Gpu4j#open()}.
 *
 * <p><b>Semantics.</b> Commands (copies to the device, fills, kernel launches, operations) are enqueued in order
 * and may run asynchronously; anything that returns data to the host ({@code toArray()}, a reduction's scalar,
 * {@link #finish()}) waits for the commands before it, so what the host observes is always complete. Device errors
 * surface at the latest at that point, as exceptions.
 *
 * <p><b>Threads.</b> An accelerator, its arrays, programs and kernels may be used by several threads at once.
 *
 * <p><b>Queues.</b> Everything above goes to the accelerator's own queue ({@link #defaultQueue()}). More queues
 * ({@link #newQueue()}: OpenCL command queues, CUDA streams, Java CPU task lanes) run their commands concurrently
 * with each other. A command goes to a queue explicitly — {@link Queue#copy}, {@link Queue#fill},
 * {@link Kernel#launch(Queue, Range, Object...)}, {@code array.copyFromAsync(queue, host)},
 * {@code array.toArrayAsync(queue)} — or through a scope: inside {@code try (Queue.Scope s = queue.use())} every
 * command this thread issues on this accelerator without a queue (built-in operations, expression kernels,
 * {@code copyFrom}, {@code toArray}) goes to that queue. Queues are ordered against each other only by
 * {@link Queue#waitFor(Event...)} on events (of any queue, of any accelerator); {@link #finish()} waits for all of
 * them, and {@link #close()} drains (or, past its bound, gives up on) every queue and completes every pending
 * asynchronous download's future, with its data or exceptionally. See {@link Queue}.
 *
 * <p><b>Lifetime.</b> A command (launch, copy, fill, download, built-in operation) holds every array and program it
 * uses while it is checked and enqueued (on the Java CPU backend, while it runs); closing one of them on another
 * thread, or the Cleaner collecting an array that was made inline as an argument, marks it closed at once and frees
 * it when the last such hold ends, so nothing is freed under a command. Once a command is enqueued the device keeps
 * what it uses alive. {@link #close()} makes new calls fail at once with {@link IllegalStateException}, waits a
 * bounded time for calls in progress and queued work, then frees what it owns; when that work does not finish in
 * time the accelerator is marked {@linkplain #isBroken() broken} and what the work may still touch is deliberately not
 * freed (see {@link #close(java.time.Duration)}). Every wait ({@link #finish()}, {@link Event#waitFor()}, reads back
 * to the host) ends with {@link WaitInterruptedException} when its thread is interrupted, and has a bounded form
 * ({@link #finish(java.time.Duration)}, {@link Event#await(java.time.Duration)}).
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open()) {
 *     System.out.println(acc.device());
 *     try (FloatArray x = acc.upload(new float[] {1, 2, 3}); FloatArray y = acc.allocFloats(3)) {
 *         Kernel k = acc.program(KernelSource.resource("vector_add")).kernel("vector_add");
 *         k.launch(Range.of(3), x, x, y, 3);
 *         float[] twice = y.toArray();     // {2, 4, 6}
 *     }
 * }
 * }
 */
public final class Accelerator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.gpu4j");

    private final BackendAccelerator backend;
    private final Device device;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object closeLock = new Object();
    private volatile boolean closed;
    private volatile boolean broken;
    private volatile String brokenReason;
    private final String name;
    private static final Map<String, java.util.concurrent.atomic.AtomicInteger> OPENED = new ConcurrentHashMap<>();
    private final Set<Allocation> live = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong allocatedBytes = new java.util.concurrent.atomic.AtomicLong();
    private volatile long memoryLimit;
    private final Map<String, Program> shared = new ConcurrentHashMap<>();
    private final Vectors vectors = new Vectors(this);
    private final Matrices matrices = new Matrices(this);
    private final Sorting sorting = new Sorting(this);
    /** Queues made by {@link #newQueue()} and not closed yet; the accelerator's close drains and releases them. */
    final Set<Queue> queues = ConcurrentHashMap.newKeySet();
    /** The queue of the current thread's {@link Queue#use()} scope, if any. */
    final ThreadLocal<Queue> scope = new ThreadLocal<>();
    private volatile Queue defaultQueue;
    private final java.util.concurrent.atomic.AtomicInteger queueCount = new java.util.concurrent.atomic.AtomicInteger();
    /** Completes host work (asynchronous downloads, staging buffers) when device events complete. */
    final Completer completer;

    Accelerator(BackendAccelerator backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.device = backend.device();
        this.memoryLimit = device.globalMemory();
        this.name = device.id() + "#" + OPENED.computeIfAbsent(device.id(), k -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        this.completer = new Completer(name);
    }

    /** The device this accelerator runs on. */
    public Device device() { return device; }

    public boolean isClosed() { return closed; }

    // ---------------------------------------------------------------- allocation

    public FloatArray allocFloats(long length) { return (FloatArray) alloc(ElementType.FLOAT, length); }
    public DoubleArray allocDoubles(long length) { return (DoubleArray) alloc(ElementType.DOUBLE, length); }
    public IntArray allocInts(long length) { return (IntArray) alloc(ElementType.INT, length); }
    public LongArray allocLongs(long length) { return (LongArray) alloc(ElementType.LONG, length); }

    /**
     * A new zero-filled array of {@code length} elements.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws DeviceMemoryException if it exceeds the device's largest allocation or the device is out of memory
     */
    public DeviceArray alloc(ElementType type, long length) {
        return alloc(type, length, true);
    }

    /**
     * {@link #alloc(ElementType, long)}, zero-filled only when {@code zero}; {@link #upload} passes false because it
     * overwrites every element at once (a zero fill there would be a wasted pass over the memory).
     */
    /** An array whose contents are undefined until written: for internal scratch that kernels overwrite whole. */
    DeviceArray allocUninitialized(ElementType type, long length) { return alloc(type, length, false); }

    private DeviceArray alloc(ElementType type, long length, boolean zero) {
        Objects.requireNonNull(type, "type");
        if (length < 0) throw new IllegalArgumentException("length = " + length + " is negative");
        long bytes;
        try {
            bytes = Math.multiplyExact(length, (long) type.bytes());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("length = " + length + " overflows a byte count");
        }
        if (device.maxAllocation() > 0 && bytes > device.maxAllocation()) {
            String[] f = figures(bytes, device.maxAllocation());
            throw new DeviceMemoryException("cannot allocate " + length + " " + type + " elements (" + f[0]
                    + "): more than the largest allocation of " + device.id() + " (" + f[1] + ")");
        }
        enter();
        long charged = Math.max(1, length) * type.bytes();
        try {
            Object handle;
            try {
                handle = chargeAndAllocate(type, length, charged, null);
            } catch (DeviceMemoryException first) {
                // Arrays dropped without close() still hold memory until the Cleaner runs: collect them once, retry.
                long before = allocatedBytes.get();
                int reclaimed = reclaimDropped();
                if (reclaimed == 0) throw first;
                String note = " (after reclaiming " + reclaimed + " dropped but unclosed objects holding "
                        + Device.formatBytes(Math.max(0, before - allocatedBytes.get())) + ")";
                handle = chargeAndAllocate(type, length, charged, note);
            }
            String what = type.name().charAt(0) + type.name().substring(1).toLowerCase() + "Array[" + length + "]";
            Allocation a = new Allocation(this, handle, type, length, what);
            live.add(a);
            DeviceArray array = switch (type) {
                case FLOAT -> new FloatArray(this, a, 0, length, null);
                case DOUBLE -> new DoubleArray(this, a, 0, length, null);
                case INT -> new IntArray(this, a, 0, length, null);
                case LONG -> new LongArray(this, a, 0, length, null);
            };
            a.cleanable = Leaks.register(array, a);
            if (zero && length > 0 && !backend.allocationsAreZeroed()) {
                try {
                    if (queues.isEmpty()) {
                        array.clear();
                    } else {
                        // Other queues are unordered against the default queue: the zeros must be there before the
                        // array is handed out, or a command on another queue could run before the clear.
                        defaultQueue().fill(array, switch (type) {
                            case FLOAT -> (Number) 0f;
                            case DOUBLE -> 0d;
                            case INT -> 0;
                            case LONG -> 0L;
                        }).waitFor();
                    }
                } catch (RuntimeException | Error e) {
                    a.close();
                    throw e;
                }
            }
            return array;
        } finally {
            exit();
        }
    }

    /** A new device array holding a copy of {@code data}. */
    public FloatArray upload(float[] data) {
        FloatArray a = (FloatArray) alloc(ElementType.FLOAT, Objects.requireNonNull(data, "data").length, false);
        return initialize(a, () -> a.copyFrom(data));
    }

    public DoubleArray upload(double[] data) {
        DoubleArray a = (DoubleArray) alloc(ElementType.DOUBLE, Objects.requireNonNull(data, "data").length, false);
        return initialize(a, () -> a.copyFrom(data));
    }

    public IntArray upload(int[] data) {
        IntArray a = (IntArray) alloc(ElementType.INT, Objects.requireNonNull(data, "data").length, false);
        return initialize(a, () -> a.copyFrom(data));
    }

    public LongArray upload(long[] data) {
        LongArray a = (LongArray) alloc(ElementType.LONG, Objects.requireNonNull(data, "data").length, false);
        return initialize(a, () -> a.copyFrom(data));
    }

    /**
     * A new device array holding the {@code src.remaining()} elements of {@code src} from its position, which then
     * advances to its limit (as {@link java.nio.FloatBuffer#put(java.nio.FloatBuffer)} would). Heap or direct; see
     * {@link FloatArray#copyFrom(java.nio.FloatBuffer)} for which transfers copy through a temporary array.
     *
     * @param src the host data
     * @return the new array
     */
    public FloatArray upload(java.nio.FloatBuffer src) {
        FloatArray a = (FloatArray) alloc(ElementType.FLOAT, Objects.requireNonNull(src, "src").remaining(), false);
        return initialize(a, () -> a.copyFrom(src));
    }

    /**
     * As {@link #upload(java.nio.FloatBuffer)}, for doubles.
     *
     * @param src the host data
     * @return the new array
     */
    public DoubleArray upload(java.nio.DoubleBuffer src) {
        DoubleArray a = (DoubleArray) alloc(ElementType.DOUBLE, Objects.requireNonNull(src, "src").remaining(), false);
        return initialize(a, () -> a.copyFrom(src));
    }

    /**
     * As {@link #upload(java.nio.FloatBuffer)}, for ints.
     *
     * @param src the host data
     * @return the new array
     */
    public IntArray upload(java.nio.IntBuffer src) {
        IntArray a = (IntArray) alloc(ElementType.INT, Objects.requireNonNull(src, "src").remaining(), false);
        return initialize(a, () -> a.copyFrom(src));
    }

    /**
     * As {@link #upload(java.nio.FloatBuffer)}, for longs.
     *
     * @param src the host data
     * @return the new array
     */
    public LongArray upload(java.nio.LongBuffer src) {
        LongArray a = (LongArray) alloc(ElementType.LONG, Objects.requireNonNull(src, "src").remaining(), false);
        return initialize(a, () -> a.copyFrom(src));
    }

    private Object chargeAndAllocate(ElementType type, long length, long charged, String note) {
        try {
            charge(charged, length, type);
        } catch (DeviceMemoryException e) {
            if (note == null) throw e;
            throw new DeviceMemoryException(e.getMessage() + note);
        }
        try {
            // Zero-length arrays still own one native element, so backends never see an empty buffer.
            return backend.allocate(type, Math.max(1, length));
        } catch (RuntimeException | Error e) {
            allocatedBytes.addAndGet(-charged);
            if (note != null && e instanceof DeviceMemoryException) throw new DeviceMemoryException(e.getMessage() + note, e);
            throw e;
        }
    }

    /**
     * Runs the garbage collector and waits (at most 2 s) for the Cleaner, so that arrays and programs dropped without
     * {@code close()} give their memory back; returns how many of this accelerator's objects were reclaimed. They
     * are reported as leaks as usual ({@link Leaks}).
     */
    private int reclaimDropped() {
        int before = live.size();
        Leaks.collect(java.time.Duration.ofSeconds(2));
        return Math.max(0, before - live.size());
    }

    /**
     * A new row-major matrix holding a copy of {@code values} (one Java array per row, all of one length).
     *
     * @throws IllegalArgumentException if {@code values} is ragged, a row is null, or it has more elements than a
     *         Java array can hold
     */
    public FloatMatrix upload(float[][] values) { return FloatMatrix.of(this, values); }

    /** A new zero-filled {@code rows x cols} matrix. */
    public FloatMatrix allocFloatMatrix(int rows, int cols) { return FloatMatrix.alloc(this, rows, cols); }

    /**
     * A new row-major matrix holding a copy of {@code values} (one Java array per row, all of one length).
     *
     * @throws IllegalArgumentException if {@code values} is ragged, a row is null, or it has more elements than a
     *         Java array can hold
     */
    public DoubleMatrix upload(double[][] values) { return DoubleMatrix.of(this, values); }

    /** A new zero-filled {@code rows x cols} matrix. */
    public DoubleMatrix allocDoubleMatrix(int rows, int cols) { return DoubleMatrix.alloc(this, rows, cols); }

    /**
     * A new row-major matrix holding a copy of {@code values} (one Java array per row, all of one length).
     *
     * @throws IllegalArgumentException if {@code values} is ragged, a row is null, or it has more elements than a
     *         Java array can hold
     */
    public LongMatrix upload(long[][] values) { return LongMatrix.of(this, values); }

    /** A new zero-filled {@code rows x cols} matrix. */
    public LongMatrix allocLongMatrix(int rows, int cols) { return LongMatrix.alloc(this, rows, cols); }

    /**
     * Accounts {@code bytes} against the device's global memory. Some devices (PoCL on a CPU) allocate lazily and
     * never refuse, so running past what the device reports would end in the operating system's out-of-memory
     * killer instead of an exception; this keeps the failure a {@link DeviceMemoryException}.
     */
    private void charge(long bytes, long length, ElementType type) {
        long limit = memoryLimit;
        long now = allocatedBytes.addAndGet(bytes);
        if (limit > 0 && now > limit) {
            allocatedBytes.addAndGet(-bytes);
            long held = now - bytes;
            // Rounded figures can read as if it fitted (63.0 MiB held + 1.0 MiB asked of 64.0 MiB): then say exactly.
            boolean exact = Device.formatBytes(now).equals(Device.formatBytes(limit))
                    || Device.formatBytes(bytes).equals(Device.formatBytes(limit - held));
            throw new DeviceMemoryException("cannot allocate " + length + " " + type + " elements ("
                    + Device.formatBytes(bytes) + "): this accelerator already holds "
                    + Device.formatBytes(held) + " of its " + Device.formatBytes(limit) + " memory limit"
                    + (exact ? " (exactly " + bytes + " bytes asked, " + held + " held, " + limit + " the limit)" : "")
                    + " (" + device.id() + " reports " + Device.formatBytes(device.globalMemory()) + " of global memory)");
        }
    }

    /** Sizes as {@link Device#formatBytes}, with the exact byte counts added when the rounded figures read the same. */
    private static String[] figures(long a, long b) {
        String fa = Device.formatBytes(a), fb = Device.formatBytes(b);
        if (fa.equals(fb)) return new String[] {fa + ", " + a + " bytes", fb + ", " + b + " bytes"};
        return new String[] {fa, fb};
    }

    /**
     * Caps the device memory this accelerator's arrays may hold together (default: the device's global memory);
     * an allocation beyond it raises {@link DeviceMemoryException}. Useful on devices that share the host's memory.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public void limitMemory(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("bytes = " + bytes + " must be positive");
        long global = device.globalMemory();
        memoryLimit = global > 0 ? Math.min(bytes, global) : bytes;
    }

    /** The cap set by {@link #limitMemory} (the device's global memory by default). */
    public long memoryLimit() { return memoryLimit; }

    /** Bytes of device memory held by this accelerator's live arrays. */
    public long allocatedBytes() { return allocatedBytes.get(); }

    private static <A extends DeviceArray> A initialize(A array, Runnable init) {
        try {
            init.run();
            return array;
        } catch (RuntimeException | Error e) {
            array.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- queues

    /**
     * This accelerator's own queue: the one every command without a queue (and outside a {@link Queue#use()} scope)
     * goes to. Its commands return events and can wait for other queues like any queue's; it closes with the
     * accelerator.
     *
     * @throws UnsupportedOperationException when the backend has no queue API
     */
    public Queue defaultQueue() {
        Queue q = defaultQueue;
        if (q != null) return q;
        synchronized (queues) {
            checkOpen();
            if (defaultQueue == null) {
                org.gpu4j.spi.NativeQueue nq = backend.defaultQueue();
                if (nq == null) throw new UnsupportedOperationException("the backend of " + device.id() + " has no queue API");
                defaultQueue = new Queue(this, nq, true, "default");
            }
            return defaultQueue;
        }
    }

    /**
     * A new queue (OpenCL command queue, CUDA stream, Java CPU task lane) whose commands may run concurrently with
     * those of this accelerator's other queues; see {@link Queue} for how commands are issued on it and ordered.
     * Close it when done (or let the accelerator's close release it).
     *
     * @throws UnsupportedOperationException when the backend offers a single queue
     */
    public Queue newQueue() {
        enter();
        try {
            Queue q = new Queue(this, backend.newQueue(), false, "queue " + queueCount.incrementAndGet());
            queues.add(q);
            return q;
        } finally {
            exit();
        }
    }

    /** The queue the current thread's commands go to: its scope's, or the default queue. */
    Queue currentQueue() {
        Queue q = scope.get();
        return q != null ? q : defaultQueue();
    }

    /** The queue of the current thread's scope when it is not the default queue; null otherwise (the plain path). */
    Queue scoped() {
        Queue q = scope.get();
        return q == null || q.isDefault() ? null : q;
    }

    /** Drains every queue made by {@link #newQueue()} within the deadline; false when one did not drain in time. */
    private boolean finishQueues(long deadline) {
        for (Queue q : queues) {
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
            if (!q.nat.finish(left)) return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- operations

    /** Vector operations (axpy, dot, sums, norms, scans...) on this accelerator's arrays. */
    public Vectors vectors() { return vectors; }

    /** Matrix operations (gemm, transpose, gemv...) on this accelerator's arrays. */
    public Matrices matrices() { return matrices; }

    /** Sorts, argsort and the scan-built algorithms (copyIf, partition, unique) on this accelerator's arrays. */
    public Sorting sorting() { return sorting; }

    /**
     * A random-number generator filling this accelerator's arrays: Philox4x32-10 under {@code seed}, positioned at
     * element 0, the same bits on every backend (see {@link DeviceRandom}). Generators are immutable values; make as
     * many as you like.
     *
     * @throws IllegalStateException if this accelerator is closed
     */
    public DeviceRandom random(long seed) {
        checkOpen();
        return new DeviceRandom(new org.gpu4j.random.RandomOps(this), seed, 0);
    }

    // expression builders (elementwise, reduction, scan) go here

    /**
     * An element-wise kernel from a snippet: {@code operation} runs for every {@code i} in {@code [0, n)}, {@code n}
     * being the length of the first array argument. See {@link org.gpu4j.expr} for the language.
     *
     * {@snippet :
     * ElementwiseKernel lin = acc.elementwise("float a, float *x, float b, float *y, float *z", "z[i] = a*x[i] + b*y[i]");
     * lin.launch(2f, x, 5f, y, z);
     * }
     *
     * @param arguments the kernel's arguments as C declarations, e.g. {@code "float a, float *x"}
     * @param operation one or more statements; the last {@code ;} may be left out
     * @throws org.gpu4j.expr.ExpressionException with line:column and a caret for a snippet that does not compile
     */
    public org.gpu4j.expr.ElementwiseKernel elementwise(String arguments, String operation) {
        return org.gpu4j.expr.Expressions.elementwise(this, arguments, operation, null, null);
    }

    /**
     * {@link #elementwise(String, String)} with a kernel name and a preamble: text placed verbatim before the kernel in
     * the OpenCL and CUDA sources (pragmas, macros for device code only; the Java CPU backend does not see it, so the
     * operation cannot call what it defines).
     */
    public org.gpu4j.expr.ElementwiseKernel elementwise(String arguments, String operation, String name, String preamble) {
        return org.gpu4j.expr.Expressions.elementwise(this, arguments, operation, name, preamble);
    }

    /**
     * A reduction from snippets, like PyOpenCL's {@code ReductionKernel}: {@code mapExpr} gives one value per
     * {@code i}, {@code reduceExpr} combines {@code a} and {@code b}, {@code neutral} is its identity.
     *
     * {@snippet :
     * ReductionKernel dot = acc.reduction("float", "0", "a+b", "x[i]*y[i]", "float *x, float *y");
     * float d = dot.launch(x, y).floatValue();
     * }
     *
     * @param type {@code float}, {@code double}, {@code int} or {@code long}
     */
    public org.gpu4j.expr.ReductionKernel reduction(String type, String neutral, String reduceExpr, String mapExpr,
                                                    String arguments) {
        return org.gpu4j.expr.Expressions.reduction(this, type, neutral, reduceExpr, mapExpr, arguments, null);
    }

    /**
     * A prefix scan from snippets, like PyOpenCL's {@code GenericScanKernel}: {@code inputExpr} is the value at
     * {@code i}, {@code scanExpr} combines {@code a} and {@code b}, and {@code outputStatement} runs for every
     * {@code i} with {@code item} (inclusive scan) and {@code prev_item} (exclusive scan).
     *
     * {@snippet :
     * acc.scan("int", "0", "a+b", "x[i]", "y[i] = prev_item", "int *x, int *y").launch(x, y); // exclusive
     * }
     */
    public org.gpu4j.expr.ScanKernel scan(String type, String neutral, String scanExpr, String inputExpr,
                                          String outputStatement, String arguments) {
        return org.gpu4j.expr.Expressions.scan(this, type, neutral, scanExpr, inputExpr, outputStatement, arguments, null);
    }

    // ---------------------------------------------------------------- programs

    /** Builds {@code source} for this device with no options. */
    public Program program(KernelSource source) { return program(source, ""); }

    /**
     * Builds {@code source} for this device. The caller owns the returned program (close it, or let the accelerator
     * close it). Backends cache compiled programs, so building the same source twice is cheap.
     *
     * @throws KernelCompileException with the build log when the source does not compile
     */
    public Program program(KernelSource source, String options) {
        Objects.requireNonNull(source, "source");
        String opts = options == null ? "" : options;
        enter();
        try {
            NativeProgram p = backend.build(source, opts);
            return track(p, source.name(), false);
        } finally {
            exit();
        }
    }

    /**
     * A program built once per accelerator and shared by every caller that passes an equal {@code key}: built-in
     * operations and generated kernels use it. Closing the returned program does nothing; the accelerator closes it.
     */
    Program sharedProgram(String key, java.util.function.Supplier<KernelSource> source, String options) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        String k = key + "\u0000" + (options == null ? "" : options);
        Program p = shared.get(k);
        if (p != null) return p;
        synchronized (shared) {
            p = shared.get(k);
            if (p != null) return p;
            // built-in families: the Java twins take the .cl declarations even where the kernels jar is absent
            KernelSource src = org.gpu4j.internal.BuiltinSignatures.declare(Objects.requireNonNull(source.get(), "source"));
            enter();
            try {
                p = track(backend.build(src, options == null ? "" : options), src.name(), true);
            } finally {
                exit();
            }
            shared.put(k, p);
            return p;
        }
    }

    private Program track(NativeProgram p, String name, boolean isShared) {
        Allocation a = new Allocation(this, p, null, 0, "Program '" + name + "'");
        live.add(a);
        Program program = new Program(this, p, a, name, isShared);
        a.cleanable = Leaks.register(program, a);
        return program;
    }

    /**
     * Waits until every command enqueued so far has completed; device faults surface here.
     *
     * @throws WaitInterruptedException if the calling thread is interrupted while it waits (its interrupt flag stays set)
     */
    public void finish() {
        enter();
        try {
            backend.finish(Long.MAX_VALUE);
            finishQueues(Long.MAX_VALUE);
        } finally {
            exit();
        }
    }

    /**
     * Waits at most {@code timeout} until every command enqueued so far has completed.
     *
     * @return true when they completed, false when the time ran out first (the commands keep running)
     * @throws WaitInterruptedException if the calling thread is interrupted while it waits (its interrupt flag stays set)
     * @throws LaunchException if a command failed
     */
    public boolean finish(java.time.Duration timeout) {
        long nanos = toNanos(Objects.requireNonNull(timeout, "timeout"));
        enter();
        try {
            long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
            return backend.finish(nanos) && finishQueues(deadline);
        } finally {
            exit();
        }
    }

    static long toNanos(java.time.Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("timeout " + d + " is negative");
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * How long {@link #close()} waits for calls in progress and queued work before it gives up on them: the system
     * property {@code gpu4j.closeTimeoutSeconds} (default 10, a decimal number of seconds).
     */
    public static java.time.Duration defaultCloseTimeout() {
        String v = System.getProperty("gpu4j.closeTimeoutSeconds");
        double s = 10;
        if (v != null) {
            try {
                s = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                LOG.log(System.Logger.Level.WARNING, "gpu4j: ignoring gpu4j.closeTimeoutSeconds=" + v + " (not a number)");
            }
        }
        if (!(s >= 0)) s = 10;
        return java.time.Duration.ofNanos((long) Math.min(Long.MAX_VALUE / 2.0, s * 1e9));
    }

    /**
     * {@link #close(java.time.Duration)} with {@link #defaultCloseTimeout()}. Idempotent; never blocks longer than that
     * bound (plus the time to free what it owns) and never throws, except when called from a kernel of this
     * accelerator (see below).
     *
     * @throws IllegalStateException when called from a Java kernel running on this accelerator, or from inside one of
     *         its own calls: that would wait for itself
     */
    @Override public void close() { close(defaultCloseTimeout()); }

    /**
     * Closes this accelerator: new calls fail at once with {@link IllegalStateException}; calls in progress on other
     * threads and work already queued on the device get up to {@code grace} to finish; then every array and program
     * this accelerator still owns is freed and the device's queue or stream released.
     *
     * <p>When the work does not finish in time (a kernel that never ends), or the waiting thread is interrupted, the
     * accelerator gives up on it: it is marked {@linkplain #isBroken() broken} (every later call throws
     * {@link IllegalStateException} saying why), the Java CPU backend cancels its work-items that have not started
     * and interrupts its worker threads, and native memory, programs and queues that the running work may still touch
     * are deliberately not freed (they stay allocated until the process ends: freeing them under a running kernel
     * could crash the JVM). The method then returns false.
     *
     * @return true when everything was released, false when the accelerator gave up on running work
     * @throws IllegalStateException when called from a Java kernel running on this accelerator, or from inside one of
     *         its own calls (it would wait for itself)
     */
    public boolean close(java.time.Duration grace) {
        long graceNanos = toNanos(Objects.requireNonNull(grace, "grace"));
        if (lock.getReadHoldCount() > 0 || backend.isKernelThread()) {
            throw new IllegalStateException("close() of " + name + " was called from a kernel or call running on it;"
                    + " it would wait for itself. Close it from another thread once the work has returned");
        }
        synchronized (closeLock) {
            if (closed) return !broken;
            closed = true; // from here on, enter() fails fast: only calls already in progress remain
            long deadline = System.nanoTime() + graceNanos;
            boolean locked;
            try {
                locked = lock.writeLock().tryLock(graceNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon("the thread closing it was interrupted while calls were still in progress");
                return false;
            }
            if (!locked) {
                abandon("calls in progress on other threads did not return within " + grace);
                return false;
            }
            try {
                boolean drained;
                for (Queue q : queues) q.markClosed();
                try {
                    drained = backend.finish(Math.max(0, deadline - System.nanoTime()));
                    if (drained) drained = finishQueues(deadline);
                } catch (WaitInterruptedException e) {
                    abandon("the thread closing it was interrupted while queued work was still running");
                    return false;
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "gpu4j: pending work failed while closing " + name, e);
                    drained = true; // failed work no longer runs
                }
                if (!drained) {
                    abandon("queued work did not finish within " + grace);
                    return false;
                }
                completer.settleAll(true, null);
                for (Queue q : queues) q.releaseNative();
                queues.clear();
                for (Allocation a : live) {
                    a.markClosedForBulkFree();
                    if (a.claimFree()) freeQuietly(a);
                }
                live.clear();
                shared.clear();
                try {
                    backend.close();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "gpu4j: error closing " + name, e);
                }
                return true;
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    /** Gives up on running work: marks broken, lets the backend cancel what it can, frees nothing native. */
    private void abandon(String why) {
        brokenReason = why;
        broken = true;
        for (Allocation a : live) a.markClosedForBulkFree();
        completer.settleAll(false, why);
        for (Queue q : queues) {
            q.markClosed();
            q.abandonNative();
        }
        LOG.log(System.Logger.Level.WARNING, "gpu4j: " + name + " closed without releasing its device memory, programs"
                + " and queue: " + why + "; they stay allocated (freeing them under running work could crash the JVM)");
        try {
            backend.abandon();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: error abandoning " + name, e);
        }
    }

    /** True when {@link #close} gave up on running work instead of releasing it (see {@link #close(java.time.Duration)}). */
    public boolean isBroken() { return broken; }

    /**
     * A name that tells accelerators apart: the device id and this accelerator's number among those opened on that
     * device in this JVM, e.g. {@code opencl:0#2}.
     */
    public String name() { return name; }

    /**
     * Number of arrays and programs this accelerator currently owns, counting the programs and scratch arrays of
     * built-in operations: for leak checks (compare the count before and after a piece of work).
     */
    public int liveObjects() { return live.size(); }

    private volatile org.gpu4j.internal.LaunchPlan plan;

    org.gpu4j.internal.LaunchPlan plan() {
        org.gpu4j.internal.LaunchPlan p = plan;
        if (p == null) plan = p = org.gpu4j.internal.LaunchPlan.of(device, device.backendInfo().javaKernels());
        return p;
    }

    static {
        org.gpu4j.internal.CoreAccess.install(new org.gpu4j.internal.CoreAccess() {
            @Override public org.gpu4j.internal.LaunchPlan plan(Accelerator acc) { return acc.plan(); }

            @Override public Program sharedProgram(Accelerator acc, String key,
                                                   java.util.function.Supplier<KernelSource> source, String options) {
                return acc.sharedProgram(key, source, options);
            }

            @Override public DeviceArray allocUninitialized(Accelerator acc, ElementType type, long length) {
                return acc.allocUninitialized(type, length);
            }

            @Override public void owned(Accelerator acc, DeviceArray a, String name) { acc.owned(a, name); }

            @Override public Object storage(DeviceArray a) { return a.alloc; }

            @Override public long offset(DeviceArray a) { return a.offset; }

            @Override public String describe(DeviceArray a) { return a.describe(); }
        });
    }

    @Override public String toString() {
        return "Accelerator[" + name + " " + device + (broken ? ", broken" : closed ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- package-private plumbing

    private IllegalStateException closedException() {
        return new IllegalStateException("accelerator " + name + " is closed"
                + (broken ? " and broken: " + brokenReason : ""));
    }

    void checkOpen() {
        if (closed) throw closedException();
    }

    /** Enters a call: fails if closed, and keeps {@link #close()} from running until {@link #exit()}. */
    void enter() {
        if (closed) throw closedException();
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw closedException();
        }
    }

    void exit() { lock.readLock().unlock(); }

    BackendAccelerator backend() { return backend; }

    /**
     * Frees the native object behind {@code a}; called by whoever ends its last use after it was closed (an explicit
     * close, the Cleaner, or the thread whose command was still using it). While the accelerator is being closed it
     * does nothing: the close frees what is left (or, when it gave up on running work, deliberately nothing).
     */
    void freeNative(Allocation a) {
        if (!lock.readLock().tryLock()) return; // close() holds the lock and frees everything it still owns
        try {
            if (closed) return;
            if (a.claimFree()) {
                live.remove(a);
                freeQuietly(a);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private void freeQuietly(Allocation a) {
        if (a.type != null) allocatedBytes.addAndGet(-Math.max(1, a.length) * a.type.bytes());
        try {
            if (a.handle instanceof NativeProgram p) p.release();
            else backend.free(a.handle);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: failed to free " + a.what + " on " + name, e);
        }
    }

    /** Starts a use of {@code a}'s memory (see {@link Allocation}); call only between {@link #enter} and {@link #exit}. */
    static void acquire(DeviceArray a, String name) {
        a.checkOpen();
        if (!a.alloc.acquire()) {
            throw new IllegalStateException((name == null ? "" : name + ": ") + a.describe() + " is closed");
        }
    }

    void write(DeviceArray dst, long dstOffset, Object src, int srcOffset, int count) {
        dst.checkOpen(); // names the array, even when it is its accelerator that was closed
        if (count == 0) return;
        Queue q = scoped();
        if (q != null) {
            q.write(dst, dstOffset, src, srcOffset, count);
            return;
        }
        enter();
        try {
            acquire(dst, "dst");
            try {
                if (src instanceof java.nio.Buffer b) backend.writeBuffer(dst.ref(dstOffset, count), b); // a view from index 0
                else backend.write(dst.ref(dstOffset, count), src, srcOffset);
            } finally {
                dst.alloc.releaseUse();
            }
        } finally {
            exit();
            java.lang.ref.Reference.reachabilityFence(dst);
        }
    }

    void read(DeviceArray src, long srcOffset, Object dst, int dstOffset, int count) {
        src.checkOpen();
        if (count == 0) return;
        Queue q = scoped();
        if (q != null) {
            q.readSync(src, srcOffset, dst, dstOffset, count);
            return;
        }
        enter();
        try {
            acquire(src, "src");
            try {
                if (dst instanceof java.nio.Buffer b) backend.readBuffer(src.ref(srcOffset, count), b);
                else backend.read(src.ref(srcOffset, count), dst, dstOffset);
            } finally {
                src.alloc.releaseUse();
            }
        } finally {
            exit();
            java.lang.ref.Reference.reachabilityFence(src);
        }
    }

    void copy(DeviceArray src, DeviceArray dst) {
        owned(src, "src");
        owned(dst, "dst");
        if (src.length == 0) { src.checkOpen(); dst.checkOpen(); return; }
        Queue q = scoped();
        if (q != null) {
            q.copy(src, dst);
            return;
        }
        enter();
        try {
            acquire(src, "src");
            try {
                acquire(dst, "dst");
                try {
                    BufferRef s = src.ref();
                    BufferRef d = dst.ref();
                    if (s.handle() == d.handle() && s.offset() != d.offset()
                            && s.offset() < d.offset() + d.length() && d.offset() < s.offset() + s.length()) {
                        throw new IllegalArgumentException("src and dst overlap: " + src.describe() + " and " + dst.describe());
                    }
                    if (s.handle() == d.handle() && s.offset() == d.offset()) return;
                    backend.copy(s, d);
                } finally {
                    dst.alloc.releaseUse();
                }
            } finally {
                src.alloc.releaseUse();
            }
        } finally {
            exit();
            java.lang.ref.Reference.reachabilityFence(src);
            java.lang.ref.Reference.reachabilityFence(dst);
        }
    }

    void fill(DeviceArray dst, Number value) {
        dst.checkOpen();
        if (dst.length == 0) return;
        Queue q = scoped();
        if (q != null) {
            q.fill(dst, value);
            return;
        }
        enter();
        try {
            acquire(dst, "dst");
            try {
                backend.fill(dst.ref(), value);
            } finally {
                dst.alloc.releaseUse();
            }
        } finally {
            exit();
            java.lang.ref.Reference.reachabilityFence(dst);
        }
    }

    /** Checks that {@code a} belongs to this accelerator and is open. */
    void owned(DeviceArray a, String name) {
        Objects.requireNonNull(a, name);
        if (a.acc != this) {
            throw new IllegalArgumentException(name + ": " + a.describe() + " belongs to accelerator "
                    + a.acc.name() + " (another accelerator), not to " + this.name);
        }
        a.checkOpen();
    }

    /** The (device, reason) pairs already logged at INFO: each choice is logged once per JVM, later opens at DEBUG. */
    private static final java.util.Set<String> LOGGED_CHOICES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Logs the device an open chose, as one line: {@code gpu4j: using opencl:0, OpenCL CPU 'pthread-skylake' · 2 CUs ·
     * 3.4 GiB (chosen by auto: the best device of every backend)}.
     */
    static void logChoice(Device d, String how) {
        String why = switch (how) {
            case "auto=auto" -> "chosen by auto: the best device of every backend; GPU4J_DEVICE or -Dgpu4j.device picks another";
            default -> how.startsWith("selector ") ? "asked for '" + how.substring("selector ".length()) + "'"
                    : how.startsWith("property ") ? "chosen by -D" + how.substring("property ".length())
                    : "chosen by " + how;
        };
        boolean first = LOGGED_CHOICES.add(d.id() + "\n" + why);
        LOG.log(first ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, "gpu4j: using " + d.id() + ", " + d + " (" + why + ")");
    }
}
