package org.gpu4j.cuda;

import static jcuda.driver.JCudaDriver.*;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import org.gpu4j.KernelParam;
import org.gpu4j.spi.NativeKernel;
import org.gpu4j.spi.NativeProgram;

/** A loaded CUDA module. Kernel parameters come from the {@code .cu} declarations where the source has them. */
final class CudaProgram implements NativeProgram {
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+([A-Za-z_$][\\w$]*)\\s*\\(");

    final CudaAccelerator acc;
    final String name;
    private final CUmodule module;
    private final Map<String, List<KernelParam>> signatures;
    private final Set<String> names;
    private final Map<String, CudaKernel> kernels = new ConcurrentHashMap<>();
    private final AtomicBoolean released = new AtomicBoolean();

    CudaProgram(CudaAccelerator acc, String name, CUmodule module, String ptx, Map<String, List<KernelParam>> signatures) {
        this.acc = acc;
        this.name = name;
        this.module = module;
        this.signatures = signatures;
        this.names = java.util.Collections.unmodifiableSet(entries(ptx));
    }

    /** The {@code .entry} names of a PTX text, in order. */
    static Set<String> entries(String ptx) {
        Set<String> n = new LinkedHashSet<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) n.add(m.group(1));
        return n;
    }

    @Override public Set<String> kernelNames() { return names; }

    @Override public NativeKernel kernel(String kernelName) {
        return kernels.computeIfAbsent(kernelName, this::load);
    }

    private CudaKernel load(String kernelName) {
        try (CudaAccelerator.Scope scope = acc.enter()) {
            CUfunction f = new CUfunction();
            int rc = cuModuleGetFunction(f, module, kernelName);
            if (rc == CUresult.CUDA_ERROR_NOT_FOUND) {
                throw new IllegalArgumentException("program '" + name + "' has no kernel '" + kernelName + "'; it has " + names
                        + (signatures.isEmpty() ? "" : " (kernels must be declared extern \"C\" __global__ so their names are not mangled)"));
            }
            CudaDriver.check(rc, "cuModuleGetFunction(" + kernelName + ")");
            int[] maxThreads = {0};
            CudaDriver.check(cuFuncGetAttribute(maxThreads, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, f),
                    "cuFuncGetAttribute(MAX_THREADS_PER_BLOCK)");
            int[] staticShared = {0};
            CudaDriver.check(cuFuncGetAttribute(staticShared, CUfunction_attribute.CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES, f),
                    "cuFuncGetAttribute(SHARED_SIZE_BYTES)");
            return new CudaKernel(this, kernelName, f, signatures.getOrDefault(kernelName, List.of()), maxThreads[0], staticShared[0]);
        }
    }

    /**
     * Unloads the module once the accelerator's streams have run what was enqueued (bounded, like freeing memory): a
     * kernel of this program may still be running, and the driver API does not promise to keep its module loaded.
     * If they do not drain in time the module stays loaded, with a warning.
     */
    @Override public void release() {
        if (!released.compareAndSet(false, true)) return;
        try (CudaAccelerator.Scope scope = acc.enter()) {
            if (!acc.drainStreams()) {
                System.getLogger("org.gpu4j.cuda").log(System.Logger.Level.WARNING, "gpu4j: not unloading program '"
                        + name + "': a stream is still running work that may use it");
                return;
            }
            cuModuleUnload(module);
        } catch (RuntimeException e) {
            // never throws: the context may already be gone
        }
    }

    @Override public String toString() { return "CudaProgram[" + name + " " + names + "]"; }
}
