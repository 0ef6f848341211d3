package org.gpu4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gpu4j.BackendUnavailableException;
import org.gpu4j.Device;
import org.gpu4j.DeviceType;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaProviderTest {
    @TempDir Path tmp;

    private static boolean driverPresent() {
        return CudaDriver.findLibcuda(System.getenv(), Path.of("/etc/ld.so.cache")) != null;
    }

    @Test void probeWithoutDriverReportsTheReasonAndNeverTouchesJCuda() {
        org.junit.jupiter.api.Assumptions.assumeFalse(driverPresent(), "this machine has libcuda.so.1");
        Probe p = new CudaProvider().probe();
        System.out.println("[CudaProviderTest] cuda probe: " + p.reason());
        assertFalse(p.isAvailable());
        assertEquals("cuda", p.backend());
        assertEquals("no NVIDIA driver (libcuda.so.1 not found)", p.reason());
        assertFalse(CudaDriver.touched(), "JCudaDriver must not be touched when libcuda.so.1 is absent");
        // Probing again gives the same answer, still without touching the binding.
        assertEquals(p.reason(), new CudaProvider().probe().reason());
        assertFalse(CudaDriver.touched());
    }

    @Test void discoveryStillListsTheCpuDeviceAndTheCudaReason() {
        assertTrue(Gpu4j.devices().stream().anyMatch(d -> d.backend().equals("cpu") && d.type() == DeviceType.CPU),
                "Gpu4j.devices() lost the CPU device: " + Gpu4j.devices());
        Probe cuda = Gpu4j.probes().stream().filter(p -> p.backend().equals("cuda")).findFirst().orElse(null);
        assertNotNull(cuda, "the cuda provider is not registered (META-INF/services): " + Gpu4j.probes());
        String all = Gpu4j.describeAll();
        System.out.println("[CudaProviderTest] " + all.replace("\n", "\n[CudaProviderTest] "));
        if (cuda.isAvailable()) {
            for (Device d : cuda.devices()) {
                assertEquals(DeviceType.GPU, d.type());
                assertTrue(d.globalMemory() > 0 && d.computeUnits() > 0 && d.maxWorkGroupSize() >= 32, d.toString());
                assertTrue(d.properties().get("compute capability").matches("\\d+\\.\\d+"), d.properties().toString());
            }
        } else {
            assertTrue(all.contains("cuda: unavailable (" + cuda.reason() + ")"), all);
            BackendUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(BackendUnavailableException.class,
                    () -> Gpu4j.open("cuda"));
            assertTrue(e.getMessage().contains(cuda.reason()), e.getMessage());
        }
    }

    @Test void libcudaIsFoundOnLdLibraryPathButNotInStubs() throws Exception {
        Path stubs = Files.createDirectories(tmp.resolve("cuda/lib64/stubs"));
        Files.writeString(stubs.resolve("libcuda.so.1"), "stub");
        Path none = tmp.resolve("no-cache");
        org.junit.jupiter.api.Assumptions.assumeFalse(driverPresent(), "this machine has libcuda.so.1 in a standard folder");
        assertNull(CudaDriver.findLibcuda(Map.of("LD_LIBRARY_PATH", stubs.toString()), none));
        Path real = Files.createDirectories(tmp.resolve("driver"));
        Files.writeString(real.resolve("libcuda.so.1"), "");
        assertEquals(real.resolve("libcuda.so.1").toString(),
                CudaDriver.findLibcuda(Map.of("LD_LIBRARY_PATH", stubs + ":" + real), none));
    }

    @Test void libcudaIsFoundThroughTheLinkerCache() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(driverPresent(), "this machine has libcuda.so.1 in a standard folder");
        Path cache = tmp.resolve("ld.so.cache");
        Files.write(cache, "glibc-ld.so.cache1.1\0libm.so.6\0/usr/lib/x86_64-linux-gnu/libm.so.6\0libcuda.so.1\0/opt/nvidia/lib/libcuda.so.1\0"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("/opt/nvidia/lib/libcuda.so.1", CudaDriver.findLibcuda(Map.of(), cache));
        Files.write(cache, "glibc-ld.so.cache1.1\0libm.so.6\0/usr/lib/libm.so.6\0".getBytes(StandardCharsets.ISO_8859_1));
        assertNull(CudaDriver.findLibcuda(Map.of(), cache));
    }

    @Test void requiredCudaMustBeAvailable() {
        Probe p = new CudaProvider().probe();
        if (!p.isAvailable()) org.gpu4j.testing.Require.backend("cuda");
        assertFalse(p.devices().isEmpty());
    }
}
