package org.gpu4j.bench;

import java.util.Locale;

/**
 * One benchmarked operation: its name, what it counts (bytes moved, flops, or launches) and the reference operation
 * its ratio columns compare with. Bytes follow the STREAM convention: each array read or written once counts once.
 */
enum Op {
    ADD_KERNEL("add-kernel", Unit.BYTES, "add", "z = x + y, a user kernel (KernelSource + Kernel.launch)"),
    ADD("add", Unit.BYTES, "add", "vectors().add: z = x + y"),
    AXPY("axpy", Unit.BYTES, "triad", "vectors().axpy: y = a*x + y"),
    AXPBY("axpby", Unit.BYTES, "triad", "vectors().axpby: y = a*x + b*y"),
    EXPR("expr", Unit.BYTES, "triad", "elementwise expression z = a*x + b*y"),
    EXPR_SUM("expr-sum", Unit.BYTES, "sum", "reduction expression: sum of x[i] (float, map x[i], reduce a+b)"),
    DOT("dot", Unit.BYTES, "dot", "vectors().dot (float)"),
    SUM("sum", Unit.BYTES, "sum", "vectors().sum (float)"),
    SCAN("scan", Unit.BYTES, "copy", "vectors() inclusive prefix sum (float)"),
    SGEMM("sgemm", Unit.FLOPS, "sgemm", "C = A*B, float, N x N"),
    DGEMM("dgemm", Unit.FLOPS, "dgemm", "C = A*B, double, N x N"),
    TRANSPOSE("transpose", Unit.BYTES, "copy", "B = A^T, float, N x N"),
    GEMV("gemv", Unit.BYTES, "dot", "y = A*x, float, N x N (bytes: A read once, 4*N*N; ref: dot of N*N floats, a read-bound pass)"),
    MATRIX_ADD("matrix-add", Unit.BYTES, "add", "C = A + B, float, N x N (ref: add of N*N floats)"),
    MATRIX_SCALE("matrix-scale", Unit.BYTES, "copy", "B = 2A, float, N x N (ref: copy of N*N floats)"),
    UPLOAD("upload", Unit.BYTES, "copy", "host float[] -> device (copyFrom)"),
    DOWNLOAD("download", Unit.BYTES, "copy", "device -> host float[] (copyTo)"),
    UPDOWN("upload+download", Unit.BYTES, "copy", "upload then download of the same floats"),
    LAUNCH("launch", Unit.LAUNCHES, "launch", "empty kernel, enqueue + finish, one by one"),
    LAUNCH_BATCHED("launch-batched", Unit.LAUNCHES, "launch-batched", "empty kernel, " + Op.BATCH + " launches then one finish"),
    FILL("fill", Unit.BYTES, "fill", "vectors().fill(x, 1f): write-only, the bandwidth limit of a generator"),
    RAND_UNIFORM("rand-uniform", Unit.BYTES, "rand-uniform", "acc.random(seed).uniform(x): uniform floats (Philox4x32-10); refs: SplittableRandom.nextFloat, numpy Generator(Philox).random"),
    RAND_NORMAL("rand-normal", Unit.BYTES, "rand-normal", "acc.random(seed).normal(x, 0, 1): normal floats (Box-Muller); refs: SplittableRandom.nextGaussian, numpy Generator(Philox).standard_normal"),
    // the device's own limits, measured on each gpu4j backend in the same run (the "x device limit" column)
    DEV_COPY("device-copy", Unit.BYTES, "copy", "vectors().copy: device-to-device copy of the floats (the device's own copy bandwidth)"),
    FMA_PEAK("fma-peak", Unit.FLOPS, "fma-peak", "user kernel: " + Op.FMA_CHAINS + " independent FMA chains x " + Op.FMA_ITERS
            + " per work-item (OpenCL: float8 chains x " + Op.FMA_ITERS / 8 + "; the device's float FMA peak; not on the"
            + " Java CPU backend, whose twins are scalar Java)"),
    // reference-only loops
    COPY("copy", Unit.BYTES, "copy", "y = x"),
    TRIAD("triad", Unit.BYTES, "triad", "z = x + s*y");

    /** Launches per run of {@link #LAUNCH_BATCHED}. */
    static final int BATCH = 1000;
    /** FMAs per chain and independent chains per work-item of {@link #FMA_PEAK} (the kernel's own constants). */
    static final int FMA_ITERS = 1024, FMA_CHAINS = 8;
    /**
     * Work-items of an {@link #FMA_PEAK} run: on CUDA 2^24 (275 GFLOP, a few ms on a large GPU, so the launch is noise);
     * elsewhere 2^18 (4.3 GFLOP, some 20-40 ms on a 2-core CPU device).
     */
    static final long FMA_ITEMS_CUDA = 1L << 24, FMA_ITEMS = 1L << 18;

    enum Unit {
        BYTES("GB/s"), FLOPS("GFLOP/s"), LAUNCHES("us/launch");
        final String label;
        Unit(String label) { this.label = label; }
    }

    final String id;
    final Unit unit;
    final String ref;
    final String what;

    Op(String id, Unit unit, String ref, String what) {
        this.id = id;
        this.unit = unit;
        this.ref = ref;
        this.what = what;
    }

    static Op byId(String id) {
        for (Op o : values()) if (o.id.equals(id) || o.name().equalsIgnoreCase(id)) return o;
        throw new IllegalArgumentException("no operation '" + id + "'");
    }

    boolean isMatrix() { return this == SGEMM || this == DGEMM || this == TRANSPOSE || this == GEMV || this == MATRIX_ADD || this == MATRIX_SCALE; }

    /**
     * The size at which this operation's reference ({@link #ref}) is looked up: the same size, except for transpose,
     * whose N x N floats are compared with a copy of N*N floats.
     */
    long refSize(long size) { return this == TRANSPOSE || this == GEMV || this == MATRIX_ADD || this == MATRIX_SCALE ? size * size : size; }

    /** Bytes, flops or launches done by one run at {@code size} (elements, or N for matrices). */
    double work(long size) {
        double n = size;
        return switch (this) {
            case ADD_KERNEL, ADD, AXPY, AXPBY, EXPR, TRIAD -> 12 * n;
            // A transfer is a copy (one array read, one written), counted like COPY; upload+download is two of them.
            case DOT, COPY, SCAN, UPLOAD, DOWNLOAD, DEV_COPY -> 8 * n;
            case FMA_PEAK -> 2.0 * FMA_ITERS * FMA_CHAINS * n;
            case UPDOWN -> 16 * n;
            case SUM, EXPR_SUM -> 4 * n;
            // a generator writes its array once, like a fill
            case FILL, RAND_UNIFORM, RAND_NORMAL -> 4 * n;
            case TRANSPOSE, MATRIX_SCALE -> 8 * n * n;
            case MATRIX_ADD -> 12 * n * n;
            case GEMV -> 4 * n * n + 8 * n;
            case SGEMM, DGEMM -> 2 * n * n * n;
            case LAUNCH -> 1;
            case LAUNCH_BATCHED -> BATCH;
        };
    }

    /** The reported figure for a run of {@code nanos}: GB/s, GFLOP/s, or microseconds per launch. */
    double value(long size, double nanos) {
        double w = work(size);
        return unit == Unit.LAUNCHES ? nanos / 1e3 / w : w / nanos;
    }

    /** A size as people write it: 2^24 for powers of two above 2^12, else the number. */
    static String sizeLabel(Op op, long size) {
        if (op.unit == Unit.LAUNCHES) return "-";
        if (op.isMatrix()) return "N=" + size;
        if (size >= 4096 && Long.bitCount(size) == 1) return "2^" + Long.numberOfTrailingZeros(size);
        return String.format(Locale.ROOT, "%d", size);
    }
}
