package org.gpu4j.cpu;

import java.util.Arrays;
import org.gpu4j.Device;
import org.gpu4j.DeviceMemoryException;
import org.gpu4j.ElementType;
import org.gpu4j.KernelSource;
import org.gpu4j.spi.BackendAccelerator;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeProgram;

/**
 * An opened Java CPU device. Commands run synchronously on the calling thread (kernels fan out over the
 * common ForkJoin pool), which satisfies the asynchronous contract trivially: when a call returns, its work is done.
 */
final class CpuAccelerator implements BackendAccelerator {
    /** The largest array the backend can hold: a Java array's limit. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Device device;

    CpuAccelerator(Device device) { this.device = device; }

    @Override public Device device() { return device; }

    @Override public Object allocate(ElementType type, long length) {
        if (length > MAX_ELEMENTS) {
            throw new DeviceMemoryException("the Java CPU backend holds at most " + MAX_ELEMENTS
                    + " elements per array (a Java array's limit), asked for " + length);
        }
        int n = (int) length;
        try {
            return switch (type) {
                case FLOAT -> new float[n];
                case DOUBLE -> new double[n];
                case INT -> new int[n];
                case LONG -> new long[n];
            };
        } catch (OutOfMemoryError e) {
            throw new DeviceMemoryException("Java heap cannot hold " + length + " " + type + " elements ("
                    + Device.formatBytes(length * type.bytes()) + "; max heap " + Device.formatBytes(device.globalMemory()) + ")", e);
        }
    }

    /** Java arrays are born zeroed: core skips its clear. */
    @Override public boolean allocationsAreZeroed() { return true; }

    @Override public void free(Object handle) {
        // heap memory: the garbage collector frees it
    }

    @Override public void write(BufferRef dst, Object src, int srcOffset) {
        copy(src, srcOffset, dst.handle(), (int) dst.offset(), (int) dst.length());
    }

    @Override public void read(BufferRef src, Object dst, int dstOffset) {
        copy(src.handle(), (int) src.offset(), dst, dstOffset, (int) src.length());
    }

    @Override public void copy(BufferRef src, BufferRef dst) {
        copy(src.handle(), (int) src.offset(), dst.handle(), (int) dst.offset(), (int) src.length());
    }

    /** Copies of at least this many elements are split over the kernel pool: one core cannot fill the memory bus. */
    static final int PARALLEL_COPY = 1 << 18;

    /**
     * System.arraycopy, split into one contiguous piece per pool worker for large copies. Source and destination
     * ranges are disjoint or identical (core guarantees it), so the pieces are independent.
     */
    static void copy(Object src, int srcPos, Object dst, int dstPos, int length) {
        int p = CpuKernel.POOL.getParallelism();
        if (length < PARALLEL_COPY || p <= 1 || src == dst && srcPos == dstPos) {
            if (src != dst || srcPos != dstPos) System.arraycopy(src, srcPos, dst, dstPos, length);
            return;
        }
        int per = (length + p - 1) / p;
        java.util.List<java.util.concurrent.Callable<Void>> pieces = new java.util.ArrayList<>(p);
        for (int from = 0; from < length; from += per) {
            int f = from, n = Math.min(per, length - from);
            pieces.add(() -> {
                System.arraycopy(src, srcPos + f, dst, dstPos + f, n);
                return null;
            });
        }
        for (var done : CpuKernel.POOL.invokeAll(pieces)) {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while copying", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) throw r;
                if (c instanceof Error er) throw er;
                throw new IllegalStateException(c);
            }
        }
    }

    @Override public void fill(BufferRef dst, Number value) {
        int from = (int) dst.offset();
        int to = (int) (dst.offset() + dst.length());
        switch (dst.type()) {
            case FLOAT -> Arrays.fill((float[]) dst.handle(), from, to, value.floatValue());
            case DOUBLE -> Arrays.fill((double[]) dst.handle(), from, to, value.doubleValue());
            case INT -> Arrays.fill((int[]) dst.handle(), from, to, value.intValue());
            case LONG -> Arrays.fill((long[]) dst.handle(), from, to, value.longValue());
        }
    }

    @Override public NativeProgram build(KernelSource source, String options) {
        if (source.javaKernels().isEmpty()) {
            throw new IllegalArgumentException("source '" + source.name() + "' has no Java implementation, which the"
                    + " Java CPU backend needs; it has only " + source.texts().keySet()
                    + " (add one with KernelSource.withJava(name, kernel))");
        }
        return new CpuProgram(source);
    }

    @Override public void finish() {
        // every command completed when it returned
    }

    @Override public void close() {
    }
}
