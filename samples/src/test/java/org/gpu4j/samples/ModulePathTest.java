package org.gpu4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gpu4j.testing.Require;
import org.junit.jupiter.api.Test;

/**
 * gpu4j on the module path (the other tests run on the class path): core as the named module {@code org.gpu4j.core},
 * kernels and OpenCL as automatic modules under their manifest names, JOCL as the automatic module {@code jocl}.
 * Needs the modules' jars, so it runs in {@code mvn verify} (the reactor hands this module their jars).
 */
class ModulePathTest {
    @Test void runsOnTheModulePath() throws Exception {
        List<String> modulePath = new ArrayList<>();
        String classes = null;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (name.startsWith("gpu4j-core-") || name.startsWith("gpu4j-kernels-") || name.startsWith("gpu4j-opencl-")
                    || name.startsWith("jocl-")) {
                if (name.contains("-tests")) continue;
                if (!name.endsWith(".jar")) fail("the module path needs jars; " + e + " is not one: run mvn verify");
                modulePath.add(e);
            }
            if (e.endsWith("test-classes") && e.contains("samples")) classes = e;
        }
        assertEquals(4, modulePath.size(), "core, kernels, opencl and jocl jars on the class path: " + modulePath);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-p", String.join(File.pathSeparator, modulePath),
                "--add-modules", "ALL-MODULE-PATH", "-cp", classes, ModulePathMain.class.getName(), "cpu"));
        boolean openCl = !Gpu4jCommandProbe.openClMissing();
        if (openCl) cmd.add("opencl:0");
        else Require.backend("opencl"); // skips (or fails under GPU4J_REQUIRE=opencl) with the reason
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the module-path JVM did not exit");
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println("[ModulePathTest] " + String.join(" ", cmd.subList(1, 3)) + "\n" + text.strip());
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("MODULES OK"), text);
    }

    /** Whether this JVM's gpu4j sees an OpenCL device (probing on the class path, as every other test does). */
    static final class Gpu4jCommandProbe {
        static boolean openClMissing() {
            return org.gpu4j.Gpu4j.probes().stream().noneMatch(pr -> pr.backend().equals("opencl") && pr.isAvailable());
        }
    }
}
