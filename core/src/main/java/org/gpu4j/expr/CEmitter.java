package org.gpu4j.expr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gpu4j.Dialect;
import org.gpu4j.ElementType;
import org.gpu4j.expr.Ast.Assign;
import org.gpu4j.expr.Ast.Binary;
import org.gpu4j.expr.Ast.Block;
import org.gpu4j.expr.Ast.Call;
import org.gpu4j.expr.Ast.Cond;
import org.gpu4j.expr.Ast.Conv;
import org.gpu4j.expr.Ast.Decl;
import org.gpu4j.expr.Ast.Expr;
import org.gpu4j.expr.Ast.ExprStmt;
import org.gpu4j.expr.Ast.If;
import org.gpu4j.expr.Ast.Index;
import org.gpu4j.expr.Ast.Lit;
import org.gpu4j.expr.Ast.Ref;
import org.gpu4j.expr.Ast.Stmt;
import org.gpu4j.expr.Ast.Unary;

/**
 * Prints the typed tree as OpenCL C or CUDA C. The tree keeps the user's structure and parentheses, and C applies the
 * same implicit conversions the parser recorded, so only the conversions C would not make by itself are printed:
 * casts on math-function arguments (OpenCL's overloads and CUDA's {@code f}-suffixed names need exact types).
 *
 * <p>Where C's rules are not the language's (see the package documentation) the operation is printed as a call of a
 * generated helper ({@code gpu4j_iadd}, {@code gpu4j_f2i}...; {@link #helpers()} gives the definitions of those
 * used): integer {@code + - *}, unary minus and {@code <<} in unsigned arithmetic, shift counts masked, division and
 * remainder defined for a zero divisor and {@code MIN / -1}, floating-to-integer casts saturating, floating
 * {@code min}/{@code max} defined for NaN and signed zeros. In CUDA, floating multiplications are
 * {@code __fmul_rn}/{@code __dmul_rn} so that nvcc cannot contract them into an FMA; OpenCL sources turn contraction
 * off with a pragma instead ({@link Codegen}).
 *
 * <p>With {@link #guard} on, every array access whose index is not the kernel's own {@code i} is checked against the
 * array's length (a hidden parameter {@code gpu4j_len_<name>}): a read out of range reads element 0 instead, a
 * write is skipped, and both record the array, {@code i} and the index in the work-item's private record
 * ({@code gpu4j_bad}, {@code gpu4j_bi}, {@code gpu4j_bj}), which {@link Codegen} publishes to the error word
 * {@code gpu4j_err} after the loop.
 */
final class CEmitter {
    private final Dialect d;
    /** Names of symbols as printed, e.g. to rename a builtin; identity by default. */
    private final java.util.function.Function<Sym, String> names;
    /** Helper functions used so far, in order of first use. */
    private final Set<String> used = new LinkedHashSet<>();
    /** Whether array accesses with a computed index are checked (the kernel then has the hidden parameters). */
    boolean guard;
    /** While printing a guarded store: its target, printed with the index already checked. */
    private Index checkedTarget;

    CEmitter(Dialect d) { this(d, s -> s.name); }

    CEmitter(Dialect d, java.util.function.Function<Sym, String> names) {
        this.d = d;
        this.names = names;
    }

    private boolean cl() { return d == Dialect.OPENCL; }

    /** The functions printed as NaN-guarded helpers in OpenCL (see {@link #call}). */
    private static final Set<Functions.Fn> NAN_GUARDED = java.util.EnumSet.of(Functions.Fn.TRUNC, Functions.Fn.FLOOR,
            Functions.Fn.CEIL, Functions.Fn.EXP, Functions.Fn.EXP2, Functions.Fn.SINH, Functions.Fn.TANH, Functions.Fn.POW);

    /** OpenCL: whether {@code v} (float if {@code f}, else double) is a NaN, by its bits (no compiler folds it away). */
    private static String isNan(boolean f, String v) {
        return f ? "(as_int(" + v + ") & 0x7fffffff) > 0x7f800000"
                : "(as_long(" + v + ") & 0x7fffffffffffffffL) > 0x7ff0000000000000L";
    }

    String type(ElementType t) { return d == Dialect.CUDA ? t.cudaName() : t.openclName(); }

    String expr(Expr e) {
        // binaries directly: two frames per level of a long chain (see Parser.MAX_DEPTH)
        String s = e instanceof Binary b ? binary(b) : bare(e);
        return e.paren ? "(" + s + ")" : s;
    }

    /** {@code e} without its parentheses. */
    private String bare(Expr e) {
        if (e instanceof Lit l) return literal(l);
        if (e instanceof Ref r) return names.apply(r.sym);
        if (e instanceof Index ix) return index(ix);
        if (e instanceof Unary u) {
            String o = expr(u.operand);
            // negating a literal (never negative, at most the type's MAX) cannot overflow
            if (u.op.equals("-") && !u.type.isFloatingPoint() && !(u.operand instanceof Lit)) return helper("neg", u.type) + "(" + o + ")";
            return u.op + (o.startsWith(u.op) || (u.op.equals("-") && o.startsWith("-")) ? " " : "") + o;
        }
        if (e instanceof Binary b) return binary(b);
        if (e instanceof Cond c) return expr(c.cond) + " ? " + expr(c.then) + " : " + expr(c.otherwise);
        if (e instanceof Conv c) {
            if (!c.explicit) return expr(c.operand);
            if (!c.type.isFloatingPoint() && c.operand.type.isFloatingPoint()) {
                // saturating, NaN to 0 (C leaves out-of-range conversions undefined)
                String h = "gpu4j_" + (c.operand.type == ElementType.FLOAT ? "f" : "d") + "2" + (c.type == ElementType.INT ? "i" : "l");
                return use(h) + "(" + expr(c.operand) + ")";
            }
            return "(" + type(c.type) + ")" + expr(c.operand);
        }
        if (e instanceof Call c) return call(c);
        throw new IllegalStateException("unknown node " + e);
    }

    private String index(Index ix) {
        String a = names.apply(ix.array);
        if (ix == checkedTarget) return a + "[gpu4j_j]";
        if (!guard || Codegen.isI(ix.index)) return a + "[" + expr(ix.index) + "]";
        return a + "[" + use("gpu4j_at") + "(" + expr(ix.index) + ", gpu4j_len_" + ix.array.name + ", "
                + (ix.array.param + 1) + ", i, &gpu4j_bad, &gpu4j_bi, &gpu4j_bj)]";
    }

    private String binary(Binary b) {
        String l = expr(b.left), r = expr(b.right);
        if (!b.type.isFloatingPoint() && (b.left.type == b.type || b.op.equals("<<") || b.op.equals(">>"))) {
            String h = switch (b.op) {
                case "+" -> "add";
                case "-" -> "sub";
                case "*" -> "mul";
                case "/" -> "div";
                case "%" -> "rem";
                case "<<" -> "shl";
                case ">>" -> "shr";
                default -> null;
            };
            if (h != null) return helper(h, b.type) + "(" + l + ", " + r + ")";
        }
        if (!cl() && b.op.equals("*") && b.type.isFloatingPoint()) {
            return (b.type == ElementType.FLOAT ? "__fmul_rn(" : "__dmul_rn(") + l + ", " + r + ")";
        }
        return l + " " + b.op + " " + r;
    }

    private String helper(String op, ElementType t) { return use("gpu4j_" + (t == ElementType.LONG ? "l" : "i") + op); }

    private String use(String name) {
        used.add(name);
        return name;
    }

    private String call(Call c) {
        ElementType argType = c.args.get(0).type;
        String fname;
        if (c.fn == Functions.Fn.ABS && !argType.isFloatingPoint()) {
            fname = helper("abs", argType);
        } else if ((c.fn == Functions.Fn.MIN || c.fn == Functions.Fn.MAX || c.fn == Functions.Fn.FMIN
                || c.fn == Functions.Fn.FMAX) && argType.isFloatingPoint()) {
            String m = c.fn == Functions.Fn.MIN || c.fn == Functions.Fn.FMIN ? "min" : "max";
            fname = use("gpu4j_f" + m + (argType == ElementType.FLOAT ? "_f" : "_d"));
        } else if (cl() && NAN_GUARDED.contains(c.fn)) {
            // PoCL miscompiles these for a NaN (both found by the differential test): its vectorised trunc gave 0 for
            // a NaN; and where the compiler can see the NaN (NAN, or NAN * x folded to it), exp, exp2, sinh, tanh,
            // floor, ceil, trunc and pow(NAN, NAN) lose the whole store, so the element keeps its old value. The
            // helper tests NaN by its bits first, so the library function never sees one.
            fname = use("gpu4j_" + c.fn.cName() + (argType == ElementType.FLOAT ? "_f" : "_d"));
        } else {
            fname = c.fn.spelling(d, argType);
        }
        StringBuilder sb = new StringBuilder(fname).append('(');
        for (int k = 0; k < c.args.size(); k++) {
            if (k > 0) sb.append(", ");
            Expr a = c.args.get(k);
            if (a instanceof Conv cv && !cv.explicit) {
                sb.append('(').append(type(cv.type)).append(')').append(tight(cv.operand));
            } else {
                sb.append(expr(a));
            }
        }
        return sb.append(')').toString();
    }

    /** An operand that binds tighter than a cast as printed, parenthesised where needed. */
    private String tight(Expr e) {
        String s = expr(e);
        if (e.paren || e instanceof Lit || e instanceof Ref || e instanceof Index || e instanceof Call) return s;
        if (e instanceof Conv c && !c.explicit) return tight(c.operand);
        return "(" + s + ")";
    }

    private String literal(Lit l) {
        if (l.special != null) {
            if (d == Dialect.OPENCL) return l.special;
            return l.special.equals("INFINITY") ? "__int_as_float(0x7f800000)" : "__int_as_float(0x7fc00000)";
        }
        return switch (l.type) {
            case INT -> Integer.toString(l.value.intValue());
            case LONG -> l.value.longValue() + (d == Dialect.CUDA ? "LL" : "L");
            case FLOAT -> Float.toString(l.value.floatValue()) + "f";
            case DOUBLE -> Double.toString(l.value.doubleValue());
        };
    }

    void statements(List<Stmt> body, String indent, StringBuilder out) {
        for (Stmt s : body) statement(s, indent, out);
    }

    void statement(Stmt s, String indent, StringBuilder out) {
        if (s instanceof Assign a) {
            // compound assignments and ++/-- are printed as target = stored, so they get the helpers' semantics
            Expr value = a.op.equals("=") ? a.value : a.stored;
            if (guard && a.target instanceof Index ix && !Codegen.isI(ix.index)) {
                out.append(indent).append("{ long").append(cl() ? "" : " long").append(" gpu4j_j = ").append(expr(ix.index))
                        .append("; if (").append(use("gpu4j_in")).append("(gpu4j_j, gpu4j_len_").append(ix.array.name)
                        .append(", ").append(ix.array.param + 1).append(", i, &gpu4j_bad, &gpu4j_bi, &gpu4j_bj)) ");
                checkedTarget = ix;
                try {
                    out.append(index(ix)).append(" = ").append(expr(value));
                } finally {
                    checkedTarget = null;
                }
                out.append("; }\n");
                return;
            }
            out.append(indent).append(expr(a.target)).append(" = ").append(expr(value)).append(";\n");
        } else if (s instanceof Decl dc) {
            out.append(indent).append(type(dc.sym.type)).append(' ').append(names.apply(dc.sym)).append(" = ")
                    .append(dc.init == null ? "0" : expr(dc.init)).append(";\n");
        } else if (s instanceof If f) {
            out.append(indent).append("if (").append(expr(f.cond)).append(")");
            branch(f.then, indent, out);
            if (f.otherwise != null) {
                out.append(indent).append("else");
                branch(f.otherwise, indent, out);
            }
        } else if (s instanceof Block b) {
            if (b.inline) {
                statements(b.body, indent, out);
            } else {
                out.append(indent).append("{\n");
                statements(b.body, indent + "    ", out);
                out.append(indent).append("}\n");
            }
        } else if (s instanceof ExprStmt e) {
            out.append(indent).append(expr(e.expr)).append(";\n");
        }
    }

    private void branch(Stmt s, String indent, StringBuilder out) {
        if (s instanceof Block b && !b.inline) {
            out.append(" {\n");
            statements(b.body, indent + "    ", out);
            out.append(indent).append("}\n");
        } else {
            out.append('\n');
            statement(s, indent + "    ", out);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The definitions of the helpers used so far (each after those it calls), or "" when none. */
    String helpers() {
        Set<String> all = new LinkedHashSet<>();
        for (String h : used) {
            if (h.equals("gpu4j_at")) all.add("gpu4j_in");
            if (h.equals("gpu4j_at") || h.equals("gpu4j_in")) all.add("gpu4j_report");
            if (h.matches("gpu4j_[il](div|abs)")) all.add(h.substring(0, 7) + "neg");
            all.add(h);
        }
        StringBuilder sb = new StringBuilder();
        for (String h : all) sb.append(definition(h)).append('\n');
        return sb.toString();
    }

    private String definition(String h) {
        String fn = cl() ? "" : "__device__ ";
        if (h.equals("gpu4j_in") || h.equals("gpu4j_at") || h.equals("gpu4j_report")) {
            String L = cl() ? "long" : "long long";
            if (h.equals("gpu4j_report")) {
                return fn + "void gpu4j_report(" + (cl() ? "__global " : "") + "int *gpu4j_e, int what, " + L + " i, " + L + " j)\n{\n"
                        + "    if (" + (cl() ? "atomic_cmpxchg" : "atomicCAS") + "(gpu4j_e, 0, what) == 0) {\n"
                        + "        gpu4j_e[1] = (int)i; gpu4j_e[2] = (int)(i >> 32); gpu4j_e[3] = (int)j; gpu4j_e[4] = (int)(j >> 32);\n"
                        + "    }\n}\n";
            }
            String rec = "int *bad, " + L + " *bi, " + L + " *bj";
            if (h.equals("gpu4j_in")) {
                // branch-free: the loop around it vectorises; the record is this work-item's last bad access (keeping the
                // first would chain the iterations and cost PoCL 2x more)
                return fn + "int gpu4j_in(" + L + " j, " + L + " len, int what, " + L + " i, " + rec + ")\n{\n"
                        + "    int ok = j >= 0 && j < len;\n"
                        + "    *bad = ok ? *bad : what;\n    *bi = ok ? *bi : i;\n    *bj = ok ? *bj : j;\n"
                        + "    return ok;\n}\n";
            }
            return fn + L + " gpu4j_at(" + L + " j, " + L + " len, int what, " + L + " i, " + rec + ")\n{\n"
                    + "    return gpu4j_in(j, len, what, i, bad, bi, bj) ? j : 0;\n}\n";
        }
        if (h.startsWith("gpu4j_fmin_") || h.startsWith("gpu4j_fmax_")) {
            boolean f = h.endsWith("_f");
            String T = f ? "float" : "double";
            boolean min = h.contains("min");
            String lt = min ? "<" : ">";
            // equal operands (±0 included) by their bits: min(-0, +0) = -0 = OR, max(-0, +0) = +0 = AND. Integer
            // operations, so that no compiler turns the selects into a min/max instruction that ignores zero signs
            String bits = cl() ? (f ? "as_float(as_int(a) " + (min ? "|" : "&") + " as_int(b))"
                    : "as_double(as_long(a) " + (min ? "|" : "&") + " as_long(b))")
                    : (f ? "__int_as_float(__float_as_int(a) " + (min ? "|" : "&") + " __float_as_int(b))"
                    : "__longlong_as_double(__double_as_longlong(a) " + (min ? "|" : "&") + " __double_as_longlong(b))");
            return fn + T + " " + h + "(" + T + " a, " + T + " b)\n{\n"
                    + "    return a != a ? b : b != b ? a : a " + lt + " b ? a : b " + lt + " a ? b : " + bits + ";\n}\n";
        }
        if (h.matches("gpu4j_(trunc|floor|ceil|exp|exp2|sinh|tanh|pow)_[fd]")) {
            boolean f = h.endsWith("_f");
            String T = f ? "float" : "double";
            String name = h.substring(6, h.length() - 2);
            if (name.equals("pow")) {
                // C's (and the oracle's) answers with a NaN operand: pow(x, ±0) = 1 and pow(1, y) = 1, else NaN
                return T + " " + h + "(" + T + " a, " + T + " b)\n{\n    return " + isNan(f, "a") + " || " + isNan(f, "b")
                        + " ? (b == 0 || a == 1 ? 1 : a + b) : pow(a, b);\n}\n";
            }
            return T + " " + h + "(" + T + " x)\n{\n    return " + isNan(f, "x") + " ? x : " + name + "(x);\n}\n";
        }
        if (h.matches("gpu4j_[fd]2[il]")) {
            String from = h.charAt(6) == 'f' ? "float" : "double";
            String suffix = h.charAt(6) == 'f' ? "f" : "";
            boolean toInt = h.charAt(8) == 'i';
            String to = toInt ? "int" : cl() ? "long" : "long long";
            String lim = toInt ? "2147483648.0" : "9223372036854775808.0";
            String max = toInt ? "2147483647" : "9223372036854775807" + (cl() ? "L" : "LL");
            String min = toInt ? "(-2147483647 - 1)" : "(-9223372036854775807" + (cl() ? "L" : "LL") + " - 1)";
            return fn + to + " " + h + "(" + from + " x)\n{\n"
                    + "    return x != x ? 0 : x >= " + lim + suffix + " ? " + max + " : x < -" + lim + suffix + " ? " + min
                    + " : (" + to + ")x;\n}\n";
        }
        boolean isLong = h.charAt(6) == 'l';
        String T = isLong ? (cl() ? "long" : "long long") : "int";
        String U = isLong ? (cl() ? "ulong" : "unsigned long long") : (cl() ? "uint" : "unsigned int");
        String back = cl() ? "as_" + T : "(" + T + ")";
        String mask = isLong ? "63" : "31";
        String op = h.substring(7);
        String p = "gpu4j_" + (isLong ? "l" : "i");
        String head = fn + T + " " + h;
        return switch (op) {
            case "add", "sub", "mul" -> head + "(" + T + " a, " + T + " b)\n{\n    return " + back + "((" + U + ")a "
                    + (op.equals("add") ? "+" : op.equals("sub") ? "-" : "*") + " (" + U + ")b);\n}\n";
            case "neg" -> head + "(" + T + " a)\n{\n    return " + back + "((" + U + ")0 - (" + U + ")a);\n}\n";
            case "abs" -> head + "(" + T + " a)\n{\n    return a < 0 ? " + p + "neg(a) : a;\n}\n";
            case "shl" -> head + "(" + T + " a, int s)\n{\n    return " + back + "((" + U + ")a << (s & " + mask + "));\n}\n";
            case "shr" -> head + "(" + T + " a, int s)\n{\n    return a >> (s & " + mask + ");\n}\n";
            case "div" -> head + "(" + T + " a, " + T + " b)\n{\n    return b == 0 ? 0 : b == -1 ? " + p + "neg(a) : a / b;\n}\n";
            case "rem" -> head + "(" + T + " a, " + T + " b)\n{\n    return b == 0 ? a : b == -1 ? 0 : a % b;\n}\n";
            default -> throw new IllegalStateException("no helper " + h);
        };
    }
}
