package org.gpu4j.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.gpu4j.Dialect;
import org.gpu4j.KernelParam;
import org.gpu4j.KernelSource;
import org.gpu4j.spi.KernelSignatures;
import org.junit.jupiter.api.Test;

/**
 * Device-free: every sort kernel exists in sort.cl, in sort.cu (same name, same parameters) and as a Java twin;
 * no atomics (the order must not depend on timing); and the encoding of float keys is Float.compare's order.
 */
class SortKernelParityTest {
    @Test void threeDialectsInStep() {
        KernelSource src = SortKernels.sort();
        String cl = src.text(Dialect.OPENCL), cu = src.text(Dialect.CUDA);
        assertNotNull(cl, "sort.cl is not on the test classpath");
        assertNotNull(cu, "sort.cu is not on the test classpath");
        Map<String, List<KernelParam>> ocl = KernelSignatures.parse(cl), cuda = KernelSignatures.parse(cu);
        assertEquals(new TreeSet<>(ocl.keySet()), new TreeSet<>(cuda.keySet()), ".cl and .cu entry points differ");
        assertEquals(new TreeSet<>(ocl.keySet()), new TreeSet<>(src.javaKernels().keySet()), ".cl entry points and Java twins differ");
        assertEquals(6 + 8 + 4 + 2 + 4 + 4 + 4, ocl.size(), "kernels: " + ocl.keySet());
        List<String> problems = new ArrayList<>();
        for (var e : ocl.entrySet()) {
            List<KernelParam> a = e.getValue(), b = cuda.get(e.getKey());
            if (a.size() != b.size()) { problems.add(e.getKey() + ": " + a + " vs " + b); continue; }
            for (int i = 0; i < a.size(); i++) {
                KernelParam p = a.get(i), q = b.get(i);
                if (p.elementType() == null || p.elementType() != q.elementType() || p.isPointer() != q.isPointer() || !p.name().equals(q.name())) {
                    problems.add(e.getKey() + " parameter " + i + ": .cl " + p + " vs .cu " + q);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertFalse(java.util.regex.Pattern.compile("\\batomic_|\\batom_|atomicAdd").matcher(cl + cu).find(), "no atomics");
    }

    @Test void floatEncodingIsFloatCompareOrder() {
        float[] v = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1f, -Float.MIN_VALUE, -0f, 0f, Float.MIN_VALUE, 1f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN};
        for (int i = 1; i < v.length; i++) assertTrue(SortKernels.encF32(v[i - 1]) < SortKernels.encF32(v[i]), v[i - 1] + " < " + v[i]);
        assertEquals(SortKernels.encF32(Float.NaN), SortKernels.encF32(Float.intBitsToFloat(0xffc00001)), "every NaN one key");
        for (float x : v) assertEquals(Float.floatToIntBits(x), Float.floatToRawIntBits(SortKernels.decF32(SortKernels.encF32(x))));
        double[] d = {Double.NEGATIVE_INFINITY, -1, -0d, 0d, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NaN};
        for (int i = 1; i < d.length; i++) assertTrue(SortKernels.encF64(d[i - 1]) < SortKernels.encF64(d[i]), d[i - 1] + " < " + d[i]);
        assertEquals(Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(SortKernels.decF64(SortKernels.encF64(Double.longBitsToDouble(0xfff0000000000001L)))));
    }
}
