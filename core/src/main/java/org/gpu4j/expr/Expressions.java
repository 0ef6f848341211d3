package org.gpu4j.expr;

import org.gpu4j.Accelerator;
import org.gpu4j.ElementType;
import org.gpu4j.expr.Ast.Expr;

/**
 * Builds kernels from snippets; {@link Accelerator#elementwise}, {@link Accelerator#reduction} and
 * {@link Accelerator#scan} delegate here. See the package documentation for the snippet language.
 */
public final class Expressions {
    private Expressions() {}

    /** See {@link Accelerator#elementwise(String, String, String, String)}. */
    public static ElementwiseKernel elementwise(Accelerator acc, String arguments, String operation, String name, String preamble) {
        return new ElementwiseKernel(acc, arguments, operation, name == null ? "elementwise" : name, preamble);
    }

    /** See {@link Accelerator#reduction(String, String, String, String, String)}. */
    public static ReductionKernel reduction(Accelerator acc, String type, String neutral, String reduceExpr, String mapExpr,
                                            String arguments, String name) {
        return new ReductionKernel(acc, type, neutral, reduceExpr, mapExpr, arguments, name == null ? "reduction" : name);
    }

    /** See {@link Accelerator#scan(String, String, String, String, String, String)}. */
    public static ScanKernel scan(Accelerator acc, String type, String neutral, String scanExpr, String inputExpr,
                                  String outputStatement, String arguments, String name) {
        return new ScanKernel(acc, type, neutral, scanExpr, inputExpr, outputStatement, arguments, name == null ? "scan" : name);
    }

    /**
     * An element-wise kernel {@code (const T *in, int *flags)} writing {@code flags[i] = predicate ? 1 : 0}, where
     * the predicate is one expression over {@code x} (the element {@code in[i]}, of type {@code type}), {@code i}
     * and {@code n}; used by the scan-built algorithms of {@link org.gpu4j.Sorting}. The predicate is parsed alone
     * first, so an error points into it (snippet name {@code predicate}) and happens before anything is compiled.
     *
     * @throws ExpressionException if the predicate does not parse or names anything else
     */
    public static ElementwiseKernel predicate(Accelerator acc, ElementType type, String predicate, String name) {
        java.util.Objects.requireNonNull(predicate, "predicate");
        Scope scope = new Scope().child();
        Arguments args = Arguments.parse("const " + type.openclName() + " *in__", scope);
        args.builtin(scope, "x", type);
        args.builtin(scope, "i", ElementType.LONG);
        args.builtin(scope, "n", ElementType.LONG);
        Source src = new Source("predicate", predicate);
        Parser.expression(src, scope);
        String t = type.openclName();
        // drop a final ';' (the parser allows one), found by the lexer so that one inside a comment does not count;
        // the newline ends a // comment the predicate may close with
        String body = predicate;
        java.util.List<Token> toks = Lexer.tokens(src);
        if (toks.size() >= 2 && toks.get(toks.size() - 2).is(";")) {
            Token semi = toks.get(toks.size() - 2);
            int off = 0;
            for (int l = 1; l < semi.line(); l++) off = predicate.indexOf('\n', off) + 1;
            body = predicate.substring(0, off + semi.col() - 1);
        }
        String op = "{ " + t + " x = in__[i]; flags__[i] = (" + body + "\n) ? 1 : 0; }";
        return new ElementwiseKernel(acc, "const " + t + " *in__, int *flags__", op, name, null);
    }

    /** The element type named {@code float}, {@code double}, {@code int}, {@code long} or {@code long long}. */
    static ElementType type(String name) {
        Source src = new Source("type", name == null ? "" : name);
        String t = name == null ? "" : name.trim().replaceAll("\\s+", " ");
        ElementType et = t.equals("long long") ? ElementType.LONG : Parser.typeName(t, null);
        if (et == null) throw src.error(1, 1, "unknown type '" + name + "'; use float, double, int or long");
        return et;
    }

    /** Converts an expression to the reduction/scan type; a floating value for an integer type needs a cast. */
    static Expr valueOf(Expr e, ElementType type, String what, String text) {
        if (!type.isFloatingPoint() && e.type.isFloatingPoint()) {
            throw new Source(what, text).error(e.line, e.col, what + " has type " + e.type.openclName()
                    + " but the " + "type is " + type.openclName() + "; cast it: (" + type.openclName() + ")(...)");
        }
        return Parser.convert(e, type);
    }
}
