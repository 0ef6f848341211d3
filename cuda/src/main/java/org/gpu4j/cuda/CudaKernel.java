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
    private static final int DEFAULT_SHARED_LIMIT = 48 * 1024;

    private final CudaProgram program;
    private final String name;
    private final CUfunction function;
    private final List<KernelParam> params;
    private final int maxThreads;
    private volatile int sharedOptedIn = DEFAULT_SHARED_LIMIT;

    CudaKernel(CudaProgram program, String name, CUfunction function, List<KernelParam> params, int maxThreads) {
        this.program = program;
        this.name = name;
        this.function = function;
        this.params = List.copyOf(params);
        this.maxThreads = maxThreads > 0 ? maxThreads : program.acc.maxThreadsPerBlock;
    }

    @Override public String name() { return name; }
    @Override public List<KernelParam> params() { return params; }

    @Override public NativeEvent launch(Range range, Object[] args) {
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
        if (shared > acc.maxSharedOptin) {
            throw new IllegalArgumentException("kernel " + name + ": LocalMemory arguments total " + shared
                    + " bytes of shared memory, more than the " + acc.maxSharedOptin + " a block of " + acc.device().id() + " can have");
        }
        LaunchGeometry g = LaunchGeometry.of(range, maxThreads, acc.maxBlock, acc.maxGrid);
        acc.bind();
        if (shared > sharedOptedIn) optIn((int) shared);
        Pointer kernelParams = Pointer.to(ps.toArray(new Pointer[0]));
        CudaEvent ev = acc.startEvent();
        int rc = cuLaunchKernel(function, g.gridX(), g.gridY(), g.gridZ(), g.blockX(), g.blockY(), g.blockZ(),
                (int) shared, acc.stream(), kernelParams, null);
        if (rc != CUresult.CUDA_SUCCESS) {
            ev.release();
            throw new LaunchException("cuLaunchKernel(" + name + ", " + g + ", " + shared + " bytes shared) on "
                    + acc.device().id() + " failed: " + CudaDriver.name(rc));
        }
        acc.endEvent(ev);
        return ev;
    }

    /** Dynamic shared memory beyond 48 KiB must be requested per kernel (CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES). */
    private synchronized void optIn(int bytes) {
        if (bytes <= sharedOptedIn) return;
        int rc = cuFuncSetAttribute(function, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, bytes);
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new LaunchException("kernel " + name + ": cannot raise its dynamic shared memory to " + bytes + " bytes: "
                    + CudaDriver.name(rc));
        }
        sharedOptedIn = bytes;
    }

    @Override public String toString() { return "CudaKernel[" + name + "]"; }
}
