package org.gpu4j;

/**
 * A kernel written in Java, run by the Java CPU backend once per work-item, in parallel over the cores.
 *
 * <p>Java kernels have <b>no barriers and no local memory</b>: work-items must not depend on each other within a
 * launch. Operations that need cooperation between work-items (reductions, scans) are written at operation level.
 * An exception thrown by a work-item surfaces as a {@link LaunchException}.
 *
 * {@snippet :
 * JavaKernel add = (id, a) -> {
 *     int i = (int) id.x();
 *     if (i < a.intValue(3)) a.floats(2)[a.offset(2) + i] = a.floats(0)[a.offset(0) + i] + a.floats(1)[a.offset(1) + i];
 * };
 * }
 */
@FunctionalInterface
public interface JavaKernel {
    void execute(WorkItem id, KernelArgs args);
}
