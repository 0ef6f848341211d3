package org.gpu4j.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.gpu4j.Dialect;
import org.gpu4j.ElementType;
import org.gpu4j.KernelParam;
import org.gpu4j.KernelSource;
import org.gpu4j.spi.KernelSignatures;
import org.junit.jupiter.api.Test;

/**
 * Device-free: every built-in vector kernel exists three times — in the .cl, in the .cu (same name, same parameter
 * list) and in Java. A kernel missing anywhere, or declared differently, fails the build.
 */
class KernelParityTest {
    @Test void vector() { check(VectorKernels.vector(), 4 * 4 + 11 * 2); }
    @Test void reduce() { check(VectorKernels.reduce(), 4 + 8 * 2); }
    @Test void scan() { check(VectorKernels.scan(), 4 * 4); }

    private static void check(KernelSource src, int expectedKernels) {
        String cl = src.text(Dialect.OPENCL), cu = src.text(Dialect.CUDA);
        assertNotNull(cl, src.name() + ".cl is not on the test classpath");
        assertNotNull(cu, src.name() + ".cu is not on the test classpath");
        Map<String, List<KernelParam>> ocl = KernelSignatures.parse(cl), cuda = KernelSignatures.parse(cu);
        assertEquals(new TreeSet<>(ocl.keySet()), new TreeSet<>(cuda.keySet()), src.name() + ": .cl and .cu entry points differ");
        assertEquals(new TreeSet<>(ocl.keySet()), new TreeSet<>(src.javaKernels().keySet()),
                src.name() + ": .cl entry points and Java implementations differ");
        assertEquals(expectedKernels, ocl.size(), src.name() + ": number of kernels " + ocl.keySet());
        List<String> problems = new ArrayList<>();
        for (var e : ocl.entrySet()) {
            List<KernelParam> a = e.getValue(), b = cuda.get(e.getKey());
            if (a.size() != b.size()) { problems.add(e.getKey() + ": " + a + " vs " + b); continue; }
            for (int i = 0; i < a.size(); i++) {
                KernelParam p = a.get(i), q = b.get(i);
                ElementType pt = p.elementType(), qt = q.elementType();
                if (pt == null || pt != qt || p.isPointer() != q.isPointer() || !p.name().equals(q.name()) || p.local() || q.local()) {
                    problems.add(e.getKey() + " parameter " + i + ": .cl " + p + " vs .cu " + q);
                }
            }
            String suffix = e.getKey().substring(e.getKey().lastIndexOf('_') + 1);
            assertTrue(List.of("f32", "f64", "i32", "i64").contains(suffix), e.getKey() + " lacks a type suffix");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        // Atomics order work, never data: only the single-pass scan's counter and flags (its STATE array) take them,
        // so no result depends on timing.
        var atomic = java.util.regex.Pattern.compile("\\b(atomic_\\w+|atom_\\w+|atomic[A-Z]\\w*)\\s*\\(\\s*(?:\\(int\\*\\)\\s*\\()?([A-Za-z_]\\w*)").matcher(cl + cu);
        int atomics = 0;
        while (atomic.find()) {
            atomics++;
            assertTrue(List.of("STATE", "st").contains(atomic.group(2)),   // st: the status view of STATE
                    src.name() + ": an atomic on anything but the scan's STATE: " + atomic.group());
        }
        assertEquals(src.name().equals("scan") ? 4 * 4 * 2 : 0, atomics, src.name() + ": atomics");
    }
}
