package org.gpu4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Shared-memory rule, driver-floor notes and the context-lost message: pure Java, no driver. */
class CudaLimitsTest {
    static final int KB = 1024;

    @Test void staticPlusDynamicSharedMemoryIsCheckedAgainstTheRightLimit() {
        // the case: 32 KiB static + 24 KiB dynamic is over 48 KiB: needs the opt-in, which sm_86 allows
        assertEquals(24 * KB, SharedMemory.optInFor("k", "cuda:0", 32 * KB, 24 * KB, 99 * KB, 0));
        assertEquals(0, SharedMemory.optInFor("k", "cuda:0", 32 * KB, 16 * KB, 99 * KB, 0), "48 KiB in all: no opt-in");
        assertEquals(0, SharedMemory.optInFor("k", "cuda:0", 32 * KB, 24 * KB, 99 * KB, 24 * KB), "already opted in");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedMemory.optInFor("k", "cuda:0", 64 * KB, 40 * KB, 99 * KB, 0));
        assertTrue(e.getMessage().contains("static") && e.getMessage().contains(String.valueOf(99 * KB)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.optInFor("k", "cuda:0", 0, 228 * KB, 227 * KB, 0));
    }

    @Test void theFloorComesFromTheKernelsJarAndNamesWhatIsNeeded() {
        CudaFloor f = CudaFloor.get();
        assertEquals("8.0", f.ptxIsa);
        assertEquals(12000, f.driverCuda);
        assertEquals(13000, f.sassDriverCuda);
        assertTrue(f.hasSass(8, 6) && f.hasSass(8, 7) && f.hasSass(9, 0) && !f.hasSass(10, 0) && !f.hasSass(12, 0));
        assertTrue(f.kernelsNote(13000, 9, 0).startsWith("SASS"));
        assertTrue(f.kernelsNote(12040, 9, 0).startsWith("PTX ISA 8.0"), "a CUDA 12.4 driver JITs the PTX");
        assertTrue(f.kernelsNote(13000, 12, 0).startsWith("PTX"), "Blackwell: no SASS shipped, JIT");
        String old = f.kernelsNote(11080, 8, 0);
        assertTrue(old.startsWith("cannot load") && old.contains("11.8") && old.contains("12.0") && old.contains("R525"), old);
        assertTrue(f.kernelsNote(12000, 7, 0).contains("Turing"));
        assertEquals("12.4", CudaFloor.format(12040));
    }

    @Test void aLostContextSaysWhoSharesItAndWhatBringsItBack() {
        String m = ContextHealth.messageFor("cuda:0", List.of("cuda:0 accelerator #1", "cuda:0 accelerator #2"),
                "CUDA_ERROR_ILLEGAL_ADDRESS in cuStreamQuery on cuda:0");
        assertTrue(m.contains("is lost") && m.contains("CUDA_ERROR_ILLEGAL_ADDRESS"), m);
        assertTrue(m.contains("2 open") && m.contains("#1") && m.contains("#2"), m);
        assertTrue(m.contains("close all of them") && m.contains("open cuda:0 again"), m);
        assertTrue(ContextHealth.sticky(jcuda.driver.CUresult.CUDA_ERROR_ILLEGAL_ADDRESS));
        assertFalse(ContextHealth.sticky(jcuda.driver.CUresult.CUDA_ERROR_OUT_OF_MEMORY));
    }
}
