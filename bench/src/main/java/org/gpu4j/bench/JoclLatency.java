package org.gpu4j.bench;

import static org.jocl.CL.*;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/**
 * The raw-JOCL launch-latency reference: the same empty kernel as gpu4j's launch benchmark, on a plain in-order
 * queue (no profiling, no events), argument set before each launch, {@code clEnqueueNDRangeKernel} over one
 * work-item, then {@code clFinish} after each launch ({@link Op#LAUNCH}) or after {@link Op#BATCH} launches
 * ({@link Op#LAUNCH_BATCHED}). The device is the first OpenCL GPU, else accelerator, else the first device, which is
 * what gpu4j's {@code opencl} selector picks.
 */
final class JoclLatency implements Workload {
    private final Op op;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final cl_kernel kernel;
    private final String deviceName;
    private final String deviceType;
    private final Pointer arg = Pointer.to(new int[] {1});
    private final long[] global = {1};

    /** Opens the device; throws (any Throwable: no ICD loader, no platform) when OpenCL is not there. */
    JoclLatency(Op op) {
        if (op != Op.LAUNCH && op != Op.LAUNCH_BATCHED) throw new IllegalArgumentException("op: " + op.id + " is not a launch benchmark");
        this.op = op;
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        clGetPlatformIDs(platforms.length, platforms, null);
        cl_platform_id bestP = null;
        cl_device_id best = null;
        int bestRank = Integer.MAX_VALUE;
        for (cl_platform_id p : platforms) {
            int[] nd = new int[1];
            try {
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, nd);
            } catch (RuntimeException e) {
                continue; // a platform without devices
            }
            cl_device_id[] ds = new cl_device_id[nd[0]];
            clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ds.length, ds, null);
            for (cl_device_id d : ds) {
                long[] type = new long[1];
                clGetDeviceInfo(d, CL_DEVICE_TYPE, Sizeof.cl_ulong, Pointer.to(type), null);
                int rank = (type[0] & CL_DEVICE_TYPE_GPU) != 0 ? 0 : (type[0] & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? 1 : 2;
                if (rank < bestRank) {
                    bestRank = rank;
                    best = d;
                    bestP = p;
                }
            }
        }
        if (best == null) throw new IllegalStateException("no OpenCL device");
        deviceName = info(best, CL_DEVICE_NAME);
        deviceType = bestRank == 0 ? "GPU" : bestRank == 1 ? "ACCELERATOR" : "CPU";
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, bestP);
        context = clCreateContext(props, 1, new cl_device_id[] {best}, null, null, null);
        cl_command_queue q;
        try {
            q = clCreateCommandQueueWithProperties(context, best, null, null);
        } catch (RuntimeException | LinkageError e) {
            q = clCreateCommandQueue(context, best, 0, null); // OpenCL 1.x
        }
        queue = q;
        program = clCreateProgramWithSource(context, 1, new String[] {BenchKernels.CL}, null, null);
        clBuildProgram(program, 0, null, null, null, null);
        kernel = clCreateKernel(program, "bench_empty", null);
    }

    private static String info(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, b.length, Pointer.to(b), null);
        return new String(b, 0, Math.max(0, b.length - 1), java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    String deviceName() { return deviceName; }

    String deviceType() { return deviceType; }

    @Override public void run() {
        if (op == Op.LAUNCH) {
            clSetKernelArg(kernel, 0, Sizeof.cl_int, arg);
            clEnqueueNDRangeKernel(queue, kernel, 1, null, global, null, 0, null, null);
            clFinish(queue);
        } else {
            for (int i = 0; i < Op.BATCH; i++) {
                clSetKernelArg(kernel, 0, Sizeof.cl_int, arg);
                clEnqueueNDRangeKernel(queue, kernel, 1, null, global, null, 0, null, null);
            }
            clFinish(queue);
        }
    }

    @Override public void close() {
        clReleaseKernel(kernel);
        clReleaseProgram(program);
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
