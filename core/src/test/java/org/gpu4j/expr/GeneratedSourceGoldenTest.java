package org.gpu4j.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gpu4j.Dialect;
import org.gpu4j.ElementType;
import org.gpu4j.expr.Ast.Expr;
import org.gpu4j.expr.Ast.Stmt;
import org.junit.jupiter.api.Test;

/**
 * The generated OpenCL C and CUDA C of a few kernels, against reviewed files under
 * {@code src/test/resources/org/gpu4j/expr/}; no device needed. After an intended change to the generators, rewrite
 * them with {@code -Dgpu4j.golden.update=true} and review the diff.
 */
class GeneratedSourceGoldenTest {

    static String elementwise(Dialect d, Codegen.Shape shape, String name, String args, String op) {
        Scope root = new Scope();
        Scope scope = root.child();
        Arguments a = Arguments.parse(args, scope);
        a.builtin(scope, "i", ElementType.LONG);
        a.builtin(scope, "n", ElementType.LONG);
        List<Stmt> body = Parser.statements(new Source("operation", op), scope);
        return new Codegen(d).elementwise(name, a, args, op, body, null, shape);
    }

    static String reduction(Dialect d, Codegen.Shape shape, String name, String type, String neutral, String reduce,
                            String map, String args) {
        ElementType t = Expressions.type(type);
        Scope root = new Scope();
        Scope scope = root.child();
        Arguments a = Arguments.parse(args, scope);
        a.builtin(scope, "i", ElementType.LONG);
        a.builtin(scope, "n", ElementType.LONG);
        Scope cs = root.child();
        Sym sa = cs.add("a", Sym.Kind.BUILTIN, t, -1, false, 0, 0);
        Sym sb = cs.add("b", Sym.Kind.BUILTIN, t, -1, false, 0, 0);
        Expr ne = Expressions.valueOf(Parser.expression(new Source("neutral", neutral), root.child()), t, "neutral", neutral);
        Expr re = Expressions.valueOf(Parser.expression(new Source("reduce_expr", reduce), cs), t, "reduce_expr", reduce);
        Expr me = Expressions.valueOf(Parser.expression(new Source("map_expr", map), scope), t, "map_expr", map);
        String[][] sn = {{"arguments", args}, {"type", type}, {"neutral", neutral}, {"reduce_expr", reduce}, {"map_expr", map}};
        return new Codegen(d).reduction(name, a, sn, t, ne, sa, sb, re, me, shape);
    }

    static String scan(Dialect d, Codegen.Shape shape, String name, String type, String neutral, String scanExpr, String input, String output,
                       String args) {
        ElementType t = Expressions.type(type);
        Scope root = new Scope();
        Scope scope = root.child();
        Arguments a = Arguments.parse(args, scope);
        a.builtin(scope, "i", ElementType.LONG);
        a.builtin(scope, "n", ElementType.LONG);
        Scope cs = root.child();
        Sym sa = cs.add("a", Sym.Kind.BUILTIN, t, -1, false, 0, 0);
        Sym sb = cs.add("b", Sym.Kind.BUILTIN, t, -1, false, 0, 0);
        Expr ne = Expressions.valueOf(Parser.expression(new Source("neutral", neutral), root.child()), t, "neutral", neutral);
        Expr se = Expressions.valueOf(Parser.expression(new Source("scan_expr", scanExpr), cs), t, "scan_expr", scanExpr);
        Expr ie = Expressions.valueOf(Parser.expression(new Source("input_expr", input), scope), t, "input_expr", input);
        Scope os = scope.child();
        a.builtin(os, "item", t);
        a.builtin(os, "prev_item", t);
        List<Stmt> out = Parser.statements(new Source("output_statement", output), os);
        String[][] sn = {{"arguments", args}, {"type", type}, {"neutral", neutral}, {"scan_expr", scanExpr},
                {"input_expr", input}, {"output_statement", output}};
        return new Codegen(d).scan(name, a, sn, t, ne, sa, sb, se, ie, out, shape);
    }

    static final String LIN_ARGS = "float a, float *x, float b, float *y, float *z";
    static final String LIN = "z[i] = a*x[i] + b*y[i]";
    static final String MIXED_ARGS = "float *x, const int *k, long *l, double *d";
    static final String MIXED = "float t = sqrt(fabs(x[i])) + (float)k[i];\n"
            + "if (t > 2.0f) { l[i] = (long)t * 3L; } else l[i] += abs(k[i]);\n"
            + "d[i] = pow(i, 2) + min(k[i], 5) + fmax(x[i], 0.5)";

    @Test void linearCombinationOpenClCpu() {
        golden("linear_combination.cpu.cl", elementwise(Dialect.OPENCL, Codegen.Shape.CPU, "lin", LIN_ARGS, LIN));
    }

    @Test void linearCombinationOpenClGpu() {
        golden("linear_combination.gpu.cl", elementwise(Dialect.OPENCL, Codegen.Shape.GPU, "lin", LIN_ARGS, LIN));
    }

    @Test void linearCombinationCuda() {
        golden("linear_combination.cu", elementwise(Dialect.CUDA, Codegen.Shape.GPU, "lin", LIN_ARGS, LIN));
    }

    @Test void mixedTypesOpenCl() {
        golden("mixed.gpu.cl", elementwise(Dialect.OPENCL, Codegen.Shape.GPU, "mixed", MIXED_ARGS, MIXED));
    }

    @Test void mixedTypesCuda() {
        golden("mixed.cu", elementwise(Dialect.CUDA, Codegen.Shape.GPU, "mixed", MIXED_ARGS, MIXED));
    }

    static final String SEM_ARGS = "const int *k, long *l, float *x, int *out";
    static final String SEM = "out[i] = k[i] / (int)x[i] + (k[i] << 33) - -k[i] % k[n - 1 - i];\n"
            + "l[(i + 1) % n] += (long)min(x[i], 1.0f) * l[i]";

    /** The helpers of the language's integer and conversion rules, and the bounds guard of a computed index. */
    @Test void semanticsHelpersAndGuardOpenClAndCuda() {
        golden("semantics.cl", elementwise(Dialect.OPENCL, Codegen.Shape.CPU, "sem", SEM_ARGS, SEM));
        golden("semantics.cu", elementwise(Dialect.CUDA, Codegen.Shape.GPU, "sem", SEM_ARGS, SEM));
    }

    @Test void dotReductionOpenClGpuAndCpu() {
        golden("dot.gpu.cl", reduction(Dialect.OPENCL, Codegen.Shape.GPU, "dot", "float", "0", "a+b", "x[i]*y[i]", "float *x, float *y"));
        golden("dot.cpu.cl", reduction(Dialect.OPENCL, Codegen.Shape.CPU, "dot", "float", "0", "a+b", "x[i]*y[i]", "float *x, float *y"));
    }

    @Test void maxReductionCuda() {
        golden("max.cu", reduction(Dialect.CUDA, Codegen.Shape.GPU, "vmax", "long", "-9223372036854775807L - 1", "max(a, b)",
                "l[i]", "long *l"));
    }

    @Test void scanOpenClAndCuda() {
        golden("cumsum.cl", scan(Dialect.OPENCL, Codegen.Shape.CPU, "cumsum", "int", "0", "a+b", "x[i]", "y[i] = prev_item", "int *x, int *y"));
        golden("cumsum.gpu.cl", scan(Dialect.OPENCL, Codegen.Shape.GPU, "cumsum", "int", "0", "a+b", "x[i]", "y[i] = prev_item", "int *x, int *y"));
        golden("cumsum.cu", scan(Dialect.CUDA, Codegen.Shape.GPU, "cumsum", "int", "0", "a+b", "x[i]", "y[i] = prev_item", "int *x, int *y"));
    }

    private static void golden(String file, String actual) {
        Path src = Path.of("src/test/resources/org/gpu4j/expr", file);
        if (Boolean.getBoolean("gpu4j.golden.update")) {
            try {
                Files.writeString(src, actual);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = GeneratedSourceGoldenTest.class.getResourceAsStream(file)) {
            if (in == null) throw new AssertionError("missing golden file " + src + "; generate it with -Dgpu4j.golden.update=true");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, "generated source differs from " + src);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
