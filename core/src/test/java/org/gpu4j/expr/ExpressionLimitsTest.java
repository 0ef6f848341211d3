package org.gpu4j.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.gpu4j.Accelerator;
import org.gpu4j.Dialect;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the language refuses in Java before a device compiler would: names of generated code and of OpenCL C / CUDA C,
 * and snippets deeper than {@link Parser#MAX_DEPTH} or longer than {@link Lexer#MAX_TOKENS} (an
 * {@link ExpressionException} with the position, never a {@link StackOverflowError}, even on a 256 KiB stack).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpressionLimitsTest {
    private Accelerator acc;

    @BeforeAll void open() { acc = Gpu4j.open("cpu"); }

    @AfterAll void close() { acc.close(); }

    static final List<String> RESERVED = List.of(
            "get_global_id", "get_local_size", "gpu4j_combine", "gpu4j_x", "gpu4j_err", "kernel", "global", "local",
            "constant", "private", "__global", "threadIdx", "blockIdx", "blockDim", "int2", "float4", "double16",
            "uchar3", "longlong2", "half", "restrict", "inline", "volatile", "register", "auto", "barrier",
            "atomic_cmpxchg", "atomicCAS", "atomicAdd", "as_int", "as_float4", "convert_int_sat", "make_float2", "signbit",
            "M_PI", "INT_MAX", "FLT_EPSILON", "CLK_LOCAL_MEM_FENCE", "MAXFLOAT", "_Bool", "dim3", "class", "template",
            "namespace", "nullptr", "signed", "unsigned", "size_t", "image2d_t", "sampler_t", "vload4", "read_only");

    @Test void reservedNamesAreRefusedAsArgumentsAndLocals() {
        for (String name : RESERVED) {
            ExpressionException arg = assertThrows(ExpressionException.class,
                    () -> acc.elementwise("float *y, int " + name, "y[i] = 1.0f"), "argument " + name);
            assertEquals("arguments", arg.snippetName(), arg.getMessage());
            assertEquals(1, arg.line(), arg.getMessage());
            // the caret is under the name, or under the token after a qualifier the declaration syntax accepts
            assertTrue(arg.column() >= 15, arg.getMessage());
            ExpressionException local = assertThrows(ExpressionException.class,
                    () -> acc.elementwise("float *y", "y[i] = 0.0f;\nfloat " + name + " = 1.0f"), "local " + name);
            assertEquals("operation:2:7", local.getMessage().substring(0, local.getMessage().indexOf(": ")), local.getMessage());
        }
        // ordinary names are fine, including ones that merely resemble reserved words
        acc.elementwise("float *y, int kernel_size, float int_part, float globalx, float as_", "y[i] = int_part + globalx + as_");
    }

    private ExpressionException tooDeep(String op) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> acc.elementwise("float *x, float *y", op));
        assertTrue(e.problem().contains("nests deeper than " + Parser.MAX_DEPTH), e.getMessage());
        return e;
    }

    @Test void deepNestingIsAnExpressionExceptionWithThePosition() {
        ExpressionException parens = tooDeep("y[i] = " + "(".repeat(3 * Parser.MAX_DEPTH) + "x[i]" + ")".repeat(3 * Parser.MAX_DEPTH));
        assertEquals(1, parens.line());
        // the statement is level 1, its expression 2 more, every parenthesis 2 more: the one after 62 is too deep
        assertEquals("y[i] = ".length() + Parser.MAX_DEPTH / 2, parens.column(), parens.getMessage());
        tooDeep("y[i] = " + "(".repeat(30_000) + "x[i]" + ")".repeat(30_000)); // used to be a StackOverflowError
        tooDeep("y[i] = " + "- ".repeat(300) + "x[i]");
        tooDeep("y[i] = " + "sqrt(".repeat(300) + "x[i]" + ")".repeat(3 * Parser.MAX_DEPTH));
        tooDeep("y[i] = x[" + "(long)".repeat(300) + "i]");
        tooDeep("if (x[i] > 0.0f) ".repeat(300) + "y[i] = 1.0f");
        tooDeep("{".repeat(300) + "y[i] = 1.0f;" + "}".repeat(300));
        tooDeep("y[i] = " + "x[i] > 0.0f ? 1.0f : ".repeat(300) + "0.0f");
    }

    @Test void longChainsAreAnExpressionExceptionAtTheOperator() {
        String op = "y[i] = x[i]" + " + x[i]".repeat(1440); // used to be a StackOverflowError in the emitter
        ExpressionException e = tooDeep(op);
        assertEquals('+', op.charAt(e.column() - 1), "the caret is under an operator:\n" + e.getMessage());
        // a chain of MAX_DEPTH - 3 operators is the longest (statement, store, index and chain levels)
        String ok = "y[i] = x[i]" + " + 1.0f".repeat(Parser.MAX_DEPTH - 3);
        acc.elementwise("float *x, float *y", ok);
        tooDeep("y[i] = x[i]" + " + 1.0f".repeat(Parser.MAX_DEPTH - 2));
    }

    @Test void tooManyTokensIsAnExpressionException() {
        // balanced, so shallow, but huge
        StringBuilder sb = new StringBuilder("y[i] = 0.0f");
        for (int k = 0; k < 20_000; k++) sb.append(";\ny[i] += x[i]");
        ExpressionException e = assertThrows(ExpressionException.class, () -> acc.elementwise("float *x, float *y", sb.toString()));
        assertTrue(e.problem().contains("more than " + Lexer.MAX_TOKENS + " tokens"), e.getMessage());
        assertTrue(e.line() > 1, e.getMessage());
    }

    /**
     * Snippets at the limit parse, generate both dialects and run on the Java backend on a thread of 256 KiB of
     * stack (a ForkJoin worker has 512 KiB to 1 MiB); beyond it, an ExpressionException there too.
     */
    @Test void theLimitIsSafeOnASmallStack() throws Exception {
        int d = Parser.MAX_DEPTH;
        // each with the value it gives at x = 3
        Map<String, Float> atLimit = new LinkedHashMap<>();
        atLimit.put("y[i] = " + "(".repeat((d - 5) / 2) + "x[i] + 1.0f" + ")".repeat((d - 5) / 2), 4f);
        atLimit.put("y[i] = x[i]" + " + 1.0f".repeat(d - 3), 3f + (d - 3));
        atLimit.put("y[i] = " + "- ".repeat(d - 5) + "x[i]", d % 2 == 1 ? 3f : -3f);
        atLimit.put("y[i] = " + "fabs(".repeat((d - 5) / 2) + "x[i]" + ")".repeat((d - 5) / 2), 3f);
        atLimit.put("y[i] = x[" + "(long)".repeat(d - 8) + "i]", 3f);
        atLimit.put("if (x[i] > -1.0f) ".repeat(d - 8) + "y[i] = x[i] + 1.0f", 4f);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try (FloatArray x = acc.upload(new float[] {1, 2, 3}); FloatArray y = acc.allocFloats(3)) {
                for (Map.Entry<String, Float> c : atLimit.entrySet()) {
                    ElementwiseKernel k = acc.elementwise("float *x, float *y", c.getKey());
                    assertTrue(k.source(Dialect.CUDA).contains("__global__"));
                    k.launch(x, y);
                    assertEquals(c.getValue(), y.toArray()[2], c.getKey().substring(0, 30));
                }
                assertThrows(ExpressionException.class,
                        () -> acc.elementwise("float *x, float *y", "y[i] = " + "(".repeat(30_000) + "x[i]" + ")".repeat(30_000)));
                assertThrows(ExpressionException.class,
                        () -> acc.elementwise("float *x, float *y", "y[i] = x[i]" + " * 1.0f".repeat(5_000)));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (failure.get() != null) throw new AssertionError("on a 256 KiB stack: " + failure.get(), failure.get());
    }

    @Test void kernelNamesFollowTheSameRules() {
        assertThrows(IllegalArgumentException.class, () -> Expressions.elementwise(acc, "float *x", "x[i] = 1.0f", "float4", null));
        assertThrows(IllegalArgumentException.class, () -> Expressions.elementwise(acc, "float *x", "x[i] = 1.0f", "get_global_id", null));
        try (FloatArray x = acc.upload(new float[] {1})) {
            Expressions.elementwise(acc, "float *x", "x[i] = 2.0f", "twice", null).launch(x);
            assertArrayEquals(new float[] {2}, x.toArray());
        }
    }
}
