package org.gpu4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs small test classes through the JUnit launcher and checks what {@link EveryDevice} made of them. */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class EveryDeviceTest {
    /** What happened to each test and container: display name -> status (and reason). */
    record Outcome(String name, String status, String message) {}

    static List<Outcome> run(Class<?> c, Map<String, String> config) {
        List<Outcome> out = new ArrayList<>();
        LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(c))
                .configurationParameters(config).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(req, new TestExecutionListener() {
            @Override public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                out.add(new Outcome(id.getDisplayName(), r.getStatus().name(),
                        r.getThrowable().map(Throwable::getMessage).orElse("")));
            }

            @Override public void executionSkipped(TestIdentifier id, String reason) {
                out.add(new Outcome(id.getDisplayName(), "SKIPPED", reason));
            }
        });
        return out;
    }

    static final class OnCpuAndNowhere {
        @EveryDevice({"cpu", "nosuch"})
        void roundTrip(Accelerator acc) {
            try (FloatArray x = acc.upload(new float[] {1, 2, 3})) {
                Verify.arrays(new float[] {1, 2, 3}, x, Tolerance.exact());
            }
        }
    }

    @Test void runsOncePerDeviceAndSkipsAMissingBackendWithItsReason() {
        String old = System.getProperty(Requirements.PROPERTY);
        System.clearProperty(Requirements.PROPERTY);
        try {
            List<Outcome> out = run(OnCpuAndNowhere.class, Map.of());
            Outcome cpu = out.stream().filter(o -> o.name().startsWith("[cpu:0] ")).findFirst().orElseThrow(() -> new AssertionError(out));
            assertEquals("SUCCESSFUL", cpu.status(), cpu.toString());
            Outcome none = out.stream().filter(o -> o.name().equals("[nosuch] unavailable")).findFirst().orElseThrow(() -> new AssertionError(out));
            assertEquals("ABORTED", none.status(), none.toString());
            assertTrue(none.message().contains("no provider for backend 'nosuch'"), none.message());
            assertTrue(none.message().contains("GPU4J_REQUIRE=nosuch turns this skip into a failure"), none.message());
        } finally {
            if (old != null) System.setProperty(Requirements.PROPERTY, old);
        }
    }

    @Test void aRequiredMissingBackendFails() {
        String old = System.getProperty(Requirements.PROPERTY);
        System.setProperty(Requirements.PROPERTY, "nosuch");
        try {
            List<Outcome> out = run(OnCpuAndNowhere.class, Map.of());
            Outcome none = out.stream().filter(o -> o.name().equals("[nosuch] unavailable")).findFirst().orElseThrow(() -> new AssertionError(out));
            assertEquals("FAILED", none.status(), none.toString());
            assertTrue(none.message().contains("backend nosuch is required here"), none.message());
        } finally {
            if (old != null) System.setProperty(Requirements.PROPERTY, old);
            else System.clearProperty(Requirements.PROPERTY);
        }
    }

    static final class Leaky {
        @EveryDevice("cpu")
        void leaks(Accelerator acc) {
            acc.upload(new float[] {1}); // never closed, never referenced again
        }
    }

    @Test void aClassThatLeaksFails() {
        System.err.println("[gpu4j] expected output: a 'gpu4j leak' warning for an array leaked on purpose follows");
        List<Outcome> out = run(Leaky.class, Map.of());
        LeakCheck.expectLeaks(1); // that leak was reported in this JVM too: tell this class's own check
        Outcome cls = out.stream().filter(o -> o.name().equals("EveryDeviceTest$Leaky")).findFirst().orElseThrow(() -> new AssertionError(out));
        assertEquals("FAILED", cls.status(), out.toString());
        assertTrue(cls.message().contains("1 gpu4j object(s) leaked by EveryDeviceTest$Leaky"), cls.message());
    }

    @OnBackends("cpu")
    abstract static class Suite {
        @EveryDevice
        void sums(Accelerator acc) {
            assertEquals("cpu", acc.device().backend());
        }
    }

    static final class CpuSuite extends Suite {}

    @Test void aSubclassPicksTheBackendsOfAnAbstractSuite() {
        List<Outcome> out = run(CpuSuite.class, Map.of());
        assertTrue(out.stream().anyMatch(o -> o.name().startsWith("[cpu:0]") && o.status().equals("SUCCESSFUL")), out.toString());
        assertEquals(1, out.stream().filter(o -> o.name().startsWith("[")).count(), out.toString());
    }
}
