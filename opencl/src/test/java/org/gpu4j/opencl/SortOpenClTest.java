package org.gpu4j.opencl;

import org.gpu4j.Accelerator;
import org.gpu4j.sort.SortContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The sort contract on the first OpenCL device with the kernel shape chosen for its device type (CPU-shaped on
 * PoCL: 8-bit digits, one segment per work-item), and again with the GPU-shaped kernels forced (4-bit digits,
 * local-memory counts and tile scans, barriers), so both radix variants run here. Skipped when no OpenCL platform
 * is present, unless GPU4J_REQUIRE names opencl. {@link MergeMethod} runs it once more CPU-shaped with the merge
 * method's kernels (merge_sort_T, merge_pass_T) forced in place of the radix passes.
 */
class SortOpenClTest extends SortContract {
    @Override protected Accelerator open() { return Require.open("opencl"); }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class GpuShaped extends SortContract {
        @Override protected Accelerator open() {
            System.setProperty(org.gpu4j.internal.LaunchPlan.SHAPE_PROPERTY, "gpu");   // read when the accelerator builds its plan
            try {
                Accelerator acc = Require.open("opencl");
                org.gpu4j.internal.LaunchPlan plan = org.gpu4j.internal.CoreAccess.get().plan(acc);
                if (!plan.gpu()) throw new IllegalStateException("GPU shape not taken: " + plan);
                return acc;
            } finally {
                System.clearProperty(org.gpu4j.internal.LaunchPlan.SHAPE_PROPERTY);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MergeMethod extends SortContract {
        @Override protected Accelerator open() {
            return openWithSortMethod("opencl", org.gpu4j.internal.LaunchPlan.SortMethod.MERGE);
        }
    }
}
