package org.gpu4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.gpu4j.Accelerator;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequireTest {
    @Test void parsesTheRequireList() {
        assertEquals(List.of("cpu", "opencl", "nvcc"), List.copyOf(Require.parse(" cpu, OpenCL ,,nvcc,")));
        assertTrue(Require.parse(null).isEmpty());
        assertTrue(Require.parse("null,").isEmpty()); // what an unset variable concatenates to
    }

    @Test void skipsWithTheReasonUnlessRequired() {
        TestAbortedException skip = assertThrows(TestAbortedException.class,
                () -> Require.unmet("backend opencl", "opencl", "no ICD loader", Set.of("cpu")));
        assertTrue(skip.getMessage().contains("no ICD loader") && skip.getMessage().contains("GPU4J_REQUIRE=opencl"),
                skip::getMessage);
        AssertionFailedError fail = assertThrows(AssertionFailedError.class,
                () -> Require.unmet("backend opencl", "opencl", "no ICD loader", Set.of("cpu", "opencl")));
        assertTrue(fail.getMessage().contains("no ICD loader") && fail.getMessage().contains("required"), fail::getMessage);
    }

    @Test void theCpuBackendIsAlwaysThere() {
        Probe cpu = Require.backend("cpu");
        assertTrue(cpu.isAvailable());
        assertEquals(List.of("cpu:0"), Require.targets("cpu"));
        assertEquals("cpu:0", Require.devices("cpu").get(0).id());
        try (Accelerator acc = Require.open("cpu:0")) {
            assertEquals("cpu:0", acc.device().id());
        }
    }

    @Test void aMissingBackendIsATarget() {
        // listed as itself, so opening it in each test skips (or fails) with the reason
        assertEquals(List.of("no-such-backend"), Require.targets("no-such-backend"));
        if (!Require.isRequired("no-such-backend")) {
            assertThrows(TestAbortedException.class, () -> Require.backend("no-such-backend"));
            assertThrows(TestAbortedException.class, () -> Require.tool("no-such-tool", "not installed"));
        }
        Require.tool("java", null); // met: returns
    }

    @Test void findsExecutablesOnThePath() {
        String sh = Require.findOnPath("sh") != null ? "sh" : null;
        if (sh != null) assertNotNull(Require.executable(sh));
        assertEquals(null, Require.findOnPath("gpu4j-no-such-executable"));
    }

    @Test void seedsAreFreshOrFixed() {
        String fixed = System.getProperty(Seed.PROPERTY);
        try {
            System.clearProperty(Seed.PROPERTY);
            Seed a = Require.seed(), b = Require.seed();
            assertNotEquals(a.value(), b.value()); // 2^-64 chance of a false failure
            System.setProperty(Seed.PROPERTY, "1234");
            Seed s = Require.seed();
            assertEquals(1234, s.value());
            assertEquals(s.random().nextLong(), Require.seed().random().nextLong());
            assertNotEquals(s.random(0).nextLong(), s.random(1).nextLong());
            assertEquals("x [seed 1234; rerun with -Dgpu4j.seed=1234]", s.message("x").get());
            System.setProperty(Seed.PROPERTY, "abc");
            assertThrows(IllegalArgumentException.class, Require::seed);
        } finally {
            if (fixed == null) System.clearProperty(Seed.PROPERTY);
            else System.setProperty(Seed.PROPERTY, fixed);
        }
    }
}
