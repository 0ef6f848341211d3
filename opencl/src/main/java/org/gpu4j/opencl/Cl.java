package org.gpu4j.opencl;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.gpu4j.DeviceMemoryException;
import org.gpu4j.Gpu4jException;
import org.gpu4j.LaunchException;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The one guard around native OpenCL calls: a status other than {@code CL_SUCCESS} becomes an exception whose
 * message names the call and the status ({@code clEnqueueNDRangeKernel: CL_INVALID_KERNEL_ARGS (-52)}) and whose
 * fields carry them ({@link Gpu4jException#routine()}, {@link Gpu4jException#status()},
 * {@link Gpu4jException#statusName()}), plus small typed readers for {@code clGet*Info}. JOCL's process-wide {@code setExceptionsEnabled} is never used.
 */
final class Cl {
    private Cl() {}

    /** Status codes of OpenCL 1.0–3.0 and the common Khronos extensions, by value. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "CL_SUCCESS"),
            Map.entry(-1, "CL_DEVICE_NOT_FOUND"),
            Map.entry(-2, "CL_DEVICE_NOT_AVAILABLE"),
            Map.entry(-3, "CL_COMPILER_NOT_AVAILABLE"),
            Map.entry(-4, "CL_MEM_OBJECT_ALLOCATION_FAILURE"),
            Map.entry(-5, "CL_OUT_OF_RESOURCES"),
            Map.entry(-6, "CL_OUT_OF_HOST_MEMORY"),
            Map.entry(-7, "CL_PROFILING_INFO_NOT_AVAILABLE"),
            Map.entry(-8, "CL_MEM_COPY_OVERLAP"),
            Map.entry(-9, "CL_IMAGE_FORMAT_MISMATCH"),
            Map.entry(-10, "CL_IMAGE_FORMAT_NOT_SUPPORTED"),
            Map.entry(-11, "CL_BUILD_PROGRAM_FAILURE"),
            Map.entry(-12, "CL_MAP_FAILURE"),
            Map.entry(-13, "CL_MISALIGNED_SUB_BUFFER_OFFSET"),
            Map.entry(-14, "CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST"),
            Map.entry(-15, "CL_COMPILE_PROGRAM_FAILURE"),
            Map.entry(-16, "CL_LINKER_NOT_AVAILABLE"),
            Map.entry(-17, "CL_LINK_PROGRAM_FAILURE"),
            Map.entry(-18, "CL_DEVICE_PARTITION_FAILED"),
            Map.entry(-19, "CL_KERNEL_ARG_INFO_NOT_AVAILABLE"),
            Map.entry(-30, "CL_INVALID_VALUE"),
            Map.entry(-31, "CL_INVALID_DEVICE_TYPE"),
            Map.entry(-32, "CL_INVALID_PLATFORM"),
            Map.entry(-33, "CL_INVALID_DEVICE"),
            Map.entry(-34, "CL_INVALID_CONTEXT"),
            Map.entry(-35, "CL_INVALID_QUEUE_PROPERTIES"),
            Map.entry(-36, "CL_INVALID_COMMAND_QUEUE"),
            Map.entry(-37, "CL_INVALID_HOST_PTR"),
            Map.entry(-38, "CL_INVALID_MEM_OBJECT"),
            Map.entry(-39, "CL_INVALID_IMAGE_FORMAT_DESCRIPTOR"),
            Map.entry(-40, "CL_INVALID_IMAGE_SIZE"),
            Map.entry(-41, "CL_INVALID_SAMPLER"),
            Map.entry(-42, "CL_INVALID_BINARY"),
            Map.entry(-43, "CL_INVALID_BUILD_OPTIONS"),
            Map.entry(-44, "CL_INVALID_PROGRAM"),
            Map.entry(-45, "CL_INVALID_PROGRAM_EXECUTABLE"),
            Map.entry(-46, "CL_INVALID_KERNEL_NAME"),
            Map.entry(-47, "CL_INVALID_KERNEL_DEFINITION"),
            Map.entry(-48, "CL_INVALID_KERNEL"),
            Map.entry(-49, "CL_INVALID_ARG_INDEX"),
            Map.entry(-50, "CL_INVALID_ARG_VALUE"),
            Map.entry(-51, "CL_INVALID_ARG_SIZE"),
            Map.entry(-52, "CL_INVALID_KERNEL_ARGS"),
            Map.entry(-53, "CL_INVALID_WORK_DIMENSION"),
            Map.entry(-54, "CL_INVALID_WORK_GROUP_SIZE"),
            Map.entry(-55, "CL_INVALID_WORK_ITEM_SIZE"),
            Map.entry(-56, "CL_INVALID_GLOBAL_OFFSET"),
            Map.entry(-57, "CL_INVALID_EVENT_WAIT_LIST"),
            Map.entry(-58, "CL_INVALID_EVENT"),
            Map.entry(-59, "CL_INVALID_OPERATION"),
            Map.entry(-60, "CL_INVALID_GL_OBJECT"),
            Map.entry(-61, "CL_INVALID_BUFFER_SIZE"),
            Map.entry(-62, "CL_INVALID_MIP_LEVEL"),
            Map.entry(-63, "CL_INVALID_GLOBAL_WORK_SIZE"),
            Map.entry(-64, "CL_INVALID_PROPERTY"),
            Map.entry(-65, "CL_INVALID_IMAGE_DESCRIPTOR"),
            Map.entry(-66, "CL_INVALID_COMPILER_OPTIONS"),
            Map.entry(-67, "CL_INVALID_LINKER_OPTIONS"),
            Map.entry(-68, "CL_INVALID_DEVICE_PARTITION_COUNT"),
            Map.entry(-69, "CL_INVALID_PIPE_SIZE"),
            Map.entry(-70, "CL_INVALID_DEVICE_QUEUE"),
            Map.entry(-71, "CL_INVALID_SPEC_ID"),
            Map.entry(-72, "CL_MAX_SIZE_RESTRICTION_EXCEEDED"),
            Map.entry(-1000, "CL_INVALID_GL_SHAREGROUP_REFERENCE_KHR"),
            Map.entry(-1001, "CL_PLATFORM_NOT_FOUND_KHR"),
            Map.entry(-1002, "CL_INVALID_D3D10_DEVICE_KHR"),
            Map.entry(-1003, "CL_INVALID_D3D10_RESOURCE_KHR"),
            Map.entry(-1004, "CL_D3D10_RESOURCE_ALREADY_ACQUIRED_KHR"),
            Map.entry(-1005, "CL_D3D10_RESOURCE_NOT_ACQUIRED_KHR"),
            Map.entry(-1006, "CL_INVALID_D3D11_DEVICE_KHR"),
            Map.entry(-1007, "CL_INVALID_D3D11_RESOURCE_KHR"),
            Map.entry(-1008, "CL_D3D11_RESOURCE_ALREADY_ACQUIRED_KHR"),
            Map.entry(-1009, "CL_D3D11_RESOURCE_NOT_ACQUIRED_KHR"),
            Map.entry(-1010, "CL_INVALID_DX9_MEDIA_ADAPTER_KHR"),
            Map.entry(-1011, "CL_INVALID_DX9_MEDIA_SURFACE_KHR"),
            Map.entry(-1012, "CL_DX9_MEDIA_SURFACE_ALREADY_ACQUIRED_KHR"),
            Map.entry(-1013, "CL_DX9_MEDIA_SURFACE_NOT_ACQUIRED_KHR"),
            Map.entry(-1057, "CL_DEVICE_PARTITION_FAILED_EXT"),
            Map.entry(-1058, "CL_INVALID_PARTITION_COUNT_EXT"),
            Map.entry(-1059, "CL_INVALID_PARTITION_NAME_EXT"),
            Map.entry(-1092, "CL_EGL_RESOURCE_NOT_ACQUIRED_KHR"),
            Map.entry(-1093, "CL_INVALID_EGL_OBJECT_KHR"),
            Map.entry(-1094, "CL_INVALID_ACCELERATOR_INTEL"),
            Map.entry(-1095, "CL_INVALID_ACCELERATOR_TYPE_INTEL"),
            Map.entry(-1096, "CL_INVALID_ACCELERATOR_DESCRIPTOR_INTEL"),
            Map.entry(-1097, "CL_ACCELERATOR_TYPE_NOT_SUPPORTED_INTEL"),
            Map.entry(-1098, "CL_INVALID_VA_API_MEDIA_ADAPTER_INTEL"),
            Map.entry(-1099, "CL_INVALID_VA_API_MEDIA_SURFACE_INTEL"),
            Map.entry(-1100, "CL_VA_API_MEDIA_SURFACE_ALREADY_ACQUIRED_INTEL"),
            Map.entry(-1101, "CL_VA_API_MEDIA_SURFACE_NOT_ACQUIRED_INTEL"),
            Map.entry(-1143, "CL_COMMAND_TERMINATED_ITSELF_WITH_FAILURE_ARM"),
            Map.entry(-9999, "CL_NV_ILLEGAL_MEMORY_ACCESS (NVIDIA)"));

    /** {@code CL_OUT_OF_RESOURCES (-5)}; unknown codes as {@code CL_UNKNOWN_ERROR (-1234)}. */
    static String name(int status) {
        return statusName(status) + " (" + status + ")";
    }

    /** {@code CL_OUT_OF_RESOURCES}; unknown codes as {@code CL_UNKNOWN_ERROR}. */
    static String statusName(int status) {
        return NAMES.getOrDefault(status, "CL_UNKNOWN_ERROR");
    }

    /** The routine a call description names: its leading identifier ({@code clCreateCommandQueue} of "clCreateCommandQueue for opencl:0"). */
    static String routine(String call) {
        int end = 0;
        while (end < call.length() && Character.isJavaIdentifierPart(call.charAt(end))) end++;
        return end == 0 ? call : call.substring(0, end);
    }

    /** True for the statuses that mean "not enough memory". */
    static boolean isOutOfMemory(int status) {
        return status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
                || status == CL.CL_OUT_OF_HOST_MEMORY;
    }

    /** Throws a {@link Gpu4jException} naming {@code call} and the status unless it is {@code CL_SUCCESS}. */
    static void check(int status, String call) {
        if (status != CL.CL_SUCCESS) {
            throw new Gpu4jException(call + " failed: " + name(status), routine(call), status, statusName(status));
        }
    }

    /** For allocation paths: out-of-memory statuses (and too-large sizes) become {@link DeviceMemoryException}. */
    static void checkAlloc(int status, String call, String what) {
        if (status == CL.CL_SUCCESS) return;
        String msg = call + " failed for " + what + ": " + name(status);
        if (isOutOfMemory(status) || status == CL.CL_INVALID_BUFFER_SIZE) {
            throw new DeviceMemoryException(msg, routine(call), status, statusName(status));
        }
        throw new Gpu4jException(msg, routine(call), status, statusName(status));
    }

    /** For launch and wait paths: any failure is a {@link LaunchException}. */
    static void checkLaunch(int status, String call) {
        if (status != CL.CL_SUCCESS) {
            throw new LaunchException(call + " failed: " + name(status), routine(call), status, statusName(status));
        }
    }

    // ------------------------------------------------------------------ info readers

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        int s = CL.clGetDeviceInfo(d, param, 0, null, size);
        if (s != CL.CL_SUCCESS) return "?";
        byte[] b = new byte[(int) size[0]];
        check(CL.clGetDeviceInfo(d, param, b.length, Pointer.to(b), null), "clGetDeviceInfo");
        return cString(b);
    }

    static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        int s = CL.clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return s == CL.CL_SUCCESS ? v[0] : -1;
    }

    static long deviceSizeT(cl_device_id d, int param) {
        if (Sizeof.size_t == 8) return deviceLong(d, param);
        int[] v = new int[1];
        int s = CL.clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null);
        return s == CL.CL_SUCCESS ? Integer.toUnsignedLong(v[0]) : -1;
    }

    static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        int s = CL.clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null);
        return s == CL.CL_SUCCESS ? v[0] : -1;
    }

    static long[] deviceSizeTs(cl_device_id d, int param) {
        long[] size = new long[1];
        if (CL.clGetDeviceInfo(d, param, 0, null, size) != CL.CL_SUCCESS) return new long[0];
        long[] v = new long[(int) (size[0] / Sizeof.size_t)];
        if (CL.clGetDeviceInfo(d, param, (long) v.length * Sizeof.size_t, Pointer.to(v), null) != CL.CL_SUCCESS) {
            return new long[0];
        }
        return v;
    }

    static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        int s = CL.clGetPlatformInfo(p, param, 0, null, size);
        if (s != CL.CL_SUCCESS) return "?";
        byte[] b = new byte[(int) size[0]];
        check(CL.clGetPlatformInfo(p, param, b.length, Pointer.to(b), null), "clGetPlatformInfo");
        return cString(b);
    }

    static String cString(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) n--;
        return new String(b, 0, n, StandardCharsets.UTF_8).trim();
    }
}
