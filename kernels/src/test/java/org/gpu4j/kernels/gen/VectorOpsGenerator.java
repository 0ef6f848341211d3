package org.gpu4j.kernels.gen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generates the built-in vector kernels of gpu4j in three dialects from one table:
 * <ul>
 * <li>{@code kernels/src/main/resources/org/gpu4j/kernels/{vector,reduce,scan}.{cl,cu}} (OpenCL C and CUDA C)</li>
 * <li>{@code core/src/main/java/org/gpu4j/vector/VectorKernels.java} (the Java implementations)</li>
 * </ul>
 * The outputs are committed; run this generator as {@link GeneratedFiles} says after editing it.
 * {@link GeneratedFilesAreFreshTest} fails when a committed output differs from what it writes, and core's
 * {@code KernelParityTest} keeps the three dialects in step.
 */
public final class VectorOpsGenerator {
    static final String RES = "kernels/src/main/resources/org/gpu4j/kernels/";
    static final String JAVA = "core/src/main/java/org/gpu4j/vector/VectorKernels.java";
    static final int WG = 256;

    /**
     * One element type: its OpenCL, CUDA and Java names, the unsigned OpenCL and CUDA twins (integers only), the
     * {@code KernelArgs} accessor, the boxed Java name and the OpenCL vector width of the CPU-shaped kernels.
     */
    private record Type(String cl, String cu, String java, String ucl, String ucu, String acc, String boxed, int width) {}

    private static final Map<String, Type> TYPES = Map.of(
            "f32", new Type("float", "float", "float", null, null, "floats", "Float", 16),
            "f64", new Type("double", "double", "double", null, null, "doubles", "Double", 8),
            "i32", new Type("int", "int", "int", "uint", "unsigned int", "ints", "Integer", 16),
            "i64", new Type("long", "long long", "long", "ulong", "unsigned long long", "longs", "Long", 8));
    private static final List<String> FLOATS = List.of("f32", "f64");
    private static final List<String> ALL = List.of("f32", "f64", "i32", "i64");

    /** A kernel parameter: kind (in, out, inout, scalar, long, int, lin, lout, iout: an int pointer) and name. */
    private record P(String kind, String name) {
        boolean read() { return kind.equals("in") || kind.equals("inout"); }
        boolean written() { return kind.equals("out") || kind.equals("inout"); }
    }

    private static P p(String kind, String name) { return new P(kind, name); }

    /** An element-wise op: name, element types, parameters in signature order (the element count n follows). */
    private record Ew(String op, List<String> types, List<P> params) {}

    private static final List<Ew> EW = List.of(
            new Ew("add", ALL, List.of(p("in", "a"), p("in", "b"), p("out", "out"))),
            new Ew("sub", ALL, List.of(p("in", "a"), p("in", "b"), p("out", "out"))),
            new Ew("mul", ALL, List.of(p("in", "a"), p("in", "b"), p("out", "out"))),
            new Ew("div", ALL, List.of(p("in", "a"), p("in", "b"), p("out", "out"))),
            new Ew("scale", FLOATS, List.of(p("scalar", "alpha"), p("in", "x"), p("out", "out"))),
            new Ew("axpy", FLOATS, List.of(p("scalar", "alpha"), p("in", "x"), p("inout", "y"))),
            new Ew("axpby", FLOATS, List.of(p("scalar", "alpha"), p("in", "x"), p("scalar", "beta"), p("in", "y"),
                    p("out", "z"))),
            new Ew("abs", FLOATS, List.of(p("in", "x"), p("out", "out"))),
            new Ew("sqrt", FLOATS, List.of(p("in", "x"), p("out", "out"))),
            new Ew("exp", FLOATS, List.of(p("in", "x"), p("out", "out"))),
            new Ew("log", FLOATS, List.of(p("in", "x"), p("out", "out"))),
            new Ew("pow", FLOATS, List.of(p("in", "x"), p("in", "y"), p("out", "out"))),
            new Ew("min", FLOATS, List.of(p("in", "a"), p("in", "b"), p("out", "out"))),
            new Ew("max", FLOATS, List.of(p("in", "a"), p("in", "b"), p("out", "out"))),
            new Ew("clamp", FLOATS, List.of(p("in", "x"), p("scalar", "lo"), p("scalar", "hi"), p("out", "out"))));

    /** A reduction: name, element types, the arrays it reads, extra scalar parameters. */
    private record Red(String op, List<String> types, List<String> ins, List<String> scalars) {}

    private static final List<Red> RED = List.of(
            new Red("sum", ALL, List.of("x"), List.of()),
            new Red("dot", FLOATS, List.of("x", "y"), List.of()),
            new Red("asum", FLOATS, List.of("x"), List.of()),
            new Red("amax", FLOATS, List.of("x"), List.of()),
            new Red("min", FLOATS, List.of("x"), List.of()),
            new Red("max", FLOATS, List.of("x"), List.of()),
            new Red("sumsq", FLOATS, List.of("x"), List.of("scale")));

    /** Lines of the Java kernel-source method being written (the withJava registrations). */
    private final List<String> j = new ArrayList<>();
    /** The static helper methods of VectorKernels, for all three sources. */
    private final List<String> m = new ArrayList<>();

    private VectorOpsGenerator() {}

    public static void main(String[] args) throws IOException {
        GeneratedFiles.write(GeneratedFiles.root(), generate());
    }

    /** Every generated file: its path relative to the repository root, and its text. */
    public static Map<String, String> generate() {
        return new VectorOpsGenerator().files();
    }

    private Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, List<String>> javaParts = new LinkedHashMap<>();
        for (String base : List.of("vector", "reduce", "scan")) {
            j.clear();
            String[] clCu = switch (base) {
                case "vector" -> genVector();
                case "reduce" -> genReduce();
                default -> genScan();
            };
            files.put(RES + base + ".cl", clCu[0]);
            files.put(RES + base + ".cu", clCu[1]);
            javaParts.put(base, List.copyOf(j));
        }
        List<String> out = new ArrayList<>();
        out.add(JAVA_HEAD.replace("{chunk}", String.format("%,d", SCAN_CHUNK).replace(",", "_")));
        javaParts.forEach((base, lines) -> {
            out.add("    /** The " + base + " kernels: their .cl/.cu text where the kernels jar is on the classpath, and the Java twins. */");
            out.add("    public static KernelSource " + base + "() {");
            out.add("        KernelSource src = load(\"" + base + "\");");
            out.addAll(lines);
            out.add("        return src;");
            out.add("    }");
            out.add("");
        });
        out.addAll(m);
        out.add("}");
        files.put(JAVA, String.join("\n", out) + "\n");
        return files;
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static boolean isInt(String s) { return s.equals("i32") || s.equals("i64"); }

    private static boolean isCl(String dialect) { return dialect.equals("cl"); }

    /** The C type of s in an OpenCL ("cl") or CUDA ("cu") kernel. */
    private static String ct(String dialect, String s) { return isCl(dialect) ? TYPES.get(s).cl() : TYPES.get(s).cu(); }

    private static String lt(String dialect) { return isCl(dialect) ? "long" : "long long"; }

    private static String upper(String name) { return name.toUpperCase(Locale.ROOT); }

    private static String head(String dialect) { return isCl(dialect) ? "__kernel void" : "extern \"C\" __global__ void"; }

    private static String barrier(String dialect) { return isCl(dialect) ? "barrier(CLK_LOCAL_MEM_FENCE);" : "__syncthreads();"; }

    /** min in the device code: OpenCL's builtin, the prelude's macro in CUDA. */
    private static String dmin(String dialect) { return isCl(dialect) ? "min" : "mmin"; }

    private static List<P> plus(List<P> params, P... more) {
        List<P> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all;
    }

    /** Wrapping integer arithmetic (two's complement, as in Java) via the unsigned type. */
    static String wrap(String dialect, String s, String op, String l, String r) {
        if (dialect.equals("java")) return l + " " + op + " " + r;
        Type t = TYPES.get(s);
        String c = isCl(dialect) ? t.cl() : t.cu(), u = isCl(dialect) ? t.ucl() : t.ucu();
        return "(" + c + ")((" + u + ")" + l + " " + op + " (" + u + ")" + r + ")";
    }

    /** A math function call in a dialect for a floating type. */
    static String fn(String dialect, String s, String name, String... args) {
        String a = String.join(", ", args);
        if (isCl(dialect)) return name + "(" + a + ")";
        if (dialect.equals("cu")) return name + (s.equals("f32") ? "f" : "") + "(" + a + ")";
        return (s.equals("f32") ? "(float) " : "") + "Math." + name.replace("fabs", "abs") + "(" + a + ")";
    }

    // ------------------------------------------------------------------------------------------- element-wise

    /** The expression of an element-wise op on the loaded locals (a, b, x, y...) and scalars. */
    static String ewExpr(String op, String dialect, String s) {
        switch (op) {
            case "add", "sub", "mul" -> {
                String sym = switch (op) { case "add" -> "+"; case "sub" -> "-"; default -> "*"; };
                return isInt(s) ? wrap(dialect, s, sym, "a", "b") : "a " + sym + " b";
            }
            case "div" -> {
                if (!isInt(s)) return "a / b";
                if (dialect.equals("java")) return "b == 0 ? 0 : (b == -1 ? -a : a / b)";
                return "b == 0 ? (" + ct(dialect, s) + ")0 : (b == -1 ? " + wrap(dialect, s, "-", "0", "a") + " : a / b)";
            }
            case "scale" -> { return "alpha * x"; }
            case "axpy" -> { return "alpha * x + y"; }
            case "axpby" -> { return "alpha * x + beta * y"; }
            case "abs", "sqrt", "exp", "log" -> { return fn(dialect, s, op.equals("abs") ? "fabs" : op, "x"); }
            case "pow" -> { return fn(dialect, s, "pow", "x", "y"); }
            case "min", "max" -> {
                return dialect.equals("java") ? "Math." + op + "(a, b)" : "j" + op + "_" + s + "(a, b)";
            }
            case "clamp" -> {
                return dialect.equals("java") ? "Math.min(Math.max(x, lo), hi)" : "jmin_" + s + "(jmax_" + s + "(x, lo), hi)";
            }
            default -> throw new IllegalArgumentException(op);
        }
    }

    static String cparams(String dialect, String s, List<P> params) {
        String c = ct(dialect, s), g = isCl(dialect) ? "__global " : "", l = lt(dialect);
        List<String> out = new ArrayList<>();
        for (P p : params) {
            switch (p.kind()) {
                case "in" -> out.add(g + "const " + c + "* " + upper(p.name()));
                case "out", "inout" -> out.add(g + c + "* " + upper(p.name()));
                case "scalar" -> out.add(c + " " + p.name());
                case "long" -> out.add(l + " " + p.name());
                case "int" -> out.add("int " + p.name());
                case "lin" -> out.add(g + "const " + l + "* " + upper(p.name()));
                case "lout" -> out.add(g + l + "* " + upper(p.name()));
                case "iout" -> out.add(g + "int* " + upper(p.name()));
                default -> throw new IllegalArgumentException(p.kind());
            }
        }
        return String.join(", ", out);
    }

    private static String written(List<P> params) {
        return params.stream().filter(P::written).findFirst().orElseThrow().name();
    }

    static String ewDevice(String dialect, String op, String s, List<P> params) {
        String c = ct(dialect, s);
        String sig = cparams(dialect, s, plus(params, p("long", "n")));
        String loads = params.stream().filter(P::read)
                .map(p -> "const " + c + " " + p.name() + " = " + upper(p.name()) + "[i];").collect(Collectors.joining(" "));
        return head(dialect) + " " + op + "_" + s + "(" + sig + ") {\n"
                + "    EW_LOOP(i, n) { " + loads + " " + upper(written(params)) + "[i] = " + ewExpr(op, dialect, s) + "; }\n}\n";
    }

    private void ewJava(String op, String s, List<P> params) {
        String jt = TYPES.get(s).java(), acc = TYPES.get(s).acc();
        int nidx = params.size();
        String name = op + "_" + s, mname = op + upper(s);
        List<String> args = new ArrayList<>(), sig = new ArrayList<>();
        for (int idx = 0; idx < params.size(); idx++) {
            String n = params.get(idx).name();
            if (params.get(idx).kind().equals("scalar")) {
                args.add("a." + jt + "Value(" + idx + ")");
                sig.add(jt + " " + n);
            } else {
                args.add("a." + acc + "(" + idx + "), a.offset(" + idx + ")");
                sig.add(jt + "[] " + upper(n) + ", int " + n + "o");
            }
        }
        j.add("        src = src.withJava(\"" + name + "\", (id, a) -> {");
        j.add("            long n = a.longValue(" + nidx + ");");
        j.add("            long c = chunk(n, id.globalSize(0)), s = id.x() * c;");
        j.add("            if (s < n) " + mname + "(" + String.join(", ", args) + ", (int) s, (int) Math.min(n, s + c));");
        j.add("        });");
        String loads = params.stream().filter(P::read)
                .map(p -> jt + " " + p.name() + " = " + upper(p.name()) + "[" + p.name() + "o + i];")
                .collect(Collectors.joining(" "));
        String outname = written(params);
        String e = ewExpr(op, "java", s);
        String cast = (jt.equals("int") || jt.equals("long")) && op.equals("div") ? "(" + jt + ") " : "";
        m.add("    static void " + mname + "(" + String.join(", ", sig) + ", int from, int to) {");
        List<String> arrays = params.stream().filter(p -> !p.kind().equals("scalar")).map(P::name).toList();
        String same = IntStream.range(0, arrays.size() - 1)
                .mapToObj(k -> arrays.get(k) + "o == " + arrays.get(k + 1) + "o").collect(Collectors.joining(" && "));
        String loads0 = params.stream().filter(P::read)
                .map(p -> jt + " " + p.name() + " = " + upper(p.name()) + "[i];").collect(Collectors.joining(" "));
        String a0 = arrays.get(0);
        String fast = "for (int i = from + " + a0 + "o, e = to + " + a0 + "o; i < e; i++) { " + loads0 + " "
                + upper(outname) + "[i] = " + cast + "(" + e + "); }";
        String slow = "for (int i = from; i < to; i++) { " + loads + " " + upper(outname) + "[" + outname + "o + i] = "
                + cast + "(" + e + "); }";
        if (!same.isEmpty()) {
            // Equal offsets (whole arrays, or slices at the same position): one index for every array, the form C2
            // vectorises; separate offsets leave the loop scalar (measured 4x slower on cached data, ~20% at 2^24).
            m.add("        if (" + same + ") " + fast);
            m.add("        else " + slow);
        } else {
            m.add("        " + fast);
        }
        m.add("    }");
    }

    // ------------------------------------------------------------------------------------------- reductions

    /** The value element idx contributes (scalar). */
    static String redLoad(String op, String dialect, String s, String idx) {
        return switch (op) {
            case "sum", "min", "max" -> "X[" + idx + "]";
            case "dot" -> "X[" + idx + "] * Y[" + idx + "]";
            case "asum", "amax" -> fn(dialect, s, "fabs", "X[" + idx + "]");
            case "sumsq" -> "sq_" + s + "(X[" + idx + "] / scale)";
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** A reduction's identity; CUDA spells infinities by their bits (NVRTC has no host INFINITY macro). */
    static String redIdent(String op, String dialect, String s) {
        String inf = isCl(dialect) ? "INFINITY" : (s.equals("f32") ? "F32_INF" : "F64_INF");
        return switch (op) {
            case "min" -> inf;
            case "max" -> "-" + inf;
            default -> "0";
        };
    }

    /** The NaN a reduction writes; CUDA spells it by its bits (NVRTC has no host NAN macro). */
    static String redNan(String dialect, String s) {
        return isCl(dialect) ? "NAN" : (s.equals("f32") ? "F32_NAN" : "F64_NAN");
    }

    static String redComb(String op, String dialect, String s, String l, String r) {
        String f = dialect.equals("cu") && s.equals("f32") ? "f" : "";
        return switch (op) {
            case "sum", "dot", "asum", "sumsq" -> isInt(s) ? wrap(dialect, s, "+", l, r) : l + " + " + r;
            case "max", "amax" -> "fmax" + f + "(" + l + ", " + r + ")";
            case "min" -> "fmin" + f + "(" + l + ", " + r + ")";
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static boolean nanTracked(String op) { return op.equals("min") || op.equals("max") || op.equals("amax"); }

    private static boolean additive(String op) {
        return op.equals("sum") || op.equals("dot") || op.equals("asum") || op.equals("sumsq");
    }

    static String redDevice(String dialect, String op, String s, List<String> ins, List<String> scalars) {
        Type t = TYPES.get(s);
        String c = ct(dialect, s), l = lt(dialect);
        List<P> params = new ArrayList<>();
        ins.forEach(n -> params.add(p("in", n)));
        params.add(p("out", "partial"));
        scalars.forEach(n -> params.add(p("scalar", n)));
        params.add(p("long", "n"));
        List<String> lines = new ArrayList<>();
        lines.add(head(dialect) + " " + op + "_stage1_" + s + "(" + cparams(dialect, s, params) + ") {");
        String ident = redIdent(op, dialect, s);
        boolean track = nanTracked(op);
        if (isCl(dialect)) {
            // CPU-shaped: one contiguous segment per work-item, wide vector accumulators, no barriers.
            lines.add("#ifdef GPU4J_CPU");
            lines.add("    const long P = (long)get_global_size(0), k = (long)get_global_id(0);");
            lines.add("    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n);");
            lines.add("    " + c + " r = " + ident + ";");
            if (track) lines.add("    int nan = 0;");
            if (additive(op)) {
                int w = t.width();
                String st = isInt(s) ? t.ucl() : c, vt = st + w;
                UnaryOperator<String> vl = n -> {
                    String v = "vload" + w + "(0, " + n + " + i)";
                    return isInt(s) ? "as_" + vt + "(" + v + ")" : v;
                };
                String term = switch (op) {
                    case "sum" -> vl.apply("X");
                    case "dot" -> vl.apply("X") + " * " + vl.apply("Y");
                    case "asum" -> "fabs(" + vl.apply("X") + ")";
                    default -> "sq" + w + "_" + s + "(" + vl.apply("X") + " / scale)";
                };
                lines.add("    " + vt + " acc = (" + vt + ")(0);");
                lines.add("    long i = s;");
                lines.add("    while (i + " + w + " <= e) {   /* blocks of at most 4096 elements: error grows with 4096/" + w
                        + " + seg/4096 */");
                lines.add("        const long be = min(e - (e - i) % " + w + ", i + 4096);");
                lines.add("        " + vt + " b = (" + vt + ")(0);");
                lines.add("        for (; i < be; i += " + w + ") b += " + term + ";");
                lines.add("        acc += b;");
                lines.add("    }");
                lines.add("    " + st + " t = hsum" + w + "_" + s + "(acc);");
                lines.add("    r = (" + c + ")t;");
                lines.add("    for (; i < e; i++) r = " + redComb(op, dialect, s, "r", redLoad(op, dialect, s, "i")) + ";");
            } else {
                lines.add("    for (long i = s; i < e; i++) {");
                lines.add("        const " + c + " v = " + redLoad(op, dialect, s, "i") + ";");
                lines.add("        nan |= isnan(v);");
                lines.add("        r = " + redComb(op, dialect, s, "r", "v") + ";");
                lines.add("    }");
                lines.add("    if (nan) r = " + redNan(dialect, s) + ";");
            }
            lines.add("    if (k < P) PARTIAL[k] = r;");
            lines.add("#else");
        }
        // GPU-shaped: work-group k reduces segment k, its threads striding by the group size (coalesced), then a
        // tree in local/shared memory.
        groupPrologue(lines, dialect, isCl(dialect) ? "__local " + c + " sh[WG];" : "__shared__ " + c + " sh[WG];");
        lines.add("    const " + l + " seg = SEGMENT(n, P), s = k * seg, e = " + dmin(dialect) + "(s + seg, n);");
        lines.add("    " + c + " r = " + ident + ";");
        if (track) lines.add("    int nan = 0;");
        lines.add("    for (" + l + " i = s + lid; i < e; i += WG) {");
        lines.add("        const " + c + " v = " + redLoad(op, dialect, s, "i") + ";");
        if (track) lines.add("        nan |= isnan(v);");
        lines.add("        r = " + redComb(op, dialect, s, "r", "v") + ";");
        lines.add("    }");
        if (track) lines.add("    if (nan) r = " + redNan(dialect, s) + ";");
        lines.add("    sh[lid] = r;");
        lines.add("    " + barrier(dialect));
        lines.add("    for (int off = WG / 2; off > 0; off >>= 1) {");
        if (track) {
            lines.add("        if (lid < off) { const " + c + " u = sh[lid], w = sh[lid + off]; sh[lid] = isnan(u) ? u : isnan(w) ? w : "
                    + redComb(op, dialect, s, "u", "w") + "; }");
        } else {
            lines.add("        if (lid < off) sh[lid] = " + redComb(op, dialect, s, "sh[lid]", "sh[lid + off]") + ";");
        }
        lines.add("        " + barrier(dialect));
        lines.add("    }");
        lines.add("    if (lid == 0) PARTIAL[k] = sh[0];");
        if (isCl(dialect)) lines.add("#endif");
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    /** The shared-memory declaration, then P (groups), k (this group) and lid (this thread in it). */
    private static void groupPrologue(List<String> lines, String dialect, String shared) {
        lines.add("    " + shared);
        if (isCl(dialect)) {
            lines.add("    const long P = (long)get_num_groups(0), k = (long)get_group_id(0);");
            lines.add("    const int lid = (int)get_local_id(0);");
        } else {
            lines.add("    const long long P = gridDim.x, k = blockIdx.x;");
            lines.add("    const int lid = threadIdx.x;");
        }
    }

    /** argmin/argmax: per segment the value and index of the first extreme element (NaN counts as extreme). */
    static String argDevice(String dialect, String op, String s) {
        String c = ct(dialect, s), l = lt(dialect);
        List<P> params = List.of(p("in", "x"), p("out", "pval"), p("lout", "pidx"), p("long", "n"));
        String better = op.equals("argmax") ? ">" : "<";
        List<String> lines = new ArrayList<>();
        lines.add(head(dialect) + " " + op + "_stage1_" + s + "(" + cparams(dialect, s, params) + ") {");
        if (isCl(dialect)) {
            lines.add("#ifdef GPU4J_CPU");
            lines.add("    const long P = (long)get_global_size(0), k = (long)get_global_id(0);");
            lines.add("    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n);");
            lines.add("    " + c + " bv = 0; long bi = -1;");
            lines.add("    for (long i = s; i < e; i++) {");
            lines.add("        const " + c + " v = X[i];");
            lines.add("        if (isnan(v)) { bv = v; bi = i; break; }");
            lines.add("        if (bi < 0 || v " + better + " bv) { bv = v; bi = i; }");
            lines.add("    }");
            lines.add("    if (k < P) { PVAL[k] = bv; PIDX[k] = bi; }");
            lines.add("#else");
            groupPrologue(lines, dialect, "__local " + c + " shv[WG]; __local long shi[WG];");
        } else {
            groupPrologue(lines, dialect, "__shared__ " + c + " shv[WG]; __shared__ long long shi[WG];");
        }
        lines.add("    const " + l + " seg = SEGMENT(n, P), s = k * seg, e = " + dmin(dialect) + "(s + seg, n);");
        lines.add("    " + c + " bv = 0; " + l + " bi = -1;");
        lines.add("    for (" + l + " i = s + lid; i < e; i += WG) {");
        lines.add("        const " + c + " v = X[i];");
        lines.add("        if (isnan(v)) { bv = v; bi = i; break; }");
        lines.add("        if (bi < 0 || v " + better + " bv) { bv = v; bi = i; }");
        lines.add("    }");
        lines.add("    shv[lid] = bv; shi[lid] = bi;");
        lines.add("    " + barrier(dialect));
        lines.add("    for (int off = WG / 2; off > 0; off >>= 1) {");
        lines.add("        if (lid < off) {");
        lines.add("            const " + c + " va = shv[lid], vb = shv[lid + off];");
        lines.add("            const " + l + " ia = shi[lid], ib = shi[lid + off];");
        lines.add("            if (ib >= 0 && (ia < 0 || " + op + "_takes_" + s + "(vb, ib, va, ia))) { shv[lid] = vb; shi[lid] = ib; }");
        lines.add("        }");
        lines.add("        " + barrier(dialect));
        lines.add("    }");
        lines.add("    if (lid == 0) { PVAL[k] = shv[0]; PIDX[k] = shi[0]; }");
        if (isCl(dialect)) lines.add("#endif");
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    static String javaIdent(String op, String s) {
        String box = s.equals("f32") ? "Float" : "Double";
        return switch (op) {
            case "min" -> box + ".POSITIVE_INFINITY";
            case "max" -> box + ".NEGATIVE_INFINITY";
            default -> "0";
        };
    }

    private void redJava(String op, String s, List<String> ins, List<String> scalars, boolean method) {
        String jt = TYPES.get(s).java(), acc = TYPES.get(s).acc();
        String name = op + "_stage1_" + s, mname = op + "Stage1" + upper(s);
        int nin = ins.size(), pidx = nin, nidx = nin + 1 + scalars.size();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < nin; i++) args.add("a." + acc + "(" + i + "), a.offset(" + i + ")");
        for (int k = 0; k < scalars.size(); k++) args.add("a." + jt + "Value(" + (nin + 1 + k) + ")");
        j.add("        src = src.withJava(\"" + name + "\", (id, a) -> {");
        j.add("            long n = a.longValue(" + nidx + ");");
        j.add("            long c = chunk(n, id.globalSize(0)), s = id.x() * c;");
        j.add("            a." + acc + "(" + pidx + ")[a.offset(" + pidx + ") + (int) id.x()] = s >= n ? " + javaIdent(op, s));
        j.add("                    : " + mname + "(" + String.join(", ", args) + ", (int) s, (int) Math.min(n, s + c));");
        j.add("        });");
        if (!method) return;
        List<String> sig = new ArrayList<>();
        ins.forEach(n -> sig.add(jt + "[] " + upper(n) + ", int " + n + "o"));
        scalars.forEach(n -> sig.add(jt + " " + n));
        String head = "    static " + jt + " " + mname + "(" + String.join(", ", sig) + ", int from, int to) {";
        if ((op.equals("sum") || op.equals("dot")) && s.equals("f32")) {
            // Runs of RUN elements in 8 float accumulators, each run's total added in double (see the RUN comment).
            String loop, tail;
            IntFunction<String> t;
            if (op.equals("sum")) {
                m.add("    /** Elements per float run in {@link #sumStage1F32} / {@link #dotStage1F32}: 8 accumulators x 32 terms. */");
                m.add("    static final int RUN = 256;");
                m.add("");
                m.add("    // Runs of RUN elements are summed in 8 float accumulators (32 terms each: |error| <= 31 eps of the run's");
                m.add("    // sum of |terms|), then each run's total is added in double. Float adds need no float-to-double conversion per");
                m.add("    // element, which had left the double-only loop compute-bound at ~20 GB/s on two cores.");
                loop = "            for (int p = xo + i, e = p + RUN; p < e; p += 8) {";
                t = k -> "X[p" + plusK(k) + "]";
                tail = "X[xo + i]";
            } else {
                m.add("    /** As {@link #sumStage1F32}; each product is rounded to float once (|error| <= eps |x y|) before it is added. */");
                loop = "            for (int p = xo + i, q = yo + i, e = p + RUN; p < e; p += 8, q += 8) {";
                t = k -> "X[p" + plusK(k) + "] * Y[q" + plusK(k) + "]";
                tail = "(double) X[xo + i] * Y[yo + i]";
            }
            m.add(head);
            m.add("        double r = 0;");
            m.add("        int i = from;");
            m.add("        for (; i + RUN <= to; i += RUN) {");
            m.add("            float f0 = 0, f1 = 0, f2 = 0, f3 = 0, f4 = 0, f5 = 0, f6 = 0, f7 = 0;");
            m.add(loop);
            m.add("                " + IntStream.range(0, 4).mapToObj(k -> "f" + k + " += " + t.apply(k) + ";").collect(Collectors.joining(" ")));
            m.add("                " + IntStream.range(4, 8).mapToObj(k -> "f" + k + " += " + t.apply(k) + ";").collect(Collectors.joining(" ")));
            m.add("            }");
            m.add("            r += (((double) f0 + f1) + ((double) f2 + f3)) + (((double) f4 + f5) + ((double) f6 + f7));");
            m.add("        }");
            m.add("        for (; i < to; i++) r += " + tail + ";");
            m.add("        return (float) r;");
            m.add("    }");
            return;
        }
        m.add(head);
        if (additive(op) && !isInt(s)) {
            // 4 independent double accumulators so C2 pipelines the adds.
            UnaryOperator<String> term = i -> switch (op) {
                case "sum" -> "X[xo + " + i + "]";
                case "dot" -> (s.equals("f32") ? "(double) " : "") + "X[xo + " + i + "] * Y[yo + " + i + "]";
                case "asum" -> "Math.abs(X[xo + " + i + "])";
                default -> "sq((double) X[xo + " + i + "] / scale)";
            };
            m.add("        double r0 = 0, r1 = 0, r2 = 0, r3 = 0;");
            m.add("        int i = from;");
            m.add("        for (; i + 4 <= to; i += 4) {");
            m.add("            r0 += " + term.apply("i") + "; r1 += " + term.apply("i + 1") + "; r2 += " + term.apply("i + 2")
                    + "; r3 += " + term.apply("i + 3") + ";");
            m.add("        }");
            m.add("        for (; i < to; i++) r0 += " + term.apply("i") + ";");
            m.add("        return (" + jt + ") ((r0 + r1) + (r2 + r3));");
        } else if (op.equals("sum")) {
            m.add("        " + jt + " r = 0;");
            m.add("        for (int i = from; i < to; i++) r += X[xo + i];");
            m.add("        return r;");
        } else { // min, max, amax (Math.min/max propagate NaN)
            String f = op.equals("min") ? "Math.min" : "Math.max";
            String v = op.equals("amax") ? "Math.abs(X[xo + i])" : "X[xo + i]";
            m.add("        " + jt + " r = " + javaIdent(op, s) + ";");
            m.add("        for (int i = from; i < to; i++) r = " + f + "(r, " + v + ");");
            m.add("        return r;");
        }
        m.add("    }");
    }

    private static String plusK(int k) { return k == 0 ? "" : " + " + k; }

    private void argJava(String op, String s) {
        String jt = TYPES.get(s).java(), acc = TYPES.get(s).acc();
        String better = op.equals("argmax") ? ">" : "<";
        String isnan = s.equals("f32") ? "Float.isNaN" : "Double.isNaN";
        j.add("        src = src.withJava(\"" + op + "_stage1_" + s + "\", (id, a) -> {");
        j.add("            long n = a.longValue(3);");
        j.add("            long c = chunk(n, id.globalSize(0)), s = id.x() * c;");
        j.add("            " + jt + "[] x = a." + acc + "(0); int xo = a.offset(0);");
        j.add("            " + jt + " bv = 0; long bi = -1;");
        j.add("            for (long i = s, e = Math.min(n, s + c); i < e; i++) {");
        j.add("                " + jt + " v = x[xo + (int) i];");
        j.add("                if (" + isnan + "(v)) { bv = v; bi = i; break; }");
        j.add("                if (bi < 0 || v " + better + " bv) { bv = v; bi = i; }");
        j.add("            }");
        j.add("            a." + acc + "(1)[a.offset(1) + (int) id.x()] = bv;");
        j.add("            a.longs(2)[a.offset(2) + (int) id.x()] = bi;");
        j.add("        });");
    }

    // ------------------------------------------------------------------------------------------- scans

    static String scanDevice(String dialect, String s) {
        String c = ct(dialect, s), l = lt(dialect), b = barrier(dialect);
        boolean cl = isCl(dialect);
        String loc = cl ? "__local " : "";
        java.util.function.BinaryOperator<String> add = (x, y) -> isInt(s) ? wrap(dialect, s, "+", x, y) : x + " + " + y;
        List<String> out = new ArrayList<>();
        // tile scan helper (GPU): exclusive Blelloch scan of t[0, 2*WG) in place, returns the tile total
        String q = cl ? "static inline " : "static __device__ __forceinline__ ";
        out.add((cl ? "#ifndef GPU4J_CPU\n" : "")
                + q + c + " tile_scan_" + s + "(" + loc + c + "* t, const int lid) {\n"
                + "    int off = 1;\n"
                + "    for (int d = WG; d > 0; d >>= 1) {\n"
                + "        " + b + "\n"
                + "        if (lid < d) { const int ai = off * (2 * lid + 1) - 1, bi = off * (2 * lid + 2) - 1; t[bi] = "
                + add.apply("t[bi]", "t[ai]") + "; }\n"
                + "        off <<= 1;\n"
                + "    }\n"
                + "    " + b + "\n"
                + "    const " + c + " total = t[2 * WG - 1];\n"
                + "    " + b + "\n"
                + "    if (lid == 0) t[2 * WG - 1] = 0;\n"
                + "    for (int d = 1; d < 2 * WG; d <<= 1) {\n"
                + "        off >>= 1;\n"
                + "        " + b + "\n"
                + "        if (lid < d) { const int ai = off * (2 * lid + 1) - 1, bi = off * (2 * lid + 2) - 1; const " + c
                + " u = t[ai]; t[ai] = t[bi]; t[bi] = " + add.apply("t[bi]", "u") + "; }\n"
                + "    }\n"
                + "    " + b + "\n"
                + "    return total;\n"
                + "}\n" + (cl ? "#endif\n" : ""));
        // scan_sums: like sum_stage1 (block totals of the same segments scan_apply uses)
        out.add(redDevice(dialect, "sum", s, List.of("x"), List.of()).replace("sum_stage1_" + s, "scan_sums_" + s));
        // scan_offsets: exclusive scan in place of m block totals, one work-group (GPU) or one work-item (CPU)
        List<String> lines = new ArrayList<>();
        lines.add(head(dialect) + " scan_offsets_" + s + "(" + cparams(dialect, s, List.of(p("inout", "sums"), p("long", "m"))) + ") {");
        if (cl) {
            lines.add("#ifdef GPU4J_CPU");
            lines.add("    if (get_global_id(0) != 0) return;");
            lines.add("    " + c + " acc = 0;");
            lines.add("    for (long i = 0; i < m; i++) { const " + c + " v = SUMS[i]; SUMS[i] = acc; acc = " + add.apply("acc", "v") + "; }");
            lines.add("#else");
            lines.add("    __local " + c + " t[2 * WG];");
            lines.add("    const int lid = (int)get_local_id(0);");
        } else {
            lines.add("    __shared__ " + c + " t[2 * WG];");
            lines.add("    const int lid = threadIdx.x;");
        }
        lines.add("    " + c + " carry = 0;");
        lines.add("    for (" + l + " base = 0; base < m; base += 2 * WG) {");
        lines.add("        const " + l + " i0 = base + lid, i1 = base + lid + WG;");
        lines.add("        t[lid] = i0 < m ? SUMS[i0] : (" + c + ")0; t[lid + WG] = i1 < m ? SUMS[i1] : (" + c + ")0;");
        lines.add("        const " + c + " total = tile_scan_" + s + "(t, lid);");
        lines.add("        if (i0 < m) SUMS[i0] = " + add.apply("carry", "t[lid]") + ";");
        lines.add("        if (i1 < m) SUMS[i1] = " + add.apply("carry", "t[lid + WG]") + ";");
        lines.add("        carry = " + add.apply("carry", "total") + ";");
        lines.add("    }");
        if (cl) lines.add("#endif");
        lines.add("}");
        out.add(String.join("\n", lines) + "\n");
        // scan_apply: segment k scanned from offsets[k]
        String sig = cparams(dialect, s, List.of(p("in", "x"), p("out", "out"), p("in", "offsets"), p("long", "n"),
                p("int", "inclusive")));
        lines = new ArrayList<>();
        lines.add(head(dialect) + " scan_apply_" + s + "(" + sig + ") {");
        if (cl) {
            lines.add("#ifdef GPU4J_CPU");
            lines.add("    const long P = (long)get_global_size(0), k = (long)get_global_id(0);");
            lines.add("    const long seg = SEGMENT(n, P), s = k * seg, e = min(s + seg, n);");
            lines.add("    if (s >= e) return;");
            lines.add("    " + c + " acc = OFFSETS[k];");
            lines.add("    long i = s;");
            // blocks of 8: the block's own prefixes are independent of acc, so the loop-carried chain is one add per
            // 8 elements instead of one per element (a scalar scan is bound by the add latency, not by memory)
            for (boolean inc : new boolean[] {true, false}) {
                lines.add("    " + (inc ? "if (inclusive) {" : "else {"));
                lines.add("        for (; i + 8 <= e; i += 8) {");
                lines.add("            " + c + " p[8];");
                lines.add("            p[0] = X[i];");
                lines.add("            for (int j = 1; j < 8; j++) p[j] = " + add.apply("p[j - 1]", "X[i + j]") + ";");
                if (inc) {
                    lines.add("            for (int j = 0; j < 8; j++) OUT[i + j] = " + add.apply("acc", "p[j]") + ";");
                } else {
                    lines.add("            OUT[i] = acc;");
                    lines.add("            for (int j = 1; j < 8; j++) OUT[i + j] = " + add.apply("acc", "p[j - 1]") + ";");
                }
                lines.add("            acc = " + add.apply("acc", "p[7]") + ";");
                lines.add("        }");
                if (inc) lines.add("        for (; i < e; i++) { acc = " + add.apply("acc", "X[i]") + "; OUT[i] = acc; }");
                else lines.add("        for (; i < e; i++) { const " + c + " v = X[i]; OUT[i] = acc; acc = " + add.apply("acc", "v") + "; }");
                lines.add("    }");
            }
            lines.add("#else");
            groupPrologue(lines, dialect, "__local " + c + " t[2 * WG];");
        } else {
            groupPrologue(lines, dialect, "__shared__ " + c + " t[2 * WG];");
        }
        lines.add("    const " + l + " seg = SEGMENT(n, P), s = k * seg, e = " + dmin(dialect) + "(s + seg, n);");
        lines.add("    " + c + " carry = OFFSETS[k];");
        lines.add("    for (" + l + " base = s; base < e; base += 2 * WG) {");
        lines.add("        const " + l + " i0 = base + lid, i1 = base + lid + WG;");
        lines.add("        const " + c + " v0 = i0 < e ? X[i0] : (" + c + ")0, v1 = i1 < e ? X[i1] : (" + c + ")0;");
        lines.add("        t[lid] = v0; t[lid + WG] = v1;");
        lines.add("        const " + c + " total = tile_scan_" + s + "(t, lid);");
        lines.add("        if (i0 < e) OUT[i0] = inclusive ? " + add.apply(add.apply("carry", "t[lid]"), "v0") + " : "
                + add.apply("carry", "t[lid]") + ";");
        lines.add("        if (i1 < e) OUT[i1] = inclusive ? " + add.apply(add.apply("carry", "t[lid + WG]"), "v1") + " : "
                + add.apply("carry", "t[lid + WG]") + ";");
        lines.add("        carry = " + add.apply("carry", "total") + ";");
        lines.add("    }");
        if (cl) lines.add("#endif");
        lines.add("}");
        out.add(String.join("\n", lines) + "\n");
        return String.join("\n", out);
    }

    /**
     * scan_chunked_T: the single-pass scan of CPU-shaped devices (PoCL, and the Java twin on the Java CPU backend).
     * Fixed chunks of SCAN_CHUNK elements are claimed in index order through the counter STATE[0]. Chunk c sums
     * itself (read from memory), publishes that aggregate (PREFIX[2c], status STATE[1 + c] = 1), computes its carry,
     * the inclusive prefix of chunks 0..c-1, publishes carry + aggregate (PREFIX[2c + 1], status 2), then scans
     * the chunk from the carry (re-read from cache): about 2n of memory traffic. The carry is the left fold
     * ((0 + agg 0) + agg 1) + ... + agg c-1 in index order, whatever is published: a chunk's inclusive prefix (the
     * same fold), else its aggregate, else, after a bounded spin, its aggregate summed by the waiter itself and
     * published for the chunks after it (a predecessor whose work-item was descheduled never holds the others up;
     * its chunk is validated against its status afterwards, since in place the owner overwrites it once its prefix
     * is out). Every path gives the same
     * bits, so a float result depends on n alone, never on the schedule or the number of work-items; and no chunk
     * ever waits unboundedly, whatever the scheduler does.
     */
    static String scanChunkedDevice(String dialect, String s) {
        Type t = TYPES.get(s);
        String c = ct(dialect, s), l = lt(dialect);
        boolean cl = isCl(dialect);
        String g = cl ? "__global " : "", vg = cl ? "volatile __global " : "volatile ";
        String q = cl ? "static inline " : "static __device__ __forceinline__ ";
        String fence = cl ? "mem_fence(CLK_GLOBAL_MEM_FENCE);" : "__threadfence();";
        java.util.function.BinaryOperator<String> add = (x, y) -> isInt(s) ? wrap(dialect, s, "+", x, y) : x + " + " + y;
        int w = t.width();
        List<String> lines = new ArrayList<>();
        // the chunk sum: w lanes in order, the lanes' tree, then the tail in order (owner and helpers alike)
        lines.add(q + c + " scan_chunk_sum_" + s + "(" + g + "const " + c + "* X, const " + l + " s, const " + l + " e) {");
        lines.add("    " + c + " agg;");
        lines.add("    " + l + " i = s;");
        if (cl) {
            String st = isInt(s) ? t.ucl() : c, vt = st + w;
            String v = "vload" + w + "(0, X + i)";
            lines.add("    {");
            lines.add("        " + vt + " acc = (" + vt + ")(0);");
            lines.add("        for (; i + " + w + " <= e; i += " + w + ") acc += " + (isInt(s) ? "as_" + vt + "(" + v + ")" : v) + ";");
            lines.add("        agg = (" + c + ")hsum" + w + "_" + s + "(acc);");
            lines.add("    }");
        } else {
            lines.add("    {");
            lines.add("        " + c + " lane[" + w + "];");
            lines.add("        for (int j = 0; j < " + w + "; j++) lane[j] = 0;");
            lines.add("        for (; i + " + w + " <= e; i += " + w + ") for (int j = 0; j < " + w + "; j++) lane[j] = " + add.apply("lane[j]", "X[i + j]") + ";");
            lines.add("        for (int h = " + w + " / 2; h > 0; h >>= 1) for (int j = 0; j < h; j++) lane[j] = " + add.apply("lane[j]", "lane[j + h]") + ";");
            lines.add("        agg = lane[0];");
            lines.add("    }");
        }
        lines.add("    for (; i < e; i++) agg = " + add.apply("agg", "X[i]") + ";");
        lines.add("    return agg;");
        lines.add("}");
        lines.add("");
        // the carry of chunk c: the fold of chunks 0..c-1 from what is published
        lines.add(q + c + " scan_carry_" + s + "(" + g + "const " + c + "* X, " + vg + c + "* pre, " + vg + "int* st, const " + l
                + " c, const " + l + " n) {");
        lines.add("    " + l + " j = c - 1;");
        lines.add("    while (j >= 0 && scan_status(st, j) < 2) j--;   /* the latest chunk whose inclusive prefix is out, or none */");
        lines.add("    " + c + " carry = j >= 0 ? pre[2 * j + 1] : (" + c + ")0;");
        lines.add("    for (" + l + " k = j + 1; k < c; k++) {");
        lines.add("        int sk = scan_status(st, k);");
        lines.add("        " + c + " a = 0;");
        lines.add("        if (sk == 0) {   /* its owner is slow: sum it here, check the owner did not overwrite it meanwhile, publish it */");
        lines.add("            a = scan_chunk_sum_" + s + "(X, k * SCAN_CHUNK, " + dmin(dialect) + "((k + 1) * SCAN_CHUNK, n));");
        lines.add("            " + fence);
        lines.add("            sk = st[k];");
        lines.add("            if (sk == 0) {   /* the same bits as the owner's sum: later chunks need not sum it again */");
        lines.add("                pre[2 * k] = a;");
        lines.add("                " + fence);
        lines.add("                " + (cl ? "(void)atomic_cmpxchg(st + k, 0, 1);" : "atomicCAS((int*)(st + k), 0, 1);"));
        lines.add("            }");
        lines.add("        }");
        lines.add("        if (sk == 2) carry = pre[2 * k + 1];");
        lines.add("        else carry = " + add.apply("carry", "(sk == 1 ? pre[2 * k] : a)") + ";");
        lines.add("    }");
        lines.add("    return carry;");
        lines.add("}");
        lines.add("");
        String sig = cparams(dialect, s, List.of(p("in", "x"), p("out", "out"), p("out", "prefix"), p("iout", "state"),
                p("long", "n"), p("int", "inclusive")));
        lines.add(head(dialect) + " scan_chunked_" + s + "(" + sig + ") {");
        if (!cl) lines.add("    if (threadIdx.x != 0) return;   /* one thread per block walks chunks (launched on CPU-shaped plans only) */");
        lines.add("    " + vg + "int* st = (" + vg + "int*)(STATE + 1);");
        lines.add("    " + vg + c + "* pre = (" + vg + c + "*)PREFIX;");
        lines.add("    const " + l + " m = (n + SCAN_CHUNK - 1) / SCAN_CHUNK;");
        lines.add("    for (;;) {");
        lines.add("        const " + l + " ch = (" + l + ")" + (cl ? "atomic_inc(STATE)" : "atomicAdd(STATE, 1)") + ";");
        lines.add("        if (ch >= m) return;");
        lines.add("        const " + l + " s = ch * SCAN_CHUNK, e = " + dmin(dialect) + "(s + SCAN_CHUNK, n);");
        lines.add("        const " + c + " agg = scan_chunk_sum_" + s + "(X, s, e);");
        lines.add("        pre[2 * ch] = agg;");
        lines.add("        " + fence);
        lines.add("        " + (cl ? "(void)atomic_xchg(STATE + 1 + ch, 1);" : "atomicExch(STATE + 1 + ch, 1);"));
        lines.add("        " + c + " acc = ch == 0 ? (" + c + ")0 : scan_carry_" + s + "(X, pre, st, ch, n);");
        lines.add("        pre[2 * ch + 1] = " + add.apply("acc", "agg") + ";");
        lines.add("        " + fence);
        lines.add("        " + (cl ? "(void)atomic_xchg(STATE + 1 + ch, 2);" : "atomicExch(STATE + 1 + ch, 2);")
                + "   /* an atomic exchange: the chunk's writes below cannot move above it */");
        lines.add("        " + l + " i = s;");
        if (cl) {
            // blocks of 8 scanned in registers (Hillis-Steele: 3 shifted adds, lanes below the shift kept by select,
            // so no lane adds a zero) and added to the carry as one vector: PoCL runs this several times faster
            // than a scalar chain, which was what bound the scan (not memory)
            boolean wide = s.equals("f64") || s.equals("i64");
            String st = isInt(s) ? t.ucl() : c, vt = st + "8", mt = (wide ? "long" : "int") + "8";
            String load = isInt(s) ? "as_" + vt + "(vload8(0, X + i))" : "vload8(0, X + i)";
            String bacc = isInt(s) ? "(" + vt + ")((" + st + ")acc)" : "(" + vt + ")(acc)";
            String store = isInt(s) ? "as_" + c + "8(%s)" : "%s";
            lines.add("        const " + mt + " lane = (" + mt + ")(0, 1, 2, 3, 4, 5, 6, 7);");
            lines.add("        for (; i + 8 <= e; i += 8) {");
            lines.add("            " + vt + " v = " + load + ";");
            lines.add("            v = select(v, v + (" + vt + ")(0, v.s0, v.s1, v.s2, v.s3, v.s4, v.s5, v.s6), lane >= 1);");
            lines.add("            v = select(v, v + (" + vt + ")(0, 0, v.s0, v.s1, v.s2, v.s3, v.s4, v.s5), lane >= 2);");
            lines.add("            v = select(v, v + (" + vt + ")(0, 0, 0, 0, v.s0, v.s1, v.s2, v.s3), lane >= 4);");
            lines.add("            const " + vt + " b = " + bacc + ";");
            lines.add("            if (inclusive) vstore8(" + String.format(store, "b + v") + ", 0, OUT + i);");
            lines.add("            else vstore8(" + String.format(store, "select(b + (" + vt + ")(0, v.s0, v.s1, v.s2, v.s3, v.s4, v.s5, v.s6), b, lane == 0)")
                    + ", 0, OUT + i);");
            lines.add("            acc = " + add.apply("acc", "(" + c + ")v.s7") + ";");
            lines.add("        }");
            lines.add("        if (inclusive) for (; i < e; i++) { acc = " + add.apply("acc", "X[i]") + "; OUT[i] = acc; }");
            lines.add("        else for (; i < e; i++) { const " + c + " v = X[i]; OUT[i] = acc; acc = " + add.apply("acc", "v") + "; }");
        } else {
            // the same blocks of 8 as scan_apply's CPU variant: one loop-carried add per 8 elements
            for (boolean inc : new boolean[] {true, false}) {
                lines.add("        " + (inc ? "if (inclusive) {" : "else {"));
                lines.add("            for (; i + 8 <= e; i += 8) {");
                lines.add("                " + c + " p[8];");
                lines.add("                p[0] = X[i];");
                lines.add("                for (int j = 1; j < 8; j++) p[j] = " + add.apply("p[j - 1]", "X[i + j]") + ";");
                if (inc) {
                    lines.add("                for (int j = 0; j < 8; j++) OUT[i + j] = " + add.apply("acc", "p[j]") + ";");
                } else {
                    lines.add("                OUT[i] = acc;");
                    lines.add("                for (int j = 1; j < 8; j++) OUT[i + j] = " + add.apply("acc", "p[j - 1]") + ";");
                }
                lines.add("                acc = " + add.apply("acc", "p[7]") + ";");
                lines.add("            }");
                if (inc) lines.add("            for (; i < e; i++) { acc = " + add.apply("acc", "X[i]") + "; OUT[i] = acc; }");
                else lines.add("            for (; i < e; i++) { const " + c + " v = X[i]; OUT[i] = acc; acc = " + add.apply("acc", "v") + "; }");
                lines.add("        }");
            }
        }
        lines.add("    }");
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    /** The status helper of scan_chunked_T (type-free): a chunk's status after a bounded spin for it to leave 0. */
    static String scanStatusDevice(String dialect) {
        boolean cl = isCl(dialect);
        String q = cl ? "static inline " : "static __device__ __forceinline__ ", l = lt(dialect);
        String vg = cl ? "volatile __global " : "volatile ";
        return "/* Chunk k's status (0 nothing, 1 aggregate, 2 inclusive prefix published), after at most SCAN_SPIN polls for it\n"
                + " * to leave 0 (then the caller sums the chunk itself); the fence orders the reads of what it published after it. */\n"
                + "#define SCAN_SPIN 8192\n"
                + q + "int scan_status(" + vg + "int* st, const " + l + " k) {\n"
                + "    int v = st[k];\n"
                + "    for (int spin = 0; v == 0 && spin < SCAN_SPIN; spin++) v = st[k];\n"
                + "    " + (cl ? "mem_fence(CLK_GLOBAL_MEM_FENCE);" : "__threadfence();") + "\n"
                + "    return v;\n"
                + "}\n";
    }

    /**
     * The Java twin of scan_chunked_T: the same chunks, chunk sums (lanes and tree) and fold as the .cl, its blocks
     * of 8 scanned as a chain (C2 runs that fastest). Each work-item takes at most SCAN_CHUNKS_PER_ITEM chunks, so a
     * launch needs at least m / SCAN_CHUNKS_PER_ITEM work-items (VectorOps launches one per chunk).
     */
    private void scanChunkedJava(String s) {
        String jt = TYPES.get(s).java(), acc = TYPES.get(s).acc(), u = upper(s);
        int w = TYPES.get(s).width();
        j.add("        src = src.withJava(\"scan_chunked_" + s + "\", (id, a) -> scanChunked" + u + "(a." + acc + "(0), a.offset(0), a."
                + acc + "(1), a.offset(1), a." + acc + "(2), a.offset(2), a.ints(3), a.offset(3), a.longValue(4), a.intValue(5) != 0));");
        m.add("    static void scanChunked" + u + "(" + jt + "[] X, int xo, " + jt + "[] O, int oo, " + jt + "[] P, int po, int[] S, int so, long n, boolean inclusive) {");
        m.add("        long m = (n + SCAN_CHUNK - 1) / SCAN_CHUNK;");
        m.add("        for (int k = 0; k < SCAN_CHUNKS_PER_ITEM; k++) {");
        m.add("            int ch = (int) STATUS.getAndAdd(S, so, 1);");
        m.add("            if (ch >= m) return;");
        m.add("            int s = ch * SCAN_CHUNK, e = (int) Math.min(s + (long) SCAN_CHUNK, n);");
        m.add("            " + jt + " agg = chunkSum" + u + "(X, xo, s, e);");
        m.add("            P[po + 2 * ch] = agg;");
        m.add("            STATUS.setRelease(S, so + 1 + ch, 1);");
        m.add("            " + jt + " carry = ch == 0 ? 0 : scanCarry" + u + "(X, xo, P, po, S, so, ch, n);");
        m.add("            P[po + 2 * ch + 1] = carry + agg;");
        m.add("            STATUS.getAndSet(S, so + 1 + ch, 2);   // acquire and release: the chunk's writes below stay after it");
        m.add("            scanApply" + u + "(X, xo, O, oo, carry, s, e, inclusive);");
        m.add("        }");
        m.add("    }");
        m.add("    /** The fold of chunks 0..c-1 from what is published (see scan.cl's scan_carry_" + s + "). */");
        m.add("    public static " + jt + " scanCarry" + u + "(" + jt + "[] X, int xo, " + jt + "[] P, int po, int[] S, int so, int c, long n) {");
        m.add("        int j = c - 1;");
        m.add("        while (j >= 0 && scanStatus(S, so, j) < 2) j--;");
        m.add("        " + jt + " carry = j >= 0 ? P[po + 2 * j + 1] : 0;");
        m.add("        for (int k = j + 1; k < c; k++) {");
        m.add("            int sk = scanStatus(S, so, k);");
        m.add("            " + jt + " a = 0;");
        m.add("            if (sk == 0) {   // its owner is slow: sum it here, check the owner did not overwrite it meanwhile, publish it");
        m.add("                a = chunkSum" + u + "(X, xo, k * SCAN_CHUNK, (int) Math.min((k + 1L) * SCAN_CHUNK, n));");
        m.add("                VarHandle.acquireFence();");
        m.add("                sk = (int) STATUS.getAcquire(S, so + 1 + k);");
        m.add("                if (sk == 0) {   // the same bits as the owner's sum: later chunks need not sum it again");
        m.add("                    P[po + 2 * k] = a;");
        m.add("                    STATUS.compareAndSet(S, so + 1 + k, 0, 1);");
        m.add("                }");
        m.add("            }");
        m.add("            if (sk == 2) carry = P[po + 2 * k + 1];");
        m.add("            else carry = carry + (sk == 1 ? P[po + 2 * k] : a);");
        m.add("        }");
        m.add("        return carry;");
        m.add("    }");
        // the chunk's sum: w lanes in order, then the .cl's hsum tree, then the tail in order (ints: any order)
        m.add("    public static " + jt + " chunkSum" + u + "(" + jt + "[] X, int xo, int from, int to) {");
        if (isInt(s)) {
            m.add("        " + jt + " r = 0;");
            m.add("        for (int i = from + xo, e = to + xo; i < e; i++) r += X[i];");
            m.add("        return r;");
        } else {
            List<String> decl = new ArrayList<>(), body = new ArrayList<>();
            for (int q = 0; q < w; q++) { decl.add("r" + q + " = 0"); body.add("r" + q + " += X[b + " + q + "];"); }
            m.add("        " + jt + " " + String.join(", ", decl) + ";");
            m.add("        int i = from;");
            m.add("        for (; i + " + w + " <= to; i += " + w + ") {");
            m.add("            int b = xo + i;");
            for (int q = 0; q < w; q += 8) m.add("            " + String.join(" ", body.subList(q, q + 8)));
            m.add("        }");
            List<String> tree = new ArrayList<>();
            for (int h = w / 2; h > 0; h >>= 1) {
                for (int q = 0; q < h; q++) tree.add("r" + q + " += r" + (q + h) + ";");
            }
            for (int q = 0; q < tree.size(); q += 8) m.add("        " + String.join(" ", tree.subList(q, Math.min(tree.size(), q + 8))));
            m.add("        " + jt + " r = r0;");
            m.add("        for (; i < to; i++) r += X[xo + i];");
            m.add("        return r;");
        }
        m.add("    }");
    }

    private void scanJava(String s) {
        String jt = TYPES.get(s).java(), acc = TYPES.get(s).acc(), u = upper(s);
        // scan_sums: the registration of sum_stage1 under another name
        redJava("sum", s, List.of("x"), List.of(), false);
        int first = j.size() - 6;
        j.set(first, j.get(first).replace("sum_stage1_" + s, "scan_sums_" + s));
        j.add("        src = src.withJava(\"scan_offsets_" + s + "\", (id, a) -> {");
        j.add("            if (id.x() != 0) return;");
        j.add("            " + jt + "[] v = a." + acc + "(0); int o = a.offset(0); long m = a.longValue(1);");
        j.add("            " + jt + " acc = 0;");
        j.add("            for (int i = 0; i < m; i++) { " + jt + " t = v[o + i]; v[o + i] = acc; acc += t; }");
        j.add("        });");
        j.add("        src = src.withJava(\"scan_apply_" + s + "\", (id, a) -> {");
        j.add("            long n = a.longValue(3);");
        j.add("            long c = chunk(n, id.globalSize(0)), s = id.x() * c;");
        j.add("            if (s >= n) return;");
        j.add("            " + jt + " start = a." + acc + "(2)[a.offset(2) + (int) id.x()];");
        j.add("            scanApply" + u + "(a." + acc + "(0), a.offset(0), a." + acc + "(1), a.offset(1), start, (int) s, (int) Math.min(n, s + c), a.intValue(4) != 0);");
        j.add("        });");
        m.add("    static void scanApply" + u + "(" + jt + "[] X, int xo, " + jt + "[] O, int oo, " + jt + " acc, int from, int to, boolean inclusive) {");
        // blocks of 8 whose own prefixes do not depend on acc: one loop-carried add per 8 elements (a scalar scan is
        // bound by the add latency, ~4 cycles an element, well below memory bandwidth)
        m.add("        int i = from;");
        m.add("        if (inclusive) {");
        m.add("            for (; i + 8 <= to; i += 8) {");
        m.add("                int b = xo + i, d = oo + i;");
        m.add("                " + jt + " p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4],"
                + " p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];");
        m.add("                O[d] = acc + p0; O[d + 1] = acc + p1; O[d + 2] = acc + p2; O[d + 3] = acc + p3;");
        m.add("                O[d + 4] = acc + p4; O[d + 5] = acc + p5; O[d + 6] = acc + p6; O[d + 7] = acc + p7;");
        m.add("                acc += p7;");
        m.add("            }");
        m.add("            for (; i < to; i++) { acc += X[xo + i]; O[oo + i] = acc; }");
        m.add("        } else {");
        m.add("            for (; i + 8 <= to; i += 8) {");
        m.add("                int b = xo + i, d = oo + i;");
        m.add("                " + jt + " p0 = X[b], p1 = p0 + X[b + 1], p2 = p1 + X[b + 2], p3 = p2 + X[b + 3], p4 = p3 + X[b + 4],"
                + " p5 = p4 + X[b + 5], p6 = p5 + X[b + 6], p7 = p6 + X[b + 7];");
        m.add("                O[d] = acc; O[d + 1] = acc + p0; O[d + 2] = acc + p1; O[d + 3] = acc + p2;");
        m.add("                O[d + 4] = acc + p3; O[d + 5] = acc + p4; O[d + 6] = acc + p5; O[d + 7] = acc + p6;");
        m.add("                acc += p7;");
        m.add("            }");
        m.add("            for (; i < to; i++) { " + jt + " v = X[xo + i]; O[oo + i] = acc; acc += v; }");
        m.add("        }");
        m.add("    }");
    }

    // ------------------------------------------------------------------------------------------- files

    private static final String CL_PRELUDE = """
/*
 * gpu4j built-in {what} kernels. GENERATED by org.gpu4j.kernels.gen.VectorOpsGenerator (kernels' tests) from
 * one table that also writes the .cu twin and the Java implementations (org.gpu4j.vector.VectorKernels); edit the
 * generator, not this file, then run it from the repository root: mvn -B -q -pl kernels test-compile &&
 * java -cp kernels/target/test-classes org.gpu4j.kernels.gen.VectorOpsGenerator
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
""";

    private static final String CU_PRELUDE = """
/*
 * gpu4j built-in {what} kernels (CUDA). GENERATED by org.gpu4j.kernels.gen.VectorOpsGenerator (kernels' tests)
 * from one table that also writes the .cl twin and the Java implementations (org.gpu4j.vector.VectorKernels); edit
 * the generator, not this file, then run it from the repository root: mvn -B -q -pl kernels test-compile &&
 * java -cp kernels/target/test-classes org.gpu4j.kernels.gen.VectorOpsGenerator
 *
 * Design. {design}
 * GPU shape: {gpu}
 * Integer arithmetic goes through the unsigned type so overflow wraps as in Java.
 */
#define WG {wg}
#define SEGMENT(n, P) (((((n) + (P) - 1) / (P)) + 15) & ~(long long)15)
#define mmin(a, b) ((a) < (b) ? (a) : (b))
""";

    private static String prelude(String template, String what, String design, String gpu) {
        return template.replace("{what}", what).replace("{design}", design).replace("{gpu}", gpu)
                .replace("{wg}", Integer.toString(WG));
    }

    /** Java's Math.min/max in C: NaN wins, and -0.0 is smaller than 0.0. */
    static String jminmax(String dialect, String s) {
        String c = ct(dialect, s), q = isCl(dialect) ? "static inline" : "static __device__ __forceinline__";
        List<String> r = new ArrayList<>();
        for (String op : List.of("min", "max")) {
            String cmp = op.equals("min") ? "<" : ">";
            String zero = op.equals("min") ? "signbit(a) ? a : b" : "signbit(a) ? b : a";
            r.add(q + " " + c + " j" + op + "_" + s + "(" + c + " a, " + c + " b) { return isnan(a) ? a : isnan(b) ? b : a "
                    + cmp + " b ? a : b " + cmp + " a ? b : (" + zero + "); }");
        }
        return String.join("\n", r) + "\n";
    }

    private static String fp64Wrap(String dialect, String s, String text) {
        return isCl(dialect) && s.equals("f64") ? "#ifdef GPU4J_FP64\n" + text + "#endif\n" : text;
    }

    /** The horizontal sum of an OpenCL vector of width w and scalar type st. */
    private static String hsum(String s, String st, int w) {
        String body = w == 16
                ? "const " + st + "8 a = v.lo + v.hi; const " + st + "4 b = a.lo + a.hi; const " + st + "2 c = b.lo + b.hi; return c.x + c.y;"
                : "const " + st + "4 b = v.lo + v.hi; const " + st + "2 c = b.lo + b.hi; return c.x + c.y;";
        return "static inline " + st + " hsum" + w + "_" + s + "(" + st + w + " v) { " + body + " }\n";
    }

    private static String scalarOfVector(String s) {
        return isInt(s) ? TYPES.get(s).ucl() : TYPES.get(s).cl();
    }

    private String[] genVector() {
        String design = "Element-wise kernels: out[i] = f(in[i]...) for i < n, no size has to be a multiple of anything.";
        String gpu = "a grid-stride loop, consecutive threads on consecutive elements (coalesced).";
        List<String> cl = new ArrayList<>(), cu = new ArrayList<>();
        cl.add(prelude(CL_PRELUDE, "element-wise vector", design, gpu));
        cl.add("#ifdef GPU4J_CPU\n"
                + "#define EW_LOOP(i, n) const long gs_ = (long)get_global_size(0), ch_ = SEGMENT(n, gs_), s_ = (long)get_global_id(0) * ch_,"
                + " e_ = min(s_ + ch_, (long)(n)); for (long i = s_; i < e_; i++)\n"
                + "#else\n"
                + "#define EW_LOOP(i, n) for (long i = (long)get_global_id(0); i < (n); i += (long)get_global_size(0))\n"
                + "#endif\n");
        cu.add(prelude(CU_PRELUDE, "element-wise vector", design, gpu));
        cu.add("#define EW_LOOP(i, n) for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n);"
                + " i += (long long)gridDim.x * blockDim.x)\n");
        for (String s : FLOATS) {
            cl.add(fp64Wrap("cl", s, jminmax("cl", s)));
            cu.add(jminmax("cu", s));
        }
        for (String s : ALL) {
            List<String> ctext = new ArrayList<>(), utext = new ArrayList<>();
            for (Ew ew : EW) {
                if (!ew.types().contains(s)) continue;
                ctext.add(ewDevice("cl", ew.op(), s, ew.params()));
                utext.add(ewDevice("cu", ew.op(), s, ew.params()));
                ewJava(ew.op(), s, ew.params());
            }
            cl.add(fp64Wrap("cl", s, String.join("\n", ctext)));
            cu.add(String.join("\n", utext));
        }
        return new String[] {String.join("\n", cl), String.join("\n", cu)};
    }

    private String[] genReduce() {
        String design = "Reductions in two passes: pass 1 writes one partial per segment (P segments, P <= a few thousand),"
                + " the host reads the P partials and combines them (in double for float, compensated for double).\n"
                + " * Float accumulates in float on the device; the order is a tree, so |error| <= (n/(P*L) + log2(L) + 1)*eps*sum|x_i|\n"
                + " * (L = 256 threads on GPUs; on CPUs 16 lanes and blocks of 4096).";
        String gpu = "work-group k (256 threads) reduces segment k, threads striding by 256 (coalesced), then a tree in\n"
                + " * local/shared memory; no atomics. min/max/amax propagate NaN as Java's Math.min/max do.";
        List<String> cl = new ArrayList<>(), cu = new ArrayList<>();
        cl.add(prelude(CL_PRELUDE, "reduction", design, gpu));
        cu.add(prelude(CU_PRELUDE, "reduction", design, gpu)
                + "/* NVRTC has no host <math.h>, so no INFINITY/NAN macros: the values by their bits (NaN is Java's canonical one). */\n"
                + "#define F32_INF __int_as_float(0x7f800000)\n"
                + "#define F32_NAN __int_as_float(0x7fc00000)\n"
                + "#define F64_INF __longlong_as_double(0x7ff0000000000000LL)\n"
                + "#define F64_NAN __longlong_as_double(0x7ff8000000000000LL)\n");
        for (String s : FLOATS) {
            String c = TYPES.get(s).cl();
            int w = TYPES.get(s).width();
            List<String> hcl = new ArrayList<>(), hcu = new ArrayList<>();
            hcl.add("static inline " + c + " sq_" + s + "(" + c + " v) { return v * v; }");
            hcl.add("static inline " + c + w + " sq" + w + "_" + s + "(" + c + w + " v) { return v * v; }");
            hcu.add("static __device__ __forceinline__ " + c + " sq_" + s + "(" + c + " v) { return v * v; }");
            for (String op : List.of("argmin", "argmax")) {
                String better = op.equals("argmax") ? ">" : "<";
                String body = "{ return isnan(vb) ? (!isnan(va) || ib < ia) : (!isnan(va) && (vb " + better
                        + " va || (vb == va && ib < ia))); }";
                hcl.add("/* true when (vb, ib) should replace (va, ia): NaN first, then the extreme, then the lower index */\n"
                        + "static inline int " + op + "_takes_" + s + "(" + c + " vb, long ib, " + c + " va, long ia) " + body);
                hcu.add("static __device__ __forceinline__ bool " + op + "_takes_" + s + "(" + c + " vb, long long ib, " + c
                        + " va, long long ia) " + body);
            }
            cl.add(fp64Wrap("cl", s, String.join("\n", hcl) + "\n"));
            cu.add(String.join("\n", hcu) + "\n");
        }
        for (String s : ALL) cl.add(fp64Wrap("cl", s, hsum(s, scalarOfVector(s), TYPES.get(s).width())));
        for (String s : ALL) {
            List<String> ctext = new ArrayList<>(), utext = new ArrayList<>();
            for (Red r : RED) {
                if (!r.types().contains(s)) continue;
                ctext.add(redDevice("cl", r.op(), s, r.ins(), r.scalars()));
                utext.add(redDevice("cu", r.op(), s, r.ins(), r.scalars()));
                redJava(r.op(), s, r.ins(), r.scalars(), true);
            }
            if (FLOATS.contains(s)) {
                for (String op : List.of("argmin", "argmax")) {
                    ctext.add(argDevice("cl", op, s));
                    utext.add(argDevice("cu", op, s));
                    argJava(op, s);
                }
            }
            cl.add(fp64Wrap("cl", s, String.join("\n", ctext)));
            cu.add(String.join("\n", utext));
        }
        return new String[] {String.join("\n", cl), String.join("\n", cu)};
    }

    /** Elements per chunk of scan_chunked_T (64 KiB of floats: a few chunks stay in a core's L2 while scanned). */
    static final int SCAN_CHUNK = 16_384;

    private String[] genScan() {
        String design = "Prefix sums. GPU-shaped plans run three phases (reduce, scan the block totals, scan again with\n"
                + " * offsets), work-efficient: scan_sums_T writes the total of each of P segments, scan_offsets_T turns the P\n"
                + " * totals into exclusive offsets in place (one work-group), scan_apply_T scans each segment from its offset.\n"
                + " * CPU-shaped plans (PoCL with -DGPU4J_CPU, and the Java twin) run scan_chunked_T, one pass over chunks of\n"
                + " * SCAN_CHUNK elements claimed in index order through an atomic counter: sum the chunk, publish the sum,\n"
                + " * fold the predecessors' published prefixes and sums into its carry (summing a slow predecessor itself after\n"
                + " * a bounded spin: no chunk waits unboundedly), publish its inclusive prefix, scan the chunk from the carry\n"
                + " * while it is still in cache (about 2n of memory traffic instead of 3n). Its float results depend only on n\n"
                + " * (fixed chunks, one fold order; the chunk sums are the same bits in the .cl, .cu and Java twins, the blocks of\n"
                + " * 8 are scanned in registers in the .cl and as a chain in the .cu and Java). In and out may be the same array.";
        String gpu = "work-group k scans segment k in tiles of 512 with a Blelloch up-sweep/down-sweep in local/shared memory,\n"
                + " * carrying the running total from tile to tile.";
        List<String> cl = new ArrayList<>(), cu = new ArrayList<>();
        String chunk = "/* Elements per chunk of scan_chunked_T (VectorKernels.SCAN_CHUNK on the Java side). */\n#define SCAN_CHUNK "
                + SCAN_CHUNK + "\n";
        cl.add(prelude(CL_PRELUDE, "scan", design, gpu) + chunk + scanStatusDevice("cl"));
        cu.add(prelude(CU_PRELUDE, "scan", design, gpu) + chunk + scanStatusDevice("cu"));
        for (String s : ALL) {
            cl.add(fp64Wrap("cl", s, hsum(s, scalarOfVector(s), TYPES.get(s).width())));
            cl.add(fp64Wrap("cl", s, scanDevice("cl", s)));
            cl.add(fp64Wrap("cl", s, scanChunkedDevice("cl", s)));
            cu.add(scanDevice("cu", s));
            cu.add(scanChunkedDevice("cu", s));
            scanJava(s);
            scanChunkedJava(s);
        }
        return new String[] {String.join("\n", cl), String.join("\n", cu)};
    }

    private static final String JAVA_HEAD = """
package org.gpu4j.vector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.gpu4j.KernelSource;

/**
 * The Java implementations of the built-in vector kernels, attached to the {@code vector}, {@code reduce} and
 * {@code scan} kernel sources. Internal: {@link org.gpu4j.Vectors} is the API. GENERATED, together with the .cl and
 * .cu files, by {@code org.gpu4j.kernels.gen.VectorOpsGenerator} in the kernels module's tests; edit the generator,
 * not this file, then run it from the repository root: {@code mvn -B -q -pl kernels test-compile &&
 * java -cp kernels/target/test-classes org.gpu4j.kernels.gen.VectorOpsGenerator}.
 *
 * <p>Every kernel treats work-item {@code k} of {@code G} as the contiguous chunk {@code [k*c, min((k+1)*c, n))},
 * {@code c = roundUp16(ceil(n / G))} (the same segments as the OpenCL CPU variant), and runs a tight loop over it
 * in a static method so C2 compiles and vectorises it; reductions write one partial per work-item. The exception is
 * {@code scan_chunked_T}: its work-items take chunks of {@link #SCAN_CHUNK} elements in index order from a counter
 * (acquire/release status flags through a {@link VarHandle}), so which work-item scans a chunk does not matter.
 */
public final class VectorKernels {
    private VectorKernels() {}

    /** Elements per work-item for n elements over g work-items: ceil(n / g) rounded up to a multiple of 16. */
    public static long chunk(long n, long g) {
        return ((n + g - 1) / g + 15) & ~15L;
    }

    static double sq(double v) { return v * v; }

    /** Elements per chunk of the single-pass scans ({@code scan_chunked_T}; {@code SCAN_CHUNK} in scan.cl/.cu). */
    public static final int SCAN_CHUNK = {chunk};
    /**
     * Most chunks one Java work-item of {@code scan_chunked_T} takes: launched with one work-item per chunk, the first
     * few items (which the launcher may run on the calling thread) cannot take every chunk from the pool's workers.
     */
    static final int SCAN_CHUNKS_PER_ITEM = 8;
    /** How long a chunk waits for a predecessor's sum before summing that chunk itself (scan.cl's SCAN_SPIN). */
    static final long SCAN_SPIN_NANOS = 20_000;
    private static final VarHandle STATUS = MethodHandles.arrayElementVarHandle(int[].class);

    /**
     * Chunk k's status in {@code S[so + 1 + k]} (0 nothing, 1 its sum, 2 its inclusive prefix published), read with
     * acquire after spinning at most {@link #SCAN_SPIN_NANOS} for it to leave 0 (then the caller sums the chunk itself).
     */
    static int scanStatus(int[] S, int so, int k) {
        int v = (int) STATUS.getAcquire(S, so + 1 + k);
        if (v != 0) return v;
        long start = System.nanoTime();
        do {
            Thread.onSpinWait();
            v = (int) STATUS.getAcquire(S, so + 1 + k);
        } while (v == 0 && System.nanoTime() - start < SCAN_SPIN_NANOS);
        return v;
    }

    private static KernelSource load(String base) {
        try {
            return KernelSource.resource(base);
        } catch (IllegalArgumentException noKernelsJar) {
            return KernelSource.named(base); // gpu4j-kernels absent: the Java CPU backend needs only the Java twins
        }
    }
""";
}
