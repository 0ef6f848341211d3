package org.gpu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceTest {
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
        Device d = Device.builder("opencl", 1, "pthread-skylake", DeviceType.CPU)
                .vendor("PoCL").computeUnits(2).globalMemory(3L << 30).localMemory(64 << 10)
                .maxAllocation(1L << 30).maxWorkGroupSize(4096).fp64(true)
                .property("platform", "Portable Computing Language").property("version", 3.0)
                .build();
        assertEquals("opencl:1", d.id());
        assertEquals("OpenCL CPU 'pthread-skylake' · 2 CUs · 3.0 GiB", d.toString());
        assertEquals(List.of("platform", "version"), List.copyOf(d.properties().keySet()));
        assertEquals("3.0", d.properties().get("version"));
        assertThrows(UnsupportedOperationException.class, () -> d.properties().put("x", "y"));
        assertEquals(d, Device.builder("opencl", 1, "pthread-skylake", DeviceType.CPU).build());
        assertNotEquals(d, Device.builder("opencl", 0, "pthread-skylake", DeviceType.CPU).build());
        assertEquals("CUDA GPU 'H100' · 132 CUs · 79.6 GiB",
                Device.builder("cuda", 0, "H100", DeviceType.GPU).computeUnits(132).globalMemory(85_468_938_240L).build().toString());
    }
}
