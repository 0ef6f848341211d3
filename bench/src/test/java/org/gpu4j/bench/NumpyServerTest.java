package org.gpu4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numpy server protocol against a real {@code python3} with numpy; skips with the reason where there is none
 * (fails instead when {@code GPU4J_REQUIRE} names {@code numpy}). Tiny sizes; no timing is asserted beyond "positive".
 */
class NumpyServerTest {

    private static NumpyReference.Server startOrSkip(NumpyReference.Variant v) {
        try {
            return NumpyReference.Server.start(v, 60, 60);
        } catch (NumpyReference.Unavailable e) {
            String list = System.getenv().getOrDefault("GPU4J_REQUIRE", System.getProperty("gpu4j.require", ""));
            if (Arrays.stream(list.toLowerCase(java.util.Locale.ROOT).split(",")).map(String::trim).anyMatch("numpy"::equals)) {
                fail("numpy is required (GPU4J_REQUIRE) but: " + e.getMessage());
            }
            Assumptions.abort("no numpy reference here: " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    @Test
    void serverAnswersEachCommandAndKeepsRunning() throws Exception {
        try (NumpyReference.Server s = startOrSkip(NumpyReference.Variant.OWN)) {
            Map<String, String> info = s.info();
            assertTrue(info.containsKey("numpy") && info.containsKey("blas"), "info lines: " + info);
            // OWN removes the forcing variables for its subprocess
            assertTrue(info.get("env").contains("OPENBLAS_CORETYPE=(unset)"), info.get("env"));
            assertTrue(s.label().startsWith("numpy (") && s.label().endsWith(", own choice)"), s.label());
            if (info.containsKey("core")) assertTrue(s.label().contains("OpenBLAS core " + s.core()), s.label());
            for (Op op : new Op[] {Op.COPY, Op.ADD, Op.TRIAD, Op.DOT, Op.SUM, Op.RAND_UNIFORM, Op.RAND_NORMAL}) {
                assertTrue(s.medianNs(op, 1001, 3, 1) > 0, op.id);
            }
            assertTrue(s.medianNs(Op.SGEMM, 33, 2, 0) > 0);
            assertTrue(s.medianNs(Op.SGEMM, 33, 1, 1) > 0, "kept matrices are reused");
            assertTrue(s.medianNs(Op.DGEMM, 17, 1, 0) > 0);
            // a bad command is answered with an error, and the server goes on
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> s.medianNs(Op.SCAN, 10, 1, 0));
            assertTrue(bad.getMessage().contains("op"), bad.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.medianNs(Op.SUM, 0, 1, 0));
            assertTrue(s.medianNs(Op.SUM, 10, 1, 0) > 0);
        }
    }

    @Test
    void serverErrorsComeBackAsUnavailableWithTheMessage() throws Exception {
        try (NumpyReference.Server s = startOrSkip(NumpyReference.Variant.OWN)) {
            // 2^62 floats are too many for numpy (ValueError): the script answers 'error ...' instead of dying silently
            NumpyReference.Unavailable e = assertThrows(NumpyReference.Unavailable.class,
                    () -> s.medianNs(Op.SUM, 1L << 62, 1, 0));
            assertTrue(e.getMessage().contains("sum " + (1L << 62) + " 1 0"), e.getMessage());
            assertTrue(s.medianNs(Op.SUM, 10, 1, 0) > 0, "still serving after an error");
        }
    }

    @Test
    void inheritedVariantNamesTheEnvironmentsKernel() throws Exception {
        Assumptions.assumeTrue(NumpyReference.Variant.INHERITED.applies(System.getenv()),
                "OPENBLAS_CORETYPE is not set here, so there is no inherited variant to run");
        try (NumpyReference.Server s = startOrSkip(NumpyReference.Variant.INHERITED)) {
            String core = System.getenv("OPENBLAS_CORETYPE");
            assertTrue(s.label().endsWith(", OPENBLAS_CORETYPE=" + core + " from the environment)"), s.label());
            assertTrue(s.info().get("env").contains("OPENBLAS_CORETYPE=" + core), s.info().get("env"));
            assertTrue(s.medianNs(Op.SGEMM, 16, 1, 0) > 0);
        }
    }

    @Test
    void variantsApplyPerEnvironment() {
        assertTrue(NumpyReference.Variant.OWN.applies(Map.of()));
        assertTrue(!NumpyReference.Variant.INHERITED.applies(Map.of("OPENBLAS_L2_SIZE", "512")));
        assertTrue(NumpyReference.Variant.INHERITED.applies(Map.of("OPENBLAS_CORETYPE", "Haswell")));
    }

    @Test
    void oneShotModeStillWorks(@TempDir Path dir) throws Exception {
        try (NumpyReference.Server s = startOrSkip(NumpyReference.Variant.OWN)) {
            // only here to skip the same way when there is no numpy
        }
        Path script = dir.resolve("numpy_ref.py");
        try (InputStream in = NumpyReference.class.getResourceAsStream("numpy_ref.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = org.gpu4j.spi.Subprocesses.withoutSignalChaining(new ProcessBuilder("python3", script.toString(),
                "--stream", "100", "--sgemm", "8", "--runs", "1", "--warmup", "0")).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("info numpy ") && out.contains("info blas "), out);
        for (String op : new String[] {"copy", "add", "triad", "dot", "sum"}) assertTrue(out.contains("result " + op + " 100 "), out);
        assertTrue(out.contains("result sgemm 8 "), out);
    }
}
