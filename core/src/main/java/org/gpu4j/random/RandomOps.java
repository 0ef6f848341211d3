package org.gpu4j.random;

import java.util.Objects;
import org.gpu4j.Accelerator;
import org.gpu4j.Capability;
import org.gpu4j.DeviceArray;
import org.gpu4j.ElementType;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.UnsupportedCapabilityException;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;

/**
 * The random op family's implementation behind {@link org.gpu4j.DeviceRandom}: argument checks and the launches of
 * the kernels in {@code random.cl|cu} (Java twins in {@link RandomKernels}). Launch geometry comes from the
 * accelerator's {@link LaunchPlan} over the Philox blocks a fill touches: Java chunks, CPU runs of blocks (the
 * {@link LaunchPlan.Grain#FINE} grain: generation is compute-bound, so more work-items than a stream op), or a
 * grid-stride grid on GPUs. Any geometry gives the same values ({@link #fill(Distribution, DeviceArray, long, long, Range, Object...)}
 * lets tests choose one).
 */
public final class RandomOps {
    private final Accelerator acc;
    private final CoreAccess core = CoreAccess.get();

    public RandomOps(Accelerator acc) { this.acc = Objects.requireNonNull(acc, "acc"); }

    public Accelerator accelerator() { return acc; }

    /**
     * Checks {@code out} (non-null, of this accelerator, open) and that elements [start, start + length) of the stream
     * exist, before anything is enqueued; {@code what} names the call in messages.
     */
    public void checkTarget(String what, DeviceArray out, long start) {
        Objects.requireNonNull(out, "x");
        core.owned(acc, out, "x");
        if (start < 0) throw new IllegalArgumentException(what + ": offset must be >= 0, got " + start);
        if (out.length() > Long.MAX_VALUE - start) {
            throw new IllegalArgumentException(what + ": the generator's offset " + start + " plus the length "
                    + out.length() + " of x passes the end of the stream (2^63 - 1 elements)");
        }
    }

    /** Fills {@code out} with elements [start, start + length) of {@code d} under {@code seed}, geometry from the plan. */
    public void fill(Distribution d, DeviceArray out, long seed, long start, Object... params) {
        fill(d, out, seed, start, null, params);
    }

    /** As {@link #fill(Distribution, DeviceArray, long, long, Object...)} with an explicit launch range (null: the plan's). */
    public void fill(Distribution d, DeviceArray out, long seed, long start, Range range, Object... params) {
        checkTarget(d.kernel, out, start);
        if (out.elementType() != d.type) {
            throw new IllegalArgumentException(d.kernel + ": x holds " + out.elementType() + ", not " + d.type);
        }
        Kernel k = kernel(d.kernel, d.type);
        long n = out.length();
        if (n == 0) return;
        Object[] args = new Object[5 + params.length];
        args[0] = out;
        args[1] = start;
        args[2] = Philox.key0(seed);
        args[3] = Philox.key1(seed);
        System.arraycopy(params, 0, args, 4, params.length);
        args[args.length - 1] = n;
        k.launch(range != null ? range : range(d.blocks(start, n)), args);
    }

    /**
     * Runs {@code rounds} rounds of Philox4x32 on the device for each (counter, key): {@code ctr} holds 4 words per
     * block, {@code key} 2; returns the 4 output words per block. For the known-answer tests.
     */
    public int[] philox(int[] ctr, int[] key, int rounds) {
        if (ctr.length % 4 != 0 || key.length * 2 != ctr.length) {
            throw new IllegalArgumentException("philox: need 4 counter words and 2 key words per block, got "
                    + ctr.length + " and " + key.length);
        }
        int n = ctr.length / 4;
        if (n == 0) return new int[0];
        Kernel k = kernel("philox4x32_kat", ElementType.INT);
        try (IntArray c = acc.upload(ctr); IntArray kk = acc.upload(key); IntArray out = acc.allocInts(ctr.length)) {
            k.launch(range(n), c, kk, out, rounds, (long) n);
            return out.toArray();
        }
    }

    /** The plan's launch over {@code blocks} Philox blocks. */
    public Range range(long blocks) {
        LaunchPlan plan = core.plan(acc);
        return plan.elementwise(blocks, LaunchPlan.Grain.FINE);
    }

    private Kernel kernel(String name, ElementType t) {
        if (t == ElementType.DOUBLE && !acc.device().supports(Capability.FP64)) {
            throw new UnsupportedCapabilityException(Capability.FP64, acc.device(), name);
        }
        Program p = core.sharedProgram(acc, "org.gpu4j.random", RandomKernels::source, core.plan(acc).buildOptions());
        return p.kernel(name);
    }
}
