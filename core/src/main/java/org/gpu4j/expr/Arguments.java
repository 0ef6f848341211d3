package org.gpu4j.expr;

import java.util.ArrayList;
import java.util.List;
import org.gpu4j.DeviceArray;
import org.gpu4j.ElementType;

/**
 * A kernel's declared arguments ({@code "float a, float *x, const int *idx"}), parsed into symbols of a scope, and
 * the check of launch arguments against them.
 */
final class Arguments {
    final Source source;
    final List<Sym> params;
    /** Each parameter's declaration token positions: start and end (for carets). */
    private final List<int[]> positions;

    private Arguments(Source source, List<Sym> params, List<int[]> positions) {
        this.source = source;
        this.params = params;
        this.positions = positions;
    }

    static Arguments parse(String text, Scope scope) {
        Source src = new Source("arguments", text == null ? "" : text);
        if (text == null) throw src.error(1, 1, "arguments is null");
        List<Token> toks = Lexer.tokens(src);
        List<Sym> params = new ArrayList<>();
        List<int[]> pos = new ArrayList<>();
        int p = 0;
        if (toks.get(0).kind() == Token.Kind.EOF) throw src.error(1, 1, "no arguments declared; declare at least one array, e.g. \"float *x\"");
        while (true) {
            Token start = toks.get(p);
            boolean isConst = false;
            while (toks.get(p).kind() == Token.Kind.IDENT && switch (toks.get(p).text()) {
                case "const", "__global", "global", "restrict", "__restrict", "__restrict__" -> true;
                default -> false;
            }) {
                if (toks.get(p).text().equals("const")) isConst = true;
                p++;
            }
            Token tt = toks.get(p);
            ElementType type = tt.kind() == Token.Kind.IDENT ? Parser.typeName(tt.text(), null) : null;
            if (type == null) {
                throw src.error(tt, "expected a type (float, double, int, long) in argument " + (params.size() + 1)
                        + ", found " + tt.describe());
            }
            p++;
            if (type == ElementType.LONG && toks.get(p).is("long")) p++;
            boolean pointer = false;
            while (toks.get(p).is("*") || (toks.get(p).kind() == Token.Kind.IDENT && switch (toks.get(p).text()) {
                case "const", "restrict", "__restrict", "__restrict__" -> true;
                default -> false;
            })) {
                if (toks.get(p).is("*")) {
                    if (pointer) throw src.error(toks.get(p), "pointers to pointers are not supported");
                    pointer = true;
                }
                p++;
            }
            Token name = toks.get(p);
            if (name.kind() != Token.Kind.IDENT) throw src.error(name, "expected an argument name, found " + name.describe());
            Parser.checkIdentifier(src, name);
            Sym old = scope.lookup(name.text());
            if (old != null) throw src.error(name, "argument '" + name.text() + "' is declared twice");
            p++;
            if (toks.get(p).is("[")) {
                if (!toks.get(p + 1).is("]")) throw src.error(toks.get(p + 1), "expected ']' (arrays are declared x[] or *x)");
                if (pointer) throw src.error(toks.get(p), "declare an array as *x or x[], not both");
                pointer = true;
                p += 2;
            }
            Sym s = scope.add(name.text(), pointer ? Sym.Kind.ARRAY_ARG : Sym.Kind.SCALAR_ARG, type, params.size(),
                    pointer && !isConst, name.line(), name.col());
            params.add(s);
            Token end = toks.get(p - 1);
            pos.add(new int[] {start.line(), start.col(), end.endLine(), end.endCol()});
            Token sep = toks.get(p);
            if (sep.kind() == Token.Kind.EOF) break;
            if (!sep.is(",")) throw src.error(sep, "expected ',' between arguments, found " + sep.describe());
            p++;
        }
        return new Arguments(src, List.copyOf(params), pos);
    }

    /** Adds a builtin name, failing at the argument that already uses it. */
    Sym builtin(Scope scope, String name, ElementType type) {
        for (int k = 0; k < params.size(); k++) {
            if (params.get(k).name.equals(name)) {
                int[] at = positions.get(k);
                Sym s = params.get(k);
                throw source.error(s.line, s.col, "'" + name + "' is predeclared by the kernel; rename this argument");
            }
        }
        return scope.add(name, Sym.Kind.BUILTIN, type, -1, false, 0, 0);
    }

    /** Fails unless at least one argument is an array (the kernel's size n comes from the first). */
    int firstArray() {
        for (Sym s : params) if (s.isArray()) return s.param;
        throw source.error(1, 1, "no array argument: n, the number of elements, is the length of the first array argument");
    }

    String signature() {
        StringBuilder sb = new StringBuilder("(");
        for (Sym s : params) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(s.type.openclName()).append(s.isArray() ? " *" : " ").append(s.name);
        }
        return sb.append(')').toString();
    }

    /**
     * Checks launch arguments against the declaration and returns n, the first array's length.
     *
     * @throws ExpressionException naming the argument, with a caret under its declaration
     */
    long check(String kernel, Object[] args) {
        if (args == null) throw source.error(1, 1, "launch arguments are null");
        if (args.length != params.size()) {
            String problem = "kernel '" + kernel + "' takes " + params.size() + " argument" + (params.size() == 1 ? "" : "s")
                    + " " + signature() + ", got " + args.length;
            if (args.length < params.size()) {
                int[] at = positions.get(args.length);
                throw source.error(at[0], at[1], problem + "; missing '" + params.get(args.length).name + "'");
            }
            int[] at = positions.get(params.size() - 1);
            throw source.error(at[2], at[3], problem + " (" + (args.length - params.size()) + " too many)");
        }
        long n = -1;
        String first = null;
        for (int k = 0; k < params.size(); k++) {
            Sym s = params.get(k);
            Object a = args[k];
            int[] at = positions.get(k);
            String label = "argument " + (k + 1) + " '" + s.name + "' of kernel '" + kernel + "'";
            if (s.isArray()) {
                if (!(a instanceof DeviceArray arr) || arr.elementType() != s.type) {
                    throw source.error(at[0], at[1], label + ": expected a " + arrayClass(s.type) + ", got " + describe(a));
                }
                if (n < 0) {
                    n = arr.length();
                    first = s.name;
                } else if (arr.length() < n) {
                    throw source.error(at[0], at[1], label + ": length " + arr.length() + " is less than n = " + n
                            + " (the length of '" + first + "')");
                }
            } else {
                if (!(a instanceof Number) || boxType(a) != s.type) {
                    throw source.error(at[0], at[1], label + ": expected a " + boxName(s.type) + ", got " + describe(a));
                }
            }
        }
        return n;
    }

    static String arrayClass(ElementType t) {
        return switch (t) {
            case FLOAT -> "FloatArray";
            case DOUBLE -> "DoubleArray";
            case INT -> "IntArray";
            case LONG -> "LongArray";
        };
    }

    static String boxName(ElementType t) {
        return switch (t) {
            case FLOAT -> "Float";
            case DOUBLE -> "Double";
            case INT -> "Integer";
            case LONG -> "Long";
        };
    }

    private static ElementType boxType(Object a) {
        if (a instanceof Float) return ElementType.FLOAT;
        if (a instanceof Double) return ElementType.DOUBLE;
        if (a instanceof Integer) return ElementType.INT;
        if (a instanceof Long) return ElementType.LONG;
        return null;
    }

    private static String describe(Object a) {
        if (a == null) return "null";
        if (a instanceof DeviceArray d) return d.getClass().getSimpleName() + "[" + d.length() + "]";
        return a.getClass().getSimpleName() + " " + a;
    }
}
