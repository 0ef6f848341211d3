package org.gpu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Selector parsing, on core's class path: the Java CPU backend is the only provider here. */
class Gpu4jSelectionTest {
    @Test void findsTheJavaCpuBackend() {
        List<Probe> probes = Gpu4j.probes();
        Probe cpu = probes.stream().filter(p -> p.backend().equals("cpu")).findFirst().orElseThrow();
        assertTrue(cpu.isAvailable());
        assertEquals("cpu", probes.get(probes.size() - 1).backend(), "cpu comes last in preference order");
        assertTrue(Gpu4j.devices().stream().anyMatch(d -> d.id().equals("cpu:0")));
        assertTrue(Gpu4j.describeAll().contains("cpu:0"), Gpu4j::describeAll);
        assertEquals("Java CPU", cpu.info().displayName());
        assertTrue(cpu.info().javaKernels());
        assertTrue(cpu.info().dialects().isEmpty());
        assertEquals(cpu.info(), Gpu4j.select("cpu").backendInfo());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "cpu:0", "CPU", "Cpu:0", "cpu:cpu"})
    void selectsTheJavaCpuDevice(String selector) {
        Device d = Gpu4j.select(selector);
        assertEquals("cpu:0", d.id());
        assertEquals(DeviceType.CPU, d.type());
    }

    @Test void autoPicksTheBestDevice() {
        Device auto = Gpu4j.select("auto");
        assertTrue(Gpu4j.devices().contains(auto));
        if (Gpu4j.devices().size() == 1) assertEquals("cpu:0", auto.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "cpu:0 ", " cpu", " cpu ", "cpu :0", "cpu: 0", "opencl:0:0", "cpu:0:0", "cpu:",
            ":0", "cpu:banana", "cpu:-1", "cpu:+1", "cpu:1234567890", "auto:0", "cpu,opencl", "1cpu"})
    void aMalformedSelectorIsRefusedWithTheValidForms(String selector) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gpu4j.select(selector));
        String m = e.getMessage();
        assertTrue(m.contains("'" + selector + "'") && m.contains("refused"), m);
        assertTrue(m.contains("auto, <backend>, <backend>:<index>, <backend>:gpu|cpu|accelerator"), m);
        assertTrue(m.contains("backends on this class path: cpu"), m);
        assertThrows(IllegalArgumentException.class, () -> Gpu4j.open(selector));
    }

    @Test void nullAndBlankAreRefusedNotTakenAsDefault() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gpu4j.open(null)).getMessage().contains("null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gpu4j.open("")).getMessage().contains("blank"));
        assertThrows(IllegalArgumentException.class, () -> Gpu4j.select(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "opencl:99", "cpu:1", "cpu:gpu", "cuda:0", "cuda:gpu"})
    void anUnmatchedSelectorListsTheDevicesFound(String selector) {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Gpu4j.select(selector));
        String m = e.getMessage();
        assertTrue(m.contains("'" + selector + "'"), m);
        assertTrue(m.contains("Devices found:") && m.contains("cpu:0"), m);
        assertTrue(m.contains("Selectors:"), m);
        assertThrows(BackendUnavailableException.class, () -> Gpu4j.open(selector));
    }

    @Test void explainsWhatDidNotMatch() {
        assertTrue(failure("nonsense").contains("no backend named 'nonsense'"));
        assertTrue(failure("cpu:1").contains("cpu has no device 1"));
        assertTrue(failure("cpu:gpu").contains("no GPU device"));
        assertTrue(failure("cpu:accelerator").contains("no ACCELERATOR device"));
    }

    private static String failure(String selector) {
        return assertThrows(BackendUnavailableException.class, () -> Gpu4j.select(selector)).getMessage();
    }

    @Test void opensWhatThePropertySays() {
        String old = System.getProperty("gpu4j.device");
        try {
            System.setProperty("gpu4j.device", "cpu:0");
            try (Accelerator acc = Gpu4j.open()) {
                assertEquals("cpu:0", acc.device().id());
                assertFalse(acc.isClosed());
            }
            System.setProperty("gpu4j.device", "nonsense");
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class, Gpu4j::open);
            assertTrue(e.getMessage().contains("cpu:0"), e::getMessage);
            System.setProperty("gpu4j.device", "cpu:0 ");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, Gpu4j::open);
            assertTrue(bad.getMessage().contains("property gpu4j.device"), bad::getMessage);
        } finally {
            if (old == null) System.clearProperty("gpu4j.device");
            else System.setProperty("gpu4j.device", old);
        }
    }
}
