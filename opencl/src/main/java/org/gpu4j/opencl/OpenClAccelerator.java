package org.gpu4j.opencl;

import java.util.HashMap;
import java.util.Map;
import org.gpu4j.Device;
import org.gpu4j.Dialect;
import org.gpu4j.ElementType;
import org.gpu4j.KernelCompileException;
import org.gpu4j.KernelSource;
import org.gpu4j.spi.BackendAccelerator;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeProgram;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_event;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * One opened OpenCL device: one context and one in-order command queue with profiling enabled.
 *
 * <p><b>Memory.</b> Arrays are plain {@code CL_MEM_READ_WRITE} buffers on every device type. On GPUs they are copied
 * to and from Java arrays with blocking {@code clEnqueueWriteBuffer}/{@code clEnqueueReadBuffer}; on CPU devices
 * (PoCL), from 1 MiB up, the region is mapped and copied by one Java thread per core ({@link MappedCopy}), since the
 * driver copies with one thread: a Java heap array can never be the buffer itself, so one copy is the least there is,
 * and this makes it a parallel one. Device-to-device copies use {@code clEnqueueCopyBuffer}, fills {@code clEnqueueFillBuffer}.
 *
 * <p><b>Programs</b> are built with {@code -cl-kernel-arg-info} added to the caller's options, so kernels report
 * their declared arguments. Builds are cached in memory per accelerator and on disk (see {@link ProgramCache}).
 *
 * <p><b>Threads.</b> OpenCL's API is thread-safe except for setting kernel arguments; each kernel serialises its own
 * set-arguments-and-enqueue, so several threads may launch, copy and read on one accelerator at once.
 */
final class OpenClAccelerator implements BackendAccelerator {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.opencl");
    static final String ARG_INFO = "-cl-kernel-arg-info";

    final Device device;
    /** Host copies through mappings and one thread per core: CPU devices, whose buffers are host memory. */
    private final boolean mappedCopies;
    final cl_device_id deviceId;
    final cl_context context;
    final cl_command_queue queue;
    /** CL_DEVICE_MEM_BASE_ADDR_ALIGN in bytes: the alignment sub-buffer offsets need. */
    final long baseAlignBytes;
    private final String deviceKey;
    /** Built programs by full cache key, least recently used first, bounded (see {@link ProgramLru}). */
    private final Map<String, cl_program> programs = ProgramLru.configured();
    private final Object buildLock = new Object();
    private volatile boolean closed;

    /** A device allocation. */
    static final class Buffer {
        final cl_mem mem;
        final long bytes;

        Buffer(cl_mem mem, long bytes) {
            this.mem = mem;
            this.bytes = bytes;
        }

        @Override public String toString() { return "cl_mem[" + bytes + " B]"; }
    }

    OpenClAccelerator(OpenClProvider.DeviceHandle h) {
        this.device = h.device();
        this.mappedCopies = device.type() == org.gpu4j.DeviceType.CPU
                && !"false".equalsIgnoreCase(System.getProperty("gpu4j.opencl.mappedCopies"));
        this.deviceId = h.id();
        int[] err = new int[1];
        org.jocl.cl_context_properties props = new org.jocl.cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, h.platform());
        cl_command_queue q;
        synchronized (ClWait.LIFECYCLE) { // JOCL's context bookkeeping is not thread-safe (see ClWait)
            this.context = CL.clCreateContext(props, 1, new cl_device_id[] {deviceId}, null, null, err);
            Cl.check(err[0], "clCreateContext for " + device.id());
            try {
                @SuppressWarnings("deprecation")
                cl_command_queue created = CL.clCreateCommandQueue(context, deviceId, CL.CL_QUEUE_PROFILING_ENABLE, err);
                q = created;
                Cl.check(err[0], "clCreateCommandQueue for " + device.id());
            } catch (RuntimeException e) {
                CL.clReleaseContext(context);
                throw e;
            }
        }
        this.queue = q;
        this.baseAlignBytes = Math.max(1, Cl.deviceInt(deviceId, CL.CL_DEVICE_MEM_BASE_ADDR_ALIGN) / 8);
        Map<String, String> p = device.properties();
        this.queueLabel = "the queue of " + device.id();
        this.deviceKey = device.name() + "|" + p.get("Driver version") + "|" + p.get("Platform version") + "|"
                + p.get("Device version");
    }

    @Override public Device device() { return device; }

    // ------------------------------------------------------------------ memory

    @Override public Object allocate(ElementType type, long length) {
        long bytes = length * type.bytes();
        int[] err = new int[1];
        cl_mem mem = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, bytes, null, err);
        Cl.checkAlloc(err[0], "clCreateBuffer", length + " " + type + " elements (" + Device.formatBytes(bytes)
                + ") on " + device.id());
        return new Buffer(mem, bytes);
    }

    @Override public void free(Object handle) {
        Buffer b = (Buffer) handle;
        int s = CL.clReleaseMemObject(b.mem);
        if (s != CL.CL_SUCCESS) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: clReleaseMemObject failed: " + Cl.name(s));
        }
    }

    private static Pointer host(Object array, long elementOffset, ElementType type) {
        Pointer p = switch (type) {
            case FLOAT -> Pointer.to((float[]) array);
            case DOUBLE -> Pointer.to((double[]) array);
            case INT -> Pointer.to((int[]) array);
            case LONG -> Pointer.to((long[]) array);
        };
        return elementOffset == 0 ? p : p.withByteOffset(elementOffset * type.bytes());
    }

    @Override public void write(BufferRef dst, Object src, int srcOffset) {
        Buffer b = (Buffer) dst.handle();
        drain(Long.MAX_VALUE, "the commands before a write on " + device.id()); // see read()
        if (mappedCopies && dst.byteLength() >= MappedCopy.MIN_BYTES
                && MappedCopy.write(queue, b.mem, dst.byteOffset(), dst.byteLength(), src, srcOffset, dst.type())) {
            untracked(); // the unmap is enqueued without an event
            return;
        }
        // Blocking: the Java array may be reused as soon as this returns.
        Cl.checkAlloc(CL.clEnqueueWriteBuffer(queue, b.mem, true, dst.byteOffset(), dst.byteLength(),
                host(src, srcOffset, dst.type()), 0, null, null), "clEnqueueWriteBuffer", dst.length() + " " + dst.type()
                + " elements on " + device.id());
    }

    @Override public void read(BufferRef src, Object dst, int dstOffset) {
        Buffer b = (Buffer) src.handle();
        // A blocking read waits for the commands before it in native code, without a bound and deaf to interrupts:
        // wait for them here first (bounded by the caller's interrupt), so the read itself returns promptly.
        drain(Long.MAX_VALUE, "the commands before a read on " + device.id());
        if (mappedCopies && src.byteLength() >= MappedCopy.MIN_BYTES
                && MappedCopy.read(queue, b.mem, src.byteOffset(), src.byteLength(), dst, dstOffset, src.type())) {
            untracked(); // the unmap is enqueued without an event
            return;
        }
        int s = CL.clEnqueueReadBuffer(queue, b.mem, true, src.byteOffset(), src.byteLength(),
                host(dst, dstOffset, src.type()), 0, null, null);
        if (s == CL.CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST) {
            Cl.checkLaunch(s, "clEnqueueReadBuffer (an earlier command failed)");
        }
        Cl.check(s, "clEnqueueReadBuffer");
    }

    /**
     * A host buffer: with an array, the array path; a CPU device from {@link MappedCopy#MIN_BYTES}, mapped and copied
     * in parallel straight from the buffer; a direct buffer in native order, handed to the driver as it is; anything
     * else (a view of a heap ByteBuffer, a direct buffer in the other byte order) through temporary arrays.
     */
    @Override public void writeBuffer(BufferRef dst, java.nio.Buffer src) {
        if (src.hasArray()) {
            write(dst, src.array(), src.arrayOffset());
            return;
        }
        Buffer b = (Buffer) dst.handle();
        ClWait.drain(queue, Long.MAX_VALUE, "the commands before a write on " + device.id());
        if (mappedCopies && dst.byteLength() >= MappedCopy.MIN_BYTES
                && MappedCopy.write(queue, b.mem, dst.byteOffset(), dst.byteLength(), src, 0, dst.type())) {
            return;
        }
        if (rawPointer(src)) {
            Cl.checkAlloc(CL.clEnqueueWriteBuffer(queue, b.mem, true, dst.byteOffset(), dst.byteLength(),
                    Pointer.to(src), 0, null, null), "clEnqueueWriteBuffer", dst.length() + " " + dst.type()
                    + " elements on " + device.id());
            return;
        }
        org.gpu4j.spi.BackendAccelerator.super.writeBuffer(dst, src);
    }

    @Override public void readBuffer(BufferRef src, java.nio.Buffer dst) {
        if (dst.hasArray()) {
            read(src, dst.array(), dst.arrayOffset());
            return;
        }
        Buffer b = (Buffer) src.handle();
        ClWait.drain(queue, Long.MAX_VALUE, "the commands before a read on " + device.id());
        if (mappedCopies && src.byteLength() >= MappedCopy.MIN_BYTES
                && MappedCopy.read(queue, b.mem, src.byteOffset(), src.byteLength(), dst, 0, src.type())) {
            return;
        }
        if (rawPointer(dst)) {
            int s = CL.clEnqueueReadBuffer(queue, b.mem, true, src.byteOffset(), src.byteLength(), Pointer.to(dst),
                    0, null, null);
            if (s == CL.CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST) {
                Cl.checkLaunch(s, "clEnqueueReadBuffer (an earlier command failed)");
            }
            Cl.check(s, "clEnqueueReadBuffer");
            return;
        }
        org.gpu4j.spi.BackendAccelerator.super.readBuffer(src, dst);
    }

    /** A direct buffer whose bytes are the device's: native order (a typed view of a ByteBuffer has the bytes' order). */
    private static boolean rawPointer(java.nio.Buffer b) {
        if (!b.isDirect()) return false;
        java.nio.ByteOrder o = b instanceof java.nio.FloatBuffer f ? f.order() : b instanceof java.nio.DoubleBuffer d ? d.order()
                : b instanceof java.nio.IntBuffer i ? i.order() : ((java.nio.LongBuffer) b).order();
        return o == java.nio.ByteOrder.nativeOrder();
    }

    @Override public void copy(BufferRef src, BufferRef dst) {
        Cl.check(CL.clEnqueueCopyBuffer(queue, ((Buffer) src.handle()).mem, ((Buffer) dst.handle()).mem,
                src.byteOffset(), dst.byteOffset(), src.byteLength(), 0, null, null), "clEnqueueCopyBuffer");
        untracked();
    }

    @Override public void fill(BufferRef dst, Number value) {
        Pointer pattern = switch (dst.type()) {
            case FLOAT -> Pointer.to(new float[] {value.floatValue()});
            case DOUBLE -> Pointer.to(new double[] {value.doubleValue()});
            case INT -> Pointer.to(new int[] {value.intValue()});
            case LONG -> Pointer.to(new long[] {value.longValue()});
        };
        // A fill is the first command touching a new buffer (core clears every allocation), so a lazily allocating
        // driver reports out-of-memory here: map it to DeviceMemoryException like clCreateBuffer's.
        Cl.checkAlloc(CL.clEnqueueFillBuffer(queue, ((Buffer) dst.handle()).mem, pattern, dst.type().bytes(),
                dst.byteOffset(), dst.byteLength(), 0, null, null), "clEnqueueFillBuffer",
                dst.length() + " " + dst.type() + " elements on " + device.id());
        untracked();
    }

    @Override public boolean finish(long timeoutNanos) {
        return drain(timeoutNanos, queueLabel);
    }

    /** What a failed or interrupted finish names (built once: finish is on the path of every synchronising call). */
    private final String queueLabel;

    // ------------------------------------------------------------------ the queue's tail

    /**
     * Guards {@link #tail} and {@link #tailExact}. A kernel launch enqueues under it and then calls {@link #tracked},
     * so the event it leaves in {@code tail} is the queue's last command; commands enqueued without an event clear
     * {@code tailExact} under it after their enqueue ({@link #untracked}).
     */
    final Object tailLock = new Object();
    /** The event of the last command enqueued with one (retained by this accelerator), or null. */
    private cl_event tail;
    /**
     * True while every command enqueued (and returned) so far is {@link #tail} or before it on this in-order queue, so
     * that its completion means the whole queue's. Blocking commands (reads and writes) leave it alone: when they
     * return, everything before them is complete too.
     */
    private boolean tailExact;

    /**
     * Called under {@link #tailLock} right after a command was enqueued with event {@code ev}, which becomes the
     * queue's tail (this accelerator retains it).
     */
    void tracked(cl_event ev) {
        assert Thread.holdsLock(tailLock);
        Cl.check(CL.clRetainEvent(ev), "clRetainEvent");
        if (tail != null) CL.clReleaseEvent(tail);
        tail = ev;
        tailExact = true;
    }

    /** Called after a command was enqueued without an event: finish can no longer wait on the tail alone. */
    void untracked() {
        synchronized (tailLock) {
            tailExact = false;
        }
    }

    /**
     * Waits at most {@code timeoutNanos} for every command enqueued so far. When the last one is a tracked kernel
     * launch it polls that launch's event (after a flush): measured on PoCL, an extra marker command costs about as
     * much again as an empty kernel's whole enqueue + finish. Otherwise a marker behind everything
     * ({@link ClWait#drain}).
     */
    boolean drain(long timeoutNanos, String what) {
        cl_event t = null;
        synchronized (tailLock) {
            if (tailExact && tail != null) {
                t = tail;
                Cl.check(CL.clRetainEvent(t), "clRetainEvent");
            }
        }
        if (t == null) return ClWait.drain(queue, timeoutNanos, what);
        try {
            Cl.checkLaunch(CL.clFlush(queue), "clFlush for " + what);
            return ClWait.await(t, timeoutNanos, what);
        } finally {
            CL.clReleaseEvent(t);
        }
    }

    private void releaseTail() {
        synchronized (tailLock) {
            if (tail != null) CL.clReleaseEvent(tail);
            tail = null;
            tailExact = false;
        }
    }

    // ------------------------------------------------------------------ queues

    private volatile OpenClQueue defaultQueue;

    /** The accelerator's own queue as a {@link OpenClQueue} (released with the accelerator, not by it). */
    @Override public org.gpu4j.spi.NativeQueue defaultQueue() {
        OpenClQueue q = defaultQueue;
        if (q == null) defaultQueue = q = new OpenClQueue(this, queue, false);
        return q;
    }

    /** One more in-order profiling queue in this context. */
    @Override public org.gpu4j.spi.NativeQueue newQueue() {
        if (closed) throw new IllegalStateException("accelerator " + device.id() + " is closed");
        return OpenClQueue.create(this);
    }

    // ------------------------------------------------------------------ programs

    @Override public NativeProgram build(KernelSource source, String options) {
        String text = source.text(Dialect.OPENCL);
        if (text == null) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no OpenCL C text (it has "
                    + source.texts().keySet() + "); the OpenCL backend builds " + Dialect.OPENCL + " sources");
        }
        String opts = options == null ? "" : options.trim();
        if (!(" " + opts + " ").contains(" " + ARG_INFO + " ")) opts = (opts + " " + ARG_INFO).trim();
        String key = ProgramCache.key(deviceKey, source.hash(Dialect.OPENCL), opts);
        synchronized (buildLock) {
            if (closed) throw new IllegalStateException("accelerator " + device.id() + " is closed");
            cl_program p = programs.get(key);
            boolean hit = p != null;
            if (hit) {
                ProgramCache.MEMORY_HITS.incrementAndGet();
            } else {
                String entry = ProgramCache.name(key);
                p = buildFromDisk(entry, key, source.name(), text, opts);
                if (p == null) {
                    p = buildFromSource(source.name(), text, opts);
                    ProgramCache.SOURCE_BUILDS.incrementAndGet();
                    ProgramCache.store(entry, key, binary(p));
                }
            }
            // The returned program's own reference, taken before the cache's may be evicted (even at once, with a
            // bound of 0): evicting only drops the cache's reference.
            int s = CL.clRetainProgram(p);
            if (s != CL.CL_SUCCESS && !hit) CL.clReleaseProgram(p);
            Cl.check(s, "clRetainProgram");
            if (!hit) programs.put(key, p);
            return new OpenClProgram(this, p, source.name(), text);
        }
    }

    /** A program from the disk cache entry {@code entry} when it records {@code key}; null on a miss or a reject. */
    private cl_program buildFromDisk(String entry, String key, String name, String text, String opts) {
        byte[] bin;
        try {
            bin = ProgramCache.load(entry, key);
        } catch (ProgramCache.CorruptEntryException e) {
            corrupt(entry, name, e.getMessage());
            return null;
        }
        if (bin == null) return null;
        int[] err = new int[1];
        int[] binStatus = new int[1];
        cl_program p = CL.clCreateProgramWithBinary(context, 1, new cl_device_id[] {deviceId},
                new long[] {bin.length}, new byte[][] {bin}, binStatus, err);
        if (err[0] != CL.CL_SUCCESS || binStatus[0] != CL.CL_SUCCESS) {
            if (p != null && err[0] == CL.CL_SUCCESS) CL.clReleaseProgram(p);
            corrupt(entry, name, "clCreateProgramWithBinary: " + Cl.name(err[0] != CL.CL_SUCCESS ? err[0] : binStatus[0]));
            return null;
        }
        int s = CL.clBuildProgram(p, 1, new cl_device_id[] {deviceId}, opts, null, null);
        if (s != CL.CL_SUCCESS) {
            CL.clReleaseProgram(p);
            corrupt(entry, name, "clBuildProgram from binary: " + Cl.name(s));
            return null;
        }
        // Some drivers accept a foreign binary and build an empty program: require the kernels the source declares.
        java.util.Set<String> declared = org.gpu4j.spi.KernelSignatures.parse(text).keySet();
        java.util.Set<String> found = kernelNames(p);
        if (found != null && !found.containsAll(declared)) {
            CL.clReleaseProgram(p);
            corrupt(entry, name, "the binary defines kernels " + found + ", the source declares " + declared);
            return null;
        }
        ProgramCache.DISK_HITS.incrementAndGet();
        return p;
    }

    /** A reject: counts it, deletes the entry (a link itself, never its target) and warns. */
    private void corrupt(String entry, String name, String why) {
        ProgramCache.CORRUPT.incrementAndGet();
        ProgramCache.delete(entry);
        LOG.log(System.Logger.Level.WARNING, "gpu4j: rejected OpenCL program cache entry " + entry + " for '" + name
                + "' on " + device.id() + " (" + why + "); deleted it, rebuilding from source");
    }

    private cl_program buildFromSource(String name, String text, String opts) {
        int[] err = new int[1];
        cl_program p = CL.clCreateProgramWithSource(context, 1, new String[] {text}, null, err);
        Cl.check(err[0], "clCreateProgramWithSource");
        int s = CL.clBuildProgram(p, 1, new cl_device_id[] {deviceId}, opts, null, null);
        if (s != CL.CL_SUCCESS) {
            String log = buildLog(p);
            CL.clReleaseProgram(p);
            int[] lc = KernelCompileException.parseLineColumn(log);
            if (lc[0] == 0) lc = parseLooseLineColumn(log);
            throw new KernelCompileException("OpenCL build failed with " + Cl.name(s), name, opts,
                    device.id() + " '" + device.name() + "'", log, lc[0], lc[1]);
        }
        return p;
    }

    /** PoCL also writes {@code error: FILE:LINE:COL: message}; find the first such triple. */
    static int[] parseLooseLineColumn(String log) {
        if (log == null) return new int[] {0, 0};
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("error:?\\s*\\S*?:(\\d+):(\\d+):").matcher(log);
        if (m.find()) return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        return new int[] {0, 0};
    }

    /** CL_PROGRAM_KERNEL_NAMES as a set, or null when the driver cannot tell. */
    static java.util.Set<String> kernelNames(cl_program program) {
        long[] size = new long[1];
        if (CL.clGetProgramInfo(program, CL.CL_PROGRAM_KERNEL_NAMES, 0, null, size) != CL.CL_SUCCESS) return null;
        byte[] b = new byte[(int) Math.max(1, size[0])];
        if (CL.clGetProgramInfo(program, CL.CL_PROGRAM_KERNEL_NAMES, b.length, Pointer.to(b), null) != CL.CL_SUCCESS) {
            return null;
        }
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String n : Cl.cString(b).split(";")) if (!n.isBlank()) out.add(n.trim());
        return out;
    }

    String buildLog(cl_program p) {
        long[] size = new long[1];
        if (CL.clGetProgramBuildInfo(p, deviceId, CL.CL_PROGRAM_BUILD_LOG, 0, null, size) != CL.CL_SUCCESS) return "";
        byte[] b = new byte[(int) size[0]];
        if (CL.clGetProgramBuildInfo(p, deviceId, CL.CL_PROGRAM_BUILD_LOG, b.length, Pointer.to(b), null) != CL.CL_SUCCESS) {
            return "";
        }
        return Cl.cString(b);
    }

    private static byte[] binary(cl_program p) {
        long[] size = new long[1];
        if (CL.clGetProgramInfo(p, CL.CL_PROGRAM_BINARY_SIZES, Sizeof.size_t, Pointer.to(size), null) != CL.CL_SUCCESS
                || size[0] <= 0 || size[0] > Integer.MAX_VALUE - 64) {
            return null;
        }
        byte[] bin = new byte[(int) size[0]];
        Pointer binPtr = Pointer.to(bin);
        if (CL.clGetProgramInfo(p, CL.CL_PROGRAM_BINARIES, Sizeof.POINTER, Pointer.to(binPtr), null) != CL.CL_SUCCESS) {
            return null;
        }
        return bin;
    }

    /** Drops this accelerator's in-memory programs (tests use it to exercise the disk cache); not an eviction. */
    void clearMemoryCache() {
        synchronized (buildLock) {
            for (cl_program p : programs.values()) CL.clReleaseProgram(p);
            programs.clear();
        }
    }

    @Override public void close() {
        synchronized (buildLock) {
            if (closed) return;
            closed = true;
            for (cl_program p : programs.values()) CL.clReleaseProgram(p);
            programs.clear();
        }
        // Core calls this only after the queue drained (finish) and every buffer and program was released.
        releaseTail();
        synchronized (ClWait.LIFECYCLE) {
            CL.clReleaseCommandQueue(queue);
            CL.clReleaseContext(context);
        }
    }

    /**
     * Work is still running (a kernel that does not end): nothing native is released, since the running commands use
     * the context, queue, buffers and programs. They stay allocated until the process exits.
     */
    @Override public void abandon() {
        synchronized (buildLock) {
            closed = true;
        }
    }

    @Override public String toString() { return "OpenClAccelerator[" + device.id() + " " + device.name() + "]"; }

}
