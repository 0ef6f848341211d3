package org.gpu4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gpu4j.ElementType;
import org.gpu4j.KernelParam;
import org.junit.jupiter.api.Test;

class KernelSignaturesTest {
    private static String describe(List<KernelParam> ps) {
        StringBuilder sb = new StringBuilder();
        for (KernelParam p : ps) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(p.index()).append(':').append(p.local() ? "local " : "").append(p.typeName()).append(' ').append(p.name());
        }
        return sb.toString();
    }

    @Test void readsOpenClDeclarations() {
        String cl = """
                // __kernel void commented_out(__global float* x) {}
                /* __kernel void also_commented(int n) {
                   } */
                #define N 4
                __kernel void vector_add(__global const float* a, __global const float *b,
                                         __global float * restrict c, const int n) {
                    int i = get_global_id(0); if (i < n) c[i] = a[i] + b[i];
                }
                kernel void reduce(global const double* x, local double* scratch, __global long* out, ulong n, uint k) { }
                __kernel __attribute__((reqd_work_group_size(64, 1, 1))) void fixed(__constant float* table, float s) { }
                __kernel void none(void) { }
                __kernel void arrays(__global int x[], long long_name) { }
                """;
        Map<String, List<KernelParam>> sig = KernelSignatures.parse(cl);
        assertEquals(List.of("vector_add", "reduce", "fixed", "none", "arrays"), List.copyOf(sig.keySet()));
        assertEquals("0:float* a, 1:float* b, 2:float* c, 3:int n", describe(sig.get("vector_add")));
        assertEquals("0:double* x, 1:local double* scratch, 2:long* out, 3:ulong n, 4:uint k", describe(sig.get("reduce")));
        assertEquals("0:float* table, 1:float s", describe(sig.get("fixed")));
        assertTrue(sig.get("none").isEmpty());
        assertEquals("0:int* x, 1:long long_name", describe(sig.get("arrays")));

        List<KernelParam> reduce = sig.get("reduce");
        assertTrue(reduce.get(1).local());
        assertFalse(reduce.get(0).local());
        assertTrue(reduce.get(0).isPointer());
        assertEquals(ElementType.DOUBLE, reduce.get(0).elementType());
        assertEquals(ElementType.LONG, reduce.get(2).elementType());
        assertEquals(ElementType.LONG, reduce.get(3).elementType());
        assertEquals(ElementType.INT, reduce.get(4).elementType());
        assertFalse(reduce.get(4).isPointer());
    }

    @Test void readsCudaDeclarations() {
        String cu = """
                #include <cstdint>
                // extern "C" __global__ void commented(float* x) {}
                extern "C" __global__ void saxpy(float a, const float* __restrict__ x, float* __restrict__ y, int n) {
                    int i = blockIdx.x * blockDim.x + threadIdx.x;
                    if (i < n) y[i] = a * x[i] + y[i];
                }
                extern "C" __global__ void iota(long long* out, long long start, unsigned int n) { }
                extern "C" __global__ void __launch_bounds__(256) bounded(double* x, const double s) { }
                __device__ float helper(float x) { return x; }
                """;
        Map<String, List<KernelParam>> sig = KernelSignatures.parse(cu);
        assertEquals(List.of("saxpy", "iota", "bounded"), List.copyOf(sig.keySet()));
        assertEquals("0:float a, 1:float* x, 2:float* y, 3:int n", describe(sig.get("saxpy")));
        assertEquals("0:long long* out, 1:long long start, 2:unsigned int n", describe(sig.get("iota")));
        assertEquals("0:double* x, 1:double s", describe(sig.get("bounded")));
        List<KernelParam> iota = sig.get("iota");
        assertEquals(ElementType.LONG, iota.get(0).elementType());
        assertTrue(iota.get(0).isPointer());
        assertEquals(ElementType.LONG, iota.get(1).elementType());
        assertEquals(ElementType.INT, iota.get(2).elementType());
    }

    @Test void skipsWhatItCannotRead() {
        assertTrue(KernelSignatures.parse(null).isEmpty());
        assertTrue(KernelSignatures.parse("").isEmpty());
        assertTrue(KernelSignatures.parse("float f(float x) { return x; }").isEmpty());
        KernelParam unknown = new KernelParam(0, "v", "float4*", false);
        assertNull(unknown.elementType());
        assertTrue(unknown.isPointer());
    }
}
