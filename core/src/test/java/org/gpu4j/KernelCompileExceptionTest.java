package org.gpu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelCompileExceptionTest {
    @Test void findsThePositionInAPoclBuildLog() {
        assertArrayEquals(new int[] {3, 5},
                KernelCompileException.parseLineColumn("error: /tmp/x.cl:3:5: use of undeclared identifier 'y'"));
        String log = """
                warning: /tmp/pocl/x.cl:1:10: unused variable 'error_count'
                error: /tmp/pocl/x.cl:12:17: use of undeclared identifier 'y'
                    c[i] = a[i] + y;
                                  ^
                1 error generated.
                """;
        assertArrayEquals(new int[] {12, 17}, KernelCompileException.parseLineColumn(log));
    }

    @Test void findsThePositionInAClangLog() {
        assertArrayEquals(new int[] {7, 12},
                KernelCompileException.parseLineColumn("<source>:2:1: warning: x\ninput.cl:7:12: error: expected ';'"));
        assertArrayEquals(new int[] {4, 2}, KernelCompileException.parseLineColumn("k.cl:4:2: fatal error: 'x.h' file not found"));
    }

    @Test void findsTheLineInAnNvccLog() {
        assertArrayEquals(new int[] {3, 0},
                KernelCompileException.parseLineColumn("x.cu(3): error: identifier \"y\" is undefined"));
        assertArrayEquals(new int[] {9, 0}, KernelCompileException.parseLineColumn(
                "x.cu(2): warning #177-D: variable \"t\" was declared but never referenced\n"
                        + "x.cu(9): error: expected a \";\"\n1 error detected in the compilation of \"x.cu\"."));
    }

    @Test void answersZeroWhenTheLogNamesNoPosition() {
        assertArrayEquals(new int[] {0, 0}, KernelCompileException.parseLineColumn(null));
        assertArrayEquals(new int[] {0, 0}, KernelCompileException.parseLineColumn(""));
        assertArrayEquals(new int[] {0, 0}, KernelCompileException.parseLineColumn("error: no device supports fp64"));
        assertArrayEquals(new int[] {0, 0}, KernelCompileException.parseLineColumn("x.cl:3:5: warning: unused"));
    }

    @Test void carriesWhatReproducesTheFailure() {
        String log = "error: /tmp/x.cl:3:5: use of undeclared identifier 'y'\n1 error generated.";
        int[] lc = KernelCompileException.parseLineColumn(log);
        KernelCompileException e = new KernelCompileException("build failed", "vector_add", "-cl-fast-relaxed-math",
                "opencl:0", log, lc[0], lc[1]);
        assertEquals(3, e.line());
        assertEquals(5, e.column());
        assertEquals("vector_add", e.sourceName());
        assertEquals("opencl:0", e.device());
        assertEquals("-cl-fast-relaxed-math", e.options());
        assertEquals(log, e.buildLog());
        String m = e.getMessage();
        assertTrue(m.startsWith("build failed: vector_add:3:5 on opencl:0 (options: -cl-fast-relaxed-math)"), m);
        assertTrue(m.contains("first error: error: /tmp/x.cl:3:5: use of undeclared identifier 'y'"), m);
        assertTrue(m.contains("--- build log ---"), m);
        assertTrue(e instanceof Gpu4jException);
    }
}
