package org.gpu4j.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code .cu} compiles the way NVRTC sees it. NVRTC includes no host header: none of {@code <math.h>}'s
 * {@code INFINITY}, {@code NAN}, {@code HUGE_VAL}..., none of {@code <float.h>}/{@code <limits.h>}'s constants,
 * no {@code #include <...>} of host headers. nvcc, by contrast, force-includes {@code cuda_runtime.h}, which pulls
 * those in. nvcc reproduces NVRTC's view with one more forced include, {@value #HEADER_NAME}, that undefines them
 * after {@code cuda_runtime.h} (nvcc puts the user's {@code -include} after its own): a kernel that uses them then
 * fails with "identifier "INFINITY" is undefined" here, as it would under NVRTC. A text scan adds what the
 * preprocessor cannot show (host {@code #include}s). ({@code -D__CUDACC_RTC__} does not work: cuda_runtime.h then
 * expects NVRTC's own built-in headers.)
 */
class NvrtcCompatTest {
    static final String HEADER_NAME = "nvrtc-view.h";
    /** Host-header macros NVRTC does not define. */
    static final List<String> HOST_MACROS = List.of("INFINITY", "NAN", "HUGE_VAL", "HUGE_VALF", "HUGE_VALL", "FP_NAN",
            "FP_INFINITE", "FP_ZERO", "FP_NORMAL", "FP_SUBNORMAL", "M_PI", "M_E", "M_SQRT2", "M_LN2", "FLT_MAX", "FLT_MIN",
            "FLT_EPSILON", "DBL_MAX", "DBL_MIN", "DBL_EPSILON", "INT_MAX", "INT_MIN", "UINT_MAX", "LLONG_MAX", "LLONG_MIN",
            "ULLONG_MAX", "LONG_MAX", "LONG_MIN", "CHAR_BIT", "SIZE_MAX");
    private static final Pattern HOST_INCLUDE = Pattern.compile("(?m)^\\s*#\\s*include\\s*<([^>]+)>");

    @TempDir Path tmp;

    static String header() {
        StringBuilder s = new StringBuilder("/* NVRTC's view: no host-header macros (gpu4j NvrtcCompatTest) */\n");
        for (String m : HOST_MACROS) s.append("#undef ").append(m).append('\n');
        return s.toString();
    }

    /** Host headers a .cu includes ({@code #include <...>}); NVRTC has none of them. */
    static List<String> hostIncludes(String cu) {
        List<String> found = new ArrayList<>();
        Matcher m = HOST_INCLUDE.matcher(cu);
        while (m.find()) found.add(m.group(1));
        return found;
    }

    @Test void noCuFileIncludesAHostHeader() throws Exception {
        assertTrue(hostIncludes("#include <math.h>\nint x;\n  # include <cstdio>\n").equals(List.of("math.h", "cstdio")));
        List<Path> files = Nvcc.cuFiles();
        assertFalse(files.isEmpty());
        List<String> bad = new ArrayList<>();
        for (Path f : files) {
            List<String> inc = hostIncludes(Files.readString(f, StandardCharsets.UTF_8));
            if (!inc.isEmpty()) bad.add(f.getFileName() + " includes host header(s) " + inc + ", which NVRTC does not have");
        }
        if (!bad.isEmpty()) fail(String.join("\n", bad));
    }

    @Test void everyCuFileCompilesWithoutHostMacros() throws Exception {
        Path nvcc = Nvcc.find();
        if (nvcc == null) {
            String why = "nvcc not found at $CUDA_HOME/bin, /usr/local/cuda/bin or on the PATH";
            if (Nvcc.required("nvcc")) fail(why + ", and GPU4J_REQUIRE names nvcc");
            Assumptions.abort(why);
        }
        Path header = Files.writeString(tmp.resolve(HEADER_NAME), header());
        // the check itself: a kernel using INFINITY must fail in this mode
        Path probe = Files.writeString(tmp.resolve("probe.cu"),
                "extern \"C\" __global__ void probe(float *x) { x[0] = INFINITY; }\n");
        String probeLog = compile(nvcc, header, probe);
        assertTrue(probeLog != null && probeLog.contains("INFINITY"), "the NVRTC view still defines INFINITY: " + probeLog);

        List<String> failures = new ArrayList<>();
        List<Path> files = Nvcc.cuFiles();
        for (Path f : files) {
            String err = compile(nvcc, header, f);
            if (err != null) failures.add(f.getFileName() + " does not compile without host headers (NVRTC):\n" + err);
        }
        System.out.println("[NvrtcCompatTest] " + (files.size() - failures.size()) + " of " + files.size()
                + " .cu file(s) compile without host-header macros");
        if (!failures.isEmpty()) fail(String.join("\n", failures));
    }

    /** nvcc -ptx in the NVRTC view; null on success, else the log. */
    private String compile(Path nvcc, Path header, Path cu) throws Exception {
        Path out = tmp.resolve(cu.getFileName() + ".ptx");
        ProcessBuilder pb = new ProcessBuilder(nvcc.toString(), "-ptx", "-arch=compute_75", "-include", header.toString(),
                "-o", out.toString(), cu.toString()).redirectErrorStream(true);
        pb.environment().remove("LD_PRELOAD");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "nvcc timed out";
        }
        return p.exitValue() == 0 ? null : log;
    }
}
