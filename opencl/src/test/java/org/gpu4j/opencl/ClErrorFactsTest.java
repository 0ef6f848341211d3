package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpu4j.DeviceMemoryException;
import org.gpu4j.Gpu4jException;
import org.gpu4j.LaunchException;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_platform_id;
import org.junit.jupiter.api.Test;

/** A failed OpenCL call's routine and status are fields of the exception, not only words in its message. */
class ClErrorFactsTest {
    @Test void aRealFailedCallCarriesItsRoutineAndStatus() {
        OpenClTests.probe();
        cl_platform_id[] platforms = new cl_platform_id[1];
        Cl.check(CL.clGetPlatformIDs(1, platforms, null), "clGetPlatformIDs");
        long[] size = new long[1];
        // 0 names no platform property: every implementation answers CL_INVALID_VALUE
        Gpu4jException e = assertThrows(Gpu4jException.class,
                () -> Cl.check(CL.clGetPlatformInfo(platforms[0], 0, 0, (Pointer) null, size), "clGetPlatformInfo(0)"));
        assertEquals("clGetPlatformInfo", e.routine());
        assertEquals(CL.CL_INVALID_VALUE, e.status());
        assertEquals("CL_INVALID_VALUE", e.statusName());
        assertTrue(e.getMessage().contains("CL_INVALID_VALUE (-30)"), e::getMessage);
    }

    @Test void eachCheckKeepsItsExceptionTypeAndTheFacts() {
        LaunchException l = assertThrows(LaunchException.class,
                () -> Cl.checkLaunch(CL.CL_INVALID_WORK_GROUP_SIZE, "clEnqueueNDRangeKernel(vector_add)"));
        assertEquals("clEnqueueNDRangeKernel", l.routine());
        assertEquals(-54, l.status());
        assertEquals("CL_INVALID_WORK_GROUP_SIZE", l.statusName());

        DeviceMemoryException m = assertThrows(DeviceMemoryException.class,
                () -> Cl.checkAlloc(CL.CL_MEM_OBJECT_ALLOCATION_FAILURE, "clCreateBuffer", "64 MiB"));
        assertEquals("clCreateBuffer", m.routine());
        assertEquals("CL_MEM_OBJECT_ALLOCATION_FAILURE", m.statusName());

        Gpu4jException u = assertThrows(Gpu4jException.class, () -> Cl.check(-4242, "clFoo for opencl:0"));
        assertEquals("clFoo", u.routine());
        assertEquals(-4242, u.status());
        assertEquals("CL_UNKNOWN_ERROR", u.statusName());
    }
}
