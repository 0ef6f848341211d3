package org.gpu4j.cuda;

import static jcuda.driver.CUdevice_attribute.*;
import static jcuda.driver.JCudaDriver.*;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import org.gpu4j.BackendUnavailableException;
import org.gpu4j.Device;
import org.gpu4j.DeviceType;
import org.gpu4j.Dialect;
import org.gpu4j.spi.BackendAccelerator;
import org.gpu4j.spi.BackendInfo;
import org.gpu4j.spi.BackendProvider;
import org.gpu4j.spi.Probe;

/**
 * The CUDA backend: NVIDIA GPUs through JCuda's binding of the CUDA driver API. Kernels come from a source's
 * {@code .ptx} (compiled by nvcc when gpu4j was built) or are compiled at run time from its {@code .cu}
 * (NVRTC where JCuda's NVRTC library loads, else nvcc on the PATH).
 *
 * <p>Discovery never fails: without the NVIDIA driver the probe says {@value CudaDriver#NO_DRIVER}; a failing
 * {@code cuInit} is reported by its status name ({@code CUDA_ERROR_NO_DEVICE}...).
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open("cuda")) {            // BackendUnavailableException says why if there is none
 *     System.out.println(acc.device().properties());       // compute capability, SMs, clocks, memory...
 * }
 * }
 */
public final class CudaProvider implements BackendProvider {
    public static final String ID = "cuda";

    /**
     * The CUDA backend's self-description: loads PTX (from nvcc at build time) before compiling CUDA C at run
     * time; preferred over every other backend.
     */
    public static final BackendInfo INFO = new BackendInfo(ID, "CUDA", 100, List.of(Dialect.PTX, Dialect.CUDA), false);

    /** Touches no native code: the driver binding is looked for and loaded by {@link #probe()}, not here. */
    public CudaProvider() {}

    @Override public BackendInfo info() { return INFO; }

    @Override public Probe probe() {
        try {
            String why = CudaDriver.load();
            if (why != null) return Probe.unavailable(INFO, why);
            int rc = cuInit(0);
            if (rc != CUresult.CUDA_SUCCESS) {
                int[] v = {0};
                String driver = cuDriverGetVersion(v) == CUresult.CUDA_SUCCESS && v[0] > 0
                        ? " (driver for CUDA " + CudaFloor.format(v[0]) + ")" : "";
                return Probe.unavailable(INFO, "cuInit failed: " + CudaDriver.name(rc) + driver);
            }
            int[] count = {0};
            rc = cuDeviceGetCount(count);
            if (rc != CUresult.CUDA_SUCCESS) return Probe.unavailable(INFO, "cuDeviceGetCount failed: " + CudaDriver.name(rc));
            if (count[0] == 0) return Probe.unavailable(INFO, "no CUDA device (cuDeviceGetCount returned 0)");
            List<Device> devices = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) devices.add(describe(i));
            return Probe.available(INFO, devices);
        } catch (Throwable t) { // never let discovery throw, whatever the binding does
            return Probe.unavailable(INFO, "CUDA discovery failed: " + t);
        }
    }

    /** Reads one device's properties. */
    static Device describe(int index) {
        CUdevice dev = new CUdevice();
        CudaDriver.check(cuDeviceGet(dev, index), "cuDeviceGet(" + index + ")");
        byte[] nameBytes = new byte[256];
        CudaDriver.check(cuDeviceGetName(nameBytes, nameBytes.length, dev), "cuDeviceGetName");
        int len = 0;
        while (len < nameBytes.length && nameBytes[len] != 0) len++;
        String name = new String(nameBytes, 0, len, java.nio.charset.StandardCharsets.UTF_8).trim();
        long[] mem = {0};
        CudaDriver.check(cuDeviceTotalMem(mem, dev), "cuDeviceTotalMem");
        int major = attr(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attr(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        int sms = attr(dev, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        int maxThreads = attr(dev, CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
        int shared = attr(dev, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK);
        int sharedOptin = attr(dev, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
        int clockKHz = attr(dev, CU_DEVICE_ATTRIBUTE_CLOCK_RATE);
        int memClockKHz = attr(dev, CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
        int busWidth = attr(dev, CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
        int l2 = attr(dev, CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE);
        int warp = attr(dev, CU_DEVICE_ATTRIBUTE_WARP_SIZE);
        int ecc = attr(dev, CU_DEVICE_ATTRIBUTE_ECC_ENABLED);
        int integrated = attr(dev, CU_DEVICE_ATTRIBUTE_INTEGRATED);
        int[] driver = {0};
        cuDriverGetVersion(driver);
        String[] pci = {null};
        cuDeviceGetPCIBusId(pci, 64, dev);

        Device.Builder b = Device.builder(INFO, index, name, DeviceType.GPU)
                .vendor("NVIDIA")
                .computeUnits(sms)
                .globalMemory(mem[0])
                .localMemory(shared)
                .maxAllocation(mem[0])
                .maxWorkGroupSize(maxThreads)
                .fp64(true)
                .property("compute capability", major + "." + minor)
                .property("multiprocessors", sms)
                .property("memory", Device.formatBytes(mem[0]))
                .property("clock", clockKHz / 1000 + " MHz")
                .property("memory clock", memClockKHz / 1000 + " MHz")
                .property("memory bus", busWidth + "-bit")
                .property("L2 cache", Device.formatBytes(l2))
                .property("max threads per block", maxThreads)
                .property("shared memory per block", Device.formatBytes(shared))
                .property("shared memory per block (opt-in)", Device.formatBytes(sharedOptin))
                .property("warp size", warp)
                .property("ECC", ecc != 0 ? "on" : "off")
                .property("integrated", integrated != 0);
        if (pci[0] != null) b.property("PCI bus", pci[0].trim());
        if (driver[0] > 0) b.property("driver CUDA version", CudaFloor.format(driver[0]) + " (cuDriverGetVersion " + driver[0] + ")");
        b.property("gpu4j kernels", CudaFloor.get().kernelsNote(driver[0], major, minor));
        return b.build();
    }

    static int attr(CUdevice dev, int attribute) {
        int[] v = {0};
        CudaDriver.check(cuDeviceGetAttribute(v, attribute, dev), "cuDeviceGetAttribute(" + attribute + ")");
        return v[0];
    }

    @Override public BackendAccelerator open(Device device) {
        String why = CudaDriver.load();
        if (why != null) throw new BackendUnavailableException("cannot open " + device.id() + ": " + why);
        return new CudaAccelerator(device);
    }
}
