package org.gpu4j.expr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.gpu4j.expr.ClassBytes.Code;
import org.gpu4j.expr.ClassBytes.Label;

/**
 * Compiles a snippet's typed tree to JVM bytecode: one hidden class per snippet whose {@link Body#run} holds a counted
 * {@code for (int i = from; i < to; i++)} loop over the primitive arrays of the {@link Frame}, with every scalar in a
 * local variable, so that C2 compiles it like hand-written Java (the element-wise loops vectorise, as the built-in
 * twins in {@code org.gpu4j.vector} do). The semantics are the {@link Evaluator}'s, operation for operation: the same
 * Java operators, conversions and {@code Math} calls, the same helpers for C's undefined cases ({@link #idiv}...),
 * the same order of evaluation, and the same bounds check (and message) for computed indexes.
 *
 * <p>Two copies of the loop are generated when the code is small: one for the usual case where every array's offset
 * is 0 (the index is {@code i} itself, which C2 vectorises best), one that adds the offsets. Code longer than
 * {@link #MAX_CODE} bytes (C2 does not compile methods over 8000 bytes) is refused with an
 * {@link UnsupportedOperationException}, and the caller falls back to the evaluator.
 *
 * <p>A reduction's chunk is combined in the fixed order of {@link JavaKernels#reductionOrder}. Not thread-safe while
 * compiling; the {@link Body} it returns is stateless and may be shared.
 */
final class Jit {
    /** One chunk {@code [from, to)} of a kernel; a reduction leaves its partial in the frame slot of {@code a}. */
    interface Body {
        void run(Frame f, int from, int to);
    }

    /** The largest method C2 compiles by default (HugeMethodLimit). */
    static final int MAX_CODE = 8000;

    /** Accumulators per reduction chunk ({@link JavaKernels#reductionOrder}). */
    static final int LANES = 8;

    private static final String FRAME = "org/gpu4j/expr/Frame", SELF = "org/gpu4j/expr/Jit", MATH = "java/lang/Math";
    private static final String RUN_DESC = "(L" + FRAME + ";II)V";

    private ClassBytes cf;
    private Code c;
    private final Scope root;
    private final Arguments args;
    private int next;
    private int[][] slotLocal;
    private int[] arrLocal, offLocal, lenLocal;
    private int iLocal, nLocal, tmpI, tmpL;
    /** The element index is {@code i + delta} (reductions read eight elements per step). */
    private int delta;
    /** Inside the copy of the loop that runs when every offset is 0. */
    private boolean zeroOffsets;
    /** Locals that stand for a symbol in place of its slot (a reduction's a and b). */
    private final Map<Sym, Integer> override = new HashMap<>();

    private Jit(Scope root, Arguments args) {
        this.root = root;
        this.args = args;
    }

    /** The bytecode length of the last class compiled on this thread, for the log and the tests. */
    static int lastCodeLength() { return LAST_LENGTH.get(); }

    private static final ThreadLocal<Integer> LAST_LENGTH = ThreadLocal.withInitial(() -> 0);

    // ------------------------------------------------------------------ entry points

    /** An element-wise kernel: {@code body} for every i of the chunk. */
    static Body elementwise(Scope root, Arguments args, List<Stmt> body) {
        int depth = 0;
        for (Stmt s : body) depth = Math.max(depth, depth(s));
        int d = depth;
        return define(root, args, d, j -> {
            for (Stmt s : body) j.stmt(s);
        }, null);
    }

    /** Pass 1 of a reduction: the chunk's partial, in {@link JavaKernels#reductionOrder}, into a's slot. */
    static Body reduction(Scope root, Arguments args, Sym a, Sym b, Expr neutral, Expr map, Expr reduce) {
        int d = Math.max(neutral.depth, Math.max(map.depth, reduce.depth));
        return define(root, args, d, null, j -> j.reductionLoop(a, b, neutral, map, reduce));
    }

    private interface Gen { void emit(Jit j); }

    private static Body define(Scope root, Arguments args, int depth, Gen perElement, Gen whole) {
        byte[] bytes = null;
        for (boolean dual : new boolean[] {true, false}) {
            Jit j = new Jit(root, args);
            Code code = j.method(depth, perElement, whole, dual);
            if (code.length() <= MAX_CODE) {
                bytes = j.finish(code);
                LAST_LENGTH.set(code.length());
                break;
            }
        }
        if (bytes == null) {
            throw new UnsupportedOperationException("the snippet's bytecode is over " + MAX_CODE + " bytes, the largest method C2 compiles");
        }
        try {
            MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return (Body) l.findConstructor(l.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define the compiled snippet: " + t, t);
        }
    }

    private byte[] finish(Code run) {
        Code init = new Code();
        init.op(0x2a).op(0xb7, cf.methodRef("java/lang/Object", "<init>", "()V")).op(0xb1);
        init.maxStack = 1;
        init.maxLocals = 1;
        cf.method(0x0001, "<init>", "()V", init);
        cf.method(0x0001, "run", RUN_DESC, run);
        return cf.toBytes(0x0030, "org/gpu4j/expr/JitKernel", "java/lang/Object", "org/gpu4j/expr/Jit$Body");
    }

    private Code method(int depth, Gen perElement, Gen whole, boolean dual) {
        cf = new ClassBytes();
        c = new Code();
        next = 4; // this, frame, from, to
        prologue();
        List<Sym> arrays = args.params.stream().filter(Sym::isArray).toList();
        if (dual && !arrays.isEmpty()) {
            Label general = new Label();
            for (int k = 0; k < arrays.size(); k++) {
                c.local(0x15, offLocal[arrays.get(k).param]);
                if (k > 0) c.op(0x80); // ior
            }
            c.jump(0x9a, general); // ifne
            zeroOffsets = true;
            body(perElement, whole);
            c.op(0xb1);
            c.place(general);
        }
        zeroOffsets = arrays.isEmpty();
        body(perElement, whole);
        c.op(0xb1);
        c.maxStack = Math.min(65535, 4 * (depth + 2) + 24);
        c.maxLocals = next;
        return c;
    }

    private void body(Gen perElement, Gen whole) {
        if (whole != null) {
            whole.emit(this);
            return;
        }
        Label cond = new Label(), exit = new Label();
        c.local(0x15, 2).local(0x36, iLocal);
        c.place(cond);
        c.local(0x15, iLocal).local(0x15, 3).jump(0xa2, exit); // if_icmpge
        perElement.emit(this);
        c.iinc(iLocal, 1).jump(0xa7, cond);
        c.place(exit);
    }

    private int alloc(ElementType t) {
        int at = next;
        next += t.bytes() == 8 ? 2 : 1;
        if (next > 65535) throw new UnsupportedOperationException("too many local variables");
        return at;
    }

    private int allocInt() {
        int at = next++;
        if (next > 65535) throw new UnsupportedOperationException("too many local variables");
        return at;
    }

    /** Every scalar slot, n, and each array parameter's array, offset and length into locals. */
    private void prologue() {
        ElementType[] types = ElementType.values();
        slotLocal = new int[types.length][];
        for (ElementType t : types) {
            int slots = root.slots(t);
            slotLocal[t.ordinal()] = new int[slots];
            for (int k = 0; k < slots; k++) {
                int l = alloc(t);
                slotLocal[t.ordinal()][k] = l;
                c.local(0x19, 1).op(0xb4, cf.fieldRef(FRAME, slotField(t), "[" + jvm(t)));
                pushInt(k);
                c.op(aload(t)).local(store(t), l);
            }
        }
        nLocal = alloc(ElementType.LONG);
        c.local(0x19, 1).op(0xb4, cf.fieldRef(FRAME, "n", "J")).local(0x37, nLocal);
        int params = args == null ? 0 : args.params.size();
        arrLocal = new int[params];
        offLocal = new int[params];
        lenLocal = new int[params];
        for (int p = 0; p < params; p++) {
            Sym s = args.params.get(p);
            if (!s.isArray()) continue;
            arrLocal[p] = allocInt();
            c.local(0x19, 1).op(0xb4, cf.fieldRef(FRAME, arrayField(s.type), "[[" + jvm(s.type)));
            pushInt(p);
            c.op(0x32).local(0x3a, arrLocal[p]); // aaload, astore
            offLocal[p] = allocInt();
            c.local(0x19, 1).op(0xb4, cf.fieldRef(FRAME, "off", "[I"));
            pushInt(p);
            c.op(0x2e).local(0x36, offLocal[p]);
            lenLocal[p] = allocInt();
            c.local(0x19, 1).op(0xb4, cf.fieldRef(FRAME, "len", "[I"));
            pushInt(p);
            c.op(0x2e).local(0x36, lenLocal[p]);
        }
        iLocal = allocInt();
        tmpI = allocInt();
        tmpL = alloc(ElementType.LONG);
    }

    // ------------------------------------------------------------------ reductions

    private void reductionLoop(Sym a, Sym b, Expr neutral, Expr map, Expr reduce) {
        ElementType t = a.type;
        int[] acc = new int[LANES];
        for (int k = 0; k < LANES; k++) acc[k] = alloc(t);
        int bLocal = local(b);
        expr(neutral);
        c.local(store(t), acc[0]);
        for (int k = 1; k < LANES; k++) c.local(load(t), acc[0]).local(store(t), acc[k]);
        int lim = allocInt();
        c.local(0x15, 2).local(0x36, iLocal);
        c.local(0x15, 3);
        pushInt(LANES);
        c.op(0x64).local(0x36, lim); // isub
        Label main = new Label(), tree = new Label(), tail = new Label(), done = new Label();
        c.place(main);
        c.local(0x15, iLocal).local(0x15, lim).jump(0xa3, tree); // if_icmpgt
        for (int k = 0; k < LANES; k++) {
            delta = k;
            expr(map);
            c.local(store(t), bLocal);
            combine(a, acc[k], b, bLocal, reduce, acc[k]);
        }
        delta = 0;
        c.iinc(iLocal, LANES).jump(0xa7, main);
        c.place(tree);
        for (int w = 1; w < LANES; w *= 2) {
            for (int k = 0; k + w < LANES; k += 2 * w) combine(a, acc[k], b, acc[k + w], reduce, acc[k]);
        }
        c.place(tail);
        c.local(0x15, iLocal).local(0x15, 3).jump(0xa2, done);
        expr(map);
        c.local(store(t), bLocal);
        combine(a, acc[0], b, bLocal, reduce, acc[0]);
        c.iinc(iLocal, 1).jump(0xa7, tail);
        c.place(done);
        c.local(0x19, 1).op(0xb4, cf.fieldRef(FRAME, slotField(t), "[" + jvm(t)));
        pushInt(a.slot);
        c.local(load(t), acc[0]).op(astore(t));
        override.clear();
    }

    /** {@code into = reduce(a := aLocal, b := bLocal)}. */
    private void combine(Sym a, int aLocal, Sym b, int bLocal, Expr reduce, int into) {
        override.put(a, aLocal);
        override.put(b, bLocal);
        expr(reduce);
        c.local(store(a.type), into);
        override.clear();
    }

    // ------------------------------------------------------------------ statements

    private void stmt(Stmt s) {
        if (s instanceof Assign a) {
            store(a.target, a.stored);
        } else if (s instanceof Decl d) {
            if (d.init != null) {
                expr(d.init);
            } else {
                zero(d.sym.type);
            }
            c.local(store(d.sym.type), local(d.sym));
        } else if (s instanceof If i) {
            Label otherwise = new Label(), end = new Label();
            jump(i.cond, false, otherwise);
            stmt(i.then);
            if (i.otherwise != null) {
                c.jump(0xa7, end);
                c.place(otherwise);
                stmt(i.otherwise);
                c.place(end);
            } else {
                c.place(otherwise);
            }
        } else if (s instanceof Block b) {
            for (Stmt x : b.body) stmt(x);
        } else if (s instanceof ExprStmt e) {
            expr(e.expr);
            c.op(e.expr.type.bytes() == 8 ? 0x58 : 0x57);
        } else {
            throw new IllegalStateException("unknown statement " + s);
        }
    }

    private void store(Expr target, Expr value) {
        if (target instanceof Ref r) {
            expr(value);
            c.local(store(r.sym.type), local(r.sym));
            return;
        }
        Index ix = (Index) target;
        element(ix);
        expr(value);
        c.op(astore(ix.array.type));
    }

    // ------------------------------------------------------------------ expressions

    private void expr(Expr e) {
        ElementType t = e.type;
        if (e instanceof Lit lit) {
            constant(t, lit.value);
        } else if (e instanceof Ref r) {
            Sym s = r.sym;
            if (s.kind == Sym.Kind.BUILTIN && s.name.equals("i") && !override.containsKey(s)) {
                index();
                c.op(0x85); // i2l
            } else if (s.kind == Sym.Kind.BUILTIN && s.name.equals("n") && !override.containsKey(s)) {
                c.local(0x16, nLocal);
            } else {
                c.local(load(t), local(s));
            }
        } else if (e instanceof Index ix) {
            element(ix);
            c.op(aload(t));
        } else if (e instanceof Unary u) {
            if (u.op.equals("!")) {
                boolValue(e);
                return;
            }
            expr(u.operand);
            if (u.op.equals("~")) {
                if (t == ElementType.INT) c.op(0x02).op(0x82); // iconst_m1, ixor
                else { constant(ElementType.LONG, -1L); c.op(0x83); } // lxor
            } else {
                c.op(0x74 + kind(t)); // ineg...dneg
            }
        } else if (e instanceof Binary b) {
            binary(b);
        } else if (e instanceof Cond cd) {
            Label otherwise = new Label(), end = new Label();
            jump(cd.cond, false, otherwise);
            expr(cd.then);
            c.jump(0xa7, end);
            c.place(otherwise);
            expr(cd.otherwise);
            c.place(end);
        } else if (e instanceof Conv cv) {
            expr(cv.operand);
            convert(cv.operand.type, t);
        } else if (e instanceof Call call) {
            call(call);
        } else {
            throw new IllegalStateException("cannot compile " + e);
        }
    }

    private void binary(Binary b) {
        ElementType t = b.type;
        if (isBoolean(b)) {
            boolValue(b);
            return;
        }
        expr(b.left);
        if (b.op.equals("<<") || b.op.equals(">>")) {
            expr(b.right);
            if (b.right.type == ElementType.LONG) c.op(0x88); // l2i, as the evaluator's shiftCount
            boolean isLong = t == ElementType.LONG;
            c.op(b.op.equals("<<") ? (isLong ? 0x79 : 0x78) : (isLong ? 0x7b : 0x7a));
            return;
        }
        expr(b.right);
        boolean integral = !t.isFloatingPoint();
        switch (b.op) {
            case "+" -> c.op(0x60 + kind(t));
            case "-" -> c.op(0x64 + kind(t));
            case "*" -> c.op(0x68 + kind(t));
            case "/" -> {
                if (integral) invokeSelf(t == ElementType.INT ? "idiv" : "ldiv", t == ElementType.INT ? "(II)I" : "(JJ)J");
                else c.op(0x6c + kind(t));
            }
            case "%" -> {
                if (!integral) throw new IllegalStateException("% on " + t);
                invokeSelf(t == ElementType.INT ? "irem" : "lrem", t == ElementType.INT ? "(II)I" : "(JJ)J");
            }
            case "&" -> c.op(t == ElementType.INT ? 0x7e : 0x7f);
            case "|" -> c.op(t == ElementType.INT ? 0x80 : 0x81);
            case "^" -> c.op(t == ElementType.INT ? 0x82 : 0x83);
            default -> throw new IllegalStateException(b.op);
        }
    }

    private static boolean isBoolean(Binary b) {
        return switch (b.op) {
            case "==", "!=", "<", ">", "<=", ">=", "&&", "||" -> true;
            default -> false;
        };
    }

    /** C truth as an int 0 or 1. */
    private void boolValue(Expr e) {
        Label no = new Label(), end = new Label();
        jump(e, false, no);
        c.op(0x04); // iconst_1
        c.jump(0xa7, end);
        c.place(no);
        c.op(0x03); // iconst_0
        c.place(end);
    }

    /** Jumps to {@code target} when the C truth of {@code e} is {@code when}, else falls through. */
    private void jump(Expr e, boolean when, Label target) {
        if (e instanceof Binary b && isBoolean(b)) {
            if (b.op.equals("&&") || b.op.equals("||")) {
                boolean and = b.op.equals("&&");
                if (and != when) { // && jumping on false, || jumping on true: either operand decides
                    jump(b.left, when, target);
                    jump(b.right, when, target);
                } else {
                    Label skip = new Label();
                    jump(b.left, !when, skip);
                    jump(b.right, when, target);
                    c.place(skip);
                }
                return;
            }
            ElementType t = b.left.type;
            expr(b.left);
            expr(b.right);
            String op = when ? b.op : negate(b.op);
            int cond = switch (op) { // ifeq..ifle
                case "==" -> 0x99;
                case "!=" -> 0x9a;
                case "<" -> 0x9b;
                case ">=" -> 0x9c;
                case ">" -> 0x9d;
                default -> 0x9e; // <=
            };
            switch (t) {
                case INT -> c.jump(cond + 6, target); // if_icmp..
                case LONG -> c.op(0x94).jump(cond, target);
                default -> {
                    // NaN makes every relation but != false: for < and <= the compare gives 1 on NaN (fcmpg),
                    // for > and >= -1 (fcmpl), so that the relation fails and its negation holds, as in Java
                    boolean useG = b.op.equals("<") || b.op.equals("<=");
                    int cmp = t == ElementType.FLOAT ? (useG ? 0x96 : 0x95) : (useG ? 0x98 : 0x97);
                    c.op(cmp).jump(cond, target);
                }
            }
            return;
        }
        if (e instanceof Unary u && u.op.equals("!")) {
            jump(u.operand, !when, target);
            return;
        }
        expr(e);
        switch (e.type) {
            case INT -> { }
            case LONG -> c.op(0x09).op(0x94);
            case FLOAT -> c.op(0x0b).op(0x95);
            case DOUBLE -> c.op(0x0e).op(0x97);
        }
        c.jump(when ? 0x9a : 0x99, target);
    }

    private static String negate(String op) {
        return switch (op) {
            case "==" -> "!=";
            case "!=" -> "==";
            case "<" -> ">=";
            case ">=" -> "<";
            case ">" -> "<=";
            default -> ">"; // <=
        };
    }

    private void call(Call call) {
        ElementType t = call.type;
        Functions.Fn fn = call.fn;
        List<Expr> a = call.args;
        switch (t) {
            case INT, LONG -> {
                String d = t == ElementType.INT ? "I" : "J";
                expr(a.get(0));
                if (fn == Functions.Fn.ABS) {
                    invoke(MATH, "abs", "(" + d + ")" + d);
                } else {
                    expr(a.get(1));
                    invoke(MATH, fn == Functions.Fn.MIN ? "min" : "max", "(" + d + d + ")" + d);
                }
            }
            case FLOAT -> {
                if (fn.arity == 1) {
                    expr(a.get(0));
                    if (fn == Functions.Fn.FABS || fn == Functions.Fn.ABS) {
                        invoke(MATH, "abs", "(F)F");
                    } else {
                        c.op(0x8d); // f2d
                        unaryDouble(fn);
                        c.op(0x90); // d2f
                    }
                } else if (fn.arity == 2) {
                    expr(a.get(0));
                    c.op(0x8d);
                    expr(a.get(1));
                    c.op(0x8d);
                    binaryDouble(fn);
                    c.op(0x90);
                } else {
                    for (Expr x : a) expr(x);
                    invoke(MATH, "fma", "(FFF)F");
                }
            }
            case DOUBLE -> {
                for (Expr x : a) expr(x);
                if (fn.arity == 1) unaryDouble(fn);
                else if (fn.arity == 2) binaryDouble(fn);
                else invoke(MATH, "fma", "(DDD)D");
            }
        }
    }

    /** The evaluator's {@code unary(fn)}: Math's own where it uses them, else the helpers over {@link Functions#apply}. */
    private void unaryDouble(Functions.Fn fn) {
        switch (fn) {
            case SQRT, EXP, LOG, SIN, COS, TAN, TANH, FLOOR, CEIL -> invoke(MATH, fn.cName(), "(D)D");
            case FABS, ABS -> invoke(MATH, "abs", "(D)D");
            default -> invokeSelf(fn.cName(), "(D)D");
        }
    }

    /** The evaluator's {@code binary(fn)}. */
    private void binaryDouble(Functions.Fn fn) {
        switch (fn) {
            case POW -> invoke("org/gpu4j/expr/Functions", "pow", "(DD)D");
            case ATAN2 -> invoke(MATH, "atan2", "(DD)D");
            case FMOD -> c.op(0x73); // drem: Java's % on doubles, as Functions.apply
            case FMIN, MIN -> invokeSelf("fmin", "(DD)D");
            case FMAX, MAX -> invokeSelf("fmax", "(DD)D");
            default -> throw new IllegalStateException(fn + " takes " + fn.arity + " arguments");
        }
    }

    /** Pushes {@code array, index (+ offset)} of an access, the index checked unless it is {@code i}. */
    private void element(Index ix) {
        int p = ix.array.param;
        c.local(0x19, arrLocal[p]);
        Expr e = ix.index;
        if (e instanceof Ref r && r.sym.kind == Sym.Kind.BUILTIN && r.sym.name.equals("i")) {
            index();
        } else {
            expr(e);
            Label bad = new Label(), ok = new Label();
            if (e.type == ElementType.INT) {
                c.local(0x36, tmpI).local(0x15, tmpI).jump(0x9b, bad); // iflt
                c.local(0x15, tmpI).local(0x15, lenLocal[p]).jump(0xa1, ok); // if_icmplt
                c.place(bad);
                c.op(0x12 + 1, cf.string(ix.array.name)); // ldc_w
                c.local(0x15, tmpI).op(0x85);
                outOfBounds(p);
                c.place(ok);
                c.local(0x15, tmpI);
            } else {
                c.local(0x37, tmpL).local(0x16, tmpL).op(0x09).op(0x94).jump(0x9b, bad); // lcmp, iflt
                c.local(0x16, tmpL).local(0x15, lenLocal[p]).op(0x85).op(0x94).jump(0x9b, ok); // < length
                c.place(bad);
                c.op(0x13, cf.string(ix.array.name));
                c.local(0x16, tmpL);
                outOfBounds(p);
                c.place(ok);
                c.local(0x16, tmpL).op(0x88); // l2i
            }
        }
        if (!zeroOffsets) c.local(0x15, offLocal[p]).op(0x60);
    }

    /** With the name and the index (long) pushed: pushes length and i, throws the evaluator's exception. */
    private void outOfBounds(int p) {
        c.local(0x15, lenLocal[p]).op(0x85);
        index();
        c.op(0x85);
        invoke("org/gpu4j/expr/Evaluator", "outOfBounds", "(Ljava/lang/String;JJJ)Ljava/lang/IndexOutOfBoundsException;");
        c.op(0xbf); // athrow
    }

    /** Pushes the element index {@code i + delta} as an int. */
    private void index() {
        c.local(0x15, iLocal);
        if (delta != 0) {
            pushInt(delta);
            c.op(0x60);
        }
    }

    private int local(Sym s) {
        Integer o = override.get(s);
        if (o != null) return o;
        if (s.slot < 0) throw new IllegalStateException("no slot for " + s);
        return slotLocal[s.type.ordinal()][s.slot];
    }

    private void convert(ElementType from, ElementType to) {
        if (from == to) return;
        int op = switch (from) {
            case INT -> switch (to) { case LONG -> 0x85; case FLOAT -> 0x86; default -> 0x87; };
            case LONG -> switch (to) { case INT -> 0x88; case FLOAT -> 0x89; default -> 0x8a; };
            case FLOAT -> switch (to) { case INT -> 0x8b; case LONG -> 0x8c; default -> 0x8d; };
            case DOUBLE -> switch (to) { case INT -> 0x8e; case LONG -> 0x8f; default -> 0x90; };
        };
        c.op(op);
    }

    private void constant(ElementType t, Number v) {
        switch (t) {
            case INT -> pushInt(v.intValue());
            case LONG -> {
                long x = v.longValue();
                if (x == 0 || x == 1) c.op(0x09 + (int) x);
                else c.op(0x14, cf.longConst(x));
            }
            case FLOAT -> {
                float x = v.floatValue();
                int bits = Float.floatToRawIntBits(x);
                if (bits == 0) c.op(0x0b);
                else if (x == 1f) c.op(0x0c);
                else if (x == 2f) c.op(0x0d);
                else ldc(cf.floatConst(x));
            }
            case DOUBLE -> {
                double x = v.doubleValue();
                long bits = Double.doubleToRawLongBits(x);
                if (bits == 0) c.op(0x0e);
                else if (x == 1.0) c.op(0x0f);
                else c.op(0x14, cf.doubleConst(x));
            }
        }
    }

    private void zero(ElementType t) {
        c.op(switch (t) { case INT -> 0x03; case LONG -> 0x09; case FLOAT -> 0x0b; case DOUBLE -> 0x0e; });
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) c.op(0x03 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) c.u1(0x10).u1(v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) c.u1(0x11).u2(v);
        else ldc(cf.intConst(v));
    }

    private void ldc(int index) {
        if (index <= 255) c.u1(0x12).u1(index);
        else c.op(0x13, index);
    }

    private void invoke(String owner, String name, String desc) { c.op(0xb8, cf.methodRef(owner, name, desc)); }

    private void invokeSelf(String name, String desc) { invoke(SELF, name, desc); }

    // ------------------------------------------------------------------ type tables

    /** 0 int, 1 long, 2 float, 3 double: the order of the JVM's typed opcodes. */
    private static int kind(ElementType t) {
        return switch (t) { case INT -> 0; case LONG -> 1; case FLOAT -> 2; case DOUBLE -> 3; };
    }

    private static int load(ElementType t) { return 0x15 + kind(t); }

    private static int store(ElementType t) { return 0x36 + kind(t); }

    private static int aload(ElementType t) { return 0x2e + kind(t); }

    private static int astore(ElementType t) { return 0x4f + kind(t); }

    private static String jvm(ElementType t) {
        return switch (t) { case INT -> "I"; case LONG -> "J"; case FLOAT -> "F"; case DOUBLE -> "D"; };
    }

    private static String slotField(ElementType t) {
        return switch (t) { case INT -> "iv"; case LONG -> "l"; case FLOAT -> "f"; case DOUBLE -> "d"; };
    }

    private static String arrayField(ElementType t) {
        return switch (t) { case INT -> "ia"; case LONG -> "la"; case FLOAT -> "fa"; case DOUBLE -> "da"; };
    }

    private static int depth(Stmt s) {
        if (s instanceof Assign a) return Math.max(a.target.depth, a.stored.depth);
        if (s instanceof Decl d) return d.init == null ? 1 : d.init.depth;
        if (s instanceof If i) {
            int d = Math.max(i.cond.depth, depth(i.then));
            return i.otherwise == null ? d : Math.max(d, depth(i.otherwise));
        }
        if (s instanceof Block b) {
            int d = 1;
            for (Stmt x : b.body) d = Math.max(d, depth(x));
            return d;
        }
        if (s instanceof ExprStmt e) return e.expr.depth;
        return 1;
    }

    // ------------------------------------------------------------------ helpers the generated code calls

    /** C's undefined cases as the language defines them (package documentation), exactly as the evaluator. */
    static int idiv(int v, int q) { return q == 0 ? 0 : v / q; }

    static int irem(int v, int q) { return q == 0 ? v : v % q; }

    static long ldiv(long v, long q) { return q == 0 ? 0 : v / q; }

    static long lrem(long v, long q) { return q == 0 ? v : v % q; }

    /** fmin/fmax: a NaN operand is ignored; -0.0 &lt; +0.0 (Math.min's order), as {@link Functions#apply}. */
    static double fmin(double x, double y) { return Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.min(x, y); }

    static double fmax(double x, double y) { return Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.max(x, y); }

    static double cbrt(double x) { return Functions.apply(Functions.Fn.CBRT, x); }

    static double exp2(double x) { return Functions.apply(Functions.Fn.EXP2, x); }

    static double log2(double x) { return Functions.apply(Functions.Fn.LOG2, x); }

    static double log10(double x) { return Functions.apply(Functions.Fn.LOG10, x); }

    static double asin(double x) { return Functions.apply(Functions.Fn.ASIN, x); }

    static double acos(double x) { return Functions.apply(Functions.Fn.ACOS, x); }

    static double atan(double x) { return Functions.apply(Functions.Fn.ATAN, x); }

    static double sinh(double x) { return Functions.apply(Functions.Fn.SINH, x); }

    static double cosh(double x) { return Functions.apply(Functions.Fn.COSH, x); }

    static double trunc(double x) { return Functions.apply(Functions.Fn.TRUNC, x); }
}
