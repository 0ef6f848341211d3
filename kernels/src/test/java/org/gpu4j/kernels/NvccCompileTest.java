package org.gpu4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every .cu kernel file compiles with nvcc to machine code for sm_75 (Turing), sm_80 (Ampere) and sm_90 (Hopper)
 * with warnings treated as errors. One nvcc call per file builds a fatbin holding the three cubins, and the test
 * checks the three are there. Skips where nvcc is absent, unless GPU4J_REQUIRE names {@code nvcc}.
 */
class NvccCompileTest {
    static final String[] ARCHS = {"75", "80", "90"};

    @TempDir Path tmp;

    @Test void everyCuFileCompilesForSm75Sm80Sm90WithoutWarnings() throws Exception {
        Path nvcc = Nvcc.find();
        if (nvcc == null) {
            String why = "nvcc not found at $CUDA_HOME/bin, /usr/local/cuda/bin or on the PATH";
            if (Nvcc.required("nvcc")) fail(why + ", and GPU4J_REQUIRE names nvcc");
            Assumptions.abort(why);
        }
        List<Path> files = Nvcc.cuFiles();
        assertFalse(files.isEmpty(), "no .cu files in " + Nvcc.SOURCES.toAbsolutePath());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> failures = new ArrayList<>();
        int compiled = 0;
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Path f : files) results.add(pool.submit(() -> compile(nvcc, f)));
            for (int i = 0; i < files.size(); i++) {
                String err = results.get(i).get(10, TimeUnit.MINUTES);
                if (err == null) compiled++;
                else failures.add(files.get(i).getFileName() + ":\n" + err);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("[NvccCompileTest] compiled " + compiled + " of " + files.size() + " .cu file(s) x "
                + ARCHS.length + " archs (sm_75, sm_80, sm_90) = " + compiled * ARCHS.length + " cubins, -Werror all-warnings, with " + nvcc);
        if (!failures.isEmpty()) fail(failures.size() + " .cu file(s) failed:\n" + String.join("\n", failures));
        assertEquals(files.size(), compiled);
    }

    /** Compiles one file; null on success, else nvcc's output. */
    private String compile(Path nvcc, Path cu) throws Exception {
        String name = cu.getFileName().toString().replace(".cu", "");
        Path out = tmp.resolve(name + ".fatbin");
        List<String> cmd = new ArrayList<>(List.of(nvcc.toString(), "-fatbin", "-Werror", "all-warnings"));
        for (String a : ARCHS) {
            cmd.add("-gencode");
            cmd.add("arch=compute_" + a + ",code=sm_" + a);
        }
        cmd.addAll(List.of("-o", out.toString(), cu.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // the JVM's signal-chaining library (LD_PRELOAD, for PoCL) is for JVMs: in nvcc it prints a warning per signal()
        String preload = pb.environment().getOrDefault("LD_PRELOAD", "");
        if (preload.contains("libjsig")) pb.environment().remove("LD_PRELOAD");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "nvcc timed out\n" + log;
        }
        if (p.exitValue() != 0) return "nvcc exit " + p.exitValue() + "\n" + log;
        if (!log.isBlank()) return "nvcc printed output (warnings?)\n" + log;
        int elfs = countElfImages(Files.readAllBytes(out));
        if (elfs != ARCHS.length) return "fatbin holds " + elfs + " ELF images, expected " + ARCHS.length;
        return null;
    }

    /** Counts cubins ({@code \x7fELF} headers) in a fatbin. */
    static int countElfImages(byte[] b) {
        int n = 0;
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == 0x7f && b[i + 1] == 'E' && b[i + 2] == 'L' && b[i + 3] == 'F') n++;
        }
        return n;
    }

    /** The build step shipped a PTX beside each .cu, with an entry for each extern "C" __global__ kernel. */
    @Test void buildShipsPtxForEveryCuFile() throws Exception {
        Path nvcc = Nvcc.find();
        if (nvcc == null) {
            String why = "nvcc not found, so the build ships no PTX";
            if (Nvcc.required("nvcc")) fail(why + ", and GPU4J_REQUIRE names nvcc");
            Assumptions.abort(why);
        }
        Assumptions.assumeFalse(Boolean.getBoolean("gpu4j.ptx.skip"), "PTX generation skipped with -Dgpu4j.ptx.skip");
        Pattern kernel = Pattern.compile("__global__\\s+void\\s+([A-Za-z_]\\w*)\\s*\\(");
        int checked = 0;
        for (Path cu : Nvcc.cuFiles()) {
            String name = cu.getFileName().toString().replace(".cu", "");
            String res = "org/gpu4j/kernels/" + name + ".ptx";
            var in = getClass().getClassLoader().getResourceAsStream(res);
            if (in == null) fail(res + " is not on the classpath: the build did not compile " + cu);
            String ptx;
            try (in) { ptx = new String(in.readAllBytes(), StandardCharsets.UTF_8); }
            assertTrue(ptx.contains(".target sm_75"), res + " does not target sm_75 (compute_75)");
            Matcher m = kernel.matcher(Files.readString(cu));
            while (m.find()) {
                assertTrue(ptx.contains(".entry " + m.group(1) + "("), res + " has no entry " + m.group(1));
                checked++;
            }
        }
        System.out.println("[NvccCompileTest] shipped PTX has all " + checked + " kernel entry point(s)");
        assertTrue(checked > 0, "no __global__ kernels found in the .cu files");
    }
}
