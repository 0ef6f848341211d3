package org.gpu4j.opencl;

import org.gpu4j.Accelerator;
import org.gpu4j.Vectors;
import org.gpu4j.vector.VectorOpsContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The vector-operation contract on the first OpenCL device, with the kernel shape chosen for its device type
 * (CPU-shaped on PoCL); and again with the GPU-shaped kernels forced, so barriers, local-memory trees and the
 * Blelloch scan are exercised on PoCL too. Skipped when no OpenCL platform is present, unless GPU4J_REQUIRE names opencl.
 */
class VectorsOpenClTest extends VectorOpsContract {
    @Override protected Accelerator open() { return Require.open("opencl"); }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class GpuShaped extends VectorOpsContract {
        /** Without 2^24 + 3: PoCL runs the GPU shape's tile barriers slowly; the CPU shape and the Java backend run it. */
        @Override protected int[] chunkSizes() {
            int[] all = super.chunkSizes();
            return java.util.Arrays.copyOf(all, all.length - 1);
        }

        @Override protected Accelerator open() {
            System.setProperty(org.gpu4j.internal.LaunchPlan.SHAPE_PROPERTY, "gpu");   // read by each accelerator's Vectors at first use
            return Require.open("opencl");
        }

        @AfterAll void clearShape() { System.clearProperty(org.gpu4j.internal.LaunchPlan.SHAPE_PROPERTY); }
    }
}
