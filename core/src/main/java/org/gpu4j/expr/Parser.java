package org.gpu4j.expr;

import java.util.ArrayList;
import java.util.List;
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
 * The one parser of the snippet language: reads text into a typed {@link Ast}, resolving names and applying C's
 * conversion rules as it goes, so every error is found here with its position.
 */
final class Parser {
    /**
     * The deepest a snippet may nest, in levels: every enclosing statement is one, every operator, call, index, cast
     * and conditional of an expression's tree one (so a chain {@code a + b + ...} has fewer than this many terms),
     * and every parenthesised expression, argument list, index and {@code ?:} branch two more (the parser recurses
     * deepest there). Deeper snippets are an {@link ExpressionException}; the limit keeps the recursion of the
     * parser, the emitters and the evaluator inside a 256 KiB thread stack, even interpreted.
     */
    static final int MAX_DEPTH = 96;

    private final Source src;
    private final List<Token> toks;
    private int p;
    private Scope scope;
    /** Open recursions of the parser (statements, unary operands one, expressions two), bounded by {@link #MAX_DEPTH}. */
    private int nest;
    /** Statements open around the cursor. */
    private int stmtDepth;

    private Parser(Source src, Scope scope) {
        this.src = src;
        this.toks = Lexer.tokens(src);
        this.scope = scope;
    }

    /** Parses statements (an operation or output statement); the last {@code ;} may be left out. */
    static List<Stmt> statements(Source src, Scope scope) {
        Parser ps = new Parser(src, scope.child());
        List<Stmt> out = new ArrayList<>();
        while (ps.peek().kind() != Token.Kind.EOF) out.add(ps.statement(true));
        if (out.isEmpty()) throw src.error(1, 1, "empty snippet: expected at least one statement");
        return out;
    }

    /** Parses one expression (a map, reduce, scan or input expression, or a neutral value). */
    static Expr expression(Source src, Scope scope) {
        Parser ps = new Parser(src, scope.child());
        if (ps.peek().kind() == Token.Kind.EOF) throw src.error(1, 1, "empty snippet: expected an expression");
        Expr e = ps.expr();
        Token t = ps.peek();
        if (t.is(";") && ps.toks.get(ps.p + 1).kind() == Token.Kind.EOF) return e;
        if (t.kind() != Token.Kind.EOF) {
            throw src.error(t, t.is("=") || isAssignOp(t) ? "an expression is expected here, not an assignment"
                    : "unexpected " + t.describe() + " after the expression");
        }
        return e;
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() { return toks.get(p); }
    private Token peek(int k) { return toks.get(Math.min(p + k, toks.size() - 1)); }
    private Token next() { return toks.get(p++); }
    private Token prev() { return toks.get(p - 1); }

    private boolean accept(String s) {
        if (peek().is(s)) { p++; return true; }
        return false;
    }

    private Token expect(String s, String what) {
        Token t = peek();
        if (!t.is(s)) throw src.error(t, "expected '" + s + "' " + what + ", found " + t.describe());
        return next();
    }

    private static boolean isAssignOp(Token t) {
        return t.kind() == Token.Kind.PUNCT && switch (t.text()) {
            case "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=" -> true;
            default -> false;
        };
    }

    /** Reads a type name at the cursor, or returns null (cursor unchanged) when there is none. */
    static ElementType typeName(String word, String nextWord) {
        return switch (word) {
            case "float" -> ElementType.FLOAT;
            case "double" -> ElementType.DOUBLE;
            case "int" -> ElementType.INT;
            case "long" -> ElementType.LONG;
            default -> null;
        };
    }

    private ElementType type() {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT) return null;
        ElementType et = typeName(t.text(), null);
        if (et == null) return null;
        p++;
        if (et == ElementType.LONG && peek().is("long")) p++; // CUDA's "long long"
        return et;
    }

    private boolean atType() {
        int save = p;
        while (peek().is("const")) p++;
        boolean r = peek().kind() == Token.Kind.IDENT && typeName(peek().text(), null) != null;
        p = save;
        return r;
    }

    // ------------------------------------------------------------------ statements

    private Stmt statement(boolean top) {
        enter(peek());
        stmtDepth++;
        try {
            return statement0(top);
        } finally {
            stmtDepth--;
            nest--;
        }
    }

    private void enter(Token at) {
        if (++nest > MAX_DEPTH) throw tooDeep(at);
    }

    private ExpressionException tooDeep(Token at) {
        return src.error(at, "the snippet nests deeper than " + MAX_DEPTH + " levels (each statement, operator, call, "
                + "index and cast is a level, each parenthesis, argument list and index two; a chain a + b + ... counts one "
                + "per operator); split it with local variables");
    }

    /** {@code e}, unless it makes the snippet deeper than {@link #MAX_DEPTH}: then an error at {@code at}. */
    private Expr limit(Expr e, Token at) {
        if (e.depth + stmtDepth > MAX_DEPTH) throw tooDeep(at);
        return e;
    }

    private Stmt statement0(boolean top) {
        Token t = peek();
        if (t.is("{")) {
            next();
            Scope outer = scope;
            scope = scope.child();
            List<Stmt> body = new ArrayList<>();
            while (!peek().is("}")) {
                if (peek().kind() == Token.Kind.EOF) throw src.error(peek(), "expected '}' to close the block opened at "
                        + t.line() + ":" + t.col());
                body.add(statement(false));
            }
            next();
            scope = outer;
            return new Block(body);
        }
        if (t.is("if")) {
            next();
            expect("(", "after 'if'");
            Expr c = scalar(expr(), "an if condition");
            expect(")", "to close the if condition");
            Stmt then = statement(false);
            Stmt otherwise = null;
            if (accept("else")) otherwise = statement(false);
            return new If(c, then, otherwise);
        }
        if (t.is(";")) {
            next();
            return new Block(List.of());
        }
        for (String kw : new String[] {"for", "while", "do", "return", "break", "continue", "switch", "goto"}) {
            if (t.is(kw)) throw src.error(t, "'" + kw + "' is not supported in snippets (statements, declarations and if/else are)");
        }
        Stmt s = atType() ? declaration() : simple();
        endOfStatement(top);
        return s;
    }

    private void endOfStatement(boolean top) {
        Token t = peek();
        if (t.is(";")) { next(); return; }
        if (t.kind() == Token.Kind.EOF) return; // the last ; of a snippet may be left out
        Token last = prev();
        throw src.error(last.endLine(), last.endCol(), "expected ';' after "
                + (last.is(")") || last.is("]") || last.kind() != Token.Kind.PUNCT ? "'" + last.text() + "'" : "the statement")
                + ", found " + t.describe());
    }

    private Stmt declaration() {
        while (accept("const")) { /* locals are always assignable; const is accepted and ignored */ }
        Token typeTok = peek();
        ElementType type = type();
        List<Stmt> decls = new ArrayList<>();
        do {
            Token name = peek();
            if (name.is("*")) throw src.error(name, "local pointers are not supported; declare scalars (" + typeTok.text() + " t = ...)");
            checkNewName(name);
            next();
            if (peek().is("[")) throw src.error(peek(), "local arrays are not supported");
            Expr init = null;
            if (accept("=")) {
                Token at = peek();
                init = storeConvert(expr(), type, at, "local variable '" + name.text() + "'");
            }
            Sym s = scope.add(name.text(), Sym.Kind.LOCAL, type, -1, true, name.line(), name.col());
            decls.add(new Decl(s, init));
        } while (accept(","));
        return decls.size() == 1 ? decls.get(0) : new Block(decls, true);
    }

    private void checkNewName(Token name) {
        if (name.kind() != Token.Kind.IDENT) throw src.error(name, "expected a variable name, found " + name.describe());
        checkIdentifier(src, name);
        Sym old = scope.lookup(name.text());
        if (old != null) {
            throw src.error(name, "'" + name.text() + "' is already declared" + (old.kind == Sym.Kind.LOCAL
                    ? " at " + old.line + ":" + old.col : old.kind == Sym.Kind.BUILTIN ? " by the kernel" : " as an argument"));
        }
    }

    static void checkIdentifier(Source src, Token name) {
        String n = name.text();
        if (n.startsWith("gpu4j_") || n.startsWith("__")) {
            throw src.error(name, "names starting with 'gpu4j_' or '__' are reserved for generated code");
        }
        String why = Scope.reserved(n);
        if (why != null || typeName(n, null) != null) {
            throw src.error(name, "'" + n + "' is reserved (" + (why == null ? "a type of the language" : why) + ")");
        }
        if (Functions.BY_NAME.containsKey(n)) throw src.error(name, "'" + n + "' is the name of a math function");
    }

    /** An assignment, a compound assignment, ++/--, or a bare expression. */
    private Stmt simple() {
        Token start = peek();
        if (start.is("++") || start.is("--")) {
            next();
            Expr target = lvalue(unary(), start);
            return compound(target, start.text().substring(0, 1) + "=", one(target, start), start, start.text());
        }
        Expr e = expr();
        Token op = peek();
        if (op.is("++") || op.is("--")) {
            next();
            Expr target = lvalue(e, op);
            return compound(target, op.text().substring(0, 1) + "=", one(target, op), op, op.text());
        }
        if (!isAssignOp(op)) return new ExprStmt(e);
        next();
        Expr target = lvalue(e, op);
        Token at = peek();
        Expr value = expr();
        if (isAssignOp(peek())) throw src.error(peek(), "chained assignments are not supported; write one per statement");
        if (op.is("=")) {
            return new Assign(target, "=", value, storeConvert(value, target.type, at, describe(target)));
        }
        return compound(target, op.text(), value, op, op.text());
    }

    private static Expr one(Expr target, Token at) {
        return new Lit(ElementType.INT, 1, null, at.line(), at.col());
    }

    private Stmt compound(Expr target, String op, Expr value, Token at, String written) {
        String bin = op.substring(0, op.length() - 1);
        Expr combined = binary(bin, target, value, at);
        if (target.type.isFloatingPoint() == false && combined.type.isFloatingPoint()) {
            throw src.error(at, "'" + written + "' stores a " + combined.type.openclName() + " value into "
                    + describe(target) + " of type " + target.type.openclName() + "; write the cast yourself: "
                    + "target = (" + target.type.openclName() + ")(...)");
        }
        String shown = written.equals("++") || written.equals("--") ? written : op;
        return new Assign(target, shown, value, convert(combined, target.type));
    }

    private Expr lvalue(Expr e, Token at) {
        if (e.paren) return lvalue(stripParen(e), at);
        if (e instanceof Index ix) {
            if (!ix.array.writable) {
                throw src.error(e.line, e.col, "cannot assign to '" + ix.array.name + "': the array is declared const");
            }
            return e;
        }
        if (e instanceof Ref r) {
            Sym s = r.sym;
            switch (s.kind) {
                case LOCAL -> { return e; }
                case SCALAR_ARG -> throw src.error(e.line, e.col, "cannot assign to '" + s.name
                        + "': scalar arguments are read-only (declare a local copy: " + s.type.openclName() + " t = " + s.name + ";)");
                case BUILTIN -> throw src.error(e.line, e.col, "cannot assign to '" + s.name + "': it is read-only");
                case ARRAY_ARG -> throw src.error(e.line, e.col, "cannot assign to the array '" + s.name
                        + "' itself; assign to an element, " + s.name + "[i]");
            }
        }
        throw src.error(e.line, e.col, "the left side of '" + at.text() + "' must be a variable or an array element");
    }

    private static Expr stripParen(Expr e) {
        e.paren = false;
        return e;
    }

    private static String describe(Expr target) {
        if (target instanceof Index ix) return "the " + ix.array.type.openclName() + " array '" + ix.array.name + "'";
        if (target instanceof Ref r) return "the " + r.sym.type.openclName() + " variable '" + r.sym.name + "'";
        return "the target";
    }

    /** Converts a value to be stored into {@code to}: floating into integer needs the user's cast. */
    private Expr storeConvert(Expr value, ElementType to, Token at, String what) {
        if (!to.isFloatingPoint() && value.type.isFloatingPoint()) {
            throw src.error(value.line, value.col, "storing a " + value.type.openclName() + " value into " + what
                    + " of type " + to.openclName() + " needs a cast, e.g. (" + to.openclName() + ")(...)");
        }
        return convert(value, to);
    }

    // ------------------------------------------------------------------ expressions

    /** An expression, with ?: (one method with the conditional: frames per nesting level are few, see MAX_DEPTH). */
    private Expr expr() {
        nest++;
        enter(peek());
        try {
            Expr c = binaryFrom(0);
            Token q = peek();
            if (!accept("?")) return c;
            scalar(c, "the condition of '?:'");
            Expr a = expr();
            expect(":", "in the conditional expression '?:' begun at " + q.line() + ":" + q.col());
            Expr b = expr();
            ElementType t = common(a.type, b.type);
            return limit(new Cond(t, c, convert(a, t), convert(b, t), c.line, c.col), q);
        } finally {
            nest -= 2;
        }
    }

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}
    };

    /** The precedence level of a binary operator token (0 binds loosest), or -1. */
    private static int level(Token t) {
        if (t.kind() != Token.Kind.PUNCT) return -1;
        for (int k = 0; k < LEVELS.length; k++) for (String o : LEVELS[k]) if (t.text().equals(o)) return k;
        return -1;
    }

    /** Binary operators of level {@code min} or tighter, left-associative (precedence climbing: one frame per level in use). */
    private Expr binaryFrom(int min) {
        Expr left = unary();
        while (true) {
            Token t = peek();
            int level = level(t);
            if (level < min) return left;
            next();
            Expr right = binaryFrom(level + 1);
            left = limit(binary(t.text(), left, right, t), t);
        }
    }

    private Expr binary(String op, Expr l, Expr r, Token at) {
        switch (op) {
            case "&&", "||" -> {
                scalar(l, "'" + op + "'");
                scalar(r, "'" + op + "'");
                return new Binary(ElementType.INT, op, l, r, l.line, l.col);
            }
            case "<<", ">>" -> {
                integral(l, op, at);
                integral(r, op, at);
                ElementType t = l.type == ElementType.LONG ? ElementType.LONG : ElementType.INT;
                return new Binary(t, op, l, r, l.line, l.col);
            }
            case "%", "&", "|", "^" -> {
                integral(l, op, at);
                integral(r, op, at);
            }
            default -> { }
        }
        ElementType t = common(l.type, r.type);
        boolean comparison = switch (op) {
            case "==", "!=", "<", ">", "<=", ">=" -> true;
            default -> false;
        };
        return new Binary(comparison ? ElementType.INT : t, op, convert(l, t), convert(r, t), l.line, l.col);
    }

    private void integral(Expr e, String op, Token at) {
        if (e.type.isFloatingPoint()) {
            throw src.error(e.line, e.col, "operator '" + op + "' needs integer operands; this one is "
                    + e.type.openclName() + (op.equals("%") ? " (use fmod for floating remainders)" : ""));
        }
    }

    private Expr scalar(Expr e, String what) {
        return e; // every expression of the language is a scalar; kept as the place to check future types
    }

    private Expr unary() {
        Token t = peek();
        if (t.is("-") || t.is("+") || t.is("!") || t.is("~")) {
            next();
            Expr e;
            enter(t);
            try {
                e = unary();
            } finally {
                nest--;
            }
            return limit(switch (t.text()) {
                case "+" -> e;
                case "!" -> new Unary(ElementType.INT, "!", e, t.line(), t.col());
                case "~" -> {
                    integral(e, "~", t);
                    yield new Unary(e.type, "~", e, t.line(), t.col());
                }
                default -> new Unary(e.type, "-", e, t.line(), t.col());
            }, t);
        }
        if (t.is("++") || t.is("--")) throw src.error(t, "'" + t.text() + "' is only supported as a statement of its own (x++;)");
        if (t.is("(") && peek(1).kind() == Token.Kind.IDENT && typeName(peek(1).text(), null) != null) {
            next();
            ElementType to = type();
            if (peek().is("*")) throw src.error(peek(), "pointer casts are not supported");
            expect(")", "to close the cast");
            Expr e;
            enter(t);
            try {
                e = unary();
            } finally {
                nest--;
            }
            return limit(new Conv(to, e, true, t.line(), t.col()), t);
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (peek().is("[")) {
            Token br = next();
            if (!(e instanceof Ref r) || !r.sym.isArray()) {
                throw src.error(br, "only array arguments can be indexed" + (e instanceof Ref r2 ? "; '" + r2.sym.name
                        + "' is a " + r2.sym.type.openclName() + " scalar" : ""));
            }
            Expr idx = expr();
            if (idx.type.isFloatingPoint()) {
                throw src.error(idx.line, idx.col, "an array index must be an integer, not " + idx.type.openclName()
                        + "; cast it: " + r.sym.name + "[(long)(...)]");
            }
            expect("]", "to close the index of '" + r.sym.name + "'");
            e = limit(new Index(r.sym, idx, e.line, e.col), br);
        }
        if (e instanceof Ref r && r.sym.isArray() && !r.paren) {
            // a bare array name is only allowed as the target of an (invalid) assignment, reported by lvalue()
            if (!isAssignOp(peek())) {
                throw src.error(e.line, e.col, "'" + r.sym.name + "' is an array; use an element such as " + r.sym.name + "[i]");
            }
        }
        return e;
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case INT -> { return intLiteral(t); }
            case FLOAT -> { return floatLiteral(t); }
            case EOF -> throw src.error(t, "expected an expression, found the end of the snippet");
            case IDENT -> {
                String n = t.text();
                if (peek().is("(")) return call(t);
                if (n.equals("INFINITY")) return new Lit(ElementType.FLOAT, Float.POSITIVE_INFINITY, "INFINITY", t.line(), t.col());
                if (n.equals("NAN")) return new Lit(ElementType.FLOAT, Float.NaN, "NAN", t.line(), t.col());
                if (typeName(n, null) != null) throw src.error(t, "unexpected type name '" + n + "' (a declaration must start a statement)");
                Sym s = scope.lookup(n);
                if (s == null) {
                    if (Functions.BY_NAME.containsKey(n)) throw src.error(t, "'" + n + "' is a function; call it: " + n + "(...)");
                    throw src.error(t, "unknown identifier '" + n + "'");
                }
                return new Ref(s, t.line(), t.col());
            }
            default -> {
                if (t.is("(")) {
                    Expr e = expr();
                    expect(")", "to close the parenthesis opened at " + t.line() + ":" + t.col());
                    e.paren = true;
                    return e;
                }
                throw src.error(t, "expected an expression, found " + t.describe());
            }
        }
    }

    private Expr call(Token name) {
        Functions.Fn fn = Functions.BY_NAME.get(name.text());
        if (fn == null) {
            throw src.error(name, "unsupported function '" + name.text() + "'; the functions are: " + Functions.names());
        }
        next(); // (
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            do args.add(expr()); while (accept(","));
        }
        Token close = expect(")", "to close the arguments of '" + name.text() + "'");
        if (args.size() != fn.arity) {
            throw src.error(name, "'" + name.text() + "' takes " + fn.arity + " argument" + (fn.arity == 1 ? "" : "s")
                    + ", got " + args.size());
        }
        ElementType common = args.get(0).type;
        for (Expr a : args) common = common(common, a.type);
        ElementType argType = fn.kind == Functions.Kind.MATH && !common.isFloatingPoint() ? ElementType.DOUBLE : common;
        List<Expr> conv = new ArrayList<>();
        for (Expr a : args) conv.add(convert(a, argType));
        return limit(new Call(fn.resultType(argType), fn, conv, name.line(), name.col()), name);
    }

    private Expr intLiteral(Token t) {
        String s = t.text();
        boolean suffixL = s.endsWith("L") || s.endsWith("l");
        String digits = s.replaceAll("[lL]+$", "");
        long v;
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                v = Long.parseUnsignedLong(digits.substring(2), 16);
                if (v < 0) throw new NumberFormatException();
            } else {
                if (digits.length() > 1 && digits.startsWith("0") && !digits.matches("0+")) {
                    throw src.error(t, "octal literals are not supported (drop the leading 0)");
                }
                v = Long.parseLong(digits);
            }
        } catch (NumberFormatException e) {
            throw src.error(t, "integer literal " + s + " does not fit in a long");
        }
        if (!suffixL && v <= Integer.MAX_VALUE) return new Lit(ElementType.INT, (int) v, null, t.line(), t.col());
        return new Lit(ElementType.LONG, v, null, t.line(), t.col());
    }

    private Expr floatLiteral(Token t) {
        String s = t.text();
        boolean f = s.endsWith("f") || s.endsWith("F");
        String num = f ? s.substring(0, s.length() - 1) : s;
        if (f) {
            float v = Float.parseFloat(num);
            if (Float.isInfinite(v)) throw src.error(t, "literal " + s + " is out of float range");
            return new Lit(ElementType.FLOAT, v, null, t.line(), t.col());
        }
        double v = Double.parseDouble(num);
        if (Double.isInfinite(v)) throw src.error(t, "literal " + s + " is out of double range");
        return new Lit(ElementType.DOUBLE, v, null, t.line(), t.col());
    }

    // ------------------------------------------------------------------ types

    private static int rank(ElementType t) {
        return switch (t) {
            case INT -> 0;
            case LONG -> 1;
            case FLOAT -> 2;
            case DOUBLE -> 3;
        };
    }

    /** C's usual arithmetic conversions over int, long, float and double. */
    static ElementType common(ElementType a, ElementType b) { return rank(a) >= rank(b) ? a : b; }

    static Expr convert(Expr e, ElementType to) {
        if (e.type == to) return e;
        return new Conv(to, e, false, e.line, e.col);
    }
}
