package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.*;

import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.KernelCompileException;
import org.gpu4j.KernelSource;
import org.gpu4j.Range;
import org.junit.jupiter.api.Test;

class OpenClSmokeTest {
    @Test void smoke() {
        try (Accelerator acc = OpenClTests.open()) {
            System.out.println(acc.device());
            acc.device().properties().forEach((k, v) -> System.out.println("  " + k + ": " + v));
            var p = acc.program(KernelSource.opencl("add", "__kernel void add(__global const float* a, __global float* b, int n) {"
                    + " int i = get_global_id(0); if (i < n) b[i] = a[i] + 1.0f; }"));
            System.out.println(p.kernel("add"));
            try (FloatArray a = acc.upload(new float[] {1, 2, 3}); FloatArray b = acc.allocFloats(3)) {
                System.out.println(p.kernel("add").launch(Range.of(3), a, b, 3));
                assertArrayEquals(new float[] {2, 3, 4}, b.toArray());
            }
            KernelCompileException e = assertThrows(KernelCompileException.class, () -> acc.program(
                    KernelSource.opencl("bad", "__kernel void f(__global float* x) {\n  x[0] = 1.0f\n}\n")));
            System.out.println(e.getMessage());
        }
    }
}
