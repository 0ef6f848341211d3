package org.gpu4j.expr;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
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
 * Compiles the typed tree once into a tree of typed Java closures over a {@link Frame}, with C's semantics for the
 * four types: int and long arithmetic wrap and divide truncating (Java's own rules), float operations round to float
 * after each operation (Java float arithmetic), conversions follow the tree's explicit conversion nodes.
 * Where C leaves the behaviour undefined the language defines it (package documentation), and the generated C
 * follows: {@code x / 0 == 0}, {@code x % 0 == x}; float-to-int conversions saturate (NaN gives 0, Java's cast);
 * shift counts are masked (Java's shifts); {@code pow} has C99's special cases. An index out of its array's bounds
 * throws an {@link IndexOutOfBoundsException} naming the array, the index and {@code i} (a
 * {@link org.gpu4j.LaunchException} of the launch).
 */
final class Evaluator {
    private Evaluator() {}

    interface FE { float ev(Frame f); }
    interface DE { double ev(Frame f); }
    interface IE { int ev(Frame f); }
    interface LE { long ev(Frame f); }
    interface BE { boolean test(Frame f); }
    interface SE { void run(Frame f); }

    // ------------------------------------------------------------------ statements

    static SE statements(List<Stmt> body) {
        SE[] s = body.stream().map(Evaluator::statement).toArray(SE[]::new);
        if (s.length == 1) return s[0];
        if (s.length == 2) {
            SE a = s[0], b = s[1];
            return f -> { a.run(f); b.run(f); };
        }
        return f -> { for (SE x : s) x.run(f); };
    }

    static SE statement(Stmt s) {
        if (s instanceof Assign a) return store(a.target, a.stored);
        if (s instanceof Decl d) {
            Sym sym = d.sym;
            if (d.init != null) return store(new Ref(sym, 0, 0), d.init);
            int k = sym.slot;
            return switch (sym.type) {
                case FLOAT -> f -> f.f[k] = 0;
                case DOUBLE -> f -> f.d[k] = 0;
                case INT -> f -> f.iv[k] = 0;
                case LONG -> f -> f.l[k] = 0;
            };
        }
        if (s instanceof If i) {
            BE c = bool(i.cond);
            SE t = statement(i.then);
            if (i.otherwise == null) return f -> { if (c.test(f)) t.run(f); };
            SE o = statement(i.otherwise);
            return f -> { if (c.test(f)) t.run(f); else o.run(f); };
        }
        if (s instanceof Block b) return b.body.isEmpty() ? f -> { } : statements(b.body);
        if (s instanceof ExprStmt e) {
            Object x = compile(e.expr);
            return switch (e.expr.type) {
                case FLOAT -> f -> ((FE) x).ev(f);
                case DOUBLE -> f -> ((DE) x).ev(f);
                case INT -> f -> ((IE) x).ev(f);
                case LONG -> f -> ((LE) x).ev(f);
            };
        }
        throw new IllegalStateException("unknown statement " + s);
    }

    /** Stores {@code value} (already of the target's type) into a local, a builtin slot, or an array element. */
    static SE store(Expr target, Expr value) {
        if (target instanceof Ref r) {
            int k = r.sym.slot;
            return switch (r.sym.type) {
                case FLOAT -> { FE v = f(value); yield f -> f.f[k] = v.ev(f); }
                case DOUBLE -> { DE v = d(value); yield f -> f.d[k] = v.ev(f); }
                case INT -> { IE v = i(value); yield f -> f.iv[k] = v.ev(f); }
                case LONG -> { LE v = l(value); yield f -> f.l[k] = v.ev(f); }
            };
        }
        Index ix = (Index) target;
        int p = ix.array.param;
        if (isI(ix.index)) {
            return switch (ix.array.type) {
                case FLOAT -> { FE v = f(value); yield f -> f.fa[p][f.off[p] + (int) f.i] = v.ev(f); }
                case DOUBLE -> { DE v = d(value); yield f -> f.da[p][f.off[p] + (int) f.i] = v.ev(f); }
                case INT -> { IE v = i(value); yield f -> f.ia[p][f.off[p] + (int) f.i] = v.ev(f); }
                case LONG -> { LE v = l(value); yield f -> f.la[p][f.off[p] + (int) f.i] = v.ev(f); }
            };
        }
        IE at = index(ix);
        return switch (ix.array.type) {
            case FLOAT -> { FE v = f(value); yield f -> { int j = at.ev(f); f.fa[p][f.off[p] + j] = v.ev(f); }; }
            case DOUBLE -> { DE v = d(value); yield f -> { int j = at.ev(f); f.da[p][f.off[p] + j] = v.ev(f); }; }
            case INT -> { IE v = i(value); yield f -> { int j = at.ev(f); f.ia[p][f.off[p] + j] = v.ev(f); }; }
            case LONG -> { LE v = l(value); yield f -> { int j = at.ev(f); f.la[p][f.off[p] + j] = v.ev(f); }; }
        };
    }

    private static boolean isI(Expr e) {
        return e instanceof Ref r && r.sym.kind == Sym.Kind.BUILTIN && r.sym.name.equals("i");
    }

    /** The index of an access as a Java int, checked against the length of the array (of the slice, for one). */
    private static IE index(Index ix) {
        int p = ix.array.param;
        String name = ix.array.name;
        Expr e = ix.index;
        if (e.type == ElementType.INT) {
            IE x = i(e);
            return f -> {
                int v = x.ev(f);
                if (v < 0 || v >= f.len[p]) throw outOfBounds(name, v, f.len[p], f.i);
                return v;
            };
        }
        LE x = l(e);
        return f -> {
            long v = x.ev(f);
            if (v < 0 || v >= f.len[p]) throw outOfBounds(name, v, f.len[p], f.i);
            return (int) v;
        };
    }

    /** The message every backend gives for an access out of bounds (see {@link Guard}). */
    static IndexOutOfBoundsException outOfBounds(String array, long index, long length, long i) {
        return new IndexOutOfBoundsException(array + "[" + index + "] is out of bounds (length " + length + ") at i = " + i);
    }

    // ------------------------------------------------------------------ expressions

    static Object compile(Expr e) {
        return switch (e.type) {
            case FLOAT -> f(e);
            case DOUBLE -> d(e);
            case INT -> i(e);
            case LONG -> l(e);
        };
    }

    static FE f(Expr e) {
        check(e, ElementType.FLOAT);
        if (e instanceof Lit lit) { float v = lit.value.floatValue(); return f -> v; }
        if (e instanceof Ref r) { int k = r.sym.slot; return f -> f.f[k]; }
        if (e instanceof Index ix) {
            int p = ix.array.param;
            if (isI(ix.index)) return f -> f.fa[p][f.off[p] + (int) f.i];
            IE at = index(ix);
            return f -> f.fa[p][f.off[p] + at.ev(f)];
        }
        if (e instanceof Unary u) { FE a = f(u.operand); return f -> -a.ev(f); }
        if (e instanceof Binary b) {
            FE x = f(b.left), y = f(b.right);
            return switch (b.op) {
                case "+" -> f -> x.ev(f) + y.ev(f);
                case "-" -> f -> x.ev(f) - y.ev(f);
                case "*" -> f -> x.ev(f) * y.ev(f);
                case "/" -> f -> x.ev(f) / y.ev(f);
                default -> throw new IllegalStateException(b.op);
            };
        }
        if (e instanceof Cond c) { BE t = bool(c.cond); FE a = f(c.then), b = f(c.otherwise); return f -> t.test(f) ? a.ev(f) : b.ev(f); }
        if (e instanceof Conv c) {
            return switch (c.operand.type) {
                case FLOAT -> f(c.operand);
                case DOUBLE -> { DE a = d(c.operand); yield f -> (float) a.ev(f); }
                case INT -> { IE a = i(c.operand); yield f -> (float) a.ev(f); }
                case LONG -> { LE a = l(c.operand); yield f -> (float) a.ev(f); }
            };
        }
        if (e instanceof Call c) {
            Functions.Fn fn = c.fn;
            if (fn.arity == 1) {
                FE a = f(c.args.get(0));
                switch (fn) {
                    case FABS, ABS: return f -> Math.abs(a.ev(f));
                    case FLOOR: return f -> (float) Math.floor(a.ev(f));
                    case CEIL: return f -> (float) Math.ceil(a.ev(f));
                    case SQRT: return f -> (float) Math.sqrt(a.ev(f));
                    default: DoubleUnaryOperator op = unary(fn); return f -> (float) op.applyAsDouble(a.ev(f));
                }
            }
            if (fn.arity == 2) {
                FE a = f(c.args.get(0)), b = f(c.args.get(1));
                DoubleBinaryOperator op = binary(fn);
                return f -> (float) op.applyAsDouble(a.ev(f), b.ev(f));
            }
            FE a = f(c.args.get(0)), b = f(c.args.get(1)), z = f(c.args.get(2));
            return f -> Math.fma(a.ev(f), b.ev(f), z.ev(f));
        }
        throw new IllegalStateException("cannot compile " + e);
    }

    static DE d(Expr e) {
        check(e, ElementType.DOUBLE);
        if (e instanceof Lit lit) { double v = lit.value.doubleValue(); return f -> v; }
        if (e instanceof Ref r) { int k = r.sym.slot; return f -> f.d[k]; }
        if (e instanceof Index ix) {
            int p = ix.array.param;
            if (isI(ix.index)) return f -> f.da[p][f.off[p] + (int) f.i];
            IE at = index(ix);
            return f -> f.da[p][f.off[p] + at.ev(f)];
        }
        if (e instanceof Unary u) { DE a = d(u.operand); return f -> -a.ev(f); }
        if (e instanceof Binary b) {
            DE x = d(b.left), y = d(b.right);
            return switch (b.op) {
                case "+" -> f -> x.ev(f) + y.ev(f);
                case "-" -> f -> x.ev(f) - y.ev(f);
                case "*" -> f -> x.ev(f) * y.ev(f);
                case "/" -> f -> x.ev(f) / y.ev(f);
                default -> throw new IllegalStateException(b.op);
            };
        }
        if (e instanceof Cond c) { BE t = bool(c.cond); DE a = d(c.then), b = d(c.otherwise); return f -> t.test(f) ? a.ev(f) : b.ev(f); }
        if (e instanceof Conv c) {
            return switch (c.operand.type) {
                case FLOAT -> { FE a = f(c.operand); yield f -> a.ev(f); }
                case DOUBLE -> d(c.operand);
                case INT -> { IE a = i(c.operand); yield f -> a.ev(f); }
                case LONG -> { LE a = l(c.operand); yield f -> (double) a.ev(f); }
            };
        }
        if (e instanceof Call c) {
            Functions.Fn fn = c.fn;
            if (fn.arity == 1) {
                DE a = d(c.args.get(0));
                DoubleUnaryOperator op = unary(fn);
                return f -> op.applyAsDouble(a.ev(f));
            }
            if (fn.arity == 2) {
                DE a = d(c.args.get(0)), b = d(c.args.get(1));
                DoubleBinaryOperator op = binary(fn);
                return f -> op.applyAsDouble(a.ev(f), b.ev(f));
            }
            DE a = d(c.args.get(0)), b = d(c.args.get(1)), z = d(c.args.get(2));
            return f -> Math.fma(a.ev(f), b.ev(f), z.ev(f));
        }
        throw new IllegalStateException("cannot compile " + e);
    }

    static IE i(Expr e) {
        check(e, ElementType.INT);
        if (e instanceof Lit lit) { int v = lit.value.intValue(); return f -> v; }
        if (e instanceof Ref r) { int k = r.sym.slot; return f -> f.iv[k]; }
        if (e instanceof Index ix) {
            int p = ix.array.param;
            if (isI(ix.index)) return f -> f.ia[p][f.off[p] + (int) f.i];
            IE at = index(ix);
            return f -> f.ia[p][f.off[p] + at.ev(f)];
        }
        if (e instanceof Unary u) {
            if (u.op.equals("!")) { BE b = bool(u.operand); return f -> b.test(f) ? 0 : 1; }
            IE a = i(u.operand);
            return u.op.equals("~") ? f -> ~a.ev(f) : f -> -a.ev(f);
        }
        if (e instanceof Binary b) {
            if (isBoolean(b)) { BE t = bool(b); return f -> t.test(f) ? 1 : 0; }
            IE x = i(b.left);
            if (b.op.equals("<<") || b.op.equals(">>")) {
                IE y = shiftCount(b.right);
                return b.op.equals("<<") ? f -> x.ev(f) << y.ev(f) : f -> x.ev(f) >> y.ev(f);
            }
            IE y = i(b.right);
            return switch (b.op) {
                case "+" -> f -> x.ev(f) + y.ev(f);
                case "-" -> f -> x.ev(f) - y.ev(f);
                case "*" -> f -> x.ev(f) * y.ev(f);
                case "/" -> f -> { int v = x.ev(f), q = y.ev(f); return q == 0 ? 0 : v / q; };
                case "%" -> f -> { int v = x.ev(f), q = y.ev(f); return q == 0 ? v : v % q; };
                case "&" -> f -> x.ev(f) & y.ev(f);
                case "|" -> f -> x.ev(f) | y.ev(f);
                case "^" -> f -> x.ev(f) ^ y.ev(f);
                default -> throw new IllegalStateException(b.op);
            };
        }
        if (e instanceof Cond c) { BE t = bool(c.cond); IE a = i(c.then), b = i(c.otherwise); return f -> t.test(f) ? a.ev(f) : b.ev(f); }
        if (e instanceof Conv c) {
            return switch (c.operand.type) {
                case FLOAT -> { FE a = f(c.operand); yield f -> (int) a.ev(f); }
                case DOUBLE -> { DE a = d(c.operand); yield f -> (int) a.ev(f); }
                case INT -> i(c.operand);
                case LONG -> { LE a = l(c.operand); yield f -> (int) a.ev(f); }
            };
        }
        if (e instanceof Call c) {
            IE a = i(c.args.get(0));
            if (c.fn == Functions.Fn.ABS) return f -> Math.abs(a.ev(f));
            IE b = i(c.args.get(1));
            return c.fn == Functions.Fn.MIN ? f -> Math.min(a.ev(f), b.ev(f)) : f -> Math.max(a.ev(f), b.ev(f));
        }
        throw new IllegalStateException("cannot compile " + e);
    }

    static LE l(Expr e) {
        check(e, ElementType.LONG);
        if (e instanceof Lit lit) { long v = lit.value.longValue(); return f -> v; }
        if (e instanceof Ref r) {
            if (r.sym.kind == Sym.Kind.BUILTIN && r.sym.name.equals("i")) return f -> f.i;
            if (r.sym.kind == Sym.Kind.BUILTIN && r.sym.name.equals("n")) return f -> f.n;
            int k = r.sym.slot;
            return f -> f.l[k];
        }
        if (e instanceof Index ix) {
            int p = ix.array.param;
            if (isI(ix.index)) return f -> f.la[p][f.off[p] + (int) f.i];
            IE at = index(ix);
            return f -> f.la[p][f.off[p] + at.ev(f)];
        }
        if (e instanceof Unary u) {
            LE a = l(u.operand);
            return u.op.equals("~") ? f -> ~a.ev(f) : f -> -a.ev(f);
        }
        if (e instanceof Binary b) {
            LE x = l(b.left);
            if (b.op.equals("<<") || b.op.equals(">>")) {
                IE y = shiftCount(b.right);
                return b.op.equals("<<") ? f -> x.ev(f) << y.ev(f) : f -> x.ev(f) >> y.ev(f);
            }
            LE y = l(b.right);
            return switch (b.op) {
                case "+" -> f -> x.ev(f) + y.ev(f);
                case "-" -> f -> x.ev(f) - y.ev(f);
                case "*" -> f -> x.ev(f) * y.ev(f);
                case "/" -> f -> { long v = x.ev(f), q = y.ev(f); return q == 0 ? 0 : v / q; };
                case "%" -> f -> { long v = x.ev(f), q = y.ev(f); return q == 0 ? v : v % q; };
                case "&" -> f -> x.ev(f) & y.ev(f);
                case "|" -> f -> x.ev(f) | y.ev(f);
                case "^" -> f -> x.ev(f) ^ y.ev(f);
                default -> throw new IllegalStateException(b.op);
            };
        }
        if (e instanceof Cond c) { BE t = bool(c.cond); LE a = l(c.then), b = l(c.otherwise); return f -> t.test(f) ? a.ev(f) : b.ev(f); }
        if (e instanceof Conv c) {
            return switch (c.operand.type) {
                case FLOAT -> { FE a = f(c.operand); yield f -> (long) a.ev(f); }
                case DOUBLE -> { DE a = d(c.operand); yield f -> (long) a.ev(f); }
                case INT -> { IE a = i(c.operand); yield f -> a.ev(f); }
                case LONG -> l(c.operand);
            };
        }
        if (e instanceof Call c) {
            LE a = l(c.args.get(0));
            if (c.fn == Functions.Fn.ABS) return f -> Math.abs(a.ev(f));
            LE b = l(c.args.get(1));
            return c.fn == Functions.Fn.MIN ? f -> Math.min(a.ev(f), b.ev(f)) : f -> Math.max(a.ev(f), b.ev(f));
        }
        throw new IllegalStateException("cannot compile " + e);
    }

    private static IE shiftCount(Expr e) {
        if (e.type == ElementType.INT) return i(e);
        LE x = l(e);
        return f -> (int) x.ev(f);
    }

    private static boolean isBoolean(Binary b) {
        return switch (b.op) {
            case "==", "!=", "<", ">", "<=", ">=", "&&", "||" -> true;
            default -> false;
        };
    }

    /** C truth: non-zero (NaN included) is true. */
    static BE bool(Expr e) {
        if (e instanceof Binary b && isBoolean(b)) {
            if (b.op.equals("&&")) { BE x = bool(b.left), y = bool(b.right); return f -> x.test(f) && y.test(f); }
            if (b.op.equals("||")) { BE x = bool(b.left), y = bool(b.right); return f -> x.test(f) || y.test(f); }
            String op = b.op;
            switch (b.left.type) {
                case FLOAT -> {
                    FE x = f(b.left), y = f(b.right);
                    return switch (op) {
                        case "==" -> f -> x.ev(f) == y.ev(f);
                        case "!=" -> f -> x.ev(f) != y.ev(f);
                        case "<" -> f -> x.ev(f) < y.ev(f);
                        case ">" -> f -> x.ev(f) > y.ev(f);
                        case "<=" -> f -> x.ev(f) <= y.ev(f);
                        default -> f -> x.ev(f) >= y.ev(f);
                    };
                }
                case DOUBLE -> {
                    DE x = d(b.left), y = d(b.right);
                    return switch (op) {
                        case "==" -> f -> x.ev(f) == y.ev(f);
                        case "!=" -> f -> x.ev(f) != y.ev(f);
                        case "<" -> f -> x.ev(f) < y.ev(f);
                        case ">" -> f -> x.ev(f) > y.ev(f);
                        case "<=" -> f -> x.ev(f) <= y.ev(f);
                        default -> f -> x.ev(f) >= y.ev(f);
                    };
                }
                case INT -> {
                    IE x = i(b.left), y = i(b.right);
                    return switch (op) {
                        case "==" -> f -> x.ev(f) == y.ev(f);
                        case "!=" -> f -> x.ev(f) != y.ev(f);
                        case "<" -> f -> x.ev(f) < y.ev(f);
                        case ">" -> f -> x.ev(f) > y.ev(f);
                        case "<=" -> f -> x.ev(f) <= y.ev(f);
                        default -> f -> x.ev(f) >= y.ev(f);
                    };
                }
                case LONG -> {
                    LE x = l(b.left), y = l(b.right);
                    return switch (op) {
                        case "==" -> f -> x.ev(f) == y.ev(f);
                        case "!=" -> f -> x.ev(f) != y.ev(f);
                        case "<" -> f -> x.ev(f) < y.ev(f);
                        case ">" -> f -> x.ev(f) > y.ev(f);
                        case "<=" -> f -> x.ev(f) <= y.ev(f);
                        default -> f -> x.ev(f) >= y.ev(f);
                    };
                }
            }
        }
        if (e instanceof Unary u && u.op.equals("!")) { BE x = bool(u.operand); return f -> !x.test(f); }
        return switch (e.type) {
            case FLOAT -> { FE x = f(e); yield f -> x.ev(f) != 0; }
            case DOUBLE -> { DE x = d(e); yield f -> x.ev(f) != 0; }
            case INT -> { IE x = i(e); yield f -> x.ev(f) != 0; }
            case LONG -> { LE x = l(e); yield f -> x.ev(f) != 0; }
        };
    }

    private static void check(Expr e, ElementType t) {
        if (e.type != t) throw new IllegalStateException("expected a " + t + " node, got " + e.type);
    }

    private static DoubleUnaryOperator unary(Functions.Fn fn) {
        return switch (fn) {
            case SQRT -> Math::sqrt;
            case EXP -> Math::exp;
            case LOG -> Math::log;
            case SIN -> Math::sin;
            case COS -> Math::cos;
            case TAN -> Math::tan;
            case TANH -> Math::tanh;
            case FABS, ABS -> Math::abs;
            case FLOOR -> Math::floor;
            case CEIL -> Math::ceil;
            default -> x -> Functions.apply(fn, x);
        };
    }

    private static DoubleBinaryOperator binary(Functions.Fn fn) {
        return switch (fn) {
            case POW -> Functions::pow;
            case ATAN2 -> Math::atan2;
            default -> (x, y) -> Functions.apply(fn, x, y);
        };
    }
}
