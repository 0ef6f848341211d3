package org.gpu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gpu4j.spi.BackendInfo;
import org.junit.jupiter.api.Test;

class DeviceTest {
    private static final BackendInfo OPENCL = new BackendInfo("opencl", "OpenCL", 200, List.of(Dialect.OPENCL), false);
    private static final BackendInfo CUDA = new BackendInfo("cuda", "CUDA", 100, List.of(Dialect.PTX, Dialect.CUDA), false);
    private static final BackendInfo JAVA = new BackendInfo("cpu", "Java CPU", 1000, List.of(), true);

    @Test void formatsByteCounts() {
        assertEquals("0 B", Device.formatBytes(0));
        assertEquals("1023 B", Device.formatBytes(1023));
        assertEquals("1.0 KiB", Device.formatBytes(1024));
        assertEquals("1.5 KiB", Device.formatBytes(1536));
        assertEquals("64.0 KiB", Device.formatBytes(64 * 1024));
        assertEquals("1.0 MiB", Device.formatBytes(1 << 20));
        assertEquals("3.4 GiB", Device.formatBytes(3_650_722_201L)); // 3.4 GiB, as PoCL reports here
        assertEquals("79.6 GiB", Device.formatBytes(85_468_938_240L));
        assertEquals("2.0 TiB", Device.formatBytes(2L << 40));
        assertEquals("8192.0 PiB", Device.formatBytes(Long.MAX_VALUE)); // PiB is the largest unit
        assertEquals("-5 B", Device.formatBytes(-5));
    }

    @Test void describesItself() {
        Device d = Device.builder(OPENCL, 1, "pthread-skylake", DeviceType.CPU)
                .vendor("PoCL").computeUnits(2).globalMemory(3L << 30).localMemory(64 << 10)
                .maxAllocation(1L << 30).maxWorkGroupSize(4096).fp64(true)
                .property("platform", "Portable Computing Language").property("version", 3.0)
                .build();
        assertEquals("opencl:1", d.id());
        assertEquals("OpenCL CPU 'pthread-skylake' · 2 CUs · 3.0 GiB", d.toString());
        assertEquals(List.of("platform", "version"), List.copyOf(d.properties().keySet()));
        assertEquals("3.0", d.properties().get("version"));
        assertThrows(UnsupportedOperationException.class, () -> d.properties().put("x", "y"));
        assertEquals(d, Device.builder(OPENCL, 1, "pthread-skylake", DeviceType.CPU).build());
        assertNotEquals(d, Device.builder(OPENCL, 0, "pthread-skylake", DeviceType.CPU).build());
        assertEquals("CUDA GPU 'H100' · 132 CUs · 79.6 GiB",
                Device.builder(CUDA, 0, "H100", DeviceType.GPU).computeUnits(132).globalMemory(85_468_938_240L).build().toString());
        assertEquals("Java CPU 'Java CPU (2 cores)' · 2 CUs · 1.0 KiB", Device.builder(JAVA, 0, "Java CPU (2 cores)", DeviceType.CPU)
                .computeUnits(2).globalMemory(1024).build().toString(), "the type is not repeated after the display name");
        assertEquals(OPENCL, d.backendInfo());
    }

    @Test void saysWhatItSupports() {
        Device noFp64 = Device.builder(OPENCL, 0, "small", DeviceType.GPU).fp64(false).localMemory(32 << 10).build();
        assertFalse(noFp64.supports(Capability.FP64));
        assertTrue(noFp64.supports(Capability.LOCAL_MEMORY));
        Device java = Device.builder(JAVA, 0, "Java", DeviceType.CPU).localMemory(0).build();
        assertTrue(java.supports(Capability.FP64));
        assertFalse(java.supports(Capability.LOCAL_MEMORY));
    }

    @Test void backendIdsFollowTheSelectorGrammar() {
        for (String bad : List.of("", "OpenCL", "auto", "1cl", "open cl", "cl:0")) {
            assertThrows(IllegalArgumentException.class, () -> new BackendInfo(bad, "x", 1, List.of(), false), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new BackendInfo("x", " ", 1, List.of(), false));
    }
}
