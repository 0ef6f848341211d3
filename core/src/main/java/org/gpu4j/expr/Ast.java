package org.gpu4j.expr;

import java.util.List;
import org.gpu4j.ElementType;

/** The typed tree the parser builds; both C emitters and the Java evaluator read it. */
final class Ast {
    private Ast() {}

    /**
     * An expression with its C type; {@code paren} records parentheses the user wrote. {@code depth} is the height of
     * its tree (1 for a leaf), which bounds the recursion of the emitters and the evaluator ({@link Parser#MAX_DEPTH}).
     */
    abstract static sealed class Expr permits Lit, Ref, Index, Unary, Binary, Cond, Conv, Call {
        final ElementType type;
        final int line, col;
        final int depth;
        boolean paren;

        Expr(ElementType type, int line, int col, int depth) {
            this.type = type;
            this.line = line;
            this.col = col;
            this.depth = depth;
        }
    }

    /** A literal, or one of the constants INFINITY / NAN ({@code special} then names it). */
    static final class Lit extends Expr {
        final Number value;
        final String special;

        Lit(ElementType type, Number value, String special, int line, int col) {
            super(type, line, col, 1);
            this.value = value;
            this.special = special;
        }
    }

    static final class Ref extends Expr {
        final Sym sym;

        Ref(Sym sym, int line, int col) {
            super(sym.type, line, col, 1);
            this.sym = sym;
        }
    }

    static final class Index extends Expr {
        final Sym array;
        final Expr index;

        Index(Sym array, Expr index, int line, int col) {
            super(array.type, line, col, 1 + index.depth);
            this.array = array;
            this.index = index;
        }
    }

    /** {@code -}, {@code ~}, {@code !}. The operand is already converted to the operation's type. */
    static final class Unary extends Expr {
        final String op;
        final Expr operand;

        Unary(ElementType type, String op, Expr operand, int line, int col) {
            super(type, line, col, 1 + operand.depth);
            this.op = op;
            this.operand = operand;
        }
    }

    /**
     * A binary operator. Arithmetic, bitwise and comparison operands are converted to their common type first
     * (shifts: each operand promoted alone); {@code &&}/{@code ||} keep their operands' types. Comparisons and logic
     * give {@code int}.
     */
    static final class Binary extends Expr {
        final String op;
        final Expr left, right;

        Binary(ElementType type, String op, Expr left, Expr right, int line, int col) {
            super(type, line, col, 1 + Math.max(left.depth, right.depth));
            this.op = op;
            this.left = left;
            this.right = right;
        }
    }

    static final class Cond extends Expr {
        final Expr cond, then, otherwise;

        Cond(ElementType type, Expr cond, Expr then, Expr otherwise, int line, int col) {
            super(type, line, col, 1 + Math.max(cond.depth, Math.max(then.depth, otherwise.depth)));
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }
    }

    /** A conversion: written by the user ({@code explicit}) or implied by C's rules (printed only where needed). */
    static final class Conv extends Expr {
        final Expr operand;
        final boolean explicit;

        Conv(ElementType type, Expr operand, boolean explicit, int line, int col) {
            super(type, line, col, 1 + operand.depth);
            this.operand = operand;
            this.explicit = explicit;
        }
    }

    static final class Call extends Expr {
        final Functions.Fn fn;
        final List<Expr> args;

        Call(ElementType type, Functions.Fn fn, List<Expr> args, int line, int col) {
            super(type, line, col, 1 + maxDepth(args));
            this.fn = fn;
            this.args = args;
        }
    }

    /** The deepest of {@code es} (a loop, not a stream: the parser calls it at its deepest recursion). */
    static int maxDepth(List<Expr> es) {
        int d = 0;
        for (Expr e : es) d = Math.max(d, e.depth);
        return d;
    }

    abstract static sealed class Stmt permits Assign, Decl, If, Block, ExprStmt {}

    /**
     * {@code target op value}: {@code op} is {@code =} or a compound operator as written; {@code stored} is the value
     * actually stored, already converted to the target's type (for compound operators: target op value).
     */
    static final class Assign extends Stmt {
        final Expr target;
        final String op;
        final Expr value;
        final Expr stored;

        Assign(Expr target, String op, Expr value, Expr stored) {
            this.target = target;
            this.op = op;
            this.value = value;
            this.stored = stored;
        }
    }

    static final class Decl extends Stmt {
        final Sym sym;
        final Expr init; // converted to sym.type, or null

        Decl(Sym sym, Expr init) {
            this.sym = sym;
            this.init = init;
        }
    }

    static final class If extends Stmt {
        final Expr cond;
        final Stmt then, otherwise;

        If(Expr cond, Stmt then, Stmt otherwise) {
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }
    }

    /** A braced block; an {@code inline} one (several declarations in one statement) opens no scope. */
    static final class Block extends Stmt {
        final List<Stmt> body;
        final boolean inline;

        Block(List<Stmt> body) { this(body, false); }

        Block(List<Stmt> body, boolean inline) {
            this.body = body;
            this.inline = inline;
        }
    }

    static final class ExprStmt extends Stmt {
        final Expr expr;

        ExprStmt(Expr expr) { this.expr = expr; }
    }
}
