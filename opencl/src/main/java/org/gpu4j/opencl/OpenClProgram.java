package org.gpu4j.opencl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gpu4j.KernelParam;
import org.gpu4j.spi.KernelSignatures;
import org.gpu4j.spi.NativeKernel;
import org.gpu4j.spi.NativeProgram;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/** A built OpenCL program holding its own reference to the cl_program; kernels are created on first use. */
final class OpenClProgram implements NativeProgram {
    final OpenClAccelerator acc;
    private final cl_program program;
    private final String name;
    private final String text;
    private final Map<String, OpenClKernel> kernels = new ConcurrentHashMap<>();
    private final Set<String> names;
    private boolean released;

    OpenClProgram(OpenClAccelerator acc, cl_program program, String name, String text) {
        this.acc = acc;
        this.program = program;
        this.name = name;
        this.text = text;
        this.names = readNames();
    }

    private Set<String> readNames() {
        Set<String> names = OpenClAccelerator.kernelNames(program);
        if (names != null && !names.isEmpty()) return Set.copyOf(names);
        return Set.copyOf(KernelSignatures.parse(text).keySet());
    }

    @Override public Set<String> kernelNames() { return names; }

    @Override public NativeKernel kernel(String kernelName) {
        synchronized (this) {
            if (released) throw new IllegalStateException("program '" + name + "' is released");
        }
        return kernels.computeIfAbsent(kernelName, this::create);
    }

    private OpenClKernel create(String kernelName) {
        if (!names.isEmpty() && !names.contains(kernelName)) {
            List<String> sorted = new ArrayList<>(names);
            sorted.sort(null);
            throw new IllegalArgumentException("program '" + name + "' has no kernel '" + kernelName + "'; it has "
                    + sorted);
        }
        int[] err = new int[1];
        cl_kernel k = CL.clCreateKernel(program, kernelName, err);
        if (err[0] == CL.CL_INVALID_KERNEL_NAME) {
            throw new IllegalArgumentException("program '" + name + "' has no kernel '" + kernelName + "'; it has "
                    + names);
        }
        Cl.check(err[0], "clCreateKernel(" + kernelName + ")");
        return new OpenClKernel(this, k, kernelName, params(k, kernelName));
    }

    /** The declared parameters from clGetKernelArgInfo, else parsed from the source text. */
    private List<KernelParam> params(cl_kernel k, String kernelName) {
        int[] n = new int[1];
        Cl.check(CL.clGetKernelInfo(k, CL.CL_KERNEL_NUM_ARGS, org.jocl.Sizeof.cl_uint, Pointer.to(n), null),
                "clGetKernelInfo(CL_KERNEL_NUM_ARGS)");
        List<KernelParam> out = new ArrayList<>();
        for (int i = 0; i < n[0]; i++) {
            String type = argString(k, i, CL.CL_KERNEL_ARG_TYPE_NAME);
            String argName = argString(k, i, CL.CL_KERNEL_ARG_NAME);
            int[] q = new int[1];
            int s = CL.clGetKernelArgInfo(k, i, CL.CL_KERNEL_ARG_ADDRESS_QUALIFIER, org.jocl.Sizeof.cl_uint,
                    Pointer.to(q), null);
            if (type == null || s != CL.CL_SUCCESS) {
                // No argument info (e.g. a driver that drops it from binaries): fall back to the declaration.
                List<KernelParam> parsed = KernelSignatures.parse(text).get(kernelName);
                return parsed != null && parsed.size() == n[0] ? parsed : List.of();
            }
            boolean local = q[0] == CL.CL_KERNEL_ARG_ADDRESS_LOCAL;
            type = type.replace(" *", "*").trim();
            out.add(new KernelParam(i, argName == null || argName.isEmpty() ? "arg" + i : argName, type, local));
        }
        return out;
    }

    private static String argString(cl_kernel k, int i, int param) {
        long[] size = new long[1];
        if (CL.clGetKernelArgInfo(k, i, param, 0, null, size) != CL.CL_SUCCESS) return null;
        byte[] b = new byte[(int) size[0]];
        if (CL.clGetKernelArgInfo(k, i, param, b.length, Pointer.to(b), null) != CL.CL_SUCCESS) return null;
        return Cl.cString(b);
    }

    @Override public void release() {
        synchronized (this) {
            if (released) return;
            released = true;
        }
        for (OpenClKernel k : kernels.values()) k.release();
        kernels.clear();
        CL.clReleaseProgram(program);
    }

    @Override public String toString() { return "OpenClProgram[" + name + " " + Arrays.toString(names.toArray()) + "]"; }
}
