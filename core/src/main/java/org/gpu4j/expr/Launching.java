package org.gpu4j.expr;

import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.DeviceType;
import org.gpu4j.Dialect;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;

/** Device-dependent choices shared by the kernel kinds: shape, launch geometry, program caching. */
final class Launching {
    private Launching() {}

    static boolean isJava(Device d) { return d.backend().equals("cpu"); }

    /** CPU-shaped kernels on CPU devices and on the Java backend, GPU-shaped elsewhere. */
    static Codegen.Shape shape(Device d) {
        if (isJava(d) || d.type() == DeviceType.CPU) return Codegen.Shape.CPU;
        if (d.maxWorkGroupSize() > 0 && d.maxWorkGroupSize() < Codegen.GPU_GROUP) return Codegen.Shape.CPU;
        return Codegen.Shape.GPU;
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    /** Work-items for kernels where each work-item loops over one contiguous chunk of the n indices. */
    static Range chunks(Device d, long n) {
        if (n == 0) return Range.of(0);
        if (isJava(d)) return Range.of(ceilDiv(n, JavaSide.CHUNK));
        if (d.type() == DeviceType.CPU) {
            // measured on PoCL (2^24 floats, z = a*x + b*y): 256 chunks beat 64 and one element per work-item
            long g = Math.min(ceilDiv(n, 4096), Math.max(1, d.computeUnits()) * 128L);
            return Range.of(g).local(1L);
        }
        long g = Math.min(ceilDiv(n, 16), 65536);
        return Range.of(ceilDiv(g, 64) * 64).local(64L);
    }

    /** Work-items for GPU grid-stride kernels: whole groups of {@link Codegen#GPU_GROUP}, at most 1024 groups. */
    static Range gridStride(long n) {
        if (n == 0) return Range.of(0);
        long groups = Math.min(ceilDiv(n, Codegen.GPU_GROUP), 1024);
        return Range.of(groups * Codegen.GPU_GROUP).local((long) Codegen.GPU_GROUP);
    }

    static Range forShape(Device d, Codegen.Shape shape, long n) {
        return shape == Codegen.Shape.GPU ? gridStride(n) : chunks(d, n);
    }

    /** The program of a generated source, built once per accelerator and source text. */
    static Program program(Accelerator acc, KernelSource src) {
        String key = "gpu4j.expr:" + KernelSource.sha256(src.text(Dialect.OPENCL) + "\u0000" + src.text(Dialect.CUDA));
        return acc.sharedProgram(key, () -> src, "");
    }

    static Object[] append(Object[] args, Object... more) {
        Object[] out = new Object[args.length + more.length];
        System.arraycopy(args, 0, out, 0, args.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }

    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*") || Scope.reserved(name) != null) {
            throw new IllegalArgumentException("name: '" + name + "' is not a valid kernel name (letters, digits and _, "
                    + "starting with a letter, not a reserved word)");
        }
    }
}
