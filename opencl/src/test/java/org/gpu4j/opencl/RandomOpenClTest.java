package org.gpu4j.opencl;

import org.gpu4j.Accelerator;
import org.gpu4j.random.RandomContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The random-number contract on the first OpenCL device (CPU-shaped kernels on PoCL): the Random123 known answers
 * through the device's Philox, bit equality with the Java definition (so with the cpu backend) for every
 * distribution, normals and exponentials included, the statistical tests, and bad input. Again with the GPU-shaped
 * kernels forced. Skipped when no OpenCL platform is present, unless GPU4J_REQUIRE names opencl.
 */
class RandomOpenClTest extends RandomContract {
    @Override protected Accelerator open() { return Require.open("opencl"); }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class GpuShaped extends RandomContract {
        @Override protected Accelerator open() {
            System.setProperty(org.gpu4j.internal.LaunchPlan.SHAPE_PROPERTY, "gpu");
            return Require.open("opencl");
        }

        @AfterAll void clearShape() { System.clearProperty(org.gpu4j.internal.LaunchPlan.SHAPE_PROPERTY); }
    }
}
