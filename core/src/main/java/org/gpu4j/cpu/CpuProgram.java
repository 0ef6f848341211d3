package org.gpu4j.cpu;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gpu4j.Dialect;
import org.gpu4j.JavaKernel;
import org.gpu4j.KernelParam;
import org.gpu4j.KernelSource;
import org.gpu4j.spi.KernelSignatures;
import org.gpu4j.spi.NativeKernel;
import org.gpu4j.spi.NativeProgram;

/** The Java kernels of a source; parameters are read from its OpenCL or CUDA twin when it has one. */
final class CpuProgram implements NativeProgram {
    private final CpuAccelerator acc;
    private final KernelSource source;
    private final Map<String, List<KernelParam>> signatures;

    CpuProgram(CpuAccelerator acc, KernelSource source) {
        this.acc = acc;
        this.source = source;
        Map<String, List<KernelParam>> sig = KernelSignatures.parse(source.text(Dialect.OPENCL));
        if (sig.isEmpty()) sig = KernelSignatures.parse(source.text(Dialect.CUDA));
        this.signatures = sig;
    }

    @Override public Set<String> kernelNames() { return source.javaKernels().keySet(); }

    @Override public NativeKernel kernel(String name) {
        JavaKernel k = source.javaKernels().get(name);
        if (k == null) {
            throw new IllegalArgumentException("program '" + source.name() + "' has no Java kernel '" + name
                    + "'; it has " + source.javaKernels().keySet());
        }
        return new CpuKernel(acc, name, k, signatures.getOrDefault(name, List.of()));
    }

    @Override public void release() {
    }
}
