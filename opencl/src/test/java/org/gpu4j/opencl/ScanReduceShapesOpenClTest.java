package org.gpu4j.opencl;

import org.gpu4j.Accelerator;
import org.gpu4j.expr.ScanReduceShapesContract;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;
import org.gpu4j.testing.Require;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * Expression scans and reductions over odd sizes on the first OpenCL device in the shape its plan chooses (CPU on
 * PoCL), and again with the GPU shape forced (local-memory tile scans, tree reductions, barriers), so the GPU-shaped
 * generated kernels run for real here. Skipped when no OpenCL platform is present, unless GPU4J_REQUIRE names opencl.
 */
class ScanReduceShapesOpenClTest extends ScanReduceShapesContract {
    @Override protected Accelerator open() { return Require.open("opencl"); }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class GpuShaped extends ScanReduceShapesContract {
        /** 10^6 + 3 only in the int scans: PoCL runs the tile barriers slowly (about 4 min for all sizes, loaded). */
        @Override protected int[] sizes() { return java.util.Arrays.copyOf(SIZES, SIZES.length - 1); }

        @Override protected Accelerator open() {
            System.setProperty(LaunchPlan.SHAPE_PROPERTY, "gpu");   // read when the accelerator builds its plan
            try {
                Accelerator acc = Require.open("opencl");
                LaunchPlan plan = CoreAccess.get().plan(acc);
                if (!plan.gpu()) throw new IllegalStateException("GPU shape not taken: " + plan);
                return acc;
            } finally {
                System.clearProperty(LaunchPlan.SHAPE_PROPERTY);
            }
        }
    }
}
