package org.gpu4j.cuda;

import static jcuda.driver.JCudaDriver.*;

import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUresult;
import org.gpu4j.KernelParam;
import org.gpu4j.LaunchException;
import org.gpu4j.LocalMemory;
import org.gpu4j.Range;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeEvent;
import org.gpu4j.spi.NativeKernel;

/**
 * One kernel of a module. Arguments: an array becomes its device address (plus the view's byte offset), a scalar
 * its value in its exact width; {@link LocalMemory} arguments are not kernel parameters in CUDA — their sizes are
 * summed into the launch's dynamic shared memory ({@code extern __shared__}).
 */
final class CudaKernel implements NativeKernel {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.cuda");

    private final CudaProgram program;
    private final String name;
    private final CUfunction function;
    private final List<KernelParam> params;
    private final int maxThreads;
    private final int staticShared;
    /** The kernel's MAX_DYNAMIC_SHARED_SIZE_BYTES as gpu4j set it (0: never). */
    private volatile long sharedOptedIn;
    private final java.util.concurrent.atomic.AtomicBoolean warnedNarrow = new java.util.concurrent.atomic.AtomicBoolean();

    CudaKernel(CudaProgram program, String name, CUfunction function, List<KernelParam> params, int maxThreads, int staticShared) {
        this.program = program;
        this.name = name;
        this.function = function;
        this.params = List.copyOf(params);
        this.maxThreads = maxThreads > 0 ? maxThreads : program.acc.maxThreadsPerBlock;
        this.staticShared = Math.max(0, staticShared);
    }

    @Override public String name() { return name; }
    @Override public List<KernelParam> params() { return params; }

    @Override public NativeEvent launch(Range range, Object[] args) {
        return launch(program.acc.stream(), range, args);
    }

    /** Enqueues the kernel on {@code stream}, the accelerator's own or one of its queues'. */
    NativeEvent launch(jcuda.driver.CUstream stream, Range range, Object[] args) {
        CudaAccelerator acc = program.acc;
        List<Pointer> ps = new ArrayList<>(args.length);
        long shared = 0;
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof BufferRef r) ps.add(Pointer.to(((CudaBuffer) r.handle()).at(r.byteOffset())));
            else if (a instanceof Float v) ps.add(Pointer.to(new float[] {v}));
            else if (a instanceof Integer v) ps.add(Pointer.to(new int[] {v}));
            else if (a instanceof Double v) ps.add(Pointer.to(new double[] {v}));
            else if (a instanceof Long v) ps.add(Pointer.to(new long[] {v}));
            else if (a instanceof Short v) ps.add(Pointer.to(new short[] {v}));
            else if (a instanceof Byte v) ps.add(Pointer.to(new byte[] {v}));
            else if (a instanceof LocalMemory lm) shared += lm.bytes();
            else throw new IllegalArgumentException("argument " + (i + 1) + " of kernel " + name + ": unsupported type " + a.getClass().getName());
        }
        long optIn = SharedMemory.optInFor(name, acc.device().id(), staticShared, shared, acc.maxSharedOptin, sharedOptedIn);
        LaunchGeometry g = LaunchGeometry.of(range, maxThreads, acc.maxBlock, acc.maxGrid);
        if (g.narrow() && warnedNarrow.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: kernel " + name + " on " + acc.device().id() + ": " + range
                    + " has no local size and no divisor that makes a block of at least " + LaunchGeometry.WARP
                    + " threads, so it runs as " + g + " (" + g.threads() + " thread(s) per block, a fraction of the GPU);"
                    + " give a local size, e.g. Range.of(n rounded up to 256).local(256), and check the index in the kernel."
                    + " (Said once per kernel.)");
        }
        try (CudaAccelerator.Scope scope = acc.enter()) {
            if (optIn > 0) optIn(optIn);
            Pointer kernelParams = Pointer.to(ps.toArray(new Pointer[0]));
            CudaEvent ev = acc.startEvent(stream);
            int rc = cuLaunchKernel(function, g.gridX(), g.gridY(), g.gridZ(), g.blockX(), g.blockY(), g.blockZ(),
                    (int) shared, stream, kernelParams, null);
            if (rc != CUresult.CUDA_SUCCESS) {
                ev.release();
                throw new LaunchException("cuLaunchKernel(" + name + ", " + g + ", " + shared + " bytes shared) on "
                        + acc.device().id() + " failed: " + CudaDriver.name(rc));
            }
            acc.endEvent(ev, stream);
            return ev;
        }
    }

    /**
     * Static + dynamic shared memory beyond 48 KiB must be requested per kernel
     * (CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES ≥ the dynamic amount; {@link SharedMemory}).
     */
    private synchronized void optIn(long bytes) {
        if (bytes <= sharedOptedIn) return;
        int rc = cuFuncSetAttribute(function, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, (int) bytes);
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new LaunchException("kernel " + name + ": cannot raise its dynamic shared memory to " + bytes + " bytes: "
                    + CudaDriver.name(rc));
        }
        sharedOptedIn = bytes;
    }

    @Override public String toString() { return "CudaKernel[" + name + "]"; }
}
