package org.gpu4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Supplier;
import org.gpu4j.samples.SamplesTest.Result;
import org.junit.jupiter.api.Test;

/** The gpu4j command itself: list, devices, selftest, bench, --help, and a bad device selector. */
class CommandTest {
    static Result gpu4j(String... args) { return SamplesTest.gpu4j(args); }

    @Test void listNamesEverySampleWithItsRecipe() {
        Result r = gpu4j("list");
        assertEquals(0, r.status(), r::describe);
        assertTrue(r.out().contains("devices "), r::describe);
        for (Supplier<SampleCommand> s : Gpu4jCommand.SAMPLES) {
            SampleCommand c = s.get();
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(c.name() + " ") && l.contains(c.recipe())),
                    () -> c.name() + " missing\n" + r.describe());
        }
    }

    @Test void devicesListsTheJavaCpuAndEveryBackend() {
        Result r = gpu4j("devices");
        assertEquals(0, r.status(), r::describe);
        assertTrue(r.out().contains("[cpu:0] Java CPU"), r::describe);
        assertTrue(r.out().contains("Global memory"), r::describe);
        for (var p : org.gpu4j.Gpu4j.probes()) {
            String title = switch (p.backend()) { case "opencl" -> "OpenCL"; case "cuda" -> "CUDA"; case "cpu" -> "Java CPU"; default -> p.backend(); };
            assertTrue(r.out().contains(title + ": "), () -> p.backend() + " missing\n" + r.describe());
            if (!p.isAvailable()) assertTrue(r.out().contains(p.reason()), r::describe);
        }
        assertFalse(r.out().contains(" 0.0 B") || r.out().matches("(?s).*memory\\s+0 B.*"), r::describe);
        assertFalse(r.err().contains("Exception"), r::describe);
    }

    @Test void devicesShowsOpenClPlatformsWhenPresent() {
        org.gpu4j.testing.Require.backend("opencl");
        Result r = gpu4j("devices", "--backend", "opencl");
        assertEquals(0, r.status(), r::describe);
        assertTrue(r.out().contains("[opencl:0]"), r::describe);
        assertTrue(r.out().contains("Compute units"), r::describe);
    }

    @Test void selftestPassesOnCpuAndOpenCl() {
        Result r = gpu4j("selftest", "--n", "257", "--m", "19");
        assertEquals(0, r.status(), r::describe);
        assertTrue(r.out().contains("SELFTEST: OK"), r::describe);
        assertTrue(r.out().contains("cpu:0 "), r::describe);
        if (org.gpu4j.testing.Require.isRequired("opencl")) assertTrue(r.out().contains("opencl:0 "), r::describe);
        assertFalse(r.out().contains(" FAIL "), r::describe);
    }

    @Test void unknownSelectorIsOneClearMessageWithoutStackTrace() {
        String before = System.getProperty("gpu4j.device");
        System.setProperty("gpu4j.device", "nonsense");
        try {
            for (String command : new String[] {"matrix-double", "devices"}) {
                Result r = gpu4j(command);
                assertEquals(1, r.status(), r::describe);
                assertTrue(r.err().contains("no device matches 'nonsense'"), r::describe);
                assertTrue(r.err().contains("cpu:0"), () -> "the message lists the devices\n" + r.describe());
                assertFalse(r.err().contains("\tat "), () -> "no stack trace\n" + r.describe());
            }
        } finally {
            if (before == null) System.clearProperty("gpu4j.device");
            else System.setProperty("gpu4j.device", before);
        }
    }

    @Test void conflictingBackendAndDeviceAreAUsageError() {
        Result r = gpu4j("vector-add", "--backend", "cpu", "--device", "opencl:0");
        assertEquals(2, r.status(), r::describe);
        assertTrue(r.err().contains("--device opencl:0 is not a device of --backend cpu"), r::describe);
    }

    @Test void helpEverywhere() {
        Result top = gpu4j("--help");
        assertEquals(0, top.status(), top::describe);
        for (String sub : new String[] {"list", "devices", "selftest", "bench"}) {
            assertTrue(top.out().contains(sub), top::describe);
            Result r = gpu4j(sub, "--help");
            assertEquals(0, r.status(), r::describe);
            assertTrue(r.out().contains("Usage: gpu4j " + sub), r::describe);
        }
        for (Supplier<SampleCommand> s : Gpu4jCommand.SAMPLES) {
            String name = s.get().name();
            Result r = gpu4j(name, "--help");
            assertEquals(0, r.status(), r::describe);
            assertTrue(r.out().contains("--backend") && r.out().contains("--seed"), r::describe);
        }
    }

    @Test void benchWithoutTheBenchModuleSaysSo() {
        boolean present;
        try {
            Class.forName(Bench.CLASS);
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        assumeTrue(!present, "the bench module is on the class path; its own tests cover it");
        Result r = gpu4j("bench");
        assertEquals(2, r.status(), r::describe);
        assertTrue(r.err().contains("bench module is not built"), r::describe);
    }

    @Test void benchPassesItsArgumentsThroughInOrder() {
        // options and their values must reach QuickBench as given: "--out DIR" split apart was a bug
        var cl = Bench.commandLine();
        cl.parseArgs("--quick", "--out", "/tmp/x", "--sgemm", "2048", "--help", "-q");
        Bench b = cl.getCommand();
        assertEquals(java.util.List.of("--quick", "--out", "/tmp/x", "--sgemm", "2048", "--help", "-q"), b.args);
    }

    @Test void negativeSizeIsAUsageError() {
        Result r = gpu4j("matmul", "--backend", "cpu", "--n", "-1");
        assertEquals(2, r.status(), r::describe);
        assertTrue(r.err().contains("--n must be >= 0"), r::describe);
    }
}
