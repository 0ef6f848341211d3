package org.gpu4j.bench;

import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Vectors;

/** The vector operations ({@code acc.vectors()}) on float arrays: add, axpy, axpby, dot, sum, inclusive scan. */
final class VectorWorkloads {
    private VectorWorkloads() {}

    static Workload create(BenchContext ctx, Accelerator acc, Op op, long size) {
        int n = Math.toIntExact(size);
        Vectors v = acc.vectors();
        FloatArray x = acc.upload(ctx.floats("x", n)), y = acc.upload(ctx.floats("y", n)), z = acc.allocFloats(n);
        float[] sink = new float[1];
        Runnable body = switch (op) {
            case ADD -> () -> v.add(x, y, z);
            case AXPY -> () -> v.axpy(2f, x, y);
            case AXPBY -> () -> v.axpby(2f, x, 0.5f, y, z);
            case DOT -> () -> sink[0] += v.dot(x, y);
            case SUM -> () -> sink[0] += v.sum(x);
            case SCAN -> () -> v.inclusiveScan(x, z);
            default -> throw new IllegalArgumentException("op: " + op.id + " is not a vector operation");
        };
        return Workloads.of(() -> {
            body.run();
            acc.finish();
        }, x, y, z);
    }
}
