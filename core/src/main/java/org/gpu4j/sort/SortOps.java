package org.gpu4j.sort;

import java.util.Objects;
import org.gpu4j.Accelerator;
import org.gpu4j.Capability;
import org.gpu4j.DeviceArray;
import org.gpu4j.ElementType;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.LongArray;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.UnsupportedCapabilityException;
import org.gpu4j.expr.ElementwiseKernel;
import org.gpu4j.expr.Expressions;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;

/**
 * The sort family's implementation behind the public facade {@link org.gpu4j.Sorting}: argument checks, the LSD
 * radix passes of {@code sort.cl|cu} (Java twins in {@link SortKernels}) with the digit-offset scans done by the
 * vector family's scan kernels, and the scan-built algorithms (copyIf, partition, unique). Digit width and segment
 * count come from the accelerator's {@link LaunchPlan} ({@link LaunchPlan#radixBits}, {@link LaunchPlan#sortParts}),
 * element-wise helpers use {@link LaunchPlan#elementwise} with the {@link LaunchPlan.Grain#STREAM} grain.
 */
public final class SortOps {
    private final Accelerator acc;
    private final CoreAccess core = CoreAccess.get();

    public SortOps(Accelerator acc) { this.acc = acc; }

    // ================================================================ sorts

    public void sort(DeviceArray keys, boolean descending) {
        owned(keys, "keys");
        fp64(keys.elementType(), "sort");
        if (keys.length() == 0) return;
        sortKeys(keys, null, descending);
    }

    public void sortByKey(DeviceArray keys, DeviceArray values, boolean descending) {
        owned(keys, "keys");
        owned(values, "values");
        sameLength("sortByKey", "keys", keys, "values", values);
        disjoint("sortByKey", "keys", keys, "values", values);
        fp64(keys.elementType(), "sortByKey");
        fp64(values.elementType(), "sortByKey");
        long n = keys.length();
        indexable("sortByKey", n);
        if (n == 0) return;
        if (values instanceof IntArray v) {
            sortKeys(keys, v, descending);
            return;
        }
        try (IntArray perm = ints(n); DeviceArray moved = core.allocUninitialized(acc, values.elementType(), n)) {
            ew("sort_iota_i32", n, perm);
            sortKeys(keys, perm, descending);
            ew("sort_gather_" + values.elementType().suffix(), n, values, perm, moved);
            values.copyFrom(moved);
            acc.finish();
        }
    }

    public void argsort(DeviceArray keys, DeviceArray indices, boolean descending) {
        owned(keys, "keys");
        owned(indices, "indices");
        if (indices.elementType() != ElementType.INT && indices.elementType() != ElementType.LONG) {
            throw new IllegalArgumentException("argsort: indices must be an IntArray or a LongArray, got " + core.describe(indices));
        }
        sameLength("argsort", "keys", keys, "indices", indices);
        disjoint("argsort", "keys", keys, "indices", indices);
        fp64(keys.elementType(), "argsort");
        long n = keys.length();
        indexable("argsort", n);
        if (n == 0) return;
        ElementType kt = keyType(keys.elementType());
        try (DeviceArray k = core.allocUninitialized(acc, kt, n);
             IntArray perm = indices instanceof IntArray ? null : ints(n)) {
            IntArray p = perm != null ? perm : (IntArray) indices;
            switch (keys.elementType()) {
                case INT, LONG -> k.copyFrom(keys);
                case FLOAT, DOUBLE -> ew("sort_encode_" + keys.elementType().suffix(), n, keys, k);
            }
            ew("sort_iota_i32", n, p);
            if (n > 1) order(k, p, descending);
            if (perm != null) ew("sort_widen_i64", n, perm, indices);
            acc.finish();
        }
    }

    /** Sorts keys (any type) in place, moving the int payload v (nullable) along. */
    private void sortKeys(DeviceArray keys, IntArray v, boolean descending) {
        long n = keys.length();
        ElementType t = keys.elementType();
        if (t == ElementType.INT || t == ElementType.LONG) {
            if (n > 1) order(keys, v, descending);
            return;
        }
        // floats and doubles go through the encoding even when n = 1, so every NaN comes out canonical
        try (DeviceArray k = core.allocUninitialized(acc, keyType(t), n)) {
            ew("sort_encode_" + t.suffix(), n, keys, k);
            if (n > 1) order(k, v, descending);
            ew("sort_decode_" + t.suffix(), n, k, keys);
            acc.finish();
        }
    }

    private static ElementType keyType(ElementType t) {
        return t == ElementType.FLOAT || t == ElementType.INT ? ElementType.INT : ElementType.LONG;
    }

    /** Sorts int or long keys in place by the plan's {@link LaunchPlan#sortMethod}: the same stable result either way. */
    private void order(DeviceArray k, IntArray v, boolean descending) {
        if (plan().sortMethod() == LaunchPlan.SortMethod.MERGE) merge(k, v, descending);
        else radix(k, v, descending);
    }

    /**
     * Stable merge sort of int or long keys {@code k} in place (descending signed order when asked), moving
     * {@code v} along: {@link LaunchPlan#mergeParts} segments sorted each by one work-item, then merge passes of
     * doubling run width into a scratch array and back; an odd pass count ends with one copy.
     */
    private void merge(DeviceArray k, IntArray v, boolean descending) {
        LaunchPlan plan = plan();
        long n = k.length();
        long p = plan.mergeParts(n);
        String s = k.elementType().suffix();
        int desc = descending ? 1 : 0;
        try (DeviceArray kt = core.allocUninitialized(acc, k.elementType(), n);
             IntArray vt = v == null ? null : ints(n)) {
            Range local = plan.partsRange(p);
            if (v == null) kernel("merge_sort_" + s).launch(local, k, kt, n, desc);
            else kernel("merge_sort_pairs_" + s).launch(local, k, kt, v, vt, n, desc);
            long seg = SortKernels.segment(n, p);
            if (seg < n) {
                Kernel pass = kernel(v == null ? "merge_pass_" + s : "merge_pass_pairs_" + s);
                Range range = plan.elementwise(n, LaunchPlan.Grain.STREAM);
                DeviceArray ks = k, kd = kt;
                IntArray vs = v, vd = vt;
                for (long width = seg; width < n; width <<= 1) {
                    if (v == null) pass.launch(range, ks, kd, n, width, desc);
                    else pass.launch(range, ks, kd, vs, vd, n, width, desc);
                    DeviceArray t = ks; ks = kd; kd = t;
                    IntArray u = vs; vs = vd; vd = u;
                }
                if (ks != k) {
                    k.copyFrom(ks);
                    if (v != null) v.copyFrom(vs);
                }
            }
            acc.finish();
        }
    }

    /**
     * LSD radix sort of int or long keys {@code k} in place in signed order (reversed when descending), stable,
     * moving {@code v} along; ping-pongs with scratch arrays over an even number of passes, so it ends in place.
     */
    private void radix(DeviceArray k, IntArray v, boolean descending) {
        LaunchPlan plan = plan();
        long n = k.length();
        int keyBits = k.elementType() == ElementType.INT ? 32 : 64;
        int bits = plan.radixBits(), bins = 1 << bits;
        if ((keyBits / bits) % 2 != 0) throw new IllegalStateException("odd number of radix passes: " + keyBits + "/" + bits);
        long p = plan.sortParts(n);
        Range range = plan.partsRange(p);
        String s = k.elementType().suffix();
        Kernel count = kernel("radix_count_" + s);
        Kernel scatter = kernel(v == null ? "radix_scatter_" + s : "radix_pairs_" + s);
        try (LongArray hist = (LongArray) core.allocUninitialized(acc, ElementType.LONG, bins * p);
             DeviceArray kt = core.allocUninitialized(acc, k.elementType(), n);
             IntArray vt = v == null ? null : ints(n)) {
            DeviceArray ks = k, kd = kt;
            IntArray vs = v, vd = vt;
            for (int shift = 0; shift < keyBits; shift += bits) {
                int flip = (descending ? bins - 1 : 0) ^ (shift + bits == keyBits ? bins >> 1 : 0);
                count.launch(range, ks, hist, n, shift, flip);
                acc.vectors().exclusiveScan(hist, hist);
                if (v == null) scatter.launch(range, ks, kd, hist, n, shift, flip);
                else scatter.launch(range, ks, kd, vs, vd, hist, n, shift, flip);
                DeviceArray t = ks; ks = kd; kd = t;
                IntArray u = vs; vs = vd; vd = u;
            }
            acc.finish();
        }
    }

    // ================================================================ scan-built algorithms

    /** copyIf (partition false) or partition (true): returns the number of elements the predicate holds for. */
    public long select(String op, DeviceArray in, DeviceArray out, String predicate, boolean partition) {
        owned(in, "in");
        owned(out, "out");
        Objects.requireNonNull(predicate, "predicate");
        sameType(op, in, out);
        sameLength(op, "in", in, "out", out);
        disjoint(op, "in", in, "out", out);
        fp64(in.elementType(), op);
        long n = in.length();
        indexable(op, n);
        ElementwiseKernel flags = Expressions.predicate(acc, in.elementType(), predicate, "sort_" + op + "_flags");
        if (n == 0) return 0;
        try (IntArray f = ints(n)) {
            flags.launch(in, f);
            return compact(in, f, out, partition);
        }
    }

    public long unique(DeviceArray sorted, DeviceArray out) {
        owned(sorted, "sorted");
        owned(out, "out");
        sameType("unique", sorted, out);
        sameLength("unique", "sorted", sorted, "out", out);
        disjoint("unique", "sorted", sorted, "out", out);
        fp64(sorted.elementType(), "unique");
        long n = sorted.length();
        indexable("unique", n);
        if (n == 0) return 0;
        try (IntArray f = ints(n)) {
            ew("unique_flags_" + sorted.elementType().suffix(), n, sorted, f);
            return compact(sorted, f, out, false);
        }
    }

    private long compact(DeviceArray in, IntArray flags, DeviceArray out, boolean partition) {
        long n = in.length();
        try (IntArray offs = ints(n)) {
            acc.vectors().exclusiveScan(flags, offs);
            int count = offs.get(n - 1) + flags.get(n - 1);
            kernel("compact_" + in.elementType().suffix()).launch(plan().elementwise(n, LaunchPlan.Grain.STREAM),
                    in, flags, offs, out, n, count, partition ? 1 : 0);
            acc.finish();
            return count;
        }
    }

    // ================================================================ programs and launches

    private LaunchPlan plan() { return core.plan(acc); }

    private Kernel kernel(String name) {
        Program p = core.sharedProgram(acc, "org.gpu4j.sort", SortKernels::sort, plan().buildOptions());
        return p.kernel(name);
    }

    /** An element-wise launch of {@code name} over n elements: {@code args} followed by n. */
    private void ew(String name, long n, Object... args) {
        Object[] full = java.util.Arrays.copyOf(args, args.length + 1);
        full[args.length] = n;
        kernel(name).launch(plan().elementwise(n, LaunchPlan.Grain.STREAM), full);
    }

    private IntArray ints(long n) { return (IntArray) core.allocUninitialized(acc, ElementType.INT, n); }

    // ================================================================ argument checks

    public void owned(DeviceArray a, String name) {
        Objects.requireNonNull(a, name);
        core.owned(acc, a, name);
    }

    private void fp64(ElementType t, String op) {
        if (t == ElementType.DOUBLE && !acc.device().supports(Capability.FP64)) {
            throw new UnsupportedCapabilityException(Capability.FP64, acc.device(), op);
        }
    }

    private static void indexable(String op, long n) {
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": " + n + " elements; this operation handles at most "
                    + Integer.MAX_VALUE + " (its indices are ints)");
        }
    }

    private void sameType(String op, DeviceArray in, DeviceArray out) {
        if (in.elementType() != out.elementType()) {
            throw new IllegalArgumentException(op + ": out (" + core.describe(out) + ") must have the element type of "
                    + "its input (" + core.describe(in) + ")");
        }
    }

    private static void sameLength(String op, String an, DeviceArray a, String bn, DeviceArray b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException(op + ": " + an + " has length " + a.length() + " but " + bn
                    + " has length " + b.length() + "; they must be equal");
        }
    }

    /** Refuses any overlap, the very same array included. */
    private void disjoint(String op, String an, DeviceArray a, String bn, DeviceArray b) {
        if (core.storage(a) != core.storage(b)) return;
        long ao = core.offset(a), bo = core.offset(b), al = a.length(), bl = b.length();
        if (al > 0 && bl > 0 && ao < bo + bl && bo < ao + al) {
            throw new IllegalArgumentException(op + ": " + an + " (" + core.describe(a) + ") and " + bn + " ("
                    + core.describe(b) + ") overlap; pass disjoint arrays");
        }
    }
}
