package org.gpu4j.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gpu4j.Accelerator;
import org.gpu4j.Dialect;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelParam;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.matrix.MatrixKernels;
import org.gpu4j.random.RandomKernels;
import org.gpu4j.sort.SortKernels;
import org.gpu4j.spi.KernelSignatures;
import org.gpu4j.vector.VectorKernels;
import org.junit.jupiter.api.Test;

/**
 * Where the kernels jar is absent (a Java-only user of gpu4j), the built-in families' sources carry only their Java
 * twins; {@link BuiltinSignatures} then gives every twin the parameter list of its .cl declaration, so launches are
 * checked against one signature on every backend and the overlap rule sees which arrays are read-only. Core's tests
 * have the .cl files on their class path, so "absent" is made here by stripping a source down to its twins, exactly
 * what the families' fallback builds. The kernels module's {@code GeneratedFilesAreFreshTest} keeps the table equal
 * to the .cl files.
 */
class BuiltinSignaturesTest {
    static final List<Supplier<KernelSource>> FAMILIES = List.of(VectorKernels::vector, VectorKernels::reduce,
            VectorKernels::scan, MatrixKernels::matmul, MatrixKernels::transpose, MatrixKernels::gemv,
            MatrixKernels::matrix, RandomKernels::source, SortKernels::sort);

    /** The source as the family builds it without the kernels jar: its name and its Java twins, no text. */
    static KernelSource stripped(KernelSource withText) {
        KernelSource s = KernelSource.named(withText.name());
        for (var j : withText.javaKernels().entrySet()) s = s.withJava(j.getKey(), j.getValue());
        return s;
    }

    @Test void everyBuiltinTwinGetsTheParametersItsClTextDeclares() {
        List<String> wrong = new ArrayList<>();
        int twins = 0;
        for (Supplier<KernelSource> f : FAMILIES) {
            KernelSource full = f.get();
            assertTrue(full.has(Dialect.OPENCL), full + ": core's tests carry the .cl files on their class path");
            Map<String, List<KernelParam>> fromText = KernelSignatures.parse(full.text(Dialect.OPENCL));
            KernelSource bare = stripped(full);
            assertNull(bare.javaParams(bare.javaKernels().keySet().iterator().next()), "stripped source declares nothing");
            KernelSource declared = BuiltinSignatures.declare(bare);
            for (String k : declared.javaKernels().keySet()) {
                twins++;
                List<KernelParam> got = declared.javaParams(k), want = fromText.get(k);
                if (want == null) wrong.add(full.name() + "." + k + ": no such kernel in " + full.name() + ".cl");
                else if (got == null) wrong.add(full.name() + "." + k + ": no declaration");
                else if (!describe(got).equals(describe(want))) {
                    wrong.add(full.name() + "." + k + ": declared " + describe(got) + ", the .cl text says " + describe(want));
                }
            }
        }
        System.out.println("BuiltinSignaturesTest: " + twins + " built-in Java twins checked, " + wrong.size() + " wrong");
        assertTrue(twins > 100, "twins found: " + twins);
        assertEquals(List.of(), wrong);
    }

    private static List<String> describe(List<KernelParam> ps) {
        return ps.stream().map(p -> p.declaration().replaceAll("\\s+", " ")).toList();
    }

    @Test void sourcesWithTextAreLeftAsTheyAre() {
        KernelSource withText = VectorKernels.vector();
        assertSame(withText, BuiltinSignatures.declare(withText));
        KernelSource mine = KernelSource.named("not-a-builtin-file").withJava("k", (id, a) -> {});
        assertSame(mine, BuiltinSignatures.declare(mine));
    }

    /**
     * Through the shared-program path the built-in families use, a twin built from a stripped source checks its
     * arguments against the .cl signature before it runs, and accepts a read-only overlap of two slices.
     */
    @Test void aStrippedBuiltinIsCheckedAgainstItsSignatureOnTheJavaBackend() {
        try (Accelerator acc = Gpu4j.open("cpu"); FloatArray x = acc.upload(new float[] {1, 2, 3, 4, 5, 6});
             FloatArray out = acc.allocFloats(3); IntArray wrong = acc.allocInts(3)) {
            Program p = CoreAccess.get().sharedProgram(acc, "test.stripped.vector", () -> stripped(VectorKernels.vector()), "");
            Kernel add = p.kernel("add_f32");
            assertEquals(4, add.params().size(), add.params().toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> add.launch(Range.of(1), x.slice(0, 3), wrong, out, 3L));
            assertTrue(e.getMessage().contains("2"), e.getMessage()); // argument 2 (1-based), the int array
            add.launch(Range.of(1), x.slice(0, 3), x.slice(1, 3), out, 3L); // both const: the overlap is allowed
            assertArrayEquals(new float[] {3, 5, 7}, out.toArray());
        }
    }
}
