package org.gpu4j.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Malformed snippets fail in Java with snippet:line:column, the line, and a caret under the spot. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpressionErrorsTest {
    private Accelerator acc;

    @BeforeAll void open() { acc = Gpu4j.open("cpu"); }

    @AfterAll void close() { acc.close(); }

    private ExpressionException elementwise(String args, String op) {
        return assertThrows(ExpressionException.class, () -> acc.elementwise(args, op));
    }

    /** Checks the three-line shape: first line with the position, the snippet line, a caret at the column. */
    private static void shape(ExpressionException e, String snippet, int line, int col, String words) {
        String[] lines = e.getMessage().split("\n");
        assertEquals(3, lines.length, e.getMessage());
        assertEquals(snippet + ":" + line + ":" + col + ": " + e.problem(), lines[0]);
        assertTrue(e.problem().contains(words), "'" + e.problem() + "' should mention " + words);
        assertEquals(col + 1, lines[2].indexOf('^'), "caret under column " + col + ":\n" + e.getMessage());
        assertEquals(line, e.line());
        assertEquals(col, e.column());
    }

    @Test void unknownIdentifier() {
        ExpressionException e = elementwise("float a, float *x, float *z", "z[i] = a * q[i]");
        shape(e, "operation", 1, 12, "unknown identifier 'q'");
        assertEquals("  z[i] = a * q[i]", e.getMessage().split("\n")[1]);
    }

    @Test void assigningToReadOnlyScalar() {
        shape(elementwise("float a, float *x", "x[i] = 1.0f;\na = 2.0f"), "operation", 2, 1, "read-only");
        shape(elementwise("float *x", "i = 3"), "operation", 1, 1, "'i'");
    }

    @Test void storingFloatIntoIntArrayNeedsACast() {
        shape(elementwise("float *x, int *k", "k[i] = x[i] * 2.0f"), "operation", 1, 8, "needs a cast");
        shape(elementwise("float *x, int *k", "k[i] += x[i]"), "operation", 1, 6, "write the cast");
        shape(elementwise("float *x", "int t = x[i]; x[i] = t"), "operation", 1, 9, "needs a cast");
        // with the cast it compiles
        acc.elementwise("float *x, int *k", "k[i] = (int)(x[i] * 2.0f)");
    }

    @Test void missingSemicolon() {
        shape(elementwise("float *x, float *y", "x[i] = 1.0f\ny[i] = 2.0f"), "operation", 1, 12, "expected ';'");
        // the very last ';' may be left out, as in PyOpenCL
        acc.elementwise("float *x, float *y", "x[i] = 1.0f; y[i] = 2.0f");
    }

    @Test void unsupportedFunction() {
        ExpressionException e = elementwise("float *x", "x[i] = erf(x[i])");
        shape(e, "operation", 1, 8, "unsupported function 'erf'");
        assertTrue(e.problem().contains("sqrt"), "lists the functions: " + e.problem());
        shape(elementwise("float *x", "x[i] = pow(x[i])"), "operation", 1, 8, "takes 2 arguments, got 1");
    }

    @Test void argumentDeclarations() {
        shape(elementwise("float a, flot *x", "x[i] = a"), "arguments", 1, 10, "expected a type");
        shape(elementwise("float *x, float *x", "x[i] = 1"), "arguments", 1, 18, "declared twice");
        shape(elementwise("float *n", "n[i] = 1"), "arguments", 1, 8, "predeclared");
        shape(elementwise("float a", "a = 1"), "arguments", 1, 1, "no array argument");
        shape(elementwise("const float *x, float *y", "y[i] = 1.0f; x[i] = 2.0f"), "operation", 1, 14, "const");
    }

    @Test void otherMistakes() {
        shape(elementwise("float *x", "x[i] = x[i] % 2"), "operation", 1, 8, "integer operands");
        shape(elementwise("float *x", "x[i] = x"), "operation", 1, 8, "is an array");
        shape(elementwise("float *x", "x[i] = (x[i] + 1"), "operation", 1, 17, "expected ')'");
        shape(elementwise("float *x", "x[i] = 1.0f;\nfloat t = 2.0f;\nfloat t = 3.0f"), "operation", 3, 7, "already declared");
        shape(elementwise("float *x", "x[x[i]] = 1"), "operation", 1, 3, "must be an integer");
        shape(elementwise("float *x", "x[i] = 3u"), "operation", 1, 9, "unsigned");
        shape(elementwise("float *x", "for (;;) x[i] = 1"), "operation", 1, 1, "not supported");
        shape(elementwise("float *x", "x[i] = 1 @ 2"), "operation", 1, 10, "unexpected character");
    }

    @Test void reductionAndScanSnippets() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> acc.reduction("int", "0", "a+b", "x[i] * 0.5f", "float *x"));
        shape(e, "map_expr", 1, 1, "cast it");
        shape(assertThrows(ExpressionException.class, () -> acc.reduction("float", "0", "a+c", "x[i]", "float *x")),
                "reduce_expr", 1, 3, "unknown identifier 'c'");
        shape(assertThrows(ExpressionException.class, () -> acc.reduction("half", "0", "a+b", "x[i]", "float *x")),
                "type", 1, 1, "unknown type");
        shape(assertThrows(ExpressionException.class,
                () -> acc.scan("int", "0", "a+b", "x[i]", "y[i] = itme", "int *x, int *y")),
                "output_statement", 1, 8, "unknown identifier 'itme'");
        shape(assertThrows(ExpressionException.class,
                () -> acc.scan("int", "0", "a+b", "x[i]", "item = 1", "int *x")), "output_statement", 1, 1, "read-only");
    }
}
