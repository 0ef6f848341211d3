package org.gpu4j.opencl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.gpu4j.BackendUnavailableException;
import org.gpu4j.Device;
import org.gpu4j.DeviceType;
import org.gpu4j.Dialect;
import org.gpu4j.spi.BackendAccelerator;
import org.gpu4j.spi.BackendInfo;
import org.gpu4j.spi.BackendProvider;
import org.gpu4j.spi.Probe;
import org.jocl.CL;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL backend ({@code opencl}), over JOCL: every device of every installed OpenCL platform, numbered
 * {@code opencl:0..n-1} across platforms in discovery order.
 *
 * <p>Discovery never throws. Without an ICD loader ({@code libOpenCL.so.1}) the backend reports
 * {@code "no OpenCL ICD loader (libOpenCL.so.1)"}; with a loader but no installed driver
 * {@code "no OpenCL platform found (CL_PLATFORM_NOT_FOUND_KHR)"}; platforms without devices are named in the reason,
 * and for PoCL, which finds no device when it cannot create or write its kernel cache directory, that directory and why.
 * Each {@link Device} carries the platform and device facts {@code clinfo} would show in its
 * {@linkplain Device#properties() properties}.
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open("opencl")) {      // the best OpenCL device
 *     acc.device().properties().forEach((k, v) -> System.out.println(k + ": " + v));
 * }
 * }
 *
 * <p>Compiled programs are cached in memory and on disk (see {@link #cacheStats()} and {@link OpenClAccelerator}).
 */
public final class OpenClProvider implements BackendProvider {
    /** The reason reported when JOCL cannot load the OpenCL ICD loader. */
    static final String NO_LOADER = "no OpenCL ICD loader (libOpenCL.so.1)";

    private final List<DeviceHandle> handles = new ArrayList<>();

    /** A device found by {@link #probe()}, with its native ids. */
    record DeviceHandle(Device device, cl_platform_id platform, cl_device_id id) {}

    /** Touches no native code: JOCL's library is loaded by the first {@link #probe()}, not here. */
    public OpenClProvider() {}

    /** The backend id used in selectors ({@code opencl}, {@code opencl:0}, {@code opencl:gpu}). */
    public static final String ID = "opencl";

    /** The OpenCL backend's self-description: builds OpenCL C; preferred after CUDA, before the Java CPU backend. */
    public static final BackendInfo INFO = new BackendInfo(ID, "OpenCL", 200, List.of(Dialect.OPENCL), false);

    @Override public BackendInfo info() { return INFO; }

    @Override public synchronized Probe probe() {
        try {
            return discover();
        } catch (LinkageError e) {
            // UnsatisfiedLinkError from JOCL's native library (libOpenCL.so.1 missing), or NoClassDefFoundError
            // / ExceptionInInitializerError from org.jocl.CL's static initializer after such a failure.
            return Probe.unavailable(INFO, NO_LOADER + ": " + e);
        } catch (Throwable t) {
            return Probe.unavailable(INFO, "OpenCL discovery failed: " + t);
        }
    }

    private Probe discover() {
        handles.clear();
        int[] count = new int[1];
        int status = CL.clGetPlatformIDs(0, null, count);
        if (status == -1001 /* CL_PLATFORM_NOT_FOUND_KHR */) {
            return Probe.unavailable(INFO, "no OpenCL platform found (CL_PLATFORM_NOT_FOUND_KHR)");
        }
        if (status != CL.CL_SUCCESS) {
            return Probe.unavailable(INFO, "no OpenCL platform found (clGetPlatformIDs: " + Cl.name(status) + ")");
        }
        if (count[0] == 0) return Probe.unavailable(INFO, "no OpenCL platform found");
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        Cl.check(CL.clGetPlatformIDs(platforms.length, platforms, null), "clGetPlatformIDs");
        List<Device> devices = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            String pname = Cl.platformString(p, CL.CL_PLATFORM_NAME);
            // PoCL is loaded (with LLVM and its signal handlers) from here on, whichever backend is then used
            SignalChaining.warnIfNeeded(pname);
            int[] n = new int[1];
            int s = CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, 0, null, n);
            if (s == CL.CL_DEVICE_NOT_FOUND || (s == CL.CL_SUCCESS && n[0] == 0)) {
                String cache = isPocl(pname) ? poclCacheProblem(System.getenv(), System.getProperty("user.home")) : null;
                empty.add("platform '" + pname + "' has no device"
                        + (cache == null ? "" : ": PoCL reports none when it cannot use its kernel cache, and " + cache
                        + "; set POCL_CACHE_DIR to a writable directory"));
                continue;
            }
            if (s != CL.CL_SUCCESS) {
                empty.add("platform '" + pname + "': clGetDeviceIDs failed: " + Cl.name(s));
                continue;
            }
            cl_device_id[] ids = new cl_device_id[n[0]];
            Cl.check(CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, ids.length, ids, null), "clGetDeviceIDs");
            for (cl_device_id d : ids) {
                Device dev = describe(devices.size(), p, d);
                devices.add(dev);
                handles.add(new DeviceHandle(dev, p, d));
            }
        }
        if (devices.isEmpty()) {
            return Probe.unavailable(INFO, "no OpenCL device: " + String.join("; ", empty));
        }
        return Probe.available(INFO, devices);
    }

    static boolean isPocl(String platformName) {
        return platformName != null && (platformName.contains("Portable Computing Language") || platformName.contains("PoCL"));
    }

    /**
     * Why PoCL cannot create or write its kernel cache directory, or null when it can: {@code POCL_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/pocl/kcache}, else {@code ~/.cache/pocl/kcache} (PoCL's own order). PoCL then finds no
     * device at all, which alone would read as a missing driver.
     */
    static String poclCacheProblem(java.util.Map<String, String> env, String userHome) {
        java.nio.file.Path dir;
        String how;
        String own = env.get("POCL_CACHE_DIR");
        String xdg = env.get("XDG_CACHE_HOME");
        String home = env.getOrDefault("HOME", userHome);
        try {
            if (own != null && !own.isEmpty()) {
                dir = java.nio.file.Path.of(own);
                how = "POCL_CACHE_DIR";
            } else if (xdg != null && !xdg.isEmpty()) {
                dir = java.nio.file.Path.of(xdg, "pocl", "kcache");
                how = "under XDG_CACHE_HOME";
            } else if (home != null && !home.isEmpty()) {
                dir = java.nio.file.Path.of(home, ".cache", "pocl", "kcache");
                how = "under the home directory";
            } else {
                dir = java.nio.file.Path.of("/tmp", "pocl", "kcache");
                how = "without HOME";
            }
        } catch (java.nio.file.InvalidPathException e) {
            return "its cache directory is not a valid path (" + e.getMessage() + ")";
        }
        java.nio.file.Path existing = dir;
        while (existing != null && !java.nio.file.Files.exists(existing)) existing = existing.getParent();
        String where = "its cache directory " + dir + " (" + how + ")";
        if (existing == null) return null;
        if (!java.nio.file.Files.isDirectory(existing)) {
            return where + " cannot be created: " + existing + " is not a directory";
        }
        if (!java.nio.file.Files.isWritable(existing) || !java.nio.file.Files.isExecutable(existing)) {
            return existing.equals(dir) ? where + " is not writable"
                    : where + " cannot be created: " + existing + " is not writable";
        }
        return null;
    }

    private static Device describe(int index, cl_platform_id p, cl_device_id d) {
        long t = Cl.deviceLong(d, CL.CL_DEVICE_TYPE);
        DeviceType type;
        if ((t & CL.CL_DEVICE_TYPE_GPU) != 0) type = DeviceType.GPU;
        else if ((t & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0) type = DeviceType.ACCELERATOR;
        else if ((t & CL.CL_DEVICE_TYPE_CPU) != 0) type = DeviceType.CPU;
        else type = DeviceType.OTHER;
        long fpConfig = Cl.deviceLong(d, CL.CL_DEVICE_DOUBLE_FP_CONFIG);
        String extensions = Cl.deviceString(d, CL.CL_DEVICE_EXTENSIONS);
        boolean fp64 = fpConfig > 0 || extensions.contains("cl_khr_fp64");
        long queueProps = Cl.deviceLong(d, CL.CL_DEVICE_QUEUE_PROPERTIES);
        long localType = Cl.deviceInt(d, CL.CL_DEVICE_LOCAL_MEM_TYPE);
        long[] itemSizes = Cl.deviceSizeTs(d, CL.CL_DEVICE_MAX_WORK_ITEM_SIZES);
        Device.Builder b = Device.builder(INFO, index, Cl.deviceString(d, CL.CL_DEVICE_NAME), type)
                .vendor(Cl.deviceString(d, CL.CL_DEVICE_VENDOR))
                .computeUnits(Cl.deviceInt(d, CL.CL_DEVICE_MAX_COMPUTE_UNITS))
                .globalMemory(Cl.deviceLong(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE))
                .localMemory(Cl.deviceLong(d, CL.CL_DEVICE_LOCAL_MEM_SIZE))
                .maxAllocation(Cl.deviceLong(d, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE))
                .maxWorkGroupSize(Cl.deviceSizeT(d, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE))
                .fp64(fp64);
        b.property("Platform name", Cl.platformString(p, CL.CL_PLATFORM_NAME))
                .property("Platform vendor", Cl.platformString(p, CL.CL_PLATFORM_VENDOR))
                .property("Platform version", Cl.platformString(p, CL.CL_PLATFORM_VERSION))
                .property("Platform profile", Cl.platformString(p, CL.CL_PLATFORM_PROFILE))
                .property("Device version", Cl.deviceString(d, CL.CL_DEVICE_VERSION))
                .property("OpenCL C version", Cl.deviceString(d, CL.CL_DEVICE_OPENCL_C_VERSION))
                .property("Driver version", Cl.deviceString(d, CL.CL_DRIVER_VERSION))
                .property("Device profile", Cl.deviceString(d, CL.CL_DEVICE_PROFILE))
                .property("Device type", type.name().toLowerCase(Locale.ROOT))
                .property("Max compute units", Cl.deviceInt(d, CL.CL_DEVICE_MAX_COMPUTE_UNITS))
                .property("Max clock frequency", Cl.deviceInt(d, CL.CL_DEVICE_MAX_CLOCK_FREQUENCY) + " MHz")
                .property("Global memory", bytes(Cl.deviceLong(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE)))
                .property("Global memory cache", bytes(Cl.deviceLong(d, CL.CL_DEVICE_GLOBAL_MEM_CACHE_SIZE)))
                .property("Global cache line", Cl.deviceInt(d, CL.CL_DEVICE_GLOBAL_MEM_CACHELINE_SIZE) + " B")
                .property("Max allocation", bytes(Cl.deviceLong(d, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE)))
                .property("Local memory", bytes(Cl.deviceLong(d, CL.CL_DEVICE_LOCAL_MEM_SIZE))
                        + (localType == CL.CL_LOCAL ? " (dedicated)" : localType == CL.CL_GLOBAL ? " (global)" : ""))
                .property("Constant memory", bytes(Cl.deviceLong(d, CL.CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE)))
                .property("Max work-group size", Cl.deviceSizeT(d, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE))
                .property("Max work-item sizes", Arrays.stream(itemSizes).mapToObj(Long::toString)
                        .collect(Collectors.joining(" x ")))
                .property("Base address alignment", Cl.deviceInt(d, CL.CL_DEVICE_MEM_BASE_ADDR_ALIGN) / 8 + " B")
                .property("Preferred vector width float", Cl.deviceInt(d, CL.CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT))
                .property("Double precision", fp64 ? "yes" : "no")
                .property("Profiling", (queueProps & CL.CL_QUEUE_PROFILING_ENABLE) != 0 ? "yes" : "no")
                .property("Out-of-order queue", (queueProps & CL.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE) != 0 ? "yes" : "no")
                .property("Profiling timer resolution", Cl.deviceSizeT(d, CL.CL_DEVICE_PROFILING_TIMER_RESOLUTION) + " ns")
                .property("Unified memory", Cl.deviceInt(d, CL.CL_DEVICE_HOST_UNIFIED_MEMORY) == 1 ? "yes" : "no")
                .property("Error correction", Cl.deviceInt(d, CL.CL_DEVICE_ERROR_CORRECTION_SUPPORT) == 1 ? "yes" : "no")
                .property("Extensions", extensions);
        return b.build();
    }

    private static String bytes(long v) { return v < 0 ? "?" : Device.formatBytes(v) + " (" + v + " B)"; }

    @Override public synchronized BackendAccelerator open(Device device) {
        for (DeviceHandle h : handles) {
            if (h.device().equals(device)) return new OpenClAccelerator(h);
        }
        throw new BackendUnavailableException("OpenCL device " + device.id() + " '" + device.name()
                + "' was not found by this provider's probe");
    }

    /** Counters of the compiled-program caches, for tests and benchmarks. */
    public static ProgramCacheStats cacheStats() { return ProgramCache.stats(); }
}
