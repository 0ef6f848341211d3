package org.gpu4j.contract;

import org.gpu4j.KernelSource;

/**
 * The kernels the contract suite launches, in one {@link KernelSource} that carries OpenCL C
 * ({@code org/gpu4j/contract/contract.cl}), CUDA C ({@code contract.cu}) and Java twins, so the same launch code runs
 * unchanged on every backend.
 */
public final class ContractKernels {
    private ContractKernels() {}

    /** The classpath folder of {@code contract.cl} and {@code contract.cu}. */
    public static final String FOLDER = "org/gpu4j/contract/";

    /** The source: {@code vector_add}, {@code int_axpy}, {@code long_iota}, {@code grid_index} and {@code mark}. */
    public static KernelSource source() {
        return KernelSource.resource(FOLDER, "contract")
                .withJava("vector_add", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(3)) {
                        a.floats(2)[a.offset(2) + i] = a.floats(0)[a.offset(0) + i] + a.floats(1)[a.offset(1) + i];
                    }
                })
                .withJava("int_axpy", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(3)) {
                        int[] y = a.ints(2);
                        int yi = a.offset(2) + i;
                        y[yi] = a.intValue(0) * a.ints(1)[a.offset(1) + i] + y[yi];
                    }
                })
                .withJava("long_iota", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(3)) a.longs(0)[a.offset(0) + i] = a.longValue(1) + (long) i * a.longValue(2);
                })
                .withJava("grid_index", (id, a) -> {
                    int x = (int) id.x();
                    int y = (int) id.y();
                    int w = a.intValue(1);
                    if (x < w && y < a.intValue(2)) a.ints(0)[a.offset(0) + y * w + x] = x * 65536 + y;
                })
                .withJava("mark", (id, a) -> a.ints(0)[a.offset(0) + (int) (id.y() * id.globalSize(0) + id.x())] += 1);
    }
}
