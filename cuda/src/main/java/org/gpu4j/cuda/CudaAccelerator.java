package org.gpu4j.cuda;

import static jcuda.driver.CUdevice_attribute.*;
import static jcuda.driver.JCudaDriver.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import org.gpu4j.Device;
import org.gpu4j.DeviceMemoryException;
import org.gpu4j.Dialect;
import org.gpu4j.ElementType;
import org.gpu4j.Gpu4jException;
import org.gpu4j.KernelCompileException;
import org.gpu4j.KernelParam;
import org.gpu4j.KernelSource;
import org.gpu4j.LaunchException;
import org.gpu4j.spi.BackendAccelerator;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.KernelSignatures;
import org.gpu4j.spi.NativeProgram;

/**
 * One opened CUDA device.
 *
 * <ul>
 * <li><b>Context.</b> The device's primary context (shared with any other CUDA user in the process), pushed on
 *     the calling thread at the start of every call and popped at its end ({@code cuCtxPushCurrent} /
 *     {@code cuCtxPopCurrent}; nothing is pushed when it is already current), so any thread — including the
 *     cleaner thread that frees forgotten arrays — may call in, and a context the caller's own CUDA code had
 *     current is current again afterwards. A sticky error marks the context lost for every accelerator of the
 *     device ({@link ContextHealth}).</li>
 * <li><b>Stream.</b> One non-blocking stream per accelerator ({@code CU_STREAM_NON_BLOCKING}: it does not
 *     serialise with the legacy default stream other libraries use); every command is enqueued on it, in call
 *     order.</li>
 * <li><b>Events.</b> Each launch records a start and an end event, taken from a pool of reused handles; the
 *     bookkeeping is O(1) per launch ({@link PendingEvents}).</li>
 * <li><b>Copies</b> go through two 4 MiB halves of pinned host memory ({@code cuMemAllocHost}), double-buffered:
 *     a write packs a chunk of the Java array into one half while the other half's chunk is copied to the device,
 *     and returns once the last chunk is enqueued (the Java array may be reused at once); a read enqueues the device
 *     copies chunk by chunk and unpacks each as it lands, so it waits for everything enqueued before it. A lock
 *     serialises transfers (they share the staging memory); kernels and fills are enqueued without it.</li>
 * <li><b>Fill</b> uses {@code cuMemsetD32Async} for 4-byte types; for 8-byte values it is one D32 memset when both
 *     halves are equal, else two strided {@code cuMemsetD2D32Async} (pitch 8 bytes, low then high word).</li>
 * <li><b>Programs</b> of gpu4j's own kernels load their SASS fatbin (no JIT) where the driver reads it, else their
 *     PTX (ISA 8.0, JIT by any R525+ driver; {@link CudaFloor}); with build options, without PTX, or when the PTX
 *     does not load, the {@code .cu} is compiled for this device's compute capability by {@link CudaCompiler}.
 *     A build that failed is remembered: the same source and options fail at once with the first failure as the
 *     cause, without trying the compilers again.</li>
 * </ul>
 */
final class CudaAccelerator implements BackendAccelerator {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.cuda");
    static final int STAGING_HALF = 4 << 20;
    /** Outstanding kernel events beyond which the oldest are resolved, to bound the number of live CUevent handles. */
    private static final int MAX_PENDING_EVENTS = 4096;
    /** Released event handles kept for reuse. */
    private static final int EVENT_POOL = 256;

    private final Device device;
    private final CUdevice dev = new CUdevice();
    private final CUcontext ctx = new CUcontext();
    private final CUstream stream = new CUstream();
    private final CUevent epoch = new CUevent();
    final int ccMajor;
    final int ccMinor;
    final int maxThreadsPerBlock;
    final long maxSharedOptin;
    final int[] maxBlock;
    final int[] maxGrid;

    private final ReentrantLock transfer = new ReentrantLock();
    private final Pointer[] staging = {new Pointer(), new Pointer()};
    private final ByteBuffer[] stagingBuf = new ByteBuffer[2];
    private final CUevent[] stagingDone = {new CUevent(), new CUevent()};
    private final boolean[] stagingBusy = new boolean[2];
    private final PendingEvents<CudaEvent> pending = new PendingEvents<>(MAX_PENDING_EVENTS);
    private final java.util.ArrayDeque<CUevent> eventPool = new java.util.ArrayDeque<>();
    private final Map<String, KernelCompileException> failedBuilds = new ConcurrentHashMap<>();
    final int driverVersion;
    private ContextHealth health;
    private String label;
    private final boolean[] stagingEventCreated = new boolean[2];
    private boolean epochCreated;
    private boolean contextRetained;
    private boolean streamCreated;

    CudaAccelerator(Device device) {
        this.device = device;
        try {
            CudaDriver.check(cuDeviceGet(dev, device.index()), "cuDeviceGet(" + device.index() + ")");
            ccMajor = CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
            ccMinor = CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
            maxThreadsPerBlock = CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
            maxSharedOptin = Math.max(CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN),
                    CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK));
            maxBlock = new int[] {CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X),
                    CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Y), CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Z)};
            maxGrid = new int[] {CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X),
                    CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y), CudaProvider.attr(dev, CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Z)};
            int[] dv = {0};
            driverVersion = cuDriverGetVersion(dv) == CUresult.CUDA_SUCCESS ? dv[0] : 0;
            CudaDriver.check(cuDevicePrimaryCtxRetain(ctx, dev), "cuDevicePrimaryCtxRetain(" + device.id() + ")");
            contextRetained = true;
            String[] l = {null};
            health = ContextHealth.register(device.index(), device.id(), l);
            label = l[0];
        } catch (RuntimeException e) {
            releaseAll();
            throw e;
        }
        try (Scope scope = enter()) {
            CudaDriver.check(cuStreamCreate(stream, jcuda.driver.CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
            streamCreated = true;
            CudaDriver.check(cuEventCreate(epoch, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
            epochCreated = true;
            CudaDriver.check(cuEventRecord(epoch, stream), "cuEventRecord");
            for (int s = 0; s < 2; s++) {
                int rc = cuMemAllocHost(staging[s], STAGING_HALF);
                if (rc != CUresult.CUDA_SUCCESS) {
                    staging[s] = null;
                    throw new DeviceMemoryException("cuMemAllocHost(" + STAGING_HALF + " bytes of pinned staging memory) failed: "
                            + CudaDriver.name(rc));
                }
                stagingBuf[s] = staging[s].getByteBuffer(0, STAGING_HALF).order(ByteOrder.nativeOrder());
                CudaDriver.check(cuEventCreate(stagingDone[s], CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
                stagingEventCreated[s] = true;
            }
        } catch (RuntimeException e) {
            releaseAll();
            throw e;
        }
    }

    @Override public Device device() { return device; }

    /**
     * Makes this device's context current on the calling thread until the scope closes, then restores the thread's
     * previous context: pushes it ({@code cuCtxPushCurrent}) unless it is current already. Fails at once, before any
     * other native call, when the context was lost to a sticky error.
     */
    Scope enter() {
        health.check();
        ContextHealth.enter(health);
        CUcontext current = new CUcontext();
        if (cuCtxGetCurrent(current) == CUresult.CUDA_SUCCESS && current.equals(ctx)) return Scope.NONE;
        CudaDriver.check(cuCtxPushCurrent(ctx), "cuCtxPushCurrent(" + device.id() + ")");
        return Scope.POP;
    }

    /** What {@link #enter()} undoes: nothing, or a pop of the context it pushed. Never throws. */
    enum Scope implements AutoCloseable {
        NONE, POP;
        @Override public void close() {
            if (this == POP) cuCtxPopCurrent(new CUcontext());
        }
    }

    ContextHealth health() { return health; }

    CUstream stream() { return stream; }
    CUevent epoch() { return epoch; }

    // ------------------------------------------------------------------ memory

    @Override public Object allocate(ElementType type, long length) {
        long bytes = Math.multiplyExact(length, (long) type.bytes());
        try (Scope scope = enter()) {
            CUdeviceptr p = new CUdeviceptr();
            int rc = cuMemAlloc(p, bytes);
            if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
                long[] free = {0}, total = {0};
                cuMemGetInfo(free, total);
                throw new DeviceMemoryException("cuMemAlloc of " + length + " " + type + " elements (" + Device.formatBytes(bytes)
                        + ") on " + device.id() + " failed: CUDA_ERROR_OUT_OF_MEMORY (" + Device.formatBytes(free[0]) + " free of "
                        + Device.formatBytes(total[0]) + ")");
            }
            CudaDriver.check(rc, "cuMemAlloc(" + bytes + " bytes) on " + device.id());
            return new CudaBuffer(p, type, bytes);
        }
    }

    /**
     * Waits (at most {@link Accelerator#defaultCloseTimeout()}) for the stream before {@code cuMemFree}: a kernel
     * enqueued earlier may still use the memory, and unlike OpenCL the driver API does not promise to keep it alive.
     * If the stream does not drain in time the memory is left allocated, with a warning, rather than freed under a
     * running kernel.
     */
    @Override public void free(Object handle) {
        if (health.isLost()) return; // the memory went with the context; every call would fail
        try (Scope scope = enter()) {
            boolean drained = drainStreams();
            if (!drained) {
                LOG.log(System.Logger.Level.WARNING, "gpu4j: not freeing " + handle + " on " + device.id()
                        + ": the stream is still running work that may use it");
                return;
            }
            int rc = cuMemFree(((CudaBuffer) handle).ptr);
            if (rc != CUresult.CUDA_SUCCESS) {
                LOG.log(System.Logger.Level.WARNING, "gpu4j: cuMemFree on " + device.id() + " failed: " + CudaDriver.name(rc));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: freeing " + handle + " on " + device.id() + " failed", e);
        }
    }

    /**
     * Waits, at most {@link org.gpu4j.Accelerator#defaultCloseTimeout()}, until this accelerator's streams (the default one and
     * every queue's) have run what was enqueued: before memory is freed or a module unloaded under work that may use
     * it. True when they drained (or failed, so run nothing more); false when the time ran out or the thread was
     * interrupted.
     */
    boolean drainStreams() {
        try {
            long bound = org.gpu4j.Accelerator.defaultCloseTimeout().toNanos();
            long deadline = System.nanoTime() + bound;
            boolean drained = finish(bound);
            for (CudaQueue q : queues) {
                if (!drained) break;
                drained = q.finish(Math.max(0, deadline - System.nanoTime()));
            }
            return drained;
        } catch (org.gpu4j.WaitInterruptedException e) {
            return false;
        } catch (RuntimeException e) {
            return true; // a failed stream runs nothing more
        }
    }

    @Override public void write(BufferRef dst, Object src, int srcOffset) {
        CudaBuffer b = (CudaBuffer) dst.handle();
        int es = dst.type().bytes();
        int chunk = STAGING_HALF / es;
        long total = dst.length();
        transfer.lock();
        try (Scope scope = enter()) {
            long done = 0;
            for (int k = 0; done < total; k++) {
                int s = k & 1;
                int n = (int) Math.min(chunk, total - done);
                awaitStaging(s);
                pack(stagingBuf[s], src, srcOffset + (int) done, n);
                CudaDriver.checkLaunch(cuMemcpyHtoDAsync(b.at(dst.byteOffset() + done * es), staging[s], (long) n * es, stream),
                        "cuMemcpyHtoDAsync on " + device.id());
                CudaDriver.check(cuEventRecord(stagingDone[s], stream), "cuEventRecord");
                stagingBusy[s] = true;
                done += n;
            }
        } finally {
            transfer.unlock();
        }
    }

    @Override public void read(BufferRef src, Object dst, int dstOffset) {
        CudaBuffer b = (CudaBuffer) src.handle();
        int es = src.type().bytes();
        int chunk = STAGING_HALF / es;
        long total = src.length();
        int chunks = (int) ((total + chunk - 1) / chunk);
        // The staged copies below wait in cuEventSynchronize (no bound, deaf to interrupts): first wait for the
        // commands before the read here, interruptibly, so those waits are short.
        finish(Long.MAX_VALUE);
        transfer.lock();
        try (Scope scope = enter()) {
            for (int c = 0; c < Math.min(2, chunks); c++) enqueueRead(b, src, c, chunk, total);
            for (int c = 0; c < chunks; c++) {
                int s = c & 1;
                awaitStaging(s);
                long first = (long) c * chunk;
                int n = (int) Math.min(chunk, total - first);
                unpack(stagingBuf[s], dst, dstOffset + (int) first, n);
                if (c + 2 < chunks) enqueueRead(b, src, c + 2, chunk, total);
            }
        } finally {
            transfer.unlock();
        }
        pending.resolveCompleted(); // collect the timings of kernels that ran before this read
    }

    private void enqueueRead(CudaBuffer b, BufferRef src, int c, int chunk, long total) {
        int s = c & 1;
        int es = src.type().bytes();
        long first = (long) c * chunk;
        int n = (int) Math.min(chunk, total - first);
        awaitStaging(s);
        CudaDriver.checkLaunch(cuMemcpyDtoHAsync(staging[s], b.at(src.byteOffset() + first * es), (long) n * es, stream),
                "cuMemcpyDtoHAsync on " + device.id());
        CudaDriver.check(cuEventRecord(stagingDone[s], stream), "cuEventRecord");
        stagingBusy[s] = true;
    }

    /** Waits until the device is done with staging half {@code s}; a fault of earlier work surfaces here. */
    private void awaitStaging(int s) {
        if (!stagingBusy[s]) return;
        stagingBusy[s] = false;
        CudaDriver.checkLaunch(cuEventSynchronize(stagingDone[s]), "waiting for a copy on " + device.id());
    }

    /** A host buffer goes through the same pinned staging as a Java array: one copy in, then the DMA. */
    @Override public void writeBuffer(BufferRef dst, java.nio.Buffer src) {
        write(dst, src, 0);
    }

    @Override public void readBuffer(BufferRef src, java.nio.Buffer dst) {
        read(src, dst, 0);
    }

    private static void pack(ByteBuffer bb, Object src, int off, int n) {
        if (src instanceof java.nio.Buffer b) {
            org.gpu4j.spi.HostBuffers.transfer(b, off, org.gpu4j.spi.HostBuffers.view(bb, elementType(b)), 0, n);
            return;
        }
        if (src instanceof float[] a) bb.asFloatBuffer().put(0, a, off, n);
        else if (src instanceof double[] a) bb.asDoubleBuffer().put(0, a, off, n);
        else if (src instanceof int[] a) bb.asIntBuffer().put(0, a, off, n);
        else if (src instanceof long[] a) bb.asLongBuffer().put(0, a, off, n);
        else throw new IllegalArgumentException("unsupported host array " + src.getClass().getName());
    }

    private static org.gpu4j.ElementType elementType(java.nio.Buffer b) {
        if (b instanceof java.nio.FloatBuffer) return org.gpu4j.ElementType.FLOAT;
        if (b instanceof java.nio.DoubleBuffer) return org.gpu4j.ElementType.DOUBLE;
        if (b instanceof java.nio.IntBuffer) return org.gpu4j.ElementType.INT;
        if (b instanceof java.nio.LongBuffer) return org.gpu4j.ElementType.LONG;
        throw new IllegalArgumentException("unsupported host buffer " + b.getClass().getName());
    }

    private static void unpack(ByteBuffer bb, Object dst, int off, int n) {
        if (dst instanceof java.nio.Buffer b) {
            org.gpu4j.spi.HostBuffers.transfer(org.gpu4j.spi.HostBuffers.view(bb, elementType(b)), 0, b, off, n);
            return;
        }
        if (dst instanceof float[] a) bb.asFloatBuffer().get(0, a, off, n);
        else if (dst instanceof double[] a) bb.asDoubleBuffer().get(0, a, off, n);
        else if (dst instanceof int[] a) bb.asIntBuffer().get(0, a, off, n);
        else if (dst instanceof long[] a) bb.asLongBuffer().get(0, a, off, n);
        else throw new IllegalArgumentException("unsupported host array " + dst.getClass().getName());
    }

    @Override public void copy(BufferRef src, BufferRef dst) {
        try (Scope scope = enter()) {
            CudaDriver.checkLaunch(cuMemcpyDtoDAsync(((CudaBuffer) dst.handle()).at(dst.byteOffset()),
                    ((CudaBuffer) src.handle()).at(src.byteOffset()), src.byteLength(), stream), "cuMemcpyDtoDAsync on " + device.id());
        }
    }

    @Override public void fill(BufferRef dst, Number value) {
        try (Scope scope = enter()) {
            CUdeviceptr p = ((CudaBuffer) dst.handle()).at(dst.byteOffset());
            long n = dst.length();
            switch (dst.type()) {
                case FLOAT -> memset32(p, Float.floatToRawIntBits(value.floatValue()), n);
                case INT -> memset32(p, value.intValue(), n);
                case DOUBLE -> memset64(p, Double.doubleToRawLongBits(value.doubleValue()), n);
                case LONG -> memset64(p, value.longValue(), n);
            }
        }
    }

    private void memset32(CUdeviceptr p, int bits, long count) { memset32(p, bits, count, stream); }

    void memset32(CUdeviceptr p, int bits, long count, CUstream on) {
        CudaDriver.checkLaunch(cuMemsetD32Async(p, bits, count, on), "cuMemsetD32Async on " + device.id());
    }

    /** Little-endian 64-bit fill: the low word at byte 0 of each element, the high word at byte 4. */
    private void memset64(CUdeviceptr p, long bits, long count) { memset64(p, bits, count, stream); }

    void memset64(CUdeviceptr p, long bits, long count, CUstream on) {
        int lo = (int) bits;
        int hi = (int) (bits >>> 32);
        if (lo == hi) {
            memset32(p, lo, count * 2, on);
            return;
        }
        CudaDriver.checkLaunch(cuMemsetD2D32Async(p, 8, lo, 1, count, on), "cuMemsetD2D32Async on " + device.id());
        CudaDriver.checkLaunch(cuMemsetD2D32Async(p.withByteOffset(4), 8, hi, 1, count, on), "cuMemsetD2D32Async on " + device.id());
    }

    // ------------------------------------------------------------------ programs

    /**
     * Builds once per source and options: a failure is remembered, and a later build of the same texts with the
     * same options throws at once (the first failure as the cause) instead of trying the loader and the compilers
     * again on every op.
     */
    @Override public NativeProgram build(KernelSource source, String options) {
        String cu = source.text(Dialect.CUDA);
        String ptx = source.text(Dialect.PTX);
        if (cu == null && ptx == null) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no CUDA code (.cu or .ptx) for " + device.id()
                    + "; it has " + source.texts().keySet());
        }
        String opts = options == null ? "" : options.trim();
        String key = KernelSource.sha256((cu == null ? "" : cu) + "\u0000" + (ptx == null ? "" : ptx)) + "\u0000" + opts;
        KernelCompileException earlier = failedBuilds.get(key);
        if (earlier != null) {
            KernelCompileException again = new KernelCompileException(earlier.getMessage().lines().findFirst().orElse("")
                    + " (failed earlier on this accelerator; not tried again)", source.name(), opts, device.id(),
                    earlier.buildLog(), earlier.line(), earlier.column());
            again.initCause(earlier);
            throw again;
        }
        try {
            return buildOnce(source, cu, ptx, opts);
        } catch (KernelCompileException e) {
            failedBuilds.put(key, e);
            throw e;
        }
    }

    private NativeProgram buildOnce(KernelSource source, String cu, String ptx, String opts) {
        Map<String, List<KernelParam>> sigs = cu == null ? Map.of() : KernelSignatures.parse(cu);
        List<String> tried = new ArrayList<>();
        byte[] fatbin = opts.isEmpty() ? shippedFatbin(source.name(), cu) : null;
        if (fatbin != null) {
            try (Scope scope = enter()) {
                CUmodule m = new CUmodule();
                int rc = cuModuleLoadData(m, fatbin);
                if (rc == CUresult.CUDA_SUCCESS) {
                    LOG.log(System.Logger.Level.DEBUG, "gpu4j: loaded the SASS of '" + source.name() + "' on " + device.id());
                    return new CudaProgram(this, source.name(), m, ptx == null ? "" : ptx, sigs);
                }
                if (ContextHealth.sticky(rc)) CudaDriver.check(rc, "cuModuleLoadData(" + source.name() + ".fatbin)");
                tried.add("shipped SASS (sm_" + CudaFloor.get().sassArchs.replace(" ", ", sm_") + "): " + CudaDriver.name(rc)
                        + (driverVersion < CudaFloor.get().sassDriverCuda ? " (built by nvcc 13: needs a CUDA "
                        + CudaFloor.format(CudaFloor.get().sassDriverCuda) + " driver, " + CudaFloor.get().sassDriverBranch + "+)" : ""));
            }
        }
        if (ptx != null && (opts.isEmpty() || cu == null)) {
            if (!opts.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "gpu4j: options '" + opts + "' ignored for '" + source.name()
                        + "': it has PTX only, which is already compiled");
            }
            String why = null;
            try {
                CUmodule m = loadModule(ptx);
                if (m != null) return new CudaProgram(this, source.name(), m, ptx, sigs);
            } catch (PtxLoadException e) {
                why = e.getMessage();
            }
            tried.add("shipped PTX: " + why);
            if (cu == null) {
                throw new KernelCompileException("PTX did not load", source.name(), opts, device.id(), why, 0, 0);
            }
        } else if (ptx != null) {
            tried.add("shipped PTX: not used, because build options were given");
        } else {
            tried.add("shipped PTX: none");
        }
        CudaCompiler.Result r = CudaCompiler.compile(source.name(), cu, opts, ccMajor, ccMinor, device.id(), tried);
        try {
            CUmodule m = loadModule(r.ptx());
            LOG.log(System.Logger.Level.DEBUG, "gpu4j: built '" + source.name() + "' for " + device.id() + " with " + r.compiler());
            return new CudaProgram(this, source.name(), m, r.ptx(), sigs);
        } catch (PtxLoadException e) {
            throw new KernelCompileException("PTX compiled by " + r.compiler() + " did not load", source.name(), opts,
                    device.id(), e.getMessage(), 0, 0);
        }
    }

    /** A shipped fatbin and the .cu text it was compiled from. */
    private record Shipped(String cu, byte[] fatbin) {}
    private static final Shipped NONE = new Shipped(null, null);
    private static final Map<String, Shipped> FATBINS = new ConcurrentHashMap<>();

    /**
     * gpu4j's SASS fatbin for a source, when the source is one of gpu4j's own kernels: the kernels jar's
     * {@code org/gpu4j/kernels/<name>.fatbin}, used only when the source's CUDA text equals the {@code .cu} it was
     * built from (beside it in the same jar), so a user's source of the same name never picks it up.
     */
    static byte[] shippedFatbin(String name, String cu) {
        if (cu == null || !name.matches("[A-Za-z0-9_]+")) return null;
        Shipped s = FATBINS.computeIfAbsent(name, n -> {
            ClassLoader cl = CudaAccelerator.class.getClassLoader();
            try (java.io.InputStream src = cl.getResourceAsStream("org/gpu4j/kernels/" + n + ".cu");
                 java.io.InputStream bin = cl.getResourceAsStream("org/gpu4j/kernels/" + n + ".fatbin")) {
                if (src == null || bin == null) return NONE;
                return new Shipped(new String(src.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), bin.readAllBytes());
            } catch (java.io.IOException e) {
                return NONE;
            }
        });
        return cu.equals(s.cu()) ? s.fatbin() : null;
    }

    /** A PTX text the driver refused, with the status name and JIT log. */
    static final class PtxLoadException extends Exception {
        private static final long serialVersionUID = 1L;
        PtxLoadException(String m) { super(m); }
    }

    private CUmodule loadModule(String ptx) throws PtxLoadException {
        try (Scope scope = enter()) {
            byte[] text = ptx.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] z = java.util.Arrays.copyOf(text, text.length + 1); // NUL-terminated for the driver
            CUmodule m = new CUmodule();
            int rc = cuModuleLoadData(m, z);
            if (rc == CUresult.CUDA_SUCCESS) return m;
            // Load again only to get the JIT compiler's error log.
            String log = "";
            try {
                jcuda.driver.JITOptions jit = new jcuda.driver.JITOptions();
                jit.putInt(jcuda.driver.CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, 16384);
                jit.putBytes(jcuda.driver.CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[16384]);
                CUmodule m2 = new CUmodule();
                if (cuModuleLoadDataJIT(m2, Pointer.to(z), jit) == CUresult.CUDA_SUCCESS) {
                    return m2;
                }
                String s = jit.getString(jcuda.driver.CUjit_option.CU_JIT_ERROR_LOG_BUFFER);
                if (s != null) log = s.trim();
            } catch (RuntimeException e) {
                log = "(no JIT log: " + e + ")";
            }
            String hint = rc == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION
                    ? " (the PTX is newer than this driver (CUDA " + CudaFloor.format(driverVersion) + ") supports; gpu4j's"
                    + " own PTX is ISA " + CudaFloor.get().ptxIsa + ", which needs a CUDA " + CudaFloor.format(CudaFloor.get().driverCuda)
                    + " driver (" + CudaFloor.get().driverBranch + "+): update the NVIDIA driver, or let gpu4j compile the .cu)" : "";
            throw new PtxLoadException("cuModuleLoadData failed: " + CudaDriver.name(rc) + hint + (log.isEmpty() ? "" : "\n" + log));
        }
    }

    // ------------------------------------------------------------------ events and sync

    /** Takes a launch's event pair from the pool (or creates it) and records the start event. */
    CudaEvent startEvent() { return startEvent(stream); }

    /** {@link #startEvent()} on stream {@code on} (a queue's). */
    CudaEvent startEvent(CUstream on) {
        CUevent start = takeEvent();
        CUevent end;
        try {
            end = takeEvent();
        } catch (RuntimeException e) {
            recycle(start, null);
            throw e;
        }
        CudaEvent ev = new CudaEvent(this, start, end);
        int rc = cuEventRecord(start, on);
        if (rc != CUresult.CUDA_SUCCESS) {
            ev.release();
            CudaDriver.checkLaunch(rc, "cuEventRecord");
        }
        return ev;
    }

    private CUevent takeEvent() {
        synchronized (eventPool) {
            CUevent e = eventPool.poll();
            if (e != null) return e;
        }
        CUevent e = new CUevent();
        CudaDriver.check(cuEventCreate(e, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        return e;
    }

    /** Returns resolved events to the pool (re-recording an event is allowed once it has completed). */
    void recycle(CUevent a, CUevent b) {
        for (CUevent e : new CUevent[] {a, b}) {
            if (e == null) continue;
            synchronized (eventPool) {
                if (eventPool.size() < EVENT_POOL && !health.isLost()) { eventPool.push(e); continue; }
            }
            cuEventDestroy(e);
        }
    }

    /** Records the end event after the launch and tracks the pair until it is resolved. */
    void endEvent(CudaEvent ev) { endEvent(ev, stream); }

    /** {@link #endEvent(CudaEvent)} on stream {@code on}. */
    void endEvent(CudaEvent ev, CUstream on) {
        try {
            ev.recordEnd(on);
        } catch (RuntimeException e) {
            ev.release();
            throw e;
        }
        pending.add(ev);
    }

    /** Entries in the pending-event queue (tests). */
    int pendingEvents() { return pending.size(); }

    /**
     * Polls {@code cuStreamQuery} ({@link org.gpu4j.spi.Waits}) instead of blocking in {@code cuStreamSynchronize},
     * which has no bound and ignores Java interrupts.
     */
    @Override public boolean finish(long timeoutNanos) {
        try (Scope scope = enter()) {
            boolean done = org.gpu4j.spi.Waits.until(() -> {
                int rc = cuStreamQuery(stream);
                if (rc == CUresult.CUDA_SUCCESS) return true;
                if (rc != CUresult.CUDA_ERROR_NOT_READY) {
                    CudaDriver.checkLaunch(rc, "cuStreamQuery on " + device.id() + " (a kernel or copy enqueued earlier failed)");
                }
                return false;
            }, timeoutNanos, "the stream of " + device.id());
            if (done) pending.resolveCompleted();
            return done;
        }
    }

    // ------------------------------------------------------------------ queues

    /** Streams made by {@link #newQueue()} and not released: {@link #free} drains them too. */
    final java.util.Set<CudaQueue> queues = ConcurrentHashMap.newKeySet();
    private volatile CudaQueue defaultQueue;

    CUcontext context() { return ctx; }

    CUdevice cuDevice() { return dev; }

    /** The accelerator's own stream as a queue (destroyed with the accelerator, not by the queue). */
    @Override public org.gpu4j.spi.NativeQueue defaultQueue() {
        CudaQueue q = defaultQueue;
        if (q == null) defaultQueue = q = new CudaQueue(this, stream, false);
        return q;
    }

    /** One more {@code CU_STREAM_NON_BLOCKING} stream in this accelerator's context. */
    @Override public org.gpu4j.spi.NativeQueue newQueue() {
        try (Scope scope = enter()) {
            CUstream s = new CUstream();
            CudaDriver.check(cuStreamCreate(s, jcuda.driver.CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
            CudaQueue q = new CudaQueue(this, s, true);
            queues.add(q);
            return q;
        }
    }

    /** Core calls this only after {@link #finish(long)} drained the stream. */
    @Override public void close() {
        try (Scope scope = enter()) {
            pending.resolveAll();
        } catch (RuntimeException e) {
            LOG.log(health.isLost() ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, "gpu4j: closing " + device.id(), e);
        }
        releaseAll();
    }

    private void releaseAll() {
        boolean pushed = false;
        try {
            if (contextRetained) pushed = cuCtxPushCurrent(ctx) == CUresult.CUDA_SUCCESS;
            synchronized (eventPool) {
                for (CUevent e : eventPool) cuEventDestroy(e);
                eventPool.clear();
            }
            for (int s = 0; s < 2; s++) {
                if (staging[s] != null && stagingBuf[s] != null) cuMemFreeHost(staging[s]);
                stagingBuf[s] = null;
                if (stagingEventCreated[s]) cuEventDestroy(stagingDone[s]);
                stagingEventCreated[s] = false;
            }
            if (epochCreated) cuEventDestroy(epoch);
            epochCreated = false;
            if (streamCreated) cuStreamDestroy(stream);
            streamCreated = false;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: releasing " + device.id(), e);
        } finally {
            if (pushed) cuCtxPopCurrent(new CUcontext());
            if (contextRetained) {
                contextRetained = false;
                if (health != null) health.unregister(label);
                cuDevicePrimaryCtxRelease(dev);
            }
        }
    }

    @Override public String toString() { return "CudaAccelerator[" + device.id() + " sm_" + ccMajor + ccMinor + "]"; }
}
