package org.gpu4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jcuda.driver.CUresult;
import org.gpu4j.Gpu4jException;
import org.gpu4j.LaunchException;
import org.junit.jupiter.api.Test;

/** CudaDriver's checks put the routine and the CUresult in the exception's fields (no driver needed: no native call). */
class CudaErrorFactsTest {
    @Test void checkCarriesRoutineAndStatus() {
        Gpu4jException e = assertThrows(Gpu4jException.class,
                () -> CudaDriver.check(CUresult.CUDA_ERROR_OUT_OF_MEMORY, "cuMemAlloc(64 bytes) on cuda:0"));
        assertEquals("cuMemAlloc", e.routine());
        assertEquals(CUresult.CUDA_ERROR_OUT_OF_MEMORY, e.status());
        assertEquals("CUDA_ERROR_OUT_OF_MEMORY", e.statusName());
        assertTrue(e.getMessage().contains("CUDA_ERROR_OUT_OF_MEMORY"), e::getMessage);
    }

    @Test void checkLaunchCarriesThemToo() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> CudaDriver.checkLaunch(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, "cuStreamSynchronize"));
        assertEquals("cuStreamSynchronize", e.routine());
        assertEquals(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, e.status());
        assertEquals("CUDA_ERROR_ILLEGAL_ADDRESS", e.statusName());
        // a call site that describes the call in words keeps its words as the routine
        assertEquals("waiting for a copy on cuda:0", CudaDriver.routine("waiting for a copy on cuda:0"));
        CudaDriver.check(CUresult.CUDA_SUCCESS, "cuInit"); // success throws nothing
    }
}
