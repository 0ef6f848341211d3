package org.gpu4j;

/**
 * The index of one work-item of a Java kernel launch, like OpenCL's {@code get_global_id(d)}.
 * Java kernels have no work-groups, barriers or local memory: each work-item must be independent.
 */
public interface WorkItem {
    /** Global index in dimension 0. */
    long x();
    /** Global index in dimension 1 (0 for 1-D launches). */
    long y();
    /** Global index in dimension 2 (0 for 1-D and 2-D launches). */
    long z();
    /** The launch's global size in dimension {@code d}. */
    long globalSize(int d);
}
