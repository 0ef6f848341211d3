package org.gpu4j.opencl;

import java.util.ArrayList;
import java.util.List;
import org.gpu4j.KernelParam;
import org.gpu4j.LocalMemory;
import org.gpu4j.Range;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.WorkGroups;
import org.gpu4j.spi.NativeEvent;
import org.gpu4j.spi.NativeKernel;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_buffer_region;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * One cl_kernel. Setting arguments and enqueueing happen under the kernel's lock, because {@code clSetKernelArg}
 * on a shared cl_kernel is not thread-safe; an argument whose value did not change since this kernel's last launch
 * is not set again (see {@link #setArg}).
 *
 * <p><b>Automatic local size.</b> When the {@link Range} has none, the kernel picks one: in 1-D the largest
 * divisor of the global size between half the preferred size and the preferred size (256, capped by the kernel's
 * {@code CL_KERNEL_WORK_GROUP_SIZE}); a global size no larger than that is launched as a single work-group; otherwise
 * the global size is rounded up to a multiple of the preferred size (kernels bound-check against their size argument,
 * as {@link Range} requires). 2-D uses 16×16 and 3-D 8×8×4 tiles, each dimension shrunk to the global size when
 * smaller and rounded up the same way. Letting the driver choose ({@code NULL}) is not used: for a prime global size
 * drivers fall back to work-groups of one item, which on PoCL is two orders of magnitude slower.
 */
final class OpenClKernel implements NativeKernel {
    static final int PREFERRED_1D = 256;

    private final OpenClProgram program;
    private final cl_kernel kernel;
    private final String name;
    private final List<KernelParam> params;
    private final long maxGroup;
    private boolean released;
    /** What a failed event names: built once, not per launch. */
    private final String eventLabel;
    /**
     * Scratch for scalar arguments: clSetKernelArg copies the value before it returns, and launches hold the
     * kernel's lock, so one array per type serves every launch (no allocation per argument).
     */
    private final float[] f1 = new float[1];
    private final double[] d1 = new double[1];
    private final int[] i1 = new int[1];
    private final long[] l1 = new long[1];
    private final Pointer pf1 = Pointer.to(f1), pd1 = Pointer.to(d1), pi1 = Pointer.to(i1), pl1 = Pointer.to(l1);
    /** What each argument slot of the cl_kernel holds now, where known (see {@link #setArg}); guarded by this kernel's lock. */
    private Object[] lastArgs = new Object[0];

    OpenClKernel(OpenClProgram program, cl_kernel kernel, String name, List<KernelParam> params) {
        this.program = program;
        this.kernel = kernel;
        this.name = name;
        this.params = withAccess(kernel, params);
        this.eventLabel = "kernel " + name + " on " + program.acc.device.id();
        long[] wg = new long[1];
        int s = CL.clGetKernelWorkGroupInfo(kernel, program.acc.deviceId, CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t,
                Pointer.to(wg), null);
        this.maxGroup = s == CL.CL_SUCCESS && wg[0] > 0 ? wg[0] : Math.max(1, program.acc.device.maxWorkGroupSize());
    }

    /**
     * The parameters with {@link KernelParam#readOnly()} from the driver: a pointer whose pointee is {@code const}
     * ({@code CL_KERNEL_ARG_TYPE_CONST}) or in the {@code __constant} address space. Kept as given where the driver
     * does not say (the list then came from the declaration, which carries it).
     */
    private static List<KernelParam> withAccess(cl_kernel kernel, List<KernelParam> params) {
        List<KernelParam> out = new ArrayList<>(params.size());
        for (KernelParam p : params) {
            boolean readOnly = p.readOnly();
            if (p.isPointer() && !p.local()) {
                long[] q = new long[1];
                int[] addr = new int[1];
                int s1 = CL.clGetKernelArgInfo(kernel, p.index(), CL.CL_KERNEL_ARG_TYPE_QUALIFIER, Sizeof.cl_ulong,
                        Pointer.to(q), null);
                int s2 = CL.clGetKernelArgInfo(kernel, p.index(), CL.CL_KERNEL_ARG_ADDRESS_QUALIFIER, Sizeof.cl_uint,
                        Pointer.to(addr), null);
                if (s1 == CL.CL_SUCCESS && s2 == CL.CL_SUCCESS) {
                    readOnly = (q[0] & CL.CL_KERNEL_ARG_TYPE_CONST) != 0 || addr[0] == CL.CL_KERNEL_ARG_ADDRESS_CONSTANT;
                }
            }
            out.add(readOnly == p.readOnly() ? p : new KernelParam(p.index(), p.name(), p.typeName(), p.local(), readOnly));
        }
        return List.copyOf(out);
    }

    @Override public String name() { return name; }

    @Override public List<KernelParam> params() { return params; }

    @Override public NativeEvent launch(Range range, Object[] args) {
        return launch(program.acc.queue, range, args);
    }

    /** Enqueues the kernel on {@code q}, a queue of this kernel's context (the accelerator's own, or one of its others). */
    synchronized NativeEvent launch(org.jocl.cl_command_queue q, Range range, Object[] args) {
        if (released) throw new IllegalStateException("kernel " + name + " is released");
        OpenClAccelerator acc = program.acc;
        Temps temps = null;
        try {
            if (lastArgs.length != args.length) lastArgs = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a instanceof BufferRef ref && ref.offset() != 0 && temps == null) temps = new Temps();
                setArg(i, a, args, temps, q);
            }
            int dims = range.dimensions();
            long[] global = range.globalSizes();
            // Without a local size, work-groups that tile the global size exactly: never a work-item past it.
            long[] local = range.hasLocal() ? range.localSizes() : autoLocal(global);
            boolean own = q == acc.queue; // the accelerator's own queue keeps a tracked tail (finish polls its last event)
            // staging copies enqueued without events before the kernel: if its enqueue fails, finish must not trust the tail
            if (own && temps != null && !temps.staged.isEmpty()) acc.untracked();
            int status;
            cl_event ev = new cl_event();
            if (own) {
                // under the accelerator's tail lock: this kernel's event becomes the queue's last command
                synchronized (acc.tailLock) {
                    status = CL.clEnqueueNDRangeKernel(q, kernel, dims, null, global, local, 0, null, ev);
                    if (status == CL.CL_SUCCESS) acc.tracked(ev);
                }
            } else {
                status = CL.clEnqueueNDRangeKernel(q, kernel, dims, null, global, local, 0, null, ev);
            }
            if (status != CL.CL_SUCCESS) {
                Cl.checkLaunch(status, "clEnqueueNDRangeKernel(" + name + ", global " + java.util.Arrays.toString(global)
                        + ", local " + java.util.Arrays.toString(local) + ") on " + acc.device.id());
            }
            // Staged slices go back where they came from; the in-order queue runs these copies after the kernel.
            if (temps != null) {
                boolean copied = false;
                try {
                    for (Staged st : temps.staged) {
                        if (!st.written[0]) continue; // read-only: nothing to copy back
                        copied = true;
                        int c = CL.clEnqueueCopyBuffer(q, st.temp, st.origin, 0, st.ref.byteOffset(),
                                st.ref.byteLength(), 0, null, null);
                        Cl.checkLaunch(c, "copying staged slice back after kernel " + name);
                    }
                } finally {
                    if (copied && own) acc.untracked();
                }
            }
            return new OpenClEvent(ev, eventLabel);
        } finally {
            // Enqueued commands keep the memory objects they use alive; our references can go now.
            if (temps != null) for (cl_mem m : temps.release) CL.clReleaseMemObject(m);
        }
    }

    /** Memory objects made for one launch: sub-buffers, and temporaries standing in for unaligned slices. */
    private static final class Temps {
        final List<cl_mem> release = new ArrayList<>();
        final List<Staged> staged = new ArrayList<>();
        final java.util.Map<Integer, cl_mem> subs = new java.util.HashMap<>();
    }

    /** A staged slice; {@code written} when any argument using it is not read-only (then it is copied back). */
    private record Staged(BufferRef ref, cl_mem origin, cl_mem temp, boolean[] written) {}

    /** Local sizes for a launch without one: exact divisors of the global sizes (see {@link WorkGroups}). */
    long[] autoLocal(long[] global) {
        // the last answer is kept (under the kernel's lock, like every launch): a kernel is mostly launched over the
        // same sizes again, and the divisor search is a visible part of an empty kernel's launch
        if (java.util.Arrays.equals(global, lastGlobal)) return lastLocal;
        long[] pref = switch (global.length) {
            case 1 -> new long[] {PREFERRED_1D};
            case 2 -> new long[] {16, 16};
            default -> new long[] {8, 8, 4};
        };
        long[] local = WorkGroups.exactLocal(global, pref, maxGroup);
        lastGlobal = global.clone();
        lastLocal = local;
        return local;
    }

    /** {@link #autoLocal}'s last question and answer (guarded by this kernel's lock; the answer is never written to). */
    private long[] lastGlobal, lastLocal;

    /**
     * Sets argument {@code i}, unless it already holds that value: a launch usually passes what the previous launch of
     * this kernel passed, and OpenCL keeps argument values in the kernel object between enqueues (each enqueue
     * captures the values set at that moment). {@link #lastArgs} remembers what was set: the boxed scalar (compared by
     * its bits, so -0.0 and every NaN payload count as their own values), or the {@link OpenClAccelerator.Buffer} of an
     * array at offset 0 (compared by identity: a new allocation is a new Buffer even when the driver reuses the
     * address). Sub-buffers, staged copies and local memory are set every time. A failed set forgets the slot.
     */
    private void setArg(int i, Object a, Object[] all, Temps temps, org.jocl.cl_command_queue q) {
        Object last = lastArgs[i];
        Object keep = null;
        int s;
        if (a instanceof BufferRef ref) {
            if (ref.offset() == 0) {
                OpenClAccelerator.Buffer b = (OpenClAccelerator.Buffer) ref.handle();
                if (last == b) return;
                keep = b;
            }
            lastArgs[i] = null;
            cl_mem mem = memFor(i, ref, all, temps, q);
            s = CL.clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(mem));
        } else if (a instanceof Float f) {
            if (last instanceof Float l && Float.floatToRawIntBits(l) == Float.floatToRawIntBits(f)) return;
            lastArgs[i] = null;
            keep = f;
            f1[0] = f;
            s = CL.clSetKernelArg(kernel, i, Sizeof.cl_float, pf1);
        } else if (a instanceof Double d) {
            if (last instanceof Double l && Double.doubleToRawLongBits(l) == Double.doubleToRawLongBits(d)) return;
            lastArgs[i] = null;
            keep = d;
            d1[0] = d;
            s = CL.clSetKernelArg(kernel, i, Sizeof.cl_double, pd1);
        } else if (a instanceof Integer n) {
            if (last instanceof Integer l && l.intValue() == n.intValue()) return;
            lastArgs[i] = null;
            keep = n;
            i1[0] = n;
            s = CL.clSetKernelArg(kernel, i, Sizeof.cl_int, pi1);
        } else if (a instanceof Long n) {
            if (last instanceof Long l && l.longValue() == n.longValue()) return;
            lastArgs[i] = null;
            keep = n;
            l1[0] = n;
            s = CL.clSetKernelArg(kernel, i, Sizeof.cl_long, pl1);
        } else {
            lastArgs[i] = null;
            if (a instanceof Short n) {
                s = CL.clSetKernelArg(kernel, i, Sizeof.cl_short, Pointer.to(new short[] {n}));
            } else if (a instanceof Byte n) {
                s = CL.clSetKernelArg(kernel, i, Sizeof.cl_char, Pointer.to(new byte[] {n}));
            } else if (a instanceof LocalMemory lm) {
                s = CL.clSetKernelArg(kernel, i, lm.bytes(), null);
            } else {
                throw new IllegalArgumentException("argument " + (i + 1) + " of kernel " + name + ": unsupported type "
                        + (a == null ? "null" : a.getClass().getName()));
            }
        }
        if (s != CL.CL_SUCCESS) {
            String p = i < params.size() ? " (" + params.get(i).typeName() + " " + params.get(i).name() + ")" : "";
            Cl.checkLaunch(s, "clSetKernelArg(argument " + (i + 1) + p + " of kernel " + name + ", " + describe(a) + ")");
        }
        lastArgs[i] = keep;
    }

    private static String describe(Object a) {
        return a instanceof BufferRef r ? r.type() + " buffer [" + r.offset() + ", +" + r.length() + ")"
                : a.getClass().getSimpleName() + " " + a;
    }

    /**
     * The buffer itself for offset 0; an aligned sub-buffer for a slice at a multiple of the device's base address
     * alignment (identical slices share one); otherwise (OpenCL cannot address an unaligned sub-range) a temporary
     * buffer that the slice is copied into before the kernel and, unless every argument using it is read-only, back
     * from after it. Identical slices passed twice share one temporary, so in-place kernels work; read-only slices
     * that overlap are staged separately. Core has already refused a partial overlap involving a written argument
     * ({@code Kernel}'s overlap rule); the check here keeps the copies consistent should one arrive anyway.
     */
    private cl_mem memFor(int i, BufferRef ref, Object[] all, Temps temps, org.jocl.cl_command_queue q) {
        OpenClAccelerator.Buffer b = (OpenClAccelerator.Buffer) ref.handle();
        if (ref.offset() == 0) return b.mem;
        int[] err = new int[1];
        long align = program.acc.baseAlignBytes;
        if (ref.byteOffset() % align == 0) {
            for (int j = 0; j < i; j++) {
                if (all[j] instanceof BufferRef o && o.equals(ref) && temps.subs.containsKey(j)) return temps.subs.get(j);
            }
            cl_mem sub = CL.clCreateSubBuffer(b.mem, CL.CL_MEM_READ_WRITE, CL.CL_BUFFER_CREATE_TYPE_REGION,
                    new cl_buffer_region(ref.byteOffset(), ref.byteLength()), err);
            Cl.checkLaunch(err[0], "clCreateSubBuffer(argument " + (i + 1) + " of kernel " + name + ")");
            temps.release.add(sub);
            temps.subs.put(i, sub);
            return sub;
        }
        boolean written = written(i);
        for (Staged st : temps.staged) {
            if (st.ref.equals(ref)) {
                st.written[0] |= written;
                return st.temp;
            }
        }
        for (int j = 0; j < all.length; j++) {
            if (j != i && all[j] instanceof BufferRef o && o.handle() == ref.handle() && !o.equals(ref)
                    && o.byteOffset() < ref.byteOffset() + ref.byteLength()
                    && ref.byteOffset() < o.byteOffset() + o.byteLength()
                    && (written || written(j))) {
                throw new IllegalArgumentException("argument " + (i + 1) + " of kernel " + name + ": a slice at element "
                        + ref.offset() + " (not at a multiple of the " + align + "-byte alignment OpenCL needs) "
                        + "partly overlaps argument " + (j + 1) + " and one of them is written; pass identical or"
                        + " disjoint slices, or declare both const");
            }
        }
        OpenClAccelerator acc = program.acc;
        cl_mem temp = CL.clCreateBuffer(acc.context, CL.CL_MEM_READ_WRITE, Math.max(1, ref.byteLength()), null, err);
        Cl.checkAlloc(err[0], "clCreateBuffer", "staging the unaligned slice of argument " + (i + 1) + " of kernel " + name);
        temps.release.add(temp);
        int c = CL.clEnqueueCopyBuffer(q, b.mem, temp, ref.byteOffset(), 0, ref.byteLength(), 0, null, null);
        Cl.checkLaunch(c, "staging the unaligned slice of argument " + (i + 1) + " of kernel " + name);
        temps.staged.add(new Staged(ref, b.mem, temp, new boolean[] {written}));
        return temp;
    }

    /** Whether argument {@code i} may be written: not declared read-only (unknown parameters count as written). */
    private boolean written(int i) {
        return i >= params.size() || !params.get(i).readOnly();
    }

    synchronized void release() {
        if (released) return;
        released = true;
        CL.clReleaseKernel(kernel);
    }

    @Override public String toString() { return "OpenClKernel[" + name + " " + params + "]"; }
}
