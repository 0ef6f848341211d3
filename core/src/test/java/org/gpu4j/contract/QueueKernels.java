package org.gpu4j.contract;

import org.gpu4j.KernelSource;

/** The kernels of {@link QueuesContract}: {@code queues.cl}, {@code queues.cu} and their Java twins. */
public final class QueueKernels {
    private QueueKernels() {}

    public static KernelSource source() {
        return KernelSource.resource(ContractKernels.FOLDER, "queues")
                .withJava("busy", (id, a) -> {
                    float v = a.floatValue(2);
                    int iters = a.intValue(1);
                    for (int k = 0; k < iters; k++) v = v * 0.999999f + 0.5f;
                    a.floats(0)[a.offset(0) + (int) id.x()] = v;
                })
                .withJava("twice_plus_one", (id, a) -> {
                    int i = (int) id.x();
                    if (i < a.intValue(2)) a.ints(1)[a.offset(1) + i] = 2 * a.ints(0)[a.offset(0) + i] + 1;
                });
    }
}
