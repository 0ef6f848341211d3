package org.gpu4j.cuda;

import org.gpu4j.spi.Subprocesses;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;
import org.gpu4j.KernelCompileException;
import org.gpu4j.KernelSource;

/**
 * Compiles CUDA C to PTX at run time, for sources that ship no PTX or are built with options. Tries, in order:
 * NVRTC (JCuda's binding; needs {@code libnvrtc.so.12}), then nvcc ({@code $CUDA_HOME/bin}, {@code /usr/local/cuda/bin},
 * the PATH) — also when NVRTC ran and failed (nvcc's error is then thrown, NVRTC's suppressed in it). A compile error becomes a {@link KernelCompileException} with the log and the line of the first error;
 * when neither compiler can run, the exception lists what was tried and why each failed.
 *
 * <p>Needs no GPU and no driver: the target is given as a compute capability. Results are cached per
 * (source text, options, target) for the life of the JVM.
 */
public final class CudaCompiler {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.cuda");
    private static final Object NVRTC_LOCK = new Object();
    private static volatile Boolean nvrtcLoaded;
    private static volatile String nvrtcFailure;
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private CudaCompiler() {}

    /** What compiled a source, and its PTX. */
    public record Result(String ptx, String compiler) {}

    /**
     * Compiles {@code cuText} to PTX for compute capability {@code major.minor} with NVRTC or else nvcc.
     *
     * @param tried   reasons gathered so far (e.g. why the shipped PTX did not load); appended to, and listed in the
     *                exception when no compiler can run
     * @param device  the device id, for messages
     * @throws KernelCompileException when the source does not compile, or no compiler is available
     */
    public static Result compile(String name, String cuText, String options, int major, int minor, String device,
                                 List<String> tried) {
        return compile(name, cuText, options, major, minor, device, tried, true, findNvcc());
    }

    /** As above, choosing whether NVRTC may be used and which nvcc (null: none) — for tests. */
    static Result compile(String name, String cuText, String options, int major, int minor, String device,
                          List<String> tried, boolean useNvrtc, Path nvcc) {
        String opts = options == null ? "" : options.trim();
        String arch = "compute_" + major + minor;
        String key = KernelSource.sha256(cuText) + "\u0000" + opts + "\u0000" + arch;
        String cached = CACHE.get(key);
        if (cached != null) return new Result(cached, "cache");

        Result r = null;
        KernelCompileException nvrtcError = null;
        if (useNvrtc) {
            String why = nvrtcUnavailable();
            if (why == null) {
                try {
                    r = compileNvrtc(name, cuText, opts, arch, device);
                } catch (KernelCompileException e) {
                    if (nvcc == null) throw e;
                    // NVRTC sees no host headers and takes fewer options than nvcc: let nvcc try before giving up
                    nvrtcError = e;
                    tried.add("NVRTC: " + e.getMessage().lines().findFirst().orElse(""));
                    LOG.log(System.Logger.Level.DEBUG, "gpu4j: NVRTC failed on " + name + ", trying nvcc: " + e.getMessage());
                }
            } else {
                tried.add("NVRTC: " + why);
            }
        } else {
            tried.add("NVRTC: not tried");
        }
        if (r == null) {
            if (nvcc == null) {
                tried.add("nvcc: not found at $CUDA_HOME/bin, /usr/local/cuda/bin or on the PATH");
            } else {
                try {
                    r = compileNvcc(nvcc, name, cuText, opts, arch, device);
                    if (nvrtcError != null) {
                        LOG.log(System.Logger.Level.WARNING, "gpu4j: " + name + " compiled with nvcc after NVRTC failed: "
                                + nvrtcError.getMessage().lines().findFirst().orElse(""));
                    }
                } catch (KernelCompileException e) {
                    if (nvrtcError != null) e.addSuppressed(nvrtcError);
                    throw e;
                }
            }
        }
        if (r == null) {
            StringBuilder log = new StringBuilder("tried:");
            for (String t : tried) log.append("\n  - ").append(t);
            throw new KernelCompileException("no way to build CUDA source (no usable PTX, NVRTC or nvcc)", name, opts,
                    device, log.toString(), 0, 0);
        }
        CACHE.put(key, r.ptx());
        return r;
    }

    /** Null when JCuda's NVRTC binding loads, else why not. Touches the binding at most once per JVM. */
    static String nvrtcUnavailable() {
        if (nvrtcLoaded != null) return nvrtcLoaded ? null : nvrtcFailure;
        synchronized (NVRTC_LOCK) {
            if (nvrtcLoaded == null) {
                try {
                    JNvrtc.setExceptionsEnabled(false);
                    nvrtcLoaded = true;
                } catch (Throwable t) { // UnsatisfiedLinkError when libnvrtc.so.12 is missing
                    nvrtcFailure = "JCuda's NVRTC library did not load (" + CudaDriver.brief(t) + ")";
                    nvrtcLoaded = false;
                }
            }
            return nvrtcLoaded ? null : nvrtcFailure;
        }
    }

    private static Result compileNvrtc(String name, String cuText, String opts, String arch, String device) {
        nvrtcProgram prog = new nvrtcProgram();
        int rc = JNvrtc.nvrtcCreateProgram(prog, cuText, fileName(name), 0, null, null);
        if (rc != nvrtcResult.NVRTC_SUCCESS) {
            throw new KernelCompileException("nvrtcCreateProgram failed: " + nvrtcResult.stringFor(rc), name, opts, device, "", 0, 0);
        }
        try {
            List<String> args = new ArrayList<>();
            args.add("--gpu-architecture=" + arch);
            args.addAll(splitOptions(opts));
            rc = JNvrtc.nvrtcCompileProgram(prog, args.size(), args.toArray(new String[0]));
            String[] log = {""};
            JNvrtc.nvrtcGetProgramLog(prog, log);
            String buildLog = log[0] == null ? "" : log[0];
            if (rc != nvrtcResult.NVRTC_SUCCESS) {
                int[] lc = KernelCompileException.parseLineColumn(buildLog);
                throw new KernelCompileException("CUDA compile failed (NVRTC, " + nvrtcResult.stringFor(rc) + ")", name,
                        opts, device, buildLog, lc[0], lc[1]);
            }
            String[] ptx = {null};
            rc = JNvrtc.nvrtcGetPTX(prog, ptx);
            if (rc != nvrtcResult.NVRTC_SUCCESS || ptx[0] == null) {
                throw new KernelCompileException("nvrtcGetPTX failed: " + nvrtcResult.stringFor(rc), name, opts, device, buildLog, 0, 0);
            }
            return new Result(ptx[0], "NVRTC");
        } finally {
            JNvrtc.nvrtcDestroyProgram(prog);
        }
    }

    /** Runs {@code nvcc -ptx -arch=<arch> <options>} on the text, in a fresh temporary folder. */
    static Result compileNvcc(Path nvcc, String name, String cuText, String opts, String arch, String device) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gpu4j-nvcc");
            String file = fileName(name);
            Path src = dir.resolve(file);
            Path out = dir.resolve(file.replace(".cu", ".ptx"));
            Files.writeString(src, cuText, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(nvcc.toString(), "-ptx", "-arch=" + arch));
            cmd.addAll(splitOptions(opts));
            cmd.addAll(List.of("-o", out.toString(), src.toString()));
            Process p = Subprocesses.withoutSignalChaining(new ProcessBuilder(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] outBytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new KernelCompileException("nvcc timed out", name, opts, device, "", 0, 0);
            }
            // Show paths relative to the temporary folder: "vector_add.cu(3): error: ..."
            String log = new String(outBytes, StandardCharsets.UTF_8).replace(dir + File.separator, "");
            if (p.exitValue() != 0 || !Files.exists(out)) {
                int[] lc = KernelCompileException.parseLineColumn(log);
                throw new KernelCompileException("CUDA compile failed (nvcc exit " + p.exitValue() + ")", name, opts,
                        device, log, lc[0], lc[1]);
            }
            if (!log.isBlank()) LOG.log(System.Logger.Level.DEBUG, "nvcc output for " + name + ":\n" + log);
            return new Result(Files.readString(out), "nvcc (" + nvcc + ")");
        } catch (IOException e) {
            throw new KernelCompileException("could not run nvcc (" + e.getMessage() + ")", name, opts, device, "", 0, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelCompileException("interrupted while nvcc ran", name, opts, device, "", 0, 0);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    /** nvcc at {@code $CUDA_HOME/bin}, {@code /usr/local/cuda/bin}, or on the PATH; null if none. */
    public static Path findNvcc() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getenv("CUDA_HOME");
        if (home != null && !home.isBlank()) candidates.add(Path.of(home, "bin", "nvcc"));
        candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
        String path = System.getenv("PATH");
        if (path != null) for (String d : path.split(File.pathSeparator)) if (!d.isEmpty()) candidates.add(Path.of(d, "nvcc"));
        for (Path c : candidates) if (Files.isRegularFile(c) && Files.isExecutable(c)) return c;
        return null;
    }

    static List<String> splitOptions(String opts) {
        return opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
    }

    private static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return (safe.isEmpty() ? "kernel" : safe) + ".cu";
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temporary folder is harmless
        }
    }
}
