package org.gpu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The README's example, verbatim apart from the assertion, on the Java CPU backend. */
class ReadmeExampleTest {
    @Test void runsAsWritten() {
        String old = System.getProperty("gpu4j.device");
        System.setProperty("gpu4j.device", "cpu"); // core's class path has only the Java CPU backend anyway
        try {
            KernelSource scale = KernelSource.named("scale")
                    .withOpenCL("__kernel void scale(__global float* x, float s, int n) {"
                            + " int i = get_global_id(0); if (i < n) x[i] *= s; }")
                    .withCuda("extern \"C\" __global__ void scale(float* x, float s, int n) {"
                            + " int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) x[i] *= s; }")
                    .withJava("scale", (id, a) -> {                     // the same kernel for the Java CPU backend
                        int i = (int) id.x();
                        if (i < a.intValue(2)) a.floats(0)[a.offset(0) + i] *= a.floatValue(1);
                    });
            try (Accelerator acc = Gpu4j.open();                        // the best device; GPU4J_DEVICE overrides
                 FloatArray x = acc.upload(new float[] {1, 2, 3})) {
                acc.program(scale).kernel("scale").launch(Range.of(3), x, 2f, 3);
                System.out.println(acc.device() + ": " + Arrays.toString(x.toArray()));   // [2.0, 4.0, 6.0]
                assertArrayEquals(new float[] {2, 4, 6}, x.toArray());
            }
        } finally {
            if (old == null) System.clearProperty("gpu4j.device");
            else System.setProperty("gpu4j.device", old);
        }
    }
}
