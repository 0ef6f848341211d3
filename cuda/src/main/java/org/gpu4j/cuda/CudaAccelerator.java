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
 * <li><b>Context.</b> The device's primary context (shared with any other CUDA user in the process), made current
 *     on the calling thread at the start of every call ({@code cuCtxSetCurrent} is a thread-local store), so any
 *     thread — including the cleaner thread that frees forgotten arrays — may call in.</li>
 * <li><b>Stream.</b> One stream per accelerator; every command is enqueued on it, in call order.</li>
 * <li><b>Copies</b> go through two 4 MiB halves of pinned host memory ({@code cuMemAllocHost}), double-buffered:
 *     a write packs a chunk of the Java array into one half while the other half's chunk is copied to the device,
 *     and returns once the last chunk is enqueued (the Java array may be reused at once); a read enqueues the device
 *     copies chunk by chunk and unpacks each as it lands, so it waits for everything enqueued before it. A lock
 *     serialises transfers (they share the staging memory); kernels and fills are enqueued without it.</li>
 * <li><b>Fill</b> uses {@code cuMemsetD32Async} for 4-byte types; for 8-byte values it is one D32 memset when both
 *     halves are equal, else two strided {@code cuMemsetD2D32Async} (pitch 8 bytes, low then high word).</li>
 * <li><b>Programs</b> load the source's PTX ({@code cuModuleLoadData}); with build options, without PTX, or when the
 *     PTX does not load, the {@code .cu} is compiled for this device's compute capability by {@link CudaCompiler}.</li>
 * </ul>
 */
final class CudaAccelerator implements BackendAccelerator {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.cuda");
    static final int STAGING_HALF = 4 << 20;
    /** Outstanding kernel events beyond which the oldest are resolved, to bound the number of live CUevent handles. */
    private static final int MAX_PENDING_EVENTS = 4096;

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
    private final Map<CudaEvent, Boolean> pending = new ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<CudaEvent> pendingOrder = new java.util.concurrent.ConcurrentLinkedQueue<>();
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
            CudaDriver.check(cuDevicePrimaryCtxRetain(ctx, dev), "cuDevicePrimaryCtxRetain(" + device.id() + ")");
            contextRetained = true;
            bind();
            CudaDriver.check(cuStreamCreate(stream, 0), "cuStreamCreate");
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

    /** Makes this device's context current on the calling thread. */
    void bind() {
        CudaDriver.check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent(" + device.id() + ")");
    }

    CUstream stream() { return stream; }
    CUevent epoch() { return epoch; }

    // ------------------------------------------------------------------ memory

    @Override public Object allocate(ElementType type, long length) {
        long bytes = Math.multiplyExact(length, (long) type.bytes());
        bind();
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

    /**
     * Waits (at most {@link Accelerator#defaultCloseTimeout()}) for the stream before {@code cuMemFree}: a kernel
     * enqueued earlier may still use the memory, and unlike OpenCL the driver API does not promise to keep it alive.
     * If the stream does not drain in time the memory is left allocated, with a warning, rather than freed under a
     * running kernel.
     */
    @Override public void free(Object handle) {
        try {
            bind();
            boolean drained;
            try {
                drained = finish(org.gpu4j.Accelerator.defaultCloseTimeout().toNanos());
            } catch (org.gpu4j.WaitInterruptedException e) {
                drained = false;
            } catch (RuntimeException e) {
                drained = true; // a failed stream runs nothing more
            }
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

    @Override public void write(BufferRef dst, Object src, int srcOffset) {
        CudaBuffer b = (CudaBuffer) dst.handle();
        int es = dst.type().bytes();
        int chunk = STAGING_HALF / es;
        long total = dst.length();
        transfer.lock();
        try {
            bind();
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
        try {
            bind();
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
        resolveCompleted(); // collect the timings of kernels that ran before this read
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

    private static void pack(ByteBuffer bb, Object src, int off, int n) {
        if (src instanceof float[] a) bb.asFloatBuffer().put(0, a, off, n);
        else if (src instanceof double[] a) bb.asDoubleBuffer().put(0, a, off, n);
        else if (src instanceof int[] a) bb.asIntBuffer().put(0, a, off, n);
        else if (src instanceof long[] a) bb.asLongBuffer().put(0, a, off, n);
        else throw new IllegalArgumentException("unsupported host array " + src.getClass().getName());
    }

    private static void unpack(ByteBuffer bb, Object dst, int off, int n) {
        if (dst instanceof float[] a) bb.asFloatBuffer().get(0, a, off, n);
        else if (dst instanceof double[] a) bb.asDoubleBuffer().get(0, a, off, n);
        else if (dst instanceof int[] a) bb.asIntBuffer().get(0, a, off, n);
        else if (dst instanceof long[] a) bb.asLongBuffer().get(0, a, off, n);
        else throw new IllegalArgumentException("unsupported host array " + dst.getClass().getName());
    }

    @Override public void copy(BufferRef src, BufferRef dst) {
        bind();
        CudaDriver.checkLaunch(cuMemcpyDtoDAsync(((CudaBuffer) dst.handle()).at(dst.byteOffset()),
                ((CudaBuffer) src.handle()).at(src.byteOffset()), src.byteLength(), stream), "cuMemcpyDtoDAsync on " + device.id());
    }

    @Override public void fill(BufferRef dst, Number value) {
        bind();
        CUdeviceptr p = ((CudaBuffer) dst.handle()).at(dst.byteOffset());
        long n = dst.length();
        switch (dst.type()) {
            case FLOAT -> memset32(p, Float.floatToRawIntBits(value.floatValue()), n);
            case INT -> memset32(p, value.intValue(), n);
            case DOUBLE -> memset64(p, Double.doubleToRawLongBits(value.doubleValue()), n);
            case LONG -> memset64(p, value.longValue(), n);
        }
    }

    private void memset32(CUdeviceptr p, int bits, long count) {
        CudaDriver.checkLaunch(cuMemsetD32Async(p, bits, count, stream), "cuMemsetD32Async on " + device.id());
    }

    /** Little-endian 64-bit fill: the low word at byte 0 of each element, the high word at byte 4. */
    private void memset64(CUdeviceptr p, long bits, long count) {
        int lo = (int) bits;
        int hi = (int) (bits >>> 32);
        if (lo == hi) {
            memset32(p, lo, count * 2);
            return;
        }
        CudaDriver.checkLaunch(cuMemsetD2D32Async(p, 8, lo, 1, count, stream), "cuMemsetD2D32Async on " + device.id());
        CudaDriver.checkLaunch(cuMemsetD2D32Async(p.withByteOffset(4), 8, hi, 1, count, stream), "cuMemsetD2D32Async on " + device.id());
    }

    // ------------------------------------------------------------------ programs

    @Override public NativeProgram build(KernelSource source, String options) {
        String cu = source.text(Dialect.CUDA);
        String ptx = source.text(Dialect.PTX);
        if (cu == null && ptx == null) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no CUDA code (.cu or .ptx) for " + device.id()
                    + "; it has " + source.texts().keySet());
        }
        String opts = options == null ? "" : options.trim();
        Map<String, List<KernelParam>> sigs = cu == null ? Map.of() : KernelSignatures.parse(cu);
        List<String> tried = new ArrayList<>();
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

    /** A PTX text the driver refused, with the status name and JIT log. */
    static final class PtxLoadException extends Exception {
        private static final long serialVersionUID = 1L;
        PtxLoadException(String m) { super(m); }
    }

    private CUmodule loadModule(String ptx) throws PtxLoadException {
        bind();
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
                ? " (the PTX is newer than this driver supports: update the NVIDIA driver, or let gpu4j compile the .cu)" : "";
        throw new PtxLoadException("cuModuleLoadData failed: " + CudaDriver.name(rc) + hint + (log.isEmpty() ? "" : "\n" + log));
    }

    // ------------------------------------------------------------------ events and sync

    /** Creates a launch's event pair and records the start event. */
    CudaEvent startEvent() {
        if (pending.size() >= MAX_PENDING_EVENTS) {
            for (int i = 0; i < MAX_PENDING_EVENTS / 2; i++) {
                CudaEvent old = pendingOrder.poll();
                if (old == null) break;
                old.resolve(false);
            }
        }
        CUevent start = new CUevent();
        CUevent end = new CUevent();
        CudaDriver.check(cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        int rc = cuEventCreate(end, CUevent_flags.CU_EVENT_DEFAULT);
        if (rc != CUresult.CUDA_SUCCESS) {
            cuEventDestroy(start);
            CudaDriver.check(rc, "cuEventCreate");
        }
        CudaEvent ev = new CudaEvent(this, start, end);
        rc = cuEventRecord(start, stream);
        if (rc != CUresult.CUDA_SUCCESS) {
            ev.release();
            CudaDriver.checkLaunch(rc, "cuEventRecord");
        }
        return ev;
    }

    /** Records the end event after the launch and tracks the pair until it is resolved. */
    void endEvent(CudaEvent ev) {
        try {
            ev.recordEnd(stream);
        } catch (RuntimeException e) {
            ev.release();
            throw e;
        }
        pending.put(ev, Boolean.TRUE);
        pendingOrder.add(ev);
    }

    void forget(CudaEvent ev) {
        if (pending.remove(ev) != null) pendingOrder.remove(ev);
    }

    /** Resolves every tracked event (close: the stream is idle). */
    private void resolvePending() {
        CudaEvent ev;
        while ((ev = pendingOrder.poll()) != null) ev.resolve(false);
    }

    /** Resolves the oldest tracked events that have completed, without waiting for any still running. */
    private void resolveCompleted() {
        CudaEvent ev;
        while ((ev = pendingOrder.peek()) != null && ev.isDone()) {
            if (pendingOrder.remove(ev)) ev.resolve(false);
        }
    }

    /**
     * Polls {@code cuStreamQuery} ({@link org.gpu4j.spi.Waits}) instead of blocking in {@code cuStreamSynchronize},
     * which has no bound and ignores Java interrupts.
     */
    @Override public boolean finish(long timeoutNanos) {
        bind();
        boolean done = org.gpu4j.spi.Waits.until(() -> {
            int rc = cuStreamQuery(stream);
            if (rc == CUresult.CUDA_SUCCESS) return true;
            if (rc != CUresult.CUDA_ERROR_NOT_READY) {
                throw new LaunchException("cuStreamQuery on " + device.id() + " failed: " + CudaDriver.name(rc)
                        + " (a kernel or copy enqueued earlier failed)");
            }
            return false;
        }, timeoutNanos, "the stream of " + device.id());
        if (done) resolveCompleted();
        return done;
    }

    /** Core calls this only after {@link #finish(long)} drained the stream. */
    @Override public void close() {
        try {
            bind();
            resolvePending();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: closing " + device.id(), e);
        }
        releaseAll();
    }

    private void releaseAll() {
        try {
            if (contextRetained) cuCtxSetCurrent(ctx);
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
            if (contextRetained) {
                contextRetained = false;
                cuDevicePrimaryCtxRelease(dev);
            }
        }
    }

    @Override public String toString() { return "CudaAccelerator[" + device.id() + " sm_" + ccMajor + ccMinor + "]"; }
}
