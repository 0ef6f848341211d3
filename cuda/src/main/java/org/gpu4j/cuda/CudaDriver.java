package org.gpu4j.cuda;

import static jcuda.driver.CUresult.CUDA_SUCCESS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.gpu4j.Gpu4jException;
import org.gpu4j.LaunchException;

/**
 * Loads JCuda's driver binding once per JVM, and only where the NVIDIA driver library exists.
 *
 * <p>JCuda's native library links {@code libcuda.so.1}; without it the first touch of {@link JCudaDriver} throws an
 * {@link UnsatisfiedLinkError} from its static initializer, after which the class is unusable. So the library is
 * looked for first (the usual folders, {@code LD_LIBRARY_PATH}, {@code /etc/ld.so.cache}); only when found is the
 * class touched, inside a catch of every {@link Throwable}, and a failure is remembered so it is never touched again.
 */
final class CudaDriver {
    static final String NO_DRIVER = "no NVIDIA driver (libcuda.so.1 not found)";

    /** Folders where Linux distributions, the CUDA toolkit, NVIDIA's container runtime and WSL put libcuda.so.1. */
    static final List<String> LIBRARY_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu",
            "/lib64", "/usr/local/cuda/lib64", "/usr/local/cuda/compat", "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib",
            "/usr/lib/wsl/lib", "/run/opengl-driver/lib");

    private static final Object LOCK = new Object();
    private static volatile boolean loaded;
    private static volatile String failure;
    private static volatile boolean touched;

    private CudaDriver() {}

    /** Loads the binding if it can; returns null when loaded, else the reason it cannot be. Never throws. */
    static String load() {
        if (loaded) return null;
        synchronized (LOCK) {
            if (loaded) return null;
            if (failure != null) return failure;
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (os.contains("mac")) {
                failure = "CUDA is not available on macOS";
                return failure;
            }
            if (!os.contains("win") && findLibcuda(System.getenv(), Path.of("/etc/ld.so.cache")) == null) {
                failure = NO_DRIVER;
                return failure;
            }
            touched = true;
            try {
                JCudaDriver.setExceptionsEnabled(false);
                loaded = true;
                return null;
            } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError...
                failure = "JCuda's driver library did not load (" + brief(t) + ")";
                return failure;
            }
        }
    }

    /** Whether {@link JCudaDriver} was ever touched in this JVM (tests check it is not where the driver is missing). */
    static boolean touched() { return touched; }

    /**
     * Where libcuda.so.1 is, or null: the usual folders, every {@code LD_LIBRARY_PATH} entry, and the dynamic
     * linker's cache. The toolkit's {@code stubs} folder does not count (its library is a link-time stub).
     */
    static String findLibcuda(Map<String, String> env, Path ldCache) {
        Set<String> dirs = new LinkedHashSet<>();
        String ld = env.get("LD_LIBRARY_PATH");
        if (ld != null) for (String d : ld.split(":")) if (!d.isBlank()) dirs.add(d);
        dirs.addAll(LIBRARY_DIRS);
        for (String d : dirs) {
            if (d.contains("/stubs")) continue;
            Path p = Path.of(d, "libcuda.so.1");
            if (Files.exists(p)) return p.toString();
        }
        try {
            if (ldCache != null && Files.isReadable(ldCache)) {
                String cache = new String(Files.readAllBytes(ldCache), StandardCharsets.ISO_8859_1);
                int i = cache.indexOf("/libcuda.so.1");
                if (i >= 0) {
                    int s = cache.lastIndexOf('\0', i) + 1;
                    String path = cache.substring(s, i + "/libcuda.so.1".length());
                    if (!path.contains("/stubs")) return path;
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable cache only means we did not find it there
        }
        return null;
    }

    /**
     * One line out of JCuda's long library-loading error: the dynamic linker's complaint where there is one
     * ({@code libnvrtc.so.12: cannot open shared object file: No such file or directory}), else the first line.
     */
    static String brief(Throwable t) {
        String msg = t.getMessage() == null ? "" : t.getMessage();
        for (String line : msg.split("\\R")) {
            int i = line.indexOf("cannot open shared object file");
            if (i >= 0) {
                int so = line.lastIndexOf(".so: ", i);
                return so >= 0 ? line.substring(so + 5).trim() : line.trim();
            }
        }
        String first = msg.lines().findFirst().orElse("").trim();
        return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }

    /** A CUresult's name ({@code CUDA_ERROR_OUT_OF_MEMORY}), or {@code CUresult <n>} for an unknown one. */
    static String name(int rc) {
        String s = CUresult.stringFor(rc);
        return s == null || s.startsWith("INVALID") ? "CUresult " + rc : s;
    }

    /**
     * The routine a call description names: its first driver-API identifier ({@code cuMemAlloc} of
     * "cuMemAlloc(64 bytes) on cuda:0"), else the description itself ("waiting for a copy on cuda:0").
     */
    static String routine(String what) {
        java.util.regex.Matcher m = ROUTINE.matcher(what);
        return m.find() ? m.group() : what;
    }

    private static final java.util.regex.Pattern ROUTINE = java.util.regex.Pattern.compile("\\bcu[A-Z][A-Za-z0-9_]*");

    /**
     * Throws a {@link Gpu4jException} naming the call and the status, unless {@code rc} is CUDA_SUCCESS; the
     * exception's {@link Gpu4jException#routine()}, {@link Gpu4jException#status()} and
     * {@link Gpu4jException#statusName()} carry them.
     */
    static void check(int rc, String what) {
        if (rc == CUDA_SUCCESS) return;
        if (ContextHealth.sticky(rc)) lost(rc, what);
        throw new Gpu4jException(what + " failed: " + name(rc), routine(what), rc, name(rc));
    }

    /** As {@link #check} but a {@link LaunchException}: for launches and synchronization, where device faults surface. */
    static void checkLaunch(int rc, String what) {
        if (rc == CUDA_SUCCESS) return;
        if (ContextHealth.sticky(rc)) lost(rc, what);
        throw new LaunchException(what + " failed: " + name(rc) + hint(rc), routine(what), rc, name(rc));
    }

    /**
     * A sticky status: marks the context of the accelerator this thread entered as lost (for every accelerator
     * sharing it) and throws the exception that says so.
     */
    private static void lost(int rc, String what) {
        ContextHealth h = ContextHealth.current();
        if (h == null) return;
        h.markLost(name(rc), what);
        throw new LaunchException(what + " failed: " + name(rc) + "; " + h.message(name(rc) + " in " + what), routine(what), rc, name(rc));
    }

    private static String hint(int rc) {
        return switch (rc) {
            case CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, CUresult.CUDA_ERROR_LAUNCH_FAILED, CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION,
                 CUresult.CUDA_ERROR_MISALIGNED_ADDRESS, CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR ->
                    " (a kernel enqueued earlier faulted, e.g. an out-of-bounds access; the CUDA context is unusable"
                            + " from now on: close the accelerator)";
            case CUresult.CUDA_ERROR_LAUNCH_TIMEOUT -> " (a kernel ran longer than the display watchdog allows)";
            default -> "";
        };
    }
}
