#!/usr/bin/env python3
"""Generates the built-in vector kernels of gpu4j in three dialects from one table:

  kernels/src/main/resources/org/gpu4j/kernels/{vector,reduce,scan}.{cl,cu}
  core/src/main/java/org/gpu4j/vector/VectorKernels.java   (the Java implementations)

Run from the repository root:  python3 kernels/src/gen/vector_ops.py
The outputs are committed; KernelParityTest keeps the three in step.
"""
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ROOT = os.path.dirname(ROOT)
RES = os.path.join(ROOT, "kernels/src/main/resources/org/gpu4j/kernels")
JAVA = os.path.join(ROOT, "core/src/main/java/org/gpu4j/vector/VectorKernels.java")

# suffix -> (opencl type, cuda type, java type, unsigned cl, unsigned cu, java accessor, boxed, vector width)
TYPES = {
    "f32": ("float", "float", "float", None, None, "floats", "Float", 16),
    "f64": ("double", "double", "double", None, None, "doubles", "Double", 8),
    "i32": ("int", "int", "int", "uint", "unsigned int", "ints", "Integer", 16),
    "i64": ("long", "long long", "long", "ulong", "unsigned long long", "longs", "Long", 8),
}
FLOATS = ["f32", "f64"]
ALL = ["f32", "f64", "i32", "i64"]
WG = 256


def is_int(s):
    return s in ("i32", "i64")


# ----------------------------------------------------------------------------------------------- element-wise
# Each op: name, types, inputs (arrays read), output array name, scalars, expression per dialect.
# Expressions use the loaded locals (a, b, x, y...) and scalars; {T} is the C type, {U} its unsigned twin.

def wrap(dialect, s, op, l, r):
    """Wrapping integer arithmetic (two's complement, as in Java) via the unsigned type."""
    T = TYPES[s]
    if dialect == "java":
        return f"{l} {op} {r}"
    ct = T[0] if dialect == "cl" else T[1]
    ut = T[3] if dialect == "cl" else T[4]
    return f"({ct})(({ut}){l} {op} ({ut}){r})"


def fn(dialect, s, name, *args):
    """A math function call in a dialect for a floating type."""
    a = ", ".join(args)
    if dialect == "cl":
        return f"{name}({a})"
    if dialect == "cu":
        return f"{name}{'f' if s == 'f32' else ''}({a})"
    cast = "(float) " if s == "f32" else ""
    return f"{cast}Math.{name.replace('fabs', 'abs')}({a})"


def ew_expr(op, dialect, s):
    jt = TYPES[s][2]
    if op in ("add", "sub", "mul"):
        sym = {"add": "+", "sub": "-", "mul": "*"}[op]
        return wrap(dialect, s, sym, "a", "b") if is_int(s) else f"a {sym} b"
    if op == "div":
        if not is_int(s):
            return "a / b"
        if dialect == "java":
            return f"b == 0 ? 0 : (b == -1 ? -a : a / b)"
        ct = TYPES[s][0] if dialect == "cl" else TYPES[s][1]
        neg = wrap(dialect, s, "-", "0", "a")
        return f"b == 0 ? ({ct})0 : (b == -1 ? {neg} : a / b)"
    if op == "scale":
        return "alpha * x"
    if op == "axpy":
        return "alpha * x + y"
    if op == "axpby":
        return "alpha * x + beta * y"
    if op in ("abs", "sqrt", "exp", "log"):
        return fn(dialect, s, "fabs" if op == "abs" else op, "x")
    if op == "pow":
        return fn(dialect, s, "pow", "x", "y")
    if op in ("min", "max"):
        if dialect == "java":
            return f"Math.{op}(a, b)"
        return f"j{op}_{s}(a, b)"
    if op == "clamp":
        if dialect == "java":
            return "Math.min(Math.max(x, lo), hi)"
        return f"jmin_{s}(jmax_{s}(x, lo), hi)"
    raise ValueError(op)


# name, types, arrays in, array out (None: last input updated in place), scalars (before arrays? order list)
# signature order: list of ("in"|"out"|"inout"|"scalar", name)
EW = [
    ("add", ALL, [("in", "a"), ("in", "b"), ("out", "out")]),
    ("sub", ALL, [("in", "a"), ("in", "b"), ("out", "out")]),
    ("mul", ALL, [("in", "a"), ("in", "b"), ("out", "out")]),
    ("div", ALL, [("in", "a"), ("in", "b"), ("out", "out")]),
    ("scale", FLOATS, [("scalar", "alpha"), ("in", "x"), ("out", "out")]),
    ("axpy", FLOATS, [("scalar", "alpha"), ("in", "x"), ("inout", "y")]),
    ("axpby", FLOATS, [("scalar", "alpha"), ("in", "x"), ("scalar", "beta"), ("in", "y"), ("out", "z")]),
    ("abs", FLOATS, [("in", "x"), ("out", "out")]),
    ("sqrt", FLOATS, [("in", "x"), ("out", "out")]),
    ("exp", FLOATS, [("in", "x"), ("out", "out")]),
    ("log", FLOATS, [("in", "x"), ("out", "out")]),
    ("pow", FLOATS, [("in", "x"), ("in", "y"), ("out", "out")]),
    ("min", FLOATS, [("in", "a"), ("in", "b"), ("out", "out")]),
    ("max", FLOATS, [("in", "a"), ("in", "b"), ("out", "out")]),
    ("clamp", FLOATS, [("in", "x"), ("scalar", "lo"), ("scalar", "hi"), ("out", "out")]),
]


def cparams(dialect, s, params):
    ct = TYPES[s][0] if dialect == "cl" else TYPES[s][1]
    g = "__global " if dialect == "cl" else ""
    lt = "long" if dialect == "cl" else "long long"
    out = []
    for kind, name in params:
        if kind == "in":
            out.append(f"{g}const {ct}* {name.upper()}")
        elif kind in ("out", "inout"):
            out.append(f"{g}{ct}* {name.upper()}")
        elif kind == "scalar":
            out.append(f"{ct} {name}")
        elif kind == "long":
            out.append(f"{lt} {name}")
        elif kind == "int":
            out.append(f"int {name}")
        elif kind == "lin":
            out.append(f"{g}const {lt}* {name.upper()}")
        elif kind == "lout":
            out.append(f"{g}{lt}* {name.upper()}")
    return ", ".join(out)


def head(dialect):
    return "__kernel void" if dialect == "cl" else 'extern "C" __global__ void'


def ew_device(dialect, op, s, params):
    ct = TYPES[s][0] if dialect == "cl" else TYPES[s][1]
    sig = cparams(dialect, s, params + [("long", "n")])
    loads = " ".join(f"const {ct} {n} = {n.upper()}[i];" for k, n in params if k in ("in", "inout"))
    outname = [n for k, n in params if k in ("out", "inout")][0]
    e = ew_expr(op, dialect, s)
    return (f"{head(dialect)} {op}_{s}({sig}) {{\n"
            f"    EW_LOOP(i, n) {{ {loads} {outname.upper()}[i] = {e}; }}\n}}\n")


# ----------------------------------------------------------------------------------------------- Java
J = []  # lines of the Java class body


def jarr(s):
    return TYPES[s][2] + "[]"


def ew_java(op, s, params):
    jt = TYPES[s][2]
    acc = TYPES[s][5]
    plist = params + [("long", "n")]
    nidx = len(plist) - 1
    name = f"{op}_{s}"
    mname = f"{op}{s.upper()}"
    # lambda
    args = []
    sig = []
    for idx, (k, n) in enumerate(params):
        if k == "scalar":
            args.append(f"a.{jt}Value({idx})")
            sig.append(f"{jt} {n}")
        else:
            args.append(f"a.{acc}({idx}), a.offset({idx})")
            sig.append(f"{jt}[] {n.upper()}, int {n}o")
    J.append(f'        src = src.withJava("{name}", (id, a) -> {{')
    J.append(f"            long n = a.longValue({nidx});")
    J.append(f"            long c = chunk(n, id.globalSize(0)), s = id.x() * c;")
    J.append(f"            if (s < n) {mname}({', '.join(args)}, (int) s, (int) Math.min(n, s + c));")
    J.append("        });")
    loads = " ".join(f"{jt} {n} = {n.upper()}[{n}o + i];" for k, n in params if k in ("in", "inout"))
    outname = [n for k, n in params if k in ("out", "inout")][0]
    e = ew_expr(op, "java", s)
    if jt in ("int", "long") or True:
        pass
    cast = f"({jt}) " if jt in ("int", "long") and op in ("div",) else ""
    M.append(f"    static void {mname}({', '.join(sig)}, int from, int to) {{")
    arrays = [n for k, n in params if k != "scalar"]
    same = " && ".join(f"{arrays[j]}o == {arrays[j + 1]}o" for j in range(len(arrays) - 1))
    loads0 = " ".join(f"{jt} {n} = {n.upper()}[i];" for k, n in params if k in ("in", "inout"))
    fast = f"for (int i = from + {arrays[0]}o, e = to + {arrays[0]}o; i < e; i++) {{ {loads0} {outname.upper()}[i] = {cast}({e}); }}"
    slow = f"for (int i = from; i < to; i++) {{ {loads} {outname.upper()}[{outname}o + i] = {cast}({e}); }}"
    if same:
        # Equal offsets (whole arrays, or slices at the same position): one index for every array, the form C2
        # vectorises; separate offsets leave the loop scalar (measured 4x slower on cached data, ~20% at 2^24).
        M.append(f"        if ({same}) {fast}")
        M.append(f"        else {slow}")
    else:
        M.append(f"        {fast}")
    M.append("    }")


M = []  # static helper methods


# ----------------------------------------------------------------------------------------------- reductions
# kind: how an element enters and how partials combine.
RED = [
    # name, types, inputs, extra scalar params
    ("sum", ALL, ["x"], []),
    ("dot", FLOATS, ["x", "y"], []),
    ("asum", FLOATS, ["x"], []),
    ("amax", FLOATS, ["x"], []),
    ("min", FLOATS, ["x"], []),
    ("max", FLOATS, ["x"], []),
    ("sumsq", FLOATS, ["x"], ["scale"]),
]


def red_load(op, dialect, s, idx):
    """The value element idx contributes (scalar)."""
    if op in ("sum", "min", "max"):
        return f"X[{idx}]"
    if op == "dot":
        return f"X[{idx}] * Y[{idx}]"
    if op in ("asum", "amax"):
        return fn(dialect, s, "fabs", f"X[{idx}]")
    if op == "sumsq":
        return f"sq_{s}(X[{idx}] / scale)"


def red_ident(op, s):
    ct = TYPES[s][0]
    if op in ("sum", "dot", "asum", "sumsq", "amax"):
        return "0"
    if op == "min":
        return "INFINITY"
    if op == "max":
        return "-INFINITY"


def red_comb(op, dialect, s, l, r):
    if op in ("sum", "dot", "asum", "sumsq"):
        return wrap(dialect, s, "+", l, r) if is_int(s) else f"{l} + {r}"
    if op in ("max", "amax"):
        return f"fmax{'f' if (dialect == 'cu' and s == 'f32') else ''}({l}, {r})"
    if op == "min":
        return f"fmin{'f' if (dialect == 'cu' and s == 'f32') else ''}({l}, {r})"


def nan_tracked(op):
    return op in ("min", "max", "amax")


def red_device(dialect, op, s, ins, scalars):
    T = TYPES[s]
    ct = T[0] if dialect == "cl" else T[1]
    params = [("in", n) for n in ins] + [("out", "partial")] + [("scalar", n) for n in scalars] + [("long", "n")]
    sig = cparams(dialect, s, params)
    name = f"{op}_stage1_{s}"
    lt = "long" if dialect == "cl" else "long long"
    L = [f"{head(dialect)} {name}({sig}) {{"]
    ident = red_ident(op, s)
    track = nan_tracked(op)
    if dialect == "cl":
        # CPU-shaped: one contiguous segment per work-item, wide vector accumulators, no barriers.
        L.append("#ifdef GPU4J_CPU")
        L.append(f"    const long P = (long)get_global_size(0), k = (long)get_global_id(0);")
        L.append(f"    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n);")
        L.append(f"    {ct} r = {ident};")
        if track:
            L.append("    int nan = 0;")
        if op in ("sum", "dot", "asum", "sumsq"):
            W = T[7]
            vt = (T[3] if is_int(s) else ct) + str(W)
            st = T[3] if is_int(s) else ct
            def vl(n):
                v = f"vload{W}(0, {n} + i)"
                return f"as_{vt}({v})" if is_int(s) else v
            if op == "sum":
                term = vl("X")
            elif op == "dot":
                term = f"{vl('X')} * {vl('Y')}"
            elif op == "asum":
                term = f"fabs({vl('X')})"
            else:
                term = f"sq{W}_{s}({vl('X')} / scale)"
            L.append(f"    {vt} acc = ({vt})(0);")
            L.append("    long i = s;")
            L.append(f"    while (i + {W} <= e) {{   /* blocks of at most 4096 elements: error grows with 4096/{W} + seg/4096 */")
            L.append(f"        const long be = min(e - (e - i) % {W}, i + 4096);")
            L.append(f"        {vt} b = ({vt})(0);")
            L.append(f"        for (; i < be; i += {W}) b += {term};")
            L.append("        acc += b;")
            L.append("    }")
            L.append(f"    {st} t = hsum{W}_{s}(acc);")
            L.append(f"    r = ({ct})t;")
            L.append(f"    for (; i < e; i++) r = {red_comb(op, dialect, s, 'r', red_load(op, dialect, s, 'i'))};")
        else:
            L.append("    for (long i = s; i < e; i++) {")
            L.append(f"        const {ct} v = {red_load(op, dialect, s, 'i')};")
            L.append("        nan |= isnan(v);")
            L.append(f"        r = {red_comb(op, dialect, s, 'r', 'v')};")
            L.append("    }")
            L.append("    if (nan) r = NAN;")
        L.append("    if (k < P) PARTIAL[k] = r;")
        L.append("#else")
    # GPU-shaped: work-group k reduces segment k, its threads striding by the group size (coalesced),
    # then a tree in local/shared memory.
    if dialect == "cl":
        L.append(f"    __local {ct} sh[WG];")
        L.append("    const long P = (long)get_num_groups(0), k = (long)get_group_id(0);")
        L.append("    const int lid = (int)get_local_id(0);")
    else:
        L.append(f"    __shared__ {ct} sh[WG];")
        L.append("    const long long P = gridDim.x, k = blockIdx.x;")
        L.append("    const int lid = threadIdx.x;")
    L.append(f"    const {lt} seg = SEGMENT(n, P), s = k * seg, e = {'min' if dialect == 'cl' else 'mmin'}(s + seg, n);")
    L.append(f"    {ct} r = {ident};")
    if track:
        L.append("    int nan = 0;")
    L.append(f"    for ({lt} i = s + lid; i < e; i += WG) {{")
    L.append(f"        const {ct} v = {red_load(op, dialect, s, 'i')};")
    if track:
        L.append("        nan |= isnan(v);")
    L.append(f"        r = {red_comb(op, dialect, s, 'r', 'v')};")
    L.append("    }")
    if track:
        L.append("    if (nan) r = NAN;")
    L.append("    sh[lid] = r;")
    L.append(f"    {BARRIER[dialect]}")
    L.append("    for (int off = WG / 2; off > 0; off >>= 1) {")
    if track:
        L.append(f"        if (lid < off) {{ const {ct} u = sh[lid], w = sh[lid + off]; sh[lid] = isnan(u) ? u : isnan(w) ? w : {red_comb(op, dialect, s, 'u', 'w')}; }}")
    else:
        L.append(f"        if (lid < off) sh[lid] = {red_comb(op, dialect, s, 'sh[lid]', 'sh[lid + off]')};")
    L.append(f"        {BARRIER[dialect]}")
    L.append("    }")
    L.append("    if (lid == 0) PARTIAL[k] = sh[0];")
    if dialect == "cl":
        L.append("#endif")
    L.append("}")
    return "\n".join(L) + "\n"


BARRIER = {"cl": "barrier(CLK_LOCAL_MEM_FENCE);", "cu": "__syncthreads();"}


def arg_device(dialect, op, s):
    """argmin/argmax: per segment the value and index of the first extreme element (NaN counts as extreme)."""
    T = TYPES[s]
    ct = T[0] if dialect == "cl" else T[1]
    lt = "long" if dialect == "cl" else "long long"
    params = [("in", "x"), ("out", "pval"), ("lout", "pidx"), ("long", "n")]
    sig = cparams(dialect, s, params)
    better = ">" if op == "argmax" else "<"
    L = [f"{head(dialect)} {op}_stage1_{s}({sig}) {{"]
    if dialect == "cl":
        L.append("#ifdef GPU4J_CPU")
        L.append("    const long P = (long)get_global_size(0), k = (long)get_global_id(0);")
        L.append("    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n);")
        L.append(f"    {ct} bv = 0; long bi = -1;")
        L.append("    for (long i = s; i < e; i++) {")
        L.append(f"        const {ct} v = X[i];")
        L.append("        if (isnan(v)) { bv = v; bi = i; break; }")
        L.append(f"        if (bi < 0 || v {better} bv) {{ bv = v; bi = i; }}")
        L.append("    }")
        L.append("    if (k < P) { PVAL[k] = bv; PIDX[k] = bi; }")
        L.append("#else")
        L.append(f"    __local {ct} shv[WG]; __local long shi[WG];")
        L.append("    const long P = (long)get_num_groups(0), k = (long)get_group_id(0);")
        L.append("    const int lid = (int)get_local_id(0);")
    else:
        L.append(f"    __shared__ {ct} shv[WG]; __shared__ long long shi[WG];")
        L.append("    const long long P = gridDim.x, k = blockIdx.x;")
        L.append("    const int lid = threadIdx.x;")
    L.append(f"    const {lt} seg = SEGMENT(n, P), s = k * seg, e = {'min' if dialect == 'cl' else 'mmin'}(s + seg, n);")
    L.append(f"    {ct} bv = 0; {lt} bi = -1;")
    L.append(f"    for ({lt} i = s + lid; i < e; i += WG) {{")
    L.append(f"        const {ct} v = X[i];")
    L.append("        if (isnan(v)) { bv = v; bi = i; break; }")
    L.append(f"        if (bi < 0 || v {better} bv) {{ bv = v; bi = i; }}")
    L.append("    }")
    L.append("    shv[lid] = bv; shi[lid] = bi;")
    L.append(f"    {BARRIER[dialect]}")
    L.append("    for (int off = WG / 2; off > 0; off >>= 1) {")
    L.append("        if (lid < off) {")
    L.append(f"            const {ct} va = shv[lid], vb = shv[lid + off];")
    L.append(f"            const {lt} ia = shi[lid], ib = shi[lid + off];")
    L.append(f"            if (ib >= 0 && (ia < 0 || {op}_takes_{s}(vb, ib, va, ia))) {{ shv[lid] = vb; shi[lid] = ib; }}")
    L.append("        }")
    L.append(f"        {BARRIER[dialect]}")
    L.append("    }")
    L.append("    if (lid == 0) { PVAL[k] = shv[0]; PIDX[k] = shi[0]; }")
    if dialect == "cl":
        L.append("#endif")
    L.append("}")
    return "\n".join(L) + "\n"


def red_java(op, s, ins, scalars, method=True):
    jt = TYPES[s][2]
    acc = TYPES[s][5]
    name = f"{op}_stage1_{s}"
    mname = f"{op}Stage1{s.upper()}"
    nin = len(ins)
    pidx = nin
    nidx = nin + 1 + len(scalars)
    args = [f"a.{acc}({i}), a.offset({i})" for i in range(nin)]
    sargs = [f"a.{jt}Value({nin + 1 + j})" for j in range(len(scalars))]
    J.append(f'        src = src.withJava("{name}", (id, a) -> {{')
    J.append(f"            long n = a.longValue({nidx});")
    J.append(f"            long c = chunk(n, id.globalSize(0)), s = id.x() * c;")
    J.append(f"            a.{acc}({pidx})[a.offset({pidx}) + (int) id.x()] = s >= n ? {java_ident(op, s)}")
    J.append(f"                    : {mname}({', '.join(args + sargs)}, (int) s, (int) Math.min(n, s + c));")
    J.append("        });")
    if not method:
        return
    sig = [f"{jt}[] {n.upper()}, int {n}o" for n in ins] + [f"{jt} {n}" for n in scalars]
    if op in ("sum", "dot") and s == "f32":
        # Runs of RUN elements in 8 float accumulators, each run's total added in double (see the RUN comment).
        if op == "sum":
            M.append("    /** Elements per float run in {@link #sumStage1F32} / {@link #dotStage1F32}: 8 accumulators x 32 terms. */")
            M.append("    static final int RUN = 256;")
            M.append("")
            M.append("    // Runs of RUN elements are summed in 8 float accumulators (32 terms each: |error| <= 31 eps of the run's")
            M.append("    // sum of |terms|), then each run's total is added in double. Float adds need no float-to-double conversion per")
            M.append("    // element, which had left the double-only loop compute-bound at ~20 GB/s on two cores.")
            loop = "            for (int p = xo + i, e = p + RUN; p < e; p += 8) {"
            t = lambda k: f"X[p{' + ' + str(k) if k else ''}]"
            tail = "X[xo + i]"
        else:
            M.append("    /** As {@link #sumStage1F32}; each product is rounded to float once (|error| <= eps |x y|) before it is added. */")
            loop = "            for (int p = xo + i, q = yo + i, e = p + RUN; p < e; p += 8, q += 8) {"
            t = lambda k: f"X[p{' + ' + str(k) if k else ''}] * Y[q{' + ' + str(k) if k else ''}]"
            tail = "(double) X[xo + i] * Y[yo + i]"
        M.append(f"    static {jt} {mname}({', '.join(sig)}, int from, int to) {{")
        M.append("        double r = 0;")
        M.append("        int i = from;")
        M.append("        for (; i + RUN <= to; i += RUN) {")
        M.append("            float f0 = 0, f1 = 0, f2 = 0, f3 = 0, f4 = 0, f5 = 0, f6 = 0, f7 = 0;")
        M.append(loop)
        M.append("                " + " ".join(f"f{k} += {t(k)};" for k in range(4)))
        M.append("                " + " ".join(f"f{k} += {t(k)};" for k in range(4, 8)))
        M.append("            }")
        M.append("            r += (((double) f0 + f1) + ((double) f2 + f3)) + (((double) f4 + f5) + ((double) f6 + f7));")
        M.append("        }")
        M.append(f"        for (; i < to; i++) r += {tail};")
        M.append("        return (float) r;")
        M.append("    }")
        return
    M.append(f"    static {jt} {mname}({', '.join(sig)}, int from, int to) {{")
    if op in ("sum", "dot", "asum", "sumsq") and not is_int(s):
        # 4 independent double (for float) / compensated-free double accumulators so C2 pipelines the adds.
        at = "double"
        def term(i):
            if op == "sum":
                return f"X[xo + {i}]"
            if op == "dot":
                return f"(double) X[xo + {i}] * Y[yo + {i}]" if s == "f32" else f"X[xo + {i}] * Y[yo + {i}]"
            if op == "asum":
                return f"Math.abs(X[xo + {i}])"
            return f"sq((double) X[xo + {i}] / scale)"
        M.append(f"        {at} r0 = 0, r1 = 0, r2 = 0, r3 = 0;")
        M.append("        int i = from;")
        M.append("        for (; i + 4 <= to; i += 4) {")
        M.append(f"            r0 += {term('i')}; r1 += {term('i + 1')}; r2 += {term('i + 2')}; r3 += {term('i + 3')};")
        M.append("        }")
        M.append(f"        for (; i < to; i++) r0 += {term('i')};")
        M.append(f"        return ({jt}) ((r0 + r1) + (r2 + r3));")
    elif op == "sum":
        M.append(f"        {jt} r = 0;")
        M.append("        for (int i = from; i < to; i++) r += X[xo + i];")
        M.append("        return r;")
    else:  # min, max, amax (Math.min/max propagate NaN)
        f = {"min": "Math.min", "max": "Math.max", "amax": "Math.max"}[op]
        v = "Math.abs(X[xo + i])" if op == "amax" else "X[xo + i]"
        M.append(f"        {jt} r = {java_ident(op, s)};")
        M.append(f"        for (int i = from; i < to; i++) r = {f}(r, {v});")
        M.append("        return r;")
    M.append("    }")


def java_ident(op, s):
    jt = TYPES[s][2]
    box = "Float" if s == "f32" else "Double"
    if op == "min":
        return f"{box}.POSITIVE_INFINITY"
    if op == "max":
        return f"{box}.NEGATIVE_INFINITY"
    return "0"


def arg_java(op, s):
    jt = TYPES[s][2]
    acc = TYPES[s][5]
    name = f"{op}_stage1_{s}"
    better = ">" if op == "argmax" else "<"
    isnan = "Float.isNaN" if s == "f32" else "Double.isNaN"
    J.append(f'        src = src.withJava("{name}", (id, a) -> {{')
    J.append("            long n = a.longValue(3);")
    J.append("            long c = chunk(n, id.globalSize(0)), s = id.x() * c;")
    J.append(f"            {jt}[] x = a.{acc}(0); int xo = a.offset(0);")
    J.append(f"            {jt} bv = 0; long bi = -1;")
    J.append("            for (long i = s, e = Math.min(n, s + c); i < e; i++) {")
    J.append(f"                {jt} v = x[xo + (int) i];")
    J.append(f"                if ({isnan}(v)) {{ bv = v; bi = i; break; }}")
    J.append(f"                if (bi < 0 || v {better} bv) {{ bv = v; bi = i; }}")
    J.append("            }")
    J.append(f"            a.{acc}(1)[a.offset(1) + (int) id.x()] = bv;")
    J.append("            a.longs(2)[a.offset(2) + (int) id.x()] = bi;")
    J.append("        });")


# ----------------------------------------------------------------------------------------------- scans
def scan_device(dialect, s):
    T = TYPES[s]
    ct = T[0] if dialect == "cl" else T[1]
    lt = "long" if dialect == "cl" else "long long"
    loc = "__local " if dialect == "cl" else ""
    add = lambda l, r: wrap(dialect, s, "+", l, r) if is_int(s) else f"{l} + {r}"
    out = []
    # tile scan helper (GPU): exclusive Blelloch scan of t[0, 2*WG) in place, returns the tile total
    q = "static inline " if dialect == "cl" else "static __device__ __forceinline__ "
    out.append(("#ifndef GPU4J_CPU\n" if dialect == "cl" else "") +
               f"{q}{ct} tile_scan_{s}({loc}{ct}* t, const int lid) {{\n"
               "    int off = 1;\n"
               "    for (int d = WG; d > 0; d >>= 1) {\n"
               f"        {BARRIER[dialect]}\n"
               f"        if (lid < d) {{ const int ai = off * (2 * lid + 1) - 1, bi = off * (2 * lid + 2) - 1; t[bi] = {add('t[bi]', 't[ai]')}; }}\n"
               "        off <<= 1;\n"
               "    }\n"
               f"    {BARRIER[dialect]}\n"
               f"    const {ct} total = t[2 * WG - 1];\n"
               f"    {BARRIER[dialect]}\n"
               "    if (lid == 0) t[2 * WG - 1] = 0;\n"
               "    for (int d = 1; d < 2 * WG; d <<= 1) {\n"
               "        off >>= 1;\n"
               f"        {BARRIER[dialect]}\n"
               f"        if (lid < d) {{ const int ai = off * (2 * lid + 1) - 1, bi = off * (2 * lid + 2) - 1; const {ct} u = t[ai]; t[ai] = t[bi]; t[bi] = {add('t[bi]', 'u')}; }}\n"
               "    }\n"
               f"    {BARRIER[dialect]}\n"
               "    return total;\n"
               "}\n" + ("#endif\n" if dialect == "cl" else ""))
    # scan_sums: like sum_stage1 (block totals of the same segments scan_apply uses)
    sums = red_device(dialect, "sum", s, ["x"], []).replace(f"sum_stage1_{s}", f"scan_sums_{s}")
    out.append(sums)
    # scan_offsets: exclusive scan in place of m block totals, one work-group (GPU) or one work-item (CPU)
    sig = cparams(dialect, s, [("inout", "sums"), ("long", "m")])
    L = [f"{head(dialect)} scan_offsets_{s}({sig}) {{"]
    if dialect == "cl":
        L.append("#ifdef GPU4J_CPU")
        L.append("    if (get_global_id(0) != 0) return;")
        L.append(f"    {ct} acc = 0;")
        L.append(f"    for (long i = 0; i < m; i++) {{ const {ct} v = SUMS[i]; SUMS[i] = acc; acc = {add('acc', 'v')}; }}")
        L.append("#else")
        L.append(f"    __local {ct} t[2 * WG];")
        L.append("    const int lid = (int)get_local_id(0);")
    else:
        L.append(f"    __shared__ {ct} t[2 * WG];")
        L.append("    const int lid = threadIdx.x;")
    L.append(f"    {ct} carry = 0;")
    L.append(f"    for ({lt} base = 0; base < m; base += 2 * WG) {{")
    L.append(f"        const {lt} i0 = base + lid, i1 = base + lid + WG;")
    L.append(f"        t[lid] = i0 < m ? SUMS[i0] : ({ct})0; t[lid + WG] = i1 < m ? SUMS[i1] : ({ct})0;")
    L.append(f"        const {ct} total = tile_scan_{s}(t, lid);")
    L.append(f"        if (i0 < m) SUMS[i0] = {add('carry', 't[lid]')};")
    L.append(f"        if (i1 < m) SUMS[i1] = {add('carry', 't[lid + WG]')};")
    L.append(f"        carry = {add('carry', 'total')};")
    L.append("    }")
    if dialect == "cl":
        L.append("#endif")
    L.append("}")
    out.append("\n".join(L) + "\n")
    # scan_apply: segment k scanned from offsets[k]
    sig = cparams(dialect, s, [("in", "x"), ("out", "out"), ("in", "offsets"), ("long", "n"), ("int", "inclusive")])
    L = [f"{head(dialect)} scan_apply_{s}({sig}) {{"]
    if dialect == "cl":
        L.append("#ifdef GPU4J_CPU")
        L.append("    const long P = (long)get_global_size(0), k = (long)get_global_id(0);")
        L.append("    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n);")
        L.append("    if (s >= e) return;")
        L.append(f"    {ct} acc = OFFSETS[k];")
        L.append(f"    if (inclusive) {{ for (long i = s; i < e; i++) {{ acc = {add('acc', 'X[i]')}; OUT[i] = acc; }} }}")
        L.append(f"    else {{ for (long i = s; i < e; i++) {{ const {ct} v = X[i]; OUT[i] = acc; acc = {add('acc', 'v')}; }} }}")
        L.append("#else")
        L.append(f"    __local {ct} t[2 * WG];")
        L.append("    const long P = (long)get_num_groups(0), k = (long)get_group_id(0);")
        L.append("    const int lid = (int)get_local_id(0);")
    else:
        L.append(f"    __shared__ {ct} t[2 * WG];")
        L.append("    const long long P = gridDim.x, k = blockIdx.x;")
        L.append("    const int lid = threadIdx.x;")
    L.append(f"    const {lt} seg = SEGMENT(n, P), s = k * seg, e = {'min' if dialect == 'cl' else 'mmin'}(s + seg, n);")
    L.append(f"    {ct} carry = OFFSETS[k];")
    L.append(f"    for ({lt} base = s; base < e; base += 2 * WG) {{")
    L.append(f"        const {lt} i0 = base + lid, i1 = base + lid + WG;")
    L.append(f"        const {ct} v0 = i0 < e ? X[i0] : ({ct})0, v1 = i1 < e ? X[i1] : ({ct})0;")
    L.append("        t[lid] = v0; t[lid + WG] = v1;")
    L.append(f"        const {ct} total = tile_scan_{s}(t, lid);")
    L.append(f"        if (i0 < e) OUT[i0] = inclusive ? {add(add('carry', 't[lid]'), 'v0')} : {add('carry', 't[lid]')};")
    L.append(f"        if (i1 < e) OUT[i1] = inclusive ? {add(add('carry', 't[lid + WG]'), 'v1')} : {add('carry', 't[lid + WG]')};")
    L.append(f"        carry = {add('carry', 'total')};")
    L.append("    }")
    if dialect == "cl":
        L.append("#endif")
    L.append("}")
    out.append("\n".join(L) + "\n")
    return "\n".join(out)


def scan_java(s):
    jt = TYPES[s][2]
    acc = TYPES[s][5]
    # scan_sums
    red_java("sum", s, ["x"], [], method=False)
    J[-6] = J[-6].replace(f"sum_stage1_{s}", f"scan_sums_{s}")
    M_last = None
    J.append(f'        src = src.withJava("scan_offsets_{s}", (id, a) -> {{')
    J.append("            if (id.x() != 0) return;")
    J.append(f"            {jt}[] v = a.{acc}(0); int o = a.offset(0); long m = a.longValue(1);")
    J.append(f"            {jt} acc = 0;")
    J.append("            for (int i = 0; i < m; i++) { " + f"{jt} t = v[o + i]; v[o + i] = acc; acc += t; }}")
    J.append("        });")
    J.append(f'        src = src.withJava("scan_apply_{s}", (id, a) -> {{')
    J.append("            long n = a.longValue(3);")
    J.append("            long c = chunk(n, id.globalSize(0)), s = id.x() * c;")
    J.append("            if (s >= n) return;")
    J.append(f"            {jt} start = a.{acc}(2)[a.offset(2) + (int) id.x()];")
    J.append(f"            scanApply{s.upper()}(a.{acc}(0), a.offset(0), a.{acc}(1), a.offset(1), start, (int) s, (int) Math.min(n, s + c), a.intValue(4) != 0);")
    J.append("        });")
    M.append(f"    static void scanApply{s.upper()}({jt}[] X, int xo, {jt}[] O, int oo, {jt} acc, int from, int to, boolean inclusive) {{")
    M.append(f"        if (inclusive) for (int i = from; i < to; i++) {{ acc += X[xo + i]; O[oo + i] = acc; }}")
    M.append(f"        else for (int i = from; i < to; i++) {{ {jt} v = X[xo + i]; O[oo + i] = acc; acc += v; }}")
    M.append("    }")


# ----------------------------------------------------------------------------------------------- files
CL_PRELUDE = """/*
 * gpu4j built-in {what} kernels. GENERATED by kernels/src/gen/vector_ops.py from one table that also writes
 * the .cu twin and the Java implementations (org.gpu4j.vector.VectorKernels); edit the generator, not this file.
 *
 * Design. {design}
 * Built with -DGPU4J_CPU on OpenCL CPU devices (PoCL): there each work-item owns one contiguous segment and
 * runs a tight loop over it (wide vector loads, private accumulators, no barriers, no local memory), which is
 * what a CPU compiler vectorises well. Otherwise the GPU shape: {gpu}
 * Integer arithmetic goes through the unsigned type so overflow wraps as in Java.
 */
#if defined(cl_khr_fp64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define GPU4J_FP64 1
#elif defined(__opencl_c_fp64)
#define GPU4J_FP64 1
#endif
#define WG {wg}
/* Segment k of P covers [k*seg, min((k+1)*seg, n)), seg rounded up to 16 elements (the Java side uses the same). */
#define SEGMENT(n, P) (((((n) + (P) - 1) / (P)) + 15) & ~(long)15)
"""

CU_PRELUDE = """/*
 * gpu4j built-in {what} kernels (CUDA). GENERATED by kernels/src/gen/vector_ops.py from one table that also
 * writes the .cl twin and the Java implementations (org.gpu4j.vector.VectorKernels); edit the generator.
 *
 * Design. {design}
 * GPU shape: {gpu}
 * Integer arithmetic goes through the unsigned type so overflow wraps as in Java.
 */
#define WG {wg}
#define SEGMENT(n, P) (((((n) + (P) - 1) / (P)) + 15) & ~(long long)15)
#define mmin(a, b) ((a) < (b) ? (a) : (b))
"""


def jminmax(dialect, s):
    ct = TYPES[s][0] if dialect == "cl" else TYPES[s][1]
    q = "static inline" if dialect == "cl" else "static __device__ __forceinline__"
    r = []
    for op, cmp in (("min", "<"), ("max", ">")):
        # Java Math.min/max: NaN wins, and -0.0 is smaller than 0.0
        zero = "signbit(a) ? a : b" if op == "min" else "signbit(a) ? b : a"
        r.append(f"{q} {ct} j{op}_{s}({ct} a, {ct} b) {{ return isnan(a) ? a : isnan(b) ? b : a {cmp} b ? a : b {cmp} a ? b : ({zero}); }}")
    return "\n".join(r) + "\n"


def fp64_wrap(dialect, s, text):
    if dialect == "cl" and s == "f64":
        return "#ifdef GPU4J_FP64\n" + text + "#endif\n"
    return text


def gen_vector():
    design = ("Element-wise kernels: out[i] = f(in[i]...) for i < n, no size has to be a multiple of anything.")
    gpu = "a grid-stride loop, consecutive threads on consecutive elements (coalesced)."
    cl = [CL_PRELUDE.format(what="element-wise vector", design=design, gpu=gpu, wg=WG)]
    cl.append("#ifdef GPU4J_CPU\n"
              "#define EW_LOOP(i, n) const long gs_ = (long)get_global_size(0), ch_ = SEGMENT(n, gs_), s_ = (long)get_global_id(0) * ch_,"
              " e_ = min(s_ + ch_, (long)(n)); for (long i = s_; i < e_; i++)\n"
              "#else\n"
              "#define EW_LOOP(i, n) for (long i = (long)get_global_id(0); i < (n); i += (long)get_global_size(0))\n"
              "#endif\n")
    cu = [CU_PRELUDE.format(what="element-wise vector", design=design, gpu=gpu, wg=WG)]
    cu.append("#define EW_LOOP(i, n) for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n);"
              " i += (long long)gridDim.x * blockDim.x)\n")
    for s in FLOATS:
        cl.append(fp64_wrap("cl", s, jminmax("cl", s)))
        cu.append(jminmax("cu", s))
    for s in ALL:
        ctext, utext = [], []
        for op, types, params in EW:
            if s not in types:
                continue
            ctext.append(ew_device("cl", op, s, params))
            utext.append(ew_device("cu", op, s, params))
            ew_java(op, s, params)
        cl.append(fp64_wrap("cl", s, "\n".join(ctext)))
        cu.append("\n".join(utext))
    return "\n".join(cl), "\n".join(cu)


def gen_reduce():
    design = ("Reductions in two passes: pass 1 writes one partial per segment (P segments, P <= a few thousand),"
              " the host reads the P partials and combines them (in double for float, compensated for double).\n"
              " * Float accumulates in float on the device; the order is a tree, so |error| <= (n/(P*L) + log2(L) + 1)*eps*sum|x_i|\n"
              " * (L = 256 threads on GPUs; on CPUs 16 lanes and blocks of 4096).")
    gpu = ("work-group k (256 threads) reduces segment k, threads striding by 256 (coalesced), then a tree in\n"
           " * local/shared memory; no atomics. min/max/amax propagate NaN as Java's Math.min/max do.")
    cl = [CL_PRELUDE.format(what="reduction", design=design, gpu=gpu, wg=WG)]
    cu = [CU_PRELUDE.format(what="reduction", design=design, gpu=gpu, wg=WG)]
    for s in FLOATS:
        ct = TYPES[s][0]
        W = TYPES[s][7]
        helpers_cl = [f"static inline {ct} sq_{s}({ct} v) {{ return v * v; }}",
                      f"static inline {ct}{W} sq{W}_{s}({ct}{W} v) {{ return v * v; }}"]
        helpers_cu = [f"static __device__ __forceinline__ {ct} sq_{s}({ct} v) {{ return v * v; }}"]
        for op in ("argmin", "argmax"):
            better = ">" if op == "argmax" else "<"
            body = (f"(bool)(isnan(vb) ? (!isnan(va) || ib < ia) : (!isnan(va) && (vb {better} va || (vb == va && ib < ia))))")
            helpers_cl.append(f"/* true when (vb, ib) should replace (va, ia): NaN first, then the extreme, then the lower index */\n"
                              f"static inline int {op}_takes_{s}({ct} vb, long ib, {ct} va, long ia) {{ return isnan(vb) ? (!isnan(va) || ib < ia) : (!isnan(va) && (vb {better} va || (vb == va && ib < ia))); }}")
            helpers_cu.append(f"static __device__ __forceinline__ bool {op}_takes_{s}({ct} vb, long long ib, {ct} va, long long ia) {{ return isnan(vb) ? (!isnan(va) || ib < ia) : (!isnan(va) && (vb {better} va || (vb == va && ib < ia))); }}")
        cl.append(fp64_wrap("cl", s, "\n".join(helpers_cl) + "\n"))
        cu.append("\n".join(helpers_cu) + "\n")
    for s in ALL:
        W = TYPES[s][7]
        st = TYPES[s][3] if is_int(s) else TYPES[s][0]
        h = ["(v.lo + v.hi)"]
        w = W
        expr = "v"
        # horizontal sum tree
        parts = {16: "const {t}8 a = v.lo + v.hi; const {t}4 b = a.lo + a.hi; const {t}2 c = b.lo + b.hi; return c.x + c.y;",
                 8: "const {t}4 b = v.lo + v.hi; const {t}2 c = b.lo + b.hi; return c.x + c.y;"}
        cl.append(fp64_wrap("cl", s, f"static inline {st} hsum{W}_{s}({st}{W} v) {{ {parts[W].format(t=st)} }}\n"))
    for s in ALL:
        ctext, utext = [], []
        for op, types, ins, scalars in RED:
            if s not in types:
                continue
            ctext.append(red_device("cl", op, s, ins, scalars))
            utext.append(red_device("cu", op, s, ins, scalars))
            red_java(op, s, ins, scalars)
        if s in FLOATS:
            for op in ("argmin", "argmax"):
                ctext.append(arg_device("cl", op, s))
                utext.append(arg_device("cu", op, s))
                arg_java(op, s)
        cl.append(fp64_wrap("cl", s, "\n".join(ctext)))
        cu.append("\n".join(utext))
    return "\n".join(cl), "\n".join(cu)


def gen_scan():
    design = ("Prefix sums in three phases (reduce, scan the block totals, scan again with offsets), work-efficient:\n"
              " * scan_sums_T writes the total of each of P segments, scan_offsets_T turns the P totals into exclusive\n"
              " * offsets in place (one work-group), scan_apply_T scans each segment from its offset. In and out may be\n"
              " * the same array.")
    gpu = ("work-group k scans segment k in tiles of 512 with a Blelloch up-sweep/down-sweep in local/shared memory,\n"
           " * carrying the running total from tile to tile.")
    cl = [CL_PRELUDE.format(what="scan", design=design, gpu=gpu, wg=WG)]
    cu = [CU_PRELUDE.format(what="scan", design=design, gpu=gpu, wg=WG)]
    for s in ALL:
        W = TYPES[s][7]
        st = TYPES[s][3] if is_int(s) else TYPES[s][0]
        parts = {16: "const {t}8 a = v.lo + v.hi; const {t}4 b = a.lo + a.hi; const {t}2 c = b.lo + b.hi; return c.x + c.y;",
                 8: "const {t}4 b = v.lo + v.hi; const {t}2 c = b.lo + b.hi; return c.x + c.y;"}
        cl.append(fp64_wrap("cl", s, f"#ifdef GPU4J_CPU\nstatic inline {st} hsum{W}_{s}({st}{W} v) {{ {parts[W].format(t=st)} }}\n#endif\n"))
        cl.append(fp64_wrap("cl", s, scan_device("cl", s)))
        cu.append(scan_device("cu", s))
        scan_java(s)
    return "\n".join(cl), "\n".join(cu)


def main():
    global J, M
    files = {}
    java_parts = {}
    for base, g in (("vector", gen_vector), ("reduce", gen_reduce), ("scan", gen_scan)):
        J.clear()
        cl, cu = g()
        files[base + ".cl"] = cl
        files[base + ".cu"] = cu
        java_parts[base] = list(J)
    for fname, text in files.items():
        with open(os.path.join(RES, fname), "w") as f:
            f.write(text)
    out = [JAVA_HEAD]
    for base, lines in java_parts.items():
        out.append(f"    /** The {base} kernels: their .cl/.cu text where the kernels jar is on the classpath, and the Java twins. */")
        out.append(f"    public static KernelSource {base}() {{")
        out.append(f'        KernelSource src = load("{base}");')
        out.extend(lines)
        out.append("        return src;")
        out.append("    }")
        out.append("")
    out.extend(M)
    out.append("}")
    with open(JAVA, "w") as f:
        f.write("\n".join(out) + "\n")


JAVA_HEAD = """package org.gpu4j.vector;

import org.gpu4j.KernelSource;

/**
 * The Java implementations of the built-in vector kernels, attached to the {@code vector}, {@code reduce} and
 * {@code scan} kernel sources. Internal: {@link org.gpu4j.Vectors} is the API. GENERATED by
 * {@code kernels/src/gen/vector_ops.py} together with the .cl and .cu files; edit the generator.
 *
 * <p>Every kernel treats work-item {@code k} of {@code G} as the contiguous chunk {@code [k*c, min((k+1)*c, n))},
 * {@code c = roundUp16(ceil(n / G))} (the same segments as the OpenCL CPU variant), and runs a tight loop over it
 * in a static method so C2 compiles and vectorises it; reductions write one partial per work-item.
 */
public final class VectorKernels {
    private VectorKernels() {}

    /** Elements per work-item for n elements over g work-items: ceil(n / g) rounded up to a multiple of 16. */
    public static long chunk(long n, long g) {
        return ((n + g - 1) / g + 15) & ~15L;
    }

    static double sq(double v) { return v * v; }

    private static KernelSource load(String base) {
        try {
            return KernelSource.resource(base);
        } catch (IllegalArgumentException noKernelsJar) {
            return KernelSource.named(base); // gpu4j-kernels absent: the Java CPU backend needs only the Java twins
        }
    }
"""

if __name__ == "__main__":
    main()
