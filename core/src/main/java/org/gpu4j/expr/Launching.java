package org.gpu4j.expr;

import org.gpu4j.Accelerator;
import org.gpu4j.Dialect;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;

/** What the kernel kinds ask the accelerator's launch plan (shape, geometry), and program caching. */
final class Launching {
    private Launching() {}

    static LaunchPlan plan(Accelerator acc) { return CoreAccess.get().plan(acc); }

    /** GPU-shaped kernels where the launch plan says GPU; CPU-shaped (one chunk per work-item) elsewhere. */
    static Codegen.Shape shape(Accelerator acc) { return plan(acc).gpu() ? Codegen.Shape.GPU : Codegen.Shape.CPU; }

    /** An element-wise kernel's launch: grid-stride groups on GPUs, one contiguous chunk per work-item elsewhere. */
    static Range elementwise(Accelerator acc, long n) {
        return n == 0 ? Range.of(0) : plan(acc).elementwise(n, LaunchPlan.Grain.FINE);
    }

    /** Pass 1 of a reduction: one partial per segment (per work-group of {@link Codegen#GPU_GROUP} on GPUs). */
    static Range reductionParts(Accelerator acc, long n) {
        LaunchPlan p = plan(acc);
        return p.partsRange(p.parts(n, LaunchPlan.Grain.FINE));
    }

    /** The partials a {@link #reductionParts} launch writes. */
    static long partials(Accelerator acc, Range r) {
        return plan(acc).gpu() ? r.global(0) / LaunchPlan.GROUP : r.global(0);
    }

    /** Pass 2 of a reduction: one work-item, or one work-group on GPUs. */
    static Range single(Accelerator acc) { return plan(acc).single(); }

    /**
     * The shape of the CUDA text: the plan's shape on a CUDA device (where it is launched), else the GPU shape (the
     * text is then only read or compiled, never launched).
     */
    static Codegen.Shape cudaShape(Accelerator acc) {
        return acc.device().backend().equals("cuda") ? shape(acc) : Codegen.Shape.GPU;
    }

    /**
     * A scan's passes 1 and 3: one contiguous segment per work-item (Java, CPU), or on GPUs one segment per
     * work-group of {@link LaunchPlan#GROUP}, as many groups as a reduction's ({@link LaunchPlan#parts}); the
     * partials are {@link #partials} of it.
     */
    static Range scanParts(Accelerator acc, long n) {
        if (n == 0) return Range.of(0);
        LaunchPlan p = plan(acc);
        return p.gpu() ? p.partsRange(p.parts(n, LaunchPlan.Grain.FINE)) : p.segments(n, LaunchPlan.Grain.FINE);
    }

    /** The program of a generated source, built once per accelerator and source text. */
    static Program program(Accelerator acc, KernelSource src) {
        String key = "gpu4j.expr:" + KernelSource.sha256(src.text(Dialect.OPENCL) + "\u0000" + src.text(Dialect.CUDA));
        return org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, key, () -> src, "");
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
