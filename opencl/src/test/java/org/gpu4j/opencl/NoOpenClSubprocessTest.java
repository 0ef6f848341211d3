package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM whose ICD loader finds no platform reports OpenCL unavailable with its reason, and the Java CPU backend works. */
class NoOpenClSubprocessTest {
    /** Run in the child JVM. */
    public static void main(String[] args) {
        for (Probe p : Gpu4j.probes()) {
            System.out.println("probe " + p.backend() + " available=" + p.isAvailable() + " reason=" + p.reason());
        }
        try (Accelerator acc = Gpu4j.open("cpu"); var x = acc.upload(new float[] {1, 2, 3})) {
            System.out.println("cpu sum ok " + (x.toArray()[2] == 3f) + " on " + acc.device().id());
        }
    }

    @Test void noPlatformIsAReasonNotAnException(@TempDir Path emptyVendors) throws Exception {
        OpenClTests.probe(); // the parent needs a working ICD loader for the child's result to mean anything
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NoOpenClSubprocessTest.class.getName());
        pb.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
        pb.environment().remove("GPU4J_DEVICE");
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "child finished");
        System.out.println(out);
        assertEquals(0, proc.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.contains("probe opencl available=false reason=no OpenCL platform found (CL_PLATFORM_NOT_FOUND_KHR)"),
                out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cpu sum ok true on cpu:")), out);
    }
}
