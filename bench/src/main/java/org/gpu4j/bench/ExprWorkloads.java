package org.gpu4j.bench;

import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.expr.ElementwiseKernel;

/** The expression kernel {@code z[i] = a*x[i] + b*y[i]} made by {@code acc.elementwise(...)}. */
final class ExprWorkloads {
    private ExprWorkloads() {}

    static Workload create(BenchContext ctx, Accelerator acc, long size) {
        int n = Math.toIntExact(size);
        FloatArray x = acc.upload(ctx.floats("x", n)), y = acc.upload(ctx.floats("y", n)), z = acc.allocFloats(n);
        ElementwiseKernel k = acc.elementwise("float a, float *x, float b, float *y, float *z", "z[i] = a*x[i] + b*y[i]");
        Float a = 2f, b = 3f;
        return Workloads.of(() -> {
            k.launch(a, x, b, y, z);
            acc.finish();
        }, x, y, z);
    }
}
