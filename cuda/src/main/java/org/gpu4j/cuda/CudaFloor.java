package org.gpu4j.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The documented driver floor of gpu4j's shipped kernels, read from the kernels jar's
 * {@code org/gpu4j/kernels/cuda-floor.properties} (the file the kernels build compiles to and its tests check):
 * PTX ISA 8.0 (CUDA 12.0, R525 drivers and newer JIT it) and SASS fatbins for sm_75/80/86/89/90 built by nvcc 13
 * (read without JIT by CUDA 13 drivers, R580+).
 */
final class CudaFloor {
    final String ptxIsa;
    final int driverCuda;       // e.g. 12000
    final String driverBranch;  // R525
    final int sassDriverCuda;   // 13000
    final String sassDriverBranch;
    final String sassArchs;

    private static final CudaFloor INSTANCE = load();

    private CudaFloor(Properties p) {
        ptxIsa = p.getProperty("ptx.isa", "8.0");
        driverCuda = version(p.getProperty("driver.cuda", "12.0"));
        driverBranch = p.getProperty("driver.branch", "R525");
        sassDriverCuda = version(p.getProperty("sass.driver.cuda", "13.0"));
        sassDriverBranch = p.getProperty("sass.driver.branch", "R580");
        sassArchs = p.getProperty("sass.archs", "75 80 86 89 90").trim();
    }

    static CudaFloor get() { return INSTANCE; }

    private static CudaFloor load() {
        Properties p = new Properties();
        try (InputStream in = CudaFloor.class.getClassLoader().getResourceAsStream("org/gpu4j/kernels/cuda-floor.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // the defaults above are the documented floor
        }
        return new CudaFloor(p);
    }

    /** 12.0 → 12000, as cuDriverGetVersion reports. */
    static int version(String v) {
        String[] s = v.trim().split("\\.");
        return Integer.parseInt(s[0]) * 1000 + (s.length > 1 ? Integer.parseInt(s[1]) * 10 : 0);
    }

    static String format(int driverVersion) {
        return driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
    }

    /** Whether the device's architecture has SASS in the shipped fatbins (same major, minor at least the cubin's). */
    boolean hasSass(int major, int minor) {
        for (String a : sassArchs.split("\\s+")) {
            int cc = Integer.parseInt(a);
            if (cc / 10 == major && cc % 10 <= minor) return true;
        }
        return false;
    }

    /**
     * How gpu4j's built-in kernels load on a device of compute capability {@code major.minor} under a driver of
     * CUDA version {@code driver} (cuDriverGetVersion), or what is needed when they cannot.
     */
    String kernelsNote(int driver, int major, int minor) {
        if (driver <= 0) return "unknown (cuDriverGetVersion failed)";
        if (major * 10 + minor < 75) {
            return "cannot load: compute capability " + major + "." + minor + " is older than Turing (7.5), the oldest"
                    + " architecture gpu4j's kernels (and nvcc 13) support";
        }
        if (driver >= sassDriverCuda && hasSass(major, minor)) return "SASS for this architecture, loaded without JIT";
        if (driver >= driverCuda) {
            return "PTX ISA " + ptxIsa + ", compiled by the driver (JIT, cached by the driver after the first use)";
        }
        return "cannot load: this driver supports CUDA " + format(driver) + "; gpu4j's kernels (PTX ISA " + ptxIsa
                + ") need a driver for CUDA " + format(driverCuda) + " or newer (" + driverBranch + "+): update the NVIDIA"
                + " driver";
    }
}
