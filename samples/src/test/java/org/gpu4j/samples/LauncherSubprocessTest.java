package org.gpu4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gpu4j.samples.SamplesTest.Result;
import org.junit.jupiter.api.Test;

/**
 * {@link Gpu4jCommand#main} in a JVM of its own, as {@code ./gpu4j} runs it: the exit status it gives the shell, the
 * environment variable GPU4J_DEVICE (which an in-process test cannot set), and a small heap, where the largest size a
 * sample accepts must run and one more must be refused.
 */
class LauncherSubprocessTest {
    static Result java(Map<String, String> env, String heap, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Gpu4jCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("GPU4J_DEVICE");
        pb.environment().putAll(env);
        Path err = java.nio.file.Files.createTempFile("gpu4j-err", ".txt");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "gpu4j " + String.join(" ", args) + " did not finish");
            return new Result(p.exitValue(), out, java.nio.file.Files.readString(err));
        } finally {
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    @Test void noCommandExitsTwoWithTheUsage() throws Exception {
        Result r = java(Map.of(), "128m");
        assertEquals(2, r.status(), r::describe);
        assertTrue(r.err().contains("Usage: gpu4j"), r::describe);
        assertEquals("", r.out(), r::describe);
    }

    @Test void selftestHonoursGpu4jDevice() throws Exception {
        Result r = java(Map.of("GPU4J_DEVICE", "nonsense"), "256m", "selftest", "--n", "17", "--m", "5");
        assertEquals(1, r.status(), r::describe);
        assertTrue(r.err().contains("GPU4J_DEVICE nonsense matches no device, so nothing was tested"), r::describe);
        assertFalse(r.out().contains("SELFTEST: OK") || r.err().contains("\tat "), r::describe);
    }

    @Test void theLargestSizeAcceptedRunsAndOneMoreIsRefused() throws Exception {
        Result refused = java(Map.of(), "96m", "vector-add", "--backend", "cpu", "--n", "2100000000");
        assertEquals(2, refused.status(), refused::describe);
        assertFalse(refused.err().contains("OutOfMemoryError"), refused::describe);
        long largest = UsageErrorsTest.largest(refused);
        Result ok = java(Map.of(), "96m", "vector-add", "--backend", "cpu", "--n", Long.toString(largest));
        assertEquals(0, ok.status(), ok::describe);
        assertTrue(ok.lastLine().startsWith("CHECK: OK (" + largest + "/" + largest), ok::describe);
        Result more = java(Map.of(), "96m", "vector-add", "--backend", "cpu", "--n", Long.toString(largest + 1));
        assertEquals(2, more.status(), more::describe);
        assertTrue(more.err().contains("the largest vector-add accepts is " + largest + " "), more::describe);
    }
}
