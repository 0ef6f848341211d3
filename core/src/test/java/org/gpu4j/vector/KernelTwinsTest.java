package org.gpu4j.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gpu4j.Dialect;
import org.gpu4j.KernelParam;
import org.gpu4j.KernelSource;
import org.gpu4j.matrix.MatrixKernels;
import org.gpu4j.spi.KernelSignatures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Device-free check that every built-in kernel file exists three times in step: each {@code kernels/X.cl} has an
 * {@code X.cu} declaring the same entry points with the same parameter types (and vice versa), and the Java
 * implementations registered for X cover exactly those entry points. Scans every file found in
 * {@code org/gpu4j/kernels/} on the test classpath, so a new file is checked without editing this test, except
 * that its Java twins must be registered in {@link #JAVA}. (KernelParityTest adds per-file counts for the vector
 * files.)
 */
class KernelTwinsTest {
    /** Built-in kernel files and the sources carrying their Java implementations. */
    static final Map<String, Supplier<KernelSource>> JAVA = new LinkedHashMap<>();

    static {
        for (String f : MatrixKernels.FILES) JAVA.put(f, () -> MatrixKernels.source(f));
        JAVA.put("vector", VectorKernels::vector);
        JAVA.put("reduce", VectorKernels::reduce);
        JAVA.put("scan", VectorKernels::scan);
        JAVA.put("sort", org.gpu4j.sort.SortKernels::sort);
        JAVA.put("random", org.gpu4j.random.RandomKernels::source);
    }

    /**
     * Files in the kernel folder that are samples rather than built-in operations: they need no Java twins (their
     * .cl/.cu pair is still checked).
     */
    static final List<String> NOT_OPERATIONS = List.of("vector_add");

    @TestFactory Stream<DynamicTest> everyKernelFileHasItsTwins() throws IOException, URISyntaxException {
        URL url = KernelTwinsTest.class.getClassLoader().getResource(KernelSource.RESOURCE_ROOT);
        assertNotNull(url, "no " + KernelSource.RESOURCE_ROOT + " on the test classpath");
        Path dir = Path.of(url.toURI());
        TreeSet<String> bases = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".cl") || f.endsWith(".cu"))
                    .forEach(f -> bases.add(f.substring(0, f.length() - 3)));
        }
        assertFalse(bases.isEmpty(), "no .cl or .cu files in " + dir);
        List<DynamicTest> tests = new ArrayList<>();
        for (String base : bases) {
            tests.add(DynamicTest.dynamicTest(base, () -> checkFile(dir, base)));
        }
        return tests.stream();
    }

    private static void checkFile(Path dir, String base) throws IOException {
        Path cl = dir.resolve(base + ".cl"), cu = dir.resolve(base + ".cu");
        if (!Files.exists(cl)) fail(base + ".cu has no OpenCL twin " + base + ".cl");
        if (!Files.exists(cu)) fail(base + ".cl has no CUDA twin " + base + ".cu");
        Map<String, List<KernelParam>> ocl = KernelSignatures.parse(Files.readString(cl));
        Map<String, List<KernelParam>> cuda = KernelSignatures.parse(Files.readString(cu));
        assertFalse(ocl.isEmpty(), base + ".cl declares no kernels");
        assertEquals(new TreeSet<>(ocl.keySet()), new TreeSet<>(cuda.keySet()),
                base + ".cl and " + base + ".cu declare different entry points");
        for (var e : ocl.entrySet()) {
            List<KernelParam> a = e.getValue(), b = cuda.get(e.getKey());
            assertEquals(a.size(), b.size(), base + ": " + e.getKey() + " takes " + a + " in .cl but " + b + " in .cu");
            for (int i = 0; i < a.size(); i++) {
                KernelParam p = a.get(i), q = b.get(i);
                if (p.isPointer() != q.isPointer() || p.elementType() != q.elementType() || p.elementType() == null) {
                    fail(base + ": " + e.getKey() + " parameter " + i + " is '" + p.typeName() + " " + p.name()
                            + "' in .cl but '" + q.typeName() + " " + q.name() + "' in .cu");
                }
            }
        }
        if (NOT_OPERATIONS.contains(base)) return;
        Supplier<KernelSource> java = JAVA.get(base);
        if (java == null) {
            fail(base + ".cl/.cu have no registered Java implementations: add their KernelSource to KernelTwinsTest.JAVA");
        }
        KernelSource src = java.get();
        assertEquals(Files.readString(cl), src.text(Dialect.OPENCL), base + ": the registered source loads another .cl");
        assertEquals(new TreeSet<>(ocl.keySet()), new TreeSet<>(src.javaKernels().keySet()),
                base + ": the Java implementations differ from the .cl/.cu entry points");
    }
}
