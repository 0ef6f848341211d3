package org.gpu4j.matrix;

import java.util.Objects;
import org.gpu4j.Accelerator;
import org.gpu4j.Capability;
import org.gpu4j.UnsupportedCapabilityException;
import org.gpu4j.DeviceArray;
import org.gpu4j.ElementType;
import org.gpu4j.Kernel;
import org.gpu4j.Matrix;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;

/**
 * The matrix op family's implementation behind the public facade {@link org.gpu4j.Matrices}: shape, ownership and
 * aliasing checks, and the launches of the kernels in {@code matmul}, {@code transpose}, {@code gemv} and
 * {@code matrix} .cl/.cu (Java twins in {@link MatrixKernels}, {@link JavaGemm}, {@link VectorGemm}). The
 * accelerator's {@link LaunchPlan} decides the shape: the Java backend runs one Java GEMM work-item over its cores;
 * CPU-shaped devices run the packed register-blocked GEMM; GPU-shaped ones the 64x64-tiled GEMM. Kernel tile shapes
 * (16x16 threads per GEMM tile, 32x8 per transpose tile, 64 per gemv row on GPUs) are these kernels' own.
 */
public final class MatrixOps {
    private static final int TILE = 64;

    private final Accelerator acc;
    private final CoreAccess core = CoreAccess.get();

    public MatrixOps(Accelerator acc) { this.acc = acc; }

    /**
     * Packing buffers of the CPU-shaped GEMM, kept per element type and grown as needed: a fresh buffer is expensive
     * on devices that allocate lazily (PoCL pays the first touch of every page), and the pack kernels write every
     * element, padding included, so a reused buffer needs no clearing. GEMMs of one type on one accelerator share
     * them under a lock. The accelerator frees them when it closes.
     */
    private final java.util.Map<ElementType, DeviceArray[]> packScratch = new java.util.EnumMap<>(ElementType.class);

    private DeviceArray[] packBuffers(ElementType t, long aLength, long bLength) {
        DeviceArray[] s = packScratch.computeIfAbsent(t, x -> new DeviceArray[2]);
        long[] need = {aLength, bLength};
        for (int i = 0; i < 2; i++) {
            if (s[i] == null || s[i].length() < need[i]) {
                if (s[i] != null) s[i].close();
                s[i] = null;
                long max = acc.device().maxAllocation() > 0 ? acc.device().maxAllocation() / t.bytes() : Long.MAX_VALUE;
                // Some headroom for a slightly larger next call, within the device's largest allocation.
                s[i] = core.allocUninitialized(acc, t, Math.max(need[i], Math.min(need[i] + need[i] / 4, max)));
            }
        }
        return s;
    }

    public void checkMultiply(Matrix ma, Matrix mb) {
        Objects.requireNonNull(ma, "a");
        Objects.requireNonNull(mb, "b");
        own(ma, "a");
        own(mb, "b");
        if (ma.cols() != mb.rows()) {
            throw new IllegalArgumentException("multiply: A is " + ma.shape() + " and B is " + mb.shape()
                    + ": A has " + ma.cols() + " columns but B has " + mb.rows() + " rows");
        }
    }

    public void gemm(String what, ElementType t, Matrix a, boolean tA, Matrix b, boolean tB, Number alpha, Number beta,
                     Matrix c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        own(a, "a");
        own(b, "b");
        own(c, "c");
        int m = tA ? a.cols() : a.rows(), k = tA ? a.rows() : a.cols();
        int kb = tB ? b.cols() : b.rows(), n = tB ? b.rows() : b.cols();
        String sa = (tA ? "op(A) = A^T is " + m + "x" + k + " (A " + a.shape() + ")" : "A is " + a.shape());
        String sb = (tB ? "op(B) = B^T is " + kb + "x" + n + " (B " + b.shape() + ")" : "B is " + b.shape());
        if (k != kb) {
            throw new IllegalArgumentException(what + ": " + sa + " and " + sb + ": inner dimensions " + k + " and "
                    + kb + " differ");
        }
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException(what + ": " + sa + " and " + sb + " give a " + m + "x" + n
                    + " product, but C is " + c.shape());
        }
        noOverlap(what, c.data(), "C", a.data(), "A");
        noOverlap(what, c.data(), "C", b.data(), "B");
        requireFp64(t, what);
        if (m == 0 || n == 0) return;
        Program p = program("matmul");
        String sfx = t.suffix();
        Integer ta = tA ? 1 : 0, tb = tB ? 1 : 0;
        LaunchPlan plan = core.plan(acc);
        if (plan.javaTwins()) {
            p.kernel("gemm_" + sfx).launch(Range.of(1), a.data(), b.data(), c.data(), m, n, k, ta, tb, alpha, beta);
        } else if (plan.shape() == LaunchPlan.Shape.CPU && t != ElementType.LONG) {
            // CPU-shaped path (matmul.cl explains it): pack op(A) into MR-row panels and op(B) into W-column panels,
            // then MR x W register blocks, 4 row panels per work-group so they share one B panel.
            int mr = MatrixKernels.MR, w = t == ElementType.FLOAT ? MatrixKernels.W_F32 : MatrixKernels.W_F64;
            int mp = (m + mr - 1) / mr, np = (n + w - 1) / w;
            synchronized (packScratch) {
                DeviceArray[] scratch = packBuffers(t, (long) mp * mr * k, (long) np * w * k);
                DeviceArray ap = scratch[0], bp = scratch[1];
                if (k > 0) {
                    // the pack kernels check their indexes: k rounded up to whole work-groups of 16
                    long k16 = (k + 15L) / 16 * 16;
                    p.kernel("gemm_pack_a_" + sfx).launch(Range.of(k16, mp), a.data(), ap, m, k, ta);
                    p.kernel("gemm_pack_b_" + sfx).launch(Range.of(k16, np), b.data(), bp, k, n, tb, w);
                }
                int l = Math.min(mp, 4);
                long rowsGlobal = (long) (mp + l - 1) / l * l;
                p.kernel("gemm_packed_" + sfx).launch(Range.of(np, rowsGlobal).local(1, l), ap, bp, c.data(),
                        m, n, k, alpha, beta);
            }
        } else {
            plan.requireWorkGroup(256, what + " of " + t + " (16x16 threads per 64x64 tile)");
            // row tiles on y at most LaunchPlan.MAX_GRID_Y groups (CUDA's limit); the kernel loops over the rest
            long gx = (long) (n + TILE - 1) / TILE * 16, gy = plan.rowBlocks((m + TILE - 1) / TILE) * 16;
            p.kernel("gemm_" + sfx).launch(Range.of(gx, gy).local(16, 16), a.data(), b.data(), c.data(), m, n, k, ta, tb,
                    alpha, beta);
        }
    }

    public void transpose(ElementType t, Matrix a, Matrix out) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(out, "out");
        own(a, "a");
        own(out, "out");
        if (out.rows() != a.cols() || out.cols() != a.rows()) {
            throw new IllegalArgumentException("transpose: A is " + a.shape() + ", so out must be " + a.cols() + "x"
                    + a.rows() + ", but out is " + out.shape());
        }
        noOverlap("transpose", out.data(), "out", a.data(), "A");
        requireFp64(t, "transpose");
        if (a.rows() == 0 || a.cols() == 0) return;
        Kernel k = program("transpose").kernel("transpose_" + t.suffix());
        LaunchPlan plan = core.plan(acc);
        Range r;
        if (plan.gpu()) {
            long tx = (a.cols() + 31L) / 32, ty = (a.rows() + 31L) / 32;
            plan.requireWorkGroup(256, "transpose (32x8 threads per 32x32 tile)");
            // row tiles on y at most LaunchPlan.MAX_GRID_Y groups (CUDA's limit); the kernel loops over the rest
            r = Range.of(tx * 32, plan.rowBlocks(ty) * 8).local(32, 8);
        } else {
            // Java twins and CPU-shaped kernels: one band of 128 rows (or a part of one, split at multiples of 8
            // columns) per work-item
            long band = MatrixKernels.TRANSPOSE_BAND;
            long bands = (a.rows() + band - 1) / band, strips = (a.cols() + 7L) / 8;
            long bx = plan.bandSplits(bands, strips);
            r = plan.javaTwins() ? Range.of(bx, bands) : Range.of(bx, bands).local(1, 1);
        }
        k.launch(r, a.data(), out.data(), a.rows(), a.cols());
    }

    public void gemv(ElementType t, Number alpha, Matrix a, DeviceArray x, Number beta, DeviceArray y) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        own(a, "a");
        core.owned(acc, x, "x");
        core.owned(acc, y, "y");
        if (x.length() != a.cols()) {
            throw new IllegalArgumentException("gemv: A is " + a.shape() + ", so x must have " + a.cols()
                    + " elements, but x is " + core.describe(x));
        }
        if (y.length() != a.rows()) {
            throw new IllegalArgumentException("gemv: A is " + a.shape() + ", so y must have " + a.rows()
                    + " elements, but y is " + core.describe(y));
        }
        noOverlap("gemv", y, "y", a.data(), "A");
        noOverlap("gemv", y, "y", x, "x");
        requireFp64(t, "gemv");
        if (a.rows() == 0) return;
        Kernel k = program("gemv").kernel("gemv_" + t.suffix());
        k.launch(gemvRange(a.rows(), a.cols()), a.data(), x, y, a.rows(), a.cols(), alpha, beta);
    }

    /**
     * The gemv launch. Java: bands of rows of at least 64 Ki elements (at least 4 rows), so small products run on the
     * calling thread and large ones split over the cores; CPU-shaped devices (gemv.cl's GPU4J_CPU form): one band of
     * rows per work-item, the plan's STREAM count of work-items, but at least 4 rows each; GPUs: one 64-work-item
     * group per row.
     */
    private Range gemvRange(int rows, int cols) {
        LaunchPlan plan = core.plan(acc);
        long four = (rows + 3L) / 4;
        return switch (plan.shape()) {
            case JAVA -> {
                long per = Math.max(4, ((65_536 + Math.max(1, cols) - 1) / Math.max(1, cols) + 3) & ~3L);
                yield Range.of((rows + per - 1) / per);
            }
            case CPU -> Range.of(Math.max(1, Math.min(plan.cpuItems((long) rows * cols, LaunchPlan.Grain.STREAM), four)))
                    .local(1L);
            case GPU -> {
                plan.requireWorkGroup(64, "gemv (64 threads per row)");
                yield Range.of(rows * 64L).local(64L);
            }
        };
    }

    public void add(ElementType t, Matrix a, Matrix b, Matrix out) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(out, "out");
        own(a, "a");
        own(b, "b");
        own(out, "out");
        if (a.rows() != b.rows() || a.cols() != b.cols() || out.rows() != a.rows() || out.cols() != a.cols()) {
            throw new IllegalArgumentException("add: A is " + a.shape() + ", B is " + b.shape() + ", out is "
                    + out.shape() + ": all three must have the same shape");
        }
        sameOrDisjoint("add", out.data(), "out", a.data(), "A");
        sameOrDisjoint("add", out.data(), "out", b.data(), "B");
        requireFp64(t, "add");
        long n = a.data().length();
        if (n == 0) return;
        program("matrix").kernel("matrix_add_" + t.suffix()).launch(elementwise(n), a.data(), b.data(), out.data(), n);
    }

    public void scale(ElementType t, Number alpha, Matrix a, Matrix out) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(out, "out");
        own(a, "a");
        own(out, "out");
        if (out.rows() != a.rows() || out.cols() != a.cols()) {
            throw new IllegalArgumentException("scale: A is " + a.shape() + " but out is " + out.shape()
                    + ": they must have the same shape");
        }
        sameOrDisjoint("scale", out.data(), "out", a.data(), "A");
        requireFp64(t, "scale");
        long n = a.data().length();
        if (n == 0) return;
        program("matrix").kernel("matrix_scale_" + t.suffix()).launch(elementwise(n), alpha, a.data(), out.data(), n);
    }

    /** An element-wise launch of the grid-stride matrix kernels (any global size covers n: they check the index). */
    private Range elementwise(long n) { return core.plan(acc).elementwise(n, LaunchPlan.Grain.STREAM); }

    public void own(Matrix x, String name) {
        Objects.requireNonNull(x, name);
        if (x.accelerator() != acc) {
            throw new IllegalArgumentException(name + ": " + x.getClass().getSimpleName() + "[" + x.shape()
                    + "] belongs to accelerator " + x.accelerator().name() + ", not to this one (" + acc.name() + ")");
        }
        if (x.data().isClosed()) throw new IllegalStateException(name + ": " + x.getClass().getSimpleName() + "[" + x.shape() + "] is closed");
    }

    private static boolean overlap(DeviceArray x, DeviceArray y) {
        if (x.length() == 0 || y.length() == 0) return false;
        CoreAccess core = CoreAccess.get();
        long xo = core.offset(x), yo = core.offset(y);
        return core.storage(x) == core.storage(y) && xo < yo + y.length() && yo < xo + x.length();
    }

    private static void noOverlap(String what, DeviceArray out, String outName, DeviceArray in, String inName) {
        if (overlap(out, in)) {
            throw new IllegalArgumentException(what + ": " + outName + " shares memory with " + inName
                    + "; the result needs its own storage");
        }
    }

    private static void sameOrDisjoint(String what, DeviceArray out, String outName, DeviceArray in, String inName) {
        if (overlap(out, in) && CoreAccess.get().offset(out) != CoreAccess.get().offset(in)) {
            throw new IllegalArgumentException(what + ": " + outName + " partly overlaps " + inName
                    + "; it must be the same matrix or separate memory");
        }
    }

    private void requireFp64(ElementType t, String what) {
        if (t == ElementType.DOUBLE && !acc.device().supports(Capability.FP64)) {
            throw new UnsupportedCapabilityException(Capability.FP64, acc.device(), what);
        }
    }

    private Program program(String file) {
        // the plan's options select the CPU-shaped variants (transpose.cl) on CPU devices
        return core.sharedProgram(acc, "org.gpu4j.matrix." + file, () -> MatrixKernels.source(file),
                core.plan(acc).buildOptions());
    }

    public <T extends Matrix> T produce(T result, java.util.function.Consumer<T> op) {
        try {
            op.accept(result);
            return result;
        } catch (RuntimeException | Error e) {
            result.close();
            throw e;
        }
    }
}
