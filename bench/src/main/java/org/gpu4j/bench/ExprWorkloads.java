package org.gpu4j.bench;

import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.expr.ElementwiseKernel;
import org.gpu4j.expr.ReductionKernel;

/**
 * The expression kernel {@code z[i] = a*x[i] + b*y[i]} made by {@code acc.elementwise(...)}, and the expression
 * reduction {@code sum of x[i]} made by {@code acc.reduction(...)}.
 */
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

    static Workload sum(BenchContext ctx, Accelerator acc, long size) {
        int n = Math.toIntExact(size);
        FloatArray x = acc.upload(ctx.floats("x", n));
        ReductionKernel k = acc.reduction("float", "0", "a+b", "x[i]", "const float *x");
        float[] sink = new float[1];
        return Workloads.of(() -> sink[0] += k.launch(x).floatValue(), x);
    }
}
