package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: "a read-only cache directory makes PoCL find no device and gpu4j says 'platform has no device'". PoCL
 * reports no device at all when it cannot create its kernel cache; the probe's reason now says so.
 */
class PoclCacheDirTest {
    /** Run in the child JVM: prints the OpenCL probe. */
    public static void main(String[] args) {
        for (Probe p : Gpu4j.probes()) {
            if (p.backend().equals(OpenClProvider.ID)) {
                System.out.println("probe available=" + p.isAvailable() + " reason=" + p.reason());
            }
        }
    }

    @Test void findsTheCacheDirectoryPoclWouldUse(@TempDir Path tmp) throws Exception {
        Path file = Files.createFile(tmp.resolve("not-a-dir"));
        String why = OpenClProvider.poclCacheProblem(Map.of("XDG_CACHE_HOME", file.toString()), "/home/nobody");
        assertTrue(why != null && why.contains(file.resolve("pocl").resolve("kcache").toString())
                && why.contains("XDG_CACHE_HOME") && why.contains(file + " is not a directory"), why);
        String own = OpenClProvider.poclCacheProblem(Map.of("POCL_CACHE_DIR", file.resolve("x").toString(),
                "XDG_CACHE_HOME", tmp.toString()), "/home/nobody");
        assertTrue(own != null && own.contains("POCL_CACHE_DIR"), own);
        assertNull(OpenClProvider.poclCacheProblem(Map.of("XDG_CACHE_HOME", tmp.toString()), "/home/nobody"),
                "a writable directory where pocl/kcache can be made");
        assertNull(OpenClProvider.poclCacheProblem(Map.of("HOME", tmp.toString()), "/home/nobody"));
        if (!"root".equals(System.getProperty("user.name"))) {
            Path ro = Files.createDirectory(tmp.resolve("ro"));
            assertTrue(ro.toFile().setWritable(false, false));
            try {
                String w = OpenClProvider.poclCacheProblem(Map.of("XDG_CACHE_HOME", ro.toString()), "/home/nobody");
                assertTrue(w != null && w.contains(ro + " is not writable"), w);
            } finally {
                ro.toFile().setWritable(true, false);
            }
        }
    }

    @Test void aProbeWhosePoclCannotCacheSaysSo(@TempDir Path tmp) throws Exception {
        String platform = OpenClTests.probe().devices().get(0).properties().get("Platform name");
        org.junit.jupiter.api.Assumptions.assumeTrue(OpenClProvider.isPocl(platform), "needs PoCL, found " + platform);
        Path file = Files.createFile(tmp.resolve("cache-is-a-file"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // LD_PRELOAD (libjsig) is inherited on purpose: the child loads PoCL, whose LLVM installs signal handlers
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PoclCacheDirTest.class.getName());
        pb.environment().put("XDG_CACHE_HOME", file.toString());
        pb.environment().remove("POCL_CACHE_DIR");
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "child finished");
        assertEquals(0, proc.exitValue(), out);
        assertTrue(out.contains("probe available=false"), out);
        assertTrue(out.contains("has no device: PoCL reports none when it cannot use its kernel cache")
                && out.contains(file + " is not a directory") && out.contains("set POCL_CACHE_DIR"), out);
    }
}
