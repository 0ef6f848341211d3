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
 * <p><b>Threads.</b> An accelerator may be used by several threads at once. Closing it while other threads use it
 * waits for the calls in progress; later calls throw {@link IllegalStateException}.
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
    private volatile boolean closed;
    private final Set<Allocation> live = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong allocatedBytes = new java.util.concurrent.atomic.AtomicLong();
    private volatile long memoryLimit;
    private final Map<String, Program> shared = new ConcurrentHashMap<>();
    private final Vectors vectors = new Vectors(this);
    private final Matrices matrices = new Matrices(this);

    Accelerator(BackendAccelerator backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.device = backend.device();
        this.memoryLimit = device.globalMemory();
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
            throw new DeviceMemoryException("cannot allocate " + length + " " + type + " elements ("
                    + Device.formatBytes(bytes) + "): more than the largest allocation of " + device.id() + " ("
                    + Device.formatBytes(device.maxAllocation()) + ")");
        }
        enter();
        long charged = Math.max(1, length) * type.bytes();
        try {
            charge(charged, length, type);
            // Zero-length arrays still own one native element, so backends never see an empty buffer.
            Object handle;
            try {
                handle = backend.allocate(type, Math.max(1, length));
            } catch (RuntimeException | Error e) {
                allocatedBytes.addAndGet(-charged);
                throw e;
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
                    array.clear();
                } catch (RuntimeException | Error e) {
                    release(a);
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
     * Accounts {@code bytes} against the device's global memory. Some devices (PoCL on a CPU) allocate lazily and
     * never refuse, so running past what the device reports would end in the operating system's out-of-memory
     * killer instead of an exception; this keeps the failure a {@link DeviceMemoryException}.
     */
    private void charge(long bytes, long length, ElementType type) {
        long limit = memoryLimit;
        long now = allocatedBytes.addAndGet(bytes);
        if (limit > 0 && now > limit) {
            allocatedBytes.addAndGet(-bytes);
            throw new DeviceMemoryException("cannot allocate " + length + " " + type + " elements ("
                    + Device.formatBytes(bytes) + "): this accelerator already holds "
                    + Device.formatBytes(now - bytes) + " of its " + Device.formatBytes(limit) + " memory limit ("
                    + device.id() + " reports " + Device.formatBytes(device.globalMemory()) + " of global memory)");
        }
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

    // ---------------------------------------------------------------- operations

    /** Vector operations (axpy, dot, sums, norms, scans...) on this accelerator's arrays. */
    public Vectors vectors() { return vectors; }

    /** Matrix operations (gemm, transpose, gemv...) on this accelerator's arrays. */
    public Matrices matrices() { return matrices; }

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
    public Program sharedProgram(String key, java.util.function.Supplier<KernelSource> source, String options) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        String k = key + "\u0000" + (options == null ? "" : options);
        Program p = shared.get(k);
        if (p != null) return p;
        synchronized (shared) {
            p = shared.get(k);
            if (p != null) return p;
            KernelSource src = Objects.requireNonNull(source.get(), "source");
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

    /** Waits until every command enqueued so far has completed; device faults surface here. */
    public void finish() {
        enter();
        try {
            backend.finish();
        } finally {
            exit();
        }
    }

    /**
     * Frees every array and program this accelerator still owns and releases the device's queue or stream.
     * Waits for calls in progress on other threads. Idempotent; never throws.
     */
    @Override public void close() {
        lock.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            try {
                backend.finish();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "gpu4j: pending work failed while closing " + device.id(), e);
            }
            for (Allocation a : live) {
                if (a.markReleased()) freeQuietly(a);
            }
            live.clear();
            shared.clear();
            try {
                backend.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "gpu4j: error closing " + device.id(), e);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Number of arrays and programs this accelerator currently owns (for leak checks and tests). */
    public int liveObjects() { return live.size(); }

    @Override public String toString() {
        return "Accelerator[" + device.id() + " " + device + (closed ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- package-private plumbing

    void checkOpen() {
        if (closed) throw new IllegalStateException("accelerator " + device.id() + " is closed");
    }

    /** Enters a call: fails if closed, and keeps {@link #close()} from running until {@link #exit()}. */
    void enter() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw new IllegalStateException("accelerator " + device.id() + " is closed");
        }
    }

    void exit() { lock.readLock().unlock(); }

    BackendAccelerator backend() { return backend; }

    void release(Allocation a) {
        if (a.released.get()) return;
        lock.readLock().lock();
        try {
            if (closed) return; // close() freed it already
            a.close();
            live.remove(a);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Frees the native object behind {@code a}; called once per allocation. */
    void freeNative(Allocation a) {
        lock.readLock().lock();
        try {
            if (closed) return; // close() frees everything it still owns
            live.remove(a);
            freeQuietly(a);
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
            LOG.log(System.Logger.Level.WARNING, "gpu4j: failed to free " + a.what + " on " + device.id(), e);
        }
    }

    void write(DeviceArray dst, long dstOffset, Object src, int srcOffset, int count) {
        dst.checkOpen(); // names the array, even when it is its accelerator that was closed
        if (count == 0) return;
        enter();
        try {
            backend.write(dst.ref(dstOffset, count), src, srcOffset);
        } finally {
            exit();
        }
    }

    void read(DeviceArray src, long srcOffset, Object dst, int dstOffset, int count) {
        src.checkOpen();
        if (count == 0) return;
        enter();
        try {
            backend.read(src.ref(srcOffset, count), dst, dstOffset);
        } finally {
            exit();
        }
    }

    void copy(DeviceArray src, DeviceArray dst) {
        owned(src, "src");
        owned(dst, "dst");
        if (src.length == 0) { src.checkOpen(); dst.checkOpen(); return; }
        enter();
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
            exit();
        }
    }

    void fill(DeviceArray dst, Number value) {
        dst.checkOpen();
        if (dst.length == 0) return;
        enter();
        try {
            backend.fill(dst.ref(), value);
        } finally {
            exit();
        }
    }

    /** Checks that {@code a} belongs to this accelerator and is open. */
    void owned(DeviceArray a, String name) {
        Objects.requireNonNull(a, name);
        if (a.acc != this) {
            throw new IllegalArgumentException(name + ": " + a.describe() + " belongs to accelerator "
                    + a.acc.device().id() + (a.acc == this ? "" : " (another accelerator)") + ", not to " + device.id());
        }
        a.checkOpen();
    }

    static void logChoice(Device d, String how) {
        LOG.log(System.Logger.Level.INFO, "gpu4j: using " + d.id() + " " + d + " (" + how + ")");
    }
}
