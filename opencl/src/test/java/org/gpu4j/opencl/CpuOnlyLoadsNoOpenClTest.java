package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM that opens only the Java CPU backend, with this module (JOCL, and PoCL installed) on its class path, never
 * maps an OpenCL library: selecting {@code cpu} — by argument, {@code GPU4J_DEVICE} or {@code -Dgpu4j.device} —
 * probes that backend alone. The child runs without surefire's {@code LD_PRELOAD} of libjsig, as an application
 * that only wants the Java backend would.
 */
class CpuOnlyLoadsNoOpenClTest {
    /** Native libraries of the OpenCL stack: the ICD loader, PoCL, and JOCL's own JNI library. */
    static final Pattern OPENCL_NATIVE = Pattern.compile("libOpenCL[^/]*\\.so|libpocl[^/]*\\.so|(?i:jocl)[^/]*\\.so");

    /** Run in the child JVM: opens cpu as {@code args[0]} says, adds two vectors, prints the OpenCL libraries mapped. */
    public static void main(String[] args) throws IOException {
        try (Accelerator acc = args[0].equals("selector") ? Gpu4j.open("cpu") : Gpu4j.open();
             FloatArray x = acc.upload(new float[] {1, 2, 3});
             FloatArray y = acc.upload(new float[] {10, 20, 30})) {
            acc.vectors().axpy(2f, x, y);
            float[] r = y.toArray();
            System.out.println("opened " + acc.device().id() + " axpy " + (r[0] == 12f && r[1] == 24f && r[2] == 36f));
        }
        for (String lib : openClNatives()) System.out.println("mapped " + lib);
        System.out.println("done");
    }

    /** The OpenCL stack's native libraries mapped in this process, from {@code /proc/self/maps}. */
    static List<String> openClNatives() throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            if (slash < 0) continue;
            String path = line.substring(slash);
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (OPENCL_NATIVE.matcher(file).find() && !found.contains(path)) found.add(path);
        }
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"selector", "env", "property"})
    void openingCpuMapsNoOpenClLibrary(String how, @TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        if (how.equals("property")) cmd.add("-Dgpu4j.device=cpu");
        cmd.add(CpuOnlyLoadsNoOpenClTest.class.getName());
        cmd.add(how);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LD_PRELOAD");         // a plain JVM: no libjsig, as surefire's JVMs have
        pb.environment().remove("GPU4J_DEVICE");
        if (how.equals("env")) pb.environment().put("GPU4J_DEVICE", "cpu");
        Path log = dir.resolve("child.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process proc = pb.start();
        if (!proc.waitFor(120, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            fail("child JVM did not finish in 120 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.contains("opened cpu:0 axpy true"), out);
        assertTrue(lines.contains("done"), out);
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("mapped ")),
                "opening cpu (" + how + ") mapped OpenCL natives:\n" + out);
    }

    /** The detector itself: in this JVM, which probed OpenCL, it does find the libraries. */
    @Test void theDetectorSeesOpenClWhereItWasLoaded() throws IOException {
        OpenClTests.probe();
        List<String> mapped = openClNatives();
        assertTrue(mapped.stream().anyMatch(p -> p.contains("libOpenCL")), () -> "libOpenCL not seen in " + mapped);
        assertTrue(mapped.stream().anyMatch(p -> p.toLowerCase(java.util.Locale.ROOT).contains("jocl")),
                () -> "JOCL's library not seen in " + mapped);
    }
}
