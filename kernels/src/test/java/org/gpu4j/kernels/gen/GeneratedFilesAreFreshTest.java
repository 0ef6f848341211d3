package org.gpu4j.kernels.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file a generator of this package writes is committed exactly as the generator now writes it: one test per
 * file, failing with the file, the first differing line and how to regenerate. Runs the generators into memory; needs
 * only the JDK.
 */
class GeneratedFilesAreFreshTest {
    /** Every generator of this package, with what it writes. */
    static final Map<Class<?>, Supplier<Map<String, String>>> GENERATORS = new LinkedHashMap<>();
    static {
        GENERATORS.put(VectorOpsGenerator.class, VectorOpsGenerator::generate);
        GENERATORS.put(VectorGemmGenerator.class, VectorGemmGenerator::generate);
        GENERATORS.put(BuiltinSignaturesGenerator.class, BuiltinSignaturesGenerator::generate);
    }

    @TestFactory List<DynamicTest> committedFilesMatchTheirGenerators() {
        Path root = GeneratedFiles.root();
        List<DynamicTest> tests = new ArrayList<>();
        GENERATORS.forEach((generator, files) -> files.get().forEach((file, text) -> tests.add(
                DynamicTest.dynamicTest(file, () -> check(root, file, text, generator)))));
        return tests;
    }

    private static void check(Path root, String file, String generated, Class<?> generator) throws Exception {
        Path p = root.resolve(file);
        assertTrue(Files.isRegularFile(p), file + " is missing; regenerate: " + GeneratedFiles.how(generator));
        String difference = GeneratedFiles.firstDifference(file, Files.readString(p, StandardCharsets.UTF_8),
                generated, generator);
        if (difference != null) fail(difference);
    }

    @Test void theGeneratorsWriteTheExpectedFiles() {
        assertEquals(List.of(
                "kernels/src/main/resources/org/gpu4j/kernels/vector.cl",
                "kernels/src/main/resources/org/gpu4j/kernels/vector.cu",
                "kernels/src/main/resources/org/gpu4j/kernels/reduce.cl",
                "kernels/src/main/resources/org/gpu4j/kernels/reduce.cu",
                "kernels/src/main/resources/org/gpu4j/kernels/scan.cl",
                "kernels/src/main/resources/org/gpu4j/kernels/scan.cu",
                "core/src/main/java/org/gpu4j/vector/VectorKernels.java",
                "core/src/main/java/org/gpu4j/matrix/VectorGemm.java",
                "core/src/main/java/org/gpu4j/internal/BuiltinSignatures.java"),
                GENERATORS.values().stream().flatMap(g -> g.get().keySet().stream()).toList());
    }

    @Test void aDifferenceNamesTheFileAndTheFirstDifferingLine() {
        assertNull(difference("a\nb\n", "a\nb\n"));
        String d = GeneratedFiles.firstDifference("x/y.cl", "a\nb\nc\n", "a\nB\nc\n", VectorOpsGenerator.class);
        assertEquals("x/y.cl differs from what VectorOpsGenerator writes, first at line 2:\n"
                + "  committed: b\n  generator: B\n"
                + "Edit the generator, not the file, then regenerate: mvn -B -q -pl kernels test-compile && "
                + "java -cp kernels/target/test-classes org.gpu4j.kernels.gen.VectorOpsGenerator", d);
        String shorter = difference("a\n", "a\nb\n");
        assertTrue(shorter.contains("line 2:\n  committed: (end of file)\n  generator: b\n"), shorter);
        String crlf = difference("a\r\n", "a\n");
        assertTrue(crlf.contains("line 1:\n  committed: a\\r\n  generator: a\n"), crlf);
        String noNewline = difference("a\nb", "a\nb\n");
        assertTrue(noNewline.contains("line 2:\n  committed: no newline at the end\n  generator: newline at the end\n"),
                noNewline);
    }

    private static String difference(String committed, String generated) {
        return GeneratedFiles.firstDifference("f", committed, generated, VectorGemmGenerator.class);
    }
}
