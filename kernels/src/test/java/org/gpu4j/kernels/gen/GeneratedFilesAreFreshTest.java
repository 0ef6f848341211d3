package org.gpu4j.kernels.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file a generator of this package writes is committed exactly as the generator now writes it: one test per
 * file, failing with the file, the first differing line and how to regenerate. Runs the generators into memory; needs
 * only the JDK.
 */
class GeneratedFilesAreFreshTest {
    static Map<String, String> generated() {
        Map<String, String> all = new LinkedHashMap<>(VectorOpsGenerator.generate());
        all.putAll(VectorGemmGenerator.generate());
        return all;
    }

    @TestFactory List<DynamicTest> committedFilesMatchTheirGenerators() {
        Path root = GeneratedFiles.root();
        List<DynamicTest> tests = new ArrayList<>();
        generated().forEach((file, text) -> tests.add(DynamicTest.dynamicTest(file, () -> {
            Path p = root.resolve(file);
            assertTrue(Files.isRegularFile(p), file + " is missing; regenerate: " + GeneratedFiles.HOW);
            String committed = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            assertNull(GeneratedFiles.firstDifference(file, committed, text));
        })));
        return tests;
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
                "core/src/main/java/org/gpu4j/matrix/VectorGemm.java"), List.copyOf(generated().keySet()));
    }

    @Test void aDifferenceNamesTheFileAndTheFirstDifferingLine() {
        assertNull(GeneratedFiles.firstDifference("f", "a\nb\n", "a\nb\n"));
        String d = GeneratedFiles.firstDifference("x/y.cl", "a\nb\nc\n", "a\nB\nc\n");
        assertTrue(d.startsWith("x/y.cl differs from what its generator writes, first at line 2:\n"
                + "  committed: b\n  generator: B\n"), d);
        String shorter = GeneratedFiles.firstDifference("f", "a\n", "a\nb\n");
        assertTrue(shorter.contains("line 2:\n  committed: (end of file)\n  generator: b\n"), shorter);
        String crlf = GeneratedFiles.firstDifference("f", "a\r\n", "a\n");
        assertTrue(crlf.contains("line 1:\n  committed: a\\r\n  generator: a\n"), crlf);
        String noNewline = GeneratedFiles.firstDifference("f", "a\nb", "a\nb\n");
        assertTrue(noNewline.contains("line 2:\n  committed: no newline at the end\n  generator: newline at the end\n"),
                noNewline);
    }
}
