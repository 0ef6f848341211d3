package org.gpu4j.expr;

import java.util.List;
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
 */
final class CEmitter {
    private final Dialect d;
    /** Names of symbols as printed, e.g. to rename a builtin; identity by default. */
    private final java.util.function.Function<Sym, String> names;

    CEmitter(Dialect d) { this(d, s -> s.name); }

    CEmitter(Dialect d, java.util.function.Function<Sym, String> names) {
        this.d = d;
        this.names = names;
    }

    String type(ElementType t) { return d == Dialect.CUDA ? t.cudaName() : t.openclName(); }

    String expr(Expr e) {
        String s = bare(e);
        return e.paren ? "(" + s + ")" : s;
    }

    private String bare(Expr e) {
        if (e instanceof Lit l) return literal(l);
        if (e instanceof Ref r) return names.apply(r.sym);
        if (e instanceof Index ix) return names.apply(ix.array) + "[" + expr(ix.index) + "]";
        if (e instanceof Unary u) {
            String o = expr(u.operand);
            return u.op + (o.startsWith(u.op) || (u.op.equals("-") && o.startsWith("-")) ? " " : "") + o;
        }
        if (e instanceof Binary b) return expr(b.left) + " " + b.op + " " + expr(b.right);
        if (e instanceof Cond c) return expr(c.cond) + " ? " + expr(c.then) + " : " + expr(c.otherwise);
        if (e instanceof Conv c) {
            if (!c.explicit) return expr(c.operand);
            return "(" + type(c.type) + ")" + expr(c.operand);
        }
        if (e instanceof Call c) return call(c);
        throw new IllegalStateException("unknown node " + e);
    }

    private String call(Call c) {
        ElementType argType = c.args.get(0).type;
        StringBuilder sb = new StringBuilder(c.fn.spelling(d, argType)).append('(');
        for (int k = 0; k < c.args.size(); k++) {
            if (k > 0) sb.append(", ");
            Expr a = c.args.get(k);
            if (a instanceof Conv cv && !cv.explicit) {
                sb.append('(').append(type(cv.type)).append(')').append(tight(cv.operand));
            } else {
                sb.append(expr(a));
            }
        }
        String s = sb.append(')').toString();
        if (d == Dialect.OPENCL && c.fn == Functions.Fn.ABS && !argType.isFloatingPoint()) {
            return "(" + type(argType) + ")" + s; // OpenCL's abs(int) returns uint
        }
        return s;
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
            out.append(indent).append(expr(a.target));
            if (a.op.equals("++") || a.op.equals("--")) out.append(a.op);
            else out.append(' ').append(a.op).append(' ').append(expr(a.value));
            out.append(";\n");
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
}
