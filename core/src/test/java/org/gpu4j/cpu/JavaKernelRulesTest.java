package org.gpu4j.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.LaunchException;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 on the Java CPU backend: Java kernels see only the views they were given (item 2), and Java-only kernels
 * are checked against a declared signature, or at least against the type they read (item 3).
 */
class JavaKernelRulesTest {
    private Accelerator acc;

    @BeforeEach void open() { acc = Gpu4j.open("cpu"); }

    @AfterEach void close() { acc.close(); }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return v;
    }

    // ------------------------------------------------------------------------------ item 2: bounds of a view

    /** Issue 14: "On cpu, a kernel writing past the end of a slice (but inside its parent) silently overwrites the parent's elements". */
    @Test void aTwinCannotWritePastTheEndOfASlice() {
        KernelSource src = KernelSource.named("past").withJava("past_end", "float* x, int n",
                (id, a) -> a.floats(0)[a.offset(0) + a.intValue(1)] = -1f); // one past the slice's end
        try (Program p = acc.program(src); FloatArray parent = acc.upload(ramp(20))) {
            Kernel k = p.kernel("past_end");
            LaunchException e = assertThrows(LaunchException.class, () -> k.launch(Range.of(1), parent.slice(5, 10), 10));
            assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause(), e::toString);
            assertArrayEquals(ramp(20), parent.toArray(), "the parent's element after the slice was overwritten");
            // before the slice too (an offset the twin computes wrongly)
            KernelSource before = KernelSource.named("before").withJava("before", "float* x",
                    (id, a) -> a.floats(0)[a.offset(0) - 1] = -1f);
            try (Program q = acc.program(before)) {
                assertThrows(LaunchException.class, () -> q.kernel("before").launch(Range.of(1), parent.slice(5, 10)));
            }
            assertArrayEquals(ramp(20), parent.toArray(), "the parent's element before the slice was overwritten");
        }
    }

    @Test void aTwinCannotReadPastTheEndOfASliceNorTouchAZeroLengthArray() {
        KernelSource src = KernelSource.named("read").withJava("read_past", "const float* x, float* out, int n",
                (id, a) -> a.floats(1)[a.offset(1)] = a.floats(0)[a.offset(0) + a.intValue(2)]);
        try (Program p = acc.program(src); FloatArray parent = acc.upload(ramp(20)); FloatArray out = acc.allocFloats(1);
             FloatArray empty = acc.allocFloats(0)) {
            LaunchException e = assertThrows(LaunchException.class,
                    () -> p.kernel("read_past").launch(Range.of(1), parent.slice(0, 10), out, 10));
            assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
            assertThrows(LaunchException.class, () -> p.kernel("read_past").launch(Range.of(1), empty, out, 0));
            assertEquals(0f, out.get(0));
        }
    }

    @Test void slicesAreWrittenBackAndInPlaceKernelsWork() {
        KernelSource src = KernelSource.named("inc").withJava("inc", "const float* x, float* y, int n", (id, a) -> {
            int i = (int) id.x();
            if (i < a.intValue(2)) a.floats(1)[a.offset(1) + i] = a.floats(0)[a.offset(0) + i] + 1f;
        });
        try (Program p = acc.program(src); FloatArray parent = acc.upload(ramp(3000))) {
            p.kernel("inc").launch(Range.of(2000), parent.slice(7, 2000), parent.slice(7, 2000), 2000); // pool-sized
            float[] want = ramp(3000);
            for (int i = 7; i < 2007; i++) want[i] += 1;
            assertArrayEquals(want, parent.toArray());
        }
    }

    @Test void builtInOperationsStayInsideTheirSlices() {
        try (FloatArray a = acc.upload(ramp(1000)); FloatArray b = acc.upload(ramp(1000)); FloatArray out = acc.allocFloats(1000)) {
            out.fill(-5f);
            acc.vectors().add(a.slice(3, 900), b.slice(1, 900), out.slice(17, 900));
            float[] got = out.toArray();
            for (int i = 0; i < 1000; i++) {
                float want = i >= 17 && i < 917 ? (i - 17 + 3) + (i - 17 + 1) : -5f;
                assertEquals(want, got[i], "element " + i);
            }
        }
    }

    // ------------------------------------------------------------------------------ item 3: declared signatures

    /** Issue 14: "A Java-only kernel accepts 10f where the twin reads intValue(0): no check at all for kernels without a text signature". */
    @Test void aDeclaredJavaOnlyKernelIsCheckedBeforeItRuns() {
        AtomicInteger ran = new AtomicInteger();
        KernelSource src = KernelSource.named("fill").withJava("fill", "int n, float* x", (id, a) -> {
            ran.incrementAndGet();
            if (id.x() < a.intValue(0)) a.floats(1)[a.offset(1) + (int) id.x()] = 3f;
        });
        try (Program p = acc.program(src); FloatArray x = acc.allocFloats(10)) {
            Kernel k = p.kernel("fill");
            assertEquals("(int n, float* x)", k.signature());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.launch(Range.of(10), 10f, x));
            assertTrue(e.getMessage().contains("argument 1 (int n) of kernel fill: expected an Integer (int), got Float 10.0"),
                    e::getMessage);
            assertThrows(IllegalArgumentException.class, () -> k.launch(Range.of(10), 10, x, 1));
            try (IntArray ints = acc.allocInts(10)) {
                assertThrows(IllegalArgumentException.class, () -> k.launch(Range.of(10), 10, ints));
            }
            assertEquals(0, ran.get(), "a refused launch ran the kernel");
            k.launch(Range.of(10), 10, x);
            assertEquals(3f, x.get(9));
        }
    }

    @Test void anUndeclaredJavaOnlyKernelRefusesWhatItReadsAsAnotherType() {
        KernelSource src = KernelSource.named("undeclared").withJava("k", (id, a) -> {
            if (id.x() < a.intValue(0)) a.floats(1)[a.offset(1) + (int) id.x()] = 1f;
        });
        try (Program p = acc.program(src); FloatArray x = acc.allocFloats(10); IntArray ints = acc.allocInts(10)) {
            Kernel k = p.kernel("k");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.launch(Range.of(10), 10f, x));
            assertTrue(e.getMessage().contains("intValue(0): argument 1 is a Float (10.0), not an Integer"), e::getMessage);
            IllegalArgumentException arr = assertThrows(IllegalArgumentException.class, () -> k.launch(Range.of(10), 10, ints));
            assertTrue(arr.getMessage().contains("floats(1): argument 2 is an array of INT, not a float array"), arr::getMessage);
            assertThrows(IllegalArgumentException.class, () -> k.launch(Range.of(10), 10L, x));
            k.launch(Range.of(10), (short) 10, x); // a Short is read by intValue, as C promotes it
            assertEquals(1f, x.get(9));
        }
    }

    @Test void aJavaDeclarationMustMatchTheSourceText() {
        KernelSource src = KernelSource.opencl("m", "__kernel void m(__global const float* x, int n) { }")
                .withJava("m", "const float* x, long n", (id, a) -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> acc.program(src));
        assertTrue(e.getMessage().contains("declared (const float* x, long n) but the OPENCL source declares (const float* x, int n)"),
                e::getMessage);
        KernelSource ok = KernelSource.opencl("m", "__kernel void m(__global const float* x, int n) { }")
                .withJava("m", "const float* x, int n", (id, a) -> { });
        try (Program p = acc.program(ok)) {
            assertEquals("(const float* x, int n)", p.kernel("m").signature());
        }
    }

    @Test void aJavaDeclarationTakesOnlyWhatAJavaKernelCanRead() {
        for (String bad : new String[] {"float4 v", "half h", "float** p", "int", "float* x,", "struct s x", "bool b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelSource.named("b").withJava("b", bad, (id, a) -> { }), bad);
            assertTrue(e.getMessage().contains("Java kernel 'b'"), e::getMessage);
        }
        KernelSource.named("g").withJava("g", "", (id, a) -> { });
        KernelSource.named("g").withJava("g", "local float* tmp, short s, char c, const long* l, double d", (id, a) -> { });
    }
}
