package org.gpu4j.cpu;

import java.util.List;
import org.gpu4j.Device;
import org.gpu4j.DeviceType;
import org.gpu4j.spi.BackendAccelerator;
import org.gpu4j.spi.BackendInfo;
import org.gpu4j.spi.BackendProvider;
import org.gpu4j.spi.Probe;

/**
 * The Java CPU backend: always available, no native code. Arrays are Java arrays on the heap; kernels are
 * {@link org.gpu4j.JavaKernel}s run over the cores of the common {@link java.util.concurrent.ForkJoinPool}.
 * It is also the oracle other backends are tested against.
 */
public final class CpuProvider implements BackendProvider {
    public static final String ID = "cpu";

    /** The Java CPU backend's self-description: no dialect (it runs {@link org.gpu4j.JavaKernel}s), ranked last. */
    public static final BackendInfo INFO = new BackendInfo(ID, "Java CPU", 1000, List.of(), true);

    @Override public BackendInfo info() { return INFO; }

    @Override public Probe probe() {
        return Probe.available(INFO, List.of(device()));
    }

    /** The single device of this backend: this JVM's processors and heap. */
    public static Device device() {
        Runtime rt = Runtime.getRuntime();
        int cores = rt.availableProcessors();
        long heap = rt.maxMemory();
        return Device.builder(INFO, 0, "Java CPU (" + cores + " cores, " + System.getProperty("java.vm.name", "JVM")
                        + " " + Runtime.version().feature() + ")", DeviceType.CPU)
                .vendor(System.getProperty("java.vm.vendor", ""))
                .computeUnits(cores)
                .globalMemory(heap)
                .localMemory(0)
                .maxAllocation(Math.min(heap, (long) CpuAccelerator.MAX_ELEMENTS * 8))
                .maxWorkGroupSize(1L << 30)
                .fp64(true)
                .property("cores", cores)
                .property("heap", Device.formatBytes(heap))
                .property("java", System.getProperty("java.version"))
                .property("os.arch", System.getProperty("os.arch"))
                .property("gemm", org.gpu4j.matrix.MatrixKernels.javaGemmKernel())
                .build();
    }

    @Override public BackendAccelerator open(Device device) {
        return new CpuAccelerator(device);
    }
}
