package org.gpu4j.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The plain-Java reference loops (what a user would write without gpu4j): copy ({@code System.arraycopy}), add,
 * triad, dot and sum over
 * {@code float[]}, on one thread or split into contiguous blocks over the common ForkJoin pool. The reductions keep
 * four independent accumulators so they are not bound by add latency (C2 will not reorder float additions itself).
 */
final class JavaStreams implements Workload {
    private final Op op;
    private final boolean parallel;
    private final float[] x, y, z;
    private final int n;
    private final int blocks;
    volatile float sink;

    JavaStreams(Op op, boolean parallel, float[] x, float[] y, float[] z) {
        switch (op) {
            case COPY, ADD, TRIAD, DOT, SUM, RAND_UNIFORM, RAND_NORMAL -> { }
            default -> throw new IllegalArgumentException("op: no Java reference loop for " + op.id);
        }
        this.op = op;
        this.parallel = parallel;
        this.x = x;
        this.y = y;
        this.z = z;
        this.n = x.length;
        this.blocks = parallel ? Math.max(1, ForkJoinPool.getCommonPoolParallelism()) * 4 : 1;
    }

    @Override public void run() {
        if (op == Op.RAND_UNIFORM || op == Op.RAND_NORMAL) {
            random();
            return;
        }
        if (!parallel) {
            sink = block(0, n);
            return;
        }
        int per = (n + blocks - 1) / blocks;
        double total = IntStream.range(0, blocks).parallel()
                .mapToDouble(b -> block(Math.min(n, b * per), Math.min(n, (b + 1) * per))).sum();
        sink = (float) total;
    }

    /**
     * java.util.SplittableRandom: nextFloat ((nextInt() >>> 8) * 2^-24, as gpu4j's uniform floats) or nextGaussian
     * cast to float, into z; in parallel, one generator per block split off a root one (what a user does to use every
     * core).
     */
    private void random() {
        boolean normal = op == Op.RAND_NORMAL;
        java.util.SplittableRandom root = new java.util.SplittableRandom(42);
        if (!parallel) {
            fillRandom(root, normal, 0, n);
            return;
        }
        java.util.SplittableRandom[] rs = new java.util.SplittableRandom[blocks];
        for (int b = 0; b < blocks; b++) rs[b] = root.split();
        int per = (n + blocks - 1) / blocks;
        IntStream.range(0, blocks).parallel().forEach(b -> fillRandom(rs[b], normal, Math.min(n, b * per), Math.min(n, (b + 1) * per)));
    }

    private void fillRandom(java.util.SplittableRandom r, boolean normal, int from, int to) {
        if (normal) {
            for (int i = from; i < to; i++) z[i] = (float) r.nextGaussian();
        } else {
            for (int i = from; i < to; i++) z[i] = r.nextFloat();
        }
    }

    private float block(int from, int to) {
        return switch (op) {
            case COPY -> copy(x, z, from, to);
            case ADD -> add(x, y, z, from, to);
            case TRIAD -> triad(x, y, z, 3f, from, to);
            case DOT -> dot(x, y, from, to);
            case SUM -> sum(x, from, to);
            default -> throw new AssertionError(op);
        };
    }

    private static float copy(float[] x, float[] z, int from, int to) {
        System.arraycopy(x, from, z, from, to - from);
        return 0;
    }

    private static float add(float[] x, float[] y, float[] z, int from, int to) {
        for (int i = from; i < to; i++) z[i] = x[i] + y[i];
        return 0;
    }

    private static float triad(float[] x, float[] y, float[] z, float s, int from, int to) {
        for (int i = from; i < to; i++) z[i] = x[i] + s * y[i];
        return 0;
    }

    private static float dot(float[] x, float[] y, int from, int to) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            a0 += x[i] * y[i];
            a1 += x[i + 1] * y[i + 1];
            a2 += x[i + 2] * y[i + 2];
            a3 += x[i + 3] * y[i + 3];
        }
        for (; i < to; i++) a0 += x[i] * y[i];
        return (a0 + a1) + (a2 + a3);
    }

    private static float sum(float[] x, int from, int to) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            a0 += x[i];
            a1 += x[i + 1];
            a2 += x[i + 2];
            a3 += x[i + 3];
        }
        for (; i < to; i++) a0 += x[i];
        return (a0 + a1) + (a2 + a3);
    }

    @Override public void close() { }
}
