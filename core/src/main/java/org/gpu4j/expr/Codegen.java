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
import org.gpu4j.expr.Ast.Ref;
import org.gpu4j.expr.Ast.Stmt;
import org.gpu4j.expr.Ast.Unary;

/**
 * Writes the OpenCL C and CUDA C kernels of element-wise, reduction and scan snippets. Two shapes:
 * <ul>
 * <li>{@link Shape#GPU}: element-wise kernels are grid-stride loops; reductions accumulate over a grid-stride loop
 *     and then reduce each work-group as a tree in local (shared) memory, writing one partial per group; a second
 *     launch of one group reduces the partials.</li>
 * <li>{@link Shape#CPU} (CPU OpenCL devices such as PoCL): every work-item owns one contiguous chunk of indices and
 *     loops over it with a private accumulator; no local memory, no barriers. The second reduction pass is one
 *     work-item.</li>
 * </ul>
 * Scans have three passes on both shapes. CPU: pass 1 reduces each work-item's chunk, pass 2 (one work-item) scans
 * the chunk totals exclusively, pass 3 re-scans each chunk from its carry and runs the output statement. GPU
 * ({@link #gpuScan}): each work-group walks its segment in tiles of {@link #GPU_GROUP} elements; pass 1 reduces the
 * tiles in local memory in index order, pass 2 (one work-group) scans the group totals, pass 3 scans each tile in
 * local memory from the carry.
 * All generated names start with {@code gpu4j_}, which snippets may not use (the combining functions are
 * {@code gpu4j_combine}). OpenCL sources start with {@code #pragma OPENCL FP_CONTRACT OFF}, so that floating
 * results are the same on every device (no FMA contraction); the helpers {@link CEmitter} used follow the header.
 *
 * <p>A kernel whose snippets index an array with anything but {@code i} is <em>guarded</em> ({@link #guarded}):
 * its kernels that see the user's arguments take, after {@code n}, the length of every array argument
 * ({@code long gpu4j_len_<name>}, in declaration order) and the error word {@code int *gpu4j_err} (5 ints: the
 * 1-based parameter of the array, then {@code i} and the index as two ints each, low first), which the host
 * ({@link Guard}) zeroes before and reads after the launch. Indexing with {@code i} is always in range because every
 * array is at least {@code n} long (checked at launch), so such kernels pay nothing.
 */
final class Codegen {
    enum Shape { GPU, CPU }

    /** Work-group size of the GPU reduction tree; a power of two. */
    static final int GPU_GROUP = org.gpu4j.internal.LaunchPlan.GROUP;

    private final Dialect d;
    private final CEmitter em;
    /** Whether the kernels being generated take the guard's hidden parameters. */
    private boolean guarded;

    Codegen(Dialect d) {
        this.d = d;
        this.em = new CEmitter(d);
    }

    /** Whether {@code e} is the kernel's index {@code i}. */
    static boolean isI(Expr e) {
        while (e instanceof Conv c && !c.explicit) e = c.operand;
        return e instanceof Ref r && r.sym.kind == Sym.Kind.BUILTIN && r.sym.name.equals("i");
    }

    /** Whether any of these statements or expressions (nulls ignored) indexes an array with anything but {@code i}. */
    static boolean guarded(List<Stmt> stmts, Expr... exprs) {
        if (stmts != null) for (Stmt s : stmts) if (needs(s)) return true;
        for (Expr e : exprs) if (e != null && needs(e)) return true;
        return false;
    }

    private static boolean needs(Stmt s) {
        if (s instanceof Assign a) return needs(a.target) || needs(a.value) || needs(a.stored);
        if (s instanceof Decl dc) return dc.init != null && needs(dc.init);
        if (s instanceof If f) return needs(f.cond) || needs(f.then) || (f.otherwise != null && needs(f.otherwise));
        if (s instanceof Block b) return guarded(b.body);
        return s instanceof ExprStmt e && needs(e.expr);
    }

    private static boolean needs(Expr e) {
        if (e instanceof Index ix) return !isI(ix.index) || needs(ix.index);
        if (e instanceof Unary u) return needs(u.operand);
        if (e instanceof Binary b) return needs(b.left) || needs(b.right);
        if (e instanceof Cond c) return needs(c.cond) || needs(c.then) || needs(c.otherwise);
        if (e instanceof Conv c) return needs(c.operand);
        if (e instanceof Call c) {
            for (Expr a : c.args) if (needs(a)) return true;
        }
        return false;
    }

    /** The guard's hidden parameters, after n, or "". */
    private String guardParams(Arguments args) {
        if (!guarded) return "";
        StringBuilder sb = new StringBuilder();
        for (Sym s : args.params) if (s.isArray()) sb.append(", ").append(longT()).append(" gpu4j_len_").append(s.name);
        return sb.append(", ").append(cl() ? "__global " : "").append("int *gpu4j_err").toString();
    }

    private void guard(boolean on) {
        guarded = on;
        em.guard = on;
    }

    /** The header, the pragma (OpenCL), the helpers the emitter used, then the kernels. */
    private String assemble(String header, StringBuilder kernels) {
        StringBuilder out = new StringBuilder(header);
        if (cl()) out.append("#pragma OPENCL FP_CONTRACT OFF\n\n");
        out.append(em.helpers());
        return out.append(kernels).toString();
    }

    private boolean cl() { return d == Dialect.OPENCL; }
    private String longT() { return cl() ? "long" : "long long"; }
    private String t(ElementType t) { return em.type(t); }
    private String kernel() { return cl() ? "__kernel void " : "extern \"C\" __global__ void "; }
    private String gid() { return cl() ? "(long)get_global_id(0)" : "((long long)blockIdx.x * blockDim.x + threadIdx.x)"; }
    private String gsize() { return cl() ? "(long)get_global_size(0)" : "((long long)blockDim.x * gridDim.x)"; }
    private String lid() { return cl() ? "(int)get_local_id(0)" : "(int)threadIdx.x"; }
    private String group() { return cl() ? "get_group_id(0)" : "blockIdx.x"; }
    private String barrier() { return cl() ? "barrier(CLK_LOCAL_MEM_FENCE);" : "__syncthreads();"; }
    private String shared(ElementType et, String name, int size) {
        return (cl() ? "__local " : "__shared__ ") + t(et) + " " + name + "[" + size + "];";
    }
    private String array(ElementType et, String name, boolean writable) {
        return (cl() ? "__global " : "") + (writable ? "" : "const ") + t(et) + " *" + name;
    }

    private String params(Arguments args) {
        StringBuilder sb = new StringBuilder();
        for (Sym s : args.params) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(s.isArray() ? array(s.type, s.name, s.writable) : t(s.type) + " " + s.name);
        }
        return sb.toString();
    }

    private static String header(String what, String[][] snippets, String preamble) {
        StringBuilder out = new StringBuilder();
        out.append("// gpu4j ").append(what).append(" kernel, generated from:\n");
        for (String[] s : snippets) {
            out.append("//   ").append(s[0]).append(": ").append(s[1].replace("\r", "").replace("\n", "\n//     ")).append('\n');
        }
        if (preamble != null && !preamble.isBlank()) out.append(preamble.strip()).append('\n');
        out.append('\n');
        return out.toString();
    }

    /**
     * The loop header over this work-item's indices {@code i}; in a guarded kernel, first the work-item's record of
     * an access out of bounds (kept in private variables, so that the loop stays free of atomics and vectorises;
     * {@link #report} publishes it after the loop).
     */
    private void loop(StringBuilder out, Shape shape, String indent) {
        if (guarded) {
            out.append(indent).append("int gpu4j_bad = 0;\n");
            out.append(indent).append(longT()).append(" gpu4j_bi = 0, gpu4j_bj = 0;\n");
        }
        if (shape == Shape.GPU) {
            out.append(indent).append("for (").append(longT()).append(" i = ").append(gid()).append("; i < n; i += ")
                    .append(gsize()).append(") {\n");
        } else {
            chunk(out, indent);
            out.append(indent).append("for (").append(longT()).append(" i = gpu4j_start; i < gpu4j_end; i++) {\n");
        }
    }

    /** After a guarded loop: the work-item's out-of-bounds record, if any, into the error word (the first one wins). */
    private void report(StringBuilder out) {
        if (guarded) out.append("    if (gpu4j_bad) gpu4j_report(gpu4j_err, gpu4j_bad, gpu4j_bi, gpu4j_bj);\n");
    }

    private void chunk(StringBuilder out, String indent) {
        out.append(indent).append(longT()).append(" gpu4j_chunk = (n + ").append(gsize()).append(" - 1) / ").append(gsize()).append(";\n");
        out.append(indent).append(longT()).append(" gpu4j_start = ").append(gid()).append(" * gpu4j_chunk;\n");
        out.append(indent).append(longT()).append(" gpu4j_end = min(gpu4j_start + gpu4j_chunk, n);\n");
    }

    // ------------------------------------------------------------------ element-wise

    String elementwise(String name, Arguments args, String argText, String operation, List<Stmt> body, String preamble, Shape shape) {
        StringBuilder out = new StringBuilder();
        guard(guarded(body));
        String header = header("element-wise", new String[][] {{"arguments", argText}, {"operation", operation}}, preamble);
        out.append(kernel()).append(name).append('(').append(params(args)).append(", ").append(longT()).append(" n")
                .append(guardParams(args)).append(")\n{\n");
        loop(out, shape, "    ");
        em.statements(body, "        ", out);
        out.append("    }\n");
        report(out);
        out.append("}\n");
        return assemble(header, out);
    }

    // ------------------------------------------------------------------ reduction

    private void combiner(StringBuilder out, String name, ElementType type, Sym a, Sym b, Expr combine) {
        boolean was = em.guard;
        em.guard = false; // no arrays in scope
        out.append(cl() ? "" : "__device__ ").append(t(type)).append(' ').append(name).append('(').append(t(type))
                .append(' ').append(a.name).append(", ").append(t(type)).append(' ').append(b.name).append(")\n{\n")
                .append("    return ").append(em.expr(combine)).append(";\n}\n\n");
        em.guard = was;
    }

    String reduction(String name, Arguments args, String[][] snippets, ElementType type, Expr neutral, Sym a, Sym b,
                     Expr reduce, Expr map, Shape shape) {
        StringBuilder out = new StringBuilder();
        String T = t(type);
        String red = "gpu4j_combine";
        guard(guarded(null, map));
        String header = header("reduction", snippets, null);
        combiner(out, red, type, a, b, reduce);
        out.append(kernel()).append(name).append("_stage1(").append(params(args)).append(", ")
                .append(array(type, "gpu4j_partial", true)).append(", ").append(longT()).append(" n").append(guardParams(args))
                .append(")\n{\n");
        if (shape == Shape.GPU) {
            out.append("    ").append(shared(type, "gpu4j_scratch", GPU_GROUP)).append('\n');
        }
        out.append("    ").append(T).append(" gpu4j_acc = ").append(em.expr(neutral)).append(";\n");
        if (shape == Shape.GPU) {
            loop(out, shape, "    ");
            out.append("        gpu4j_acc = ").append(red).append("(gpu4j_acc, ").append(em.expr(map)).append(");\n");
            out.append("    }\n");
        } else {
            cpuAccumulate(out, red, T, neutral, map);
        }
        report(out);
        if (shape == Shape.GPU) {
            tree(out, red, "gpu4j_partial[" + group() + "]");
        } else {
            out.append("    gpu4j_partial[").append(gid()).append("] = gpu4j_acc;\n");
        }
        out.append("}\n\n");
        out.append(kernel()).append(name).append("_stage2(").append(array(type, "gpu4j_partial", true)).append(", ")
                .append(longT()).append(" gpu4j_m, ").append(array(type, "gpu4j_result", true)).append(")\n{\n");
        if (shape == Shape.GPU) {
            out.append("    ").append(shared(type, "gpu4j_scratch", GPU_GROUP)).append('\n');
            out.append("    ").append(T).append(" gpu4j_acc = ").append(em.expr(neutral)).append(";\n");
            out.append("    for (").append(longT()).append(" gpu4j_k = ").append(lid()).append("; gpu4j_k < gpu4j_m; gpu4j_k += ")
                    .append(GPU_GROUP).append(")\n");
            out.append("        gpu4j_acc = ").append(red).append("(gpu4j_acc, gpu4j_partial[gpu4j_k]);\n");
            tree(out, red, "gpu4j_result[0]");
        } else {
            out.append("    ").append(T).append(" gpu4j_acc = ").append(em.expr(neutral)).append(";\n");
            out.append("    for (").append(longT()).append(" gpu4j_k = 0; gpu4j_k < gpu4j_m; gpu4j_k++)\n");
            out.append("        gpu4j_acc = ").append(red).append("(gpu4j_acc, gpu4j_partial[gpu4j_k]);\n");
            out.append("    gpu4j_result[0] = gpu4j_acc;\n");
        }
        out.append("}\n");
        return assemble(header, out);
    }

    /** Independent accumulators per work-item in a CPU-shaped reduction's pass 1 (see {@link #cpuAccumulate}). */
    static final int CPU_CHAINS = 8;

    /**
     * Pass 1 of a CPU-shaped reduction: the work-item's chunk in steps of {@value #CPU_CHAINS} indices, index
     * {@code i + k} combined into accumulator {@code k}, the chunk's last {@code < 8} indices into accumulator 0, then
     * the accumulators combined in a fixed tree into {@code gpu4j_acc}. One accumulator made every combine wait for
     * the one before (a float add's latency, about 4 cycles an element: measured 0.41 x read bandwidth for a sum on
     * PoCL); eight independent chains keep the core's adders busy. Reductions are associative and commutative by
     * contract, and the order is fixed, so results are deterministic for a given launch.
     */
    private void cpuAccumulate(StringBuilder out, String red, String T, Expr neutral, Expr map) {
        String L = longT(), nv = em.expr(neutral), mv = em.expr(map);
        if (guarded) {
            out.append("    int gpu4j_bad = 0;\n");
            out.append("    ").append(L).append(" gpu4j_bi = 0, gpu4j_bj = 0;\n");
        }
        chunk(out, "    ");
        out.append("    ").append(T);
        for (int k = 1; k < CPU_CHAINS; k++) out.append(k == 1 ? " " : ", ").append("gpu4j_acc").append(k).append(" = ").append(nv);
        out.append(";\n");
        out.append("    ").append(L).append(" gpu4j_i = gpu4j_start;\n");
        out.append("    for (; gpu4j_i + ").append(CPU_CHAINS).append(" <= gpu4j_end; gpu4j_i += ").append(CPU_CHAINS).append(") {\n");
        for (int k = 0; k < CPU_CHAINS; k++) {
            String acc = k == 0 ? "gpu4j_acc" : "gpu4j_acc" + k;
            out.append("        { const ").append(L).append(" i = gpu4j_i").append(k == 0 ? "" : " + " + k).append("; ")
                    .append(acc).append(" = ").append(red).append('(').append(acc).append(", ").append(mv).append("); }\n");
        }
        out.append("    }\n");
        out.append("    for (").append(L).append(" i = gpu4j_i; i < gpu4j_end; i++) {\n");
        out.append("        gpu4j_acc = ").append(red).append("(gpu4j_acc, ").append(mv).append(");\n");
        out.append("    }\n");
        // ((0+1)+(2+3))+((4+5)+(6+7))
        out.append("    gpu4j_acc = ").append(red).append('(').append(red).append('(').append(red).append("(gpu4j_acc, gpu4j_acc1), ")
                .append(red).append("(gpu4j_acc2, gpu4j_acc3)), ").append(red).append('(').append(red)
                .append("(gpu4j_acc4, gpu4j_acc5), ").append(red).append("(gpu4j_acc6, gpu4j_acc7)));\n");
    }

    private void tree(StringBuilder out, String red, String dest) {
        out.append("    int gpu4j_lid = ").append(lid()).append(";\n");
        out.append("    gpu4j_scratch[gpu4j_lid] = gpu4j_acc;\n");
        out.append("    ").append(barrier()).append('\n');
        out.append("    for (int gpu4j_s = ").append(GPU_GROUP / 2).append("; gpu4j_s > 0; gpu4j_s >>= 1) {\n");
        out.append("        if (gpu4j_lid < gpu4j_s)\n");
        out.append("            gpu4j_scratch[gpu4j_lid] = ").append(red)
                .append("(gpu4j_scratch[gpu4j_lid], gpu4j_scratch[gpu4j_lid + gpu4j_s]);\n");
        out.append("        ").append(barrier()).append('\n');
        out.append("    }\n");
        out.append("    if (gpu4j_lid == 0)\n        ").append(dest).append(" = gpu4j_scratch[0];\n");
    }

    // ------------------------------------------------------------------ scan

    String scan(String name, Arguments args, String[][] snippets, ElementType type, Expr neutral, Sym a, Sym b,
                Expr combine, Expr input, List<Stmt> output, Shape shape) {
        if (shape == Shape.GPU) return gpuScan(name, args, snippets, type, neutral, a, b, combine, input, output);
        StringBuilder out = new StringBuilder();
        String T = t(type);
        String sc = "gpu4j_combine";
        guard(guarded(output, input));
        String header = header("scan", snippets, null);
        combiner(out, sc, type, a, b, combine);
        // pass 1: the total of each chunk
        out.append(kernel()).append(name).append("_stage1(").append(params(args)).append(", ")
                .append(array(type, "gpu4j_partial", true)).append(", ").append(longT()).append(" n").append(guardParams(args))
                .append(")\n{\n");
        out.append("    ").append(T).append(" gpu4j_acc = ").append(em.expr(neutral)).append(";\n");
        loop(out, Shape.CPU, "    ");
        out.append("        gpu4j_acc = ").append(sc).append("(gpu4j_acc, ").append(em.expr(input)).append(");\n");
        out.append("    }\n");
        report(out);
        out.append("    gpu4j_partial[").append(gid()).append("] = gpu4j_acc;\n}\n\n");
        // pass 2: exclusive scan of the chunk totals, in place, by one work-item
        out.append(kernel()).append(name).append("_stage2(").append(array(type, "gpu4j_partial", true)).append(", ")
                .append(longT()).append(" gpu4j_m)\n{\n");
        out.append("    ").append(T).append(" gpu4j_acc = ").append(em.expr(neutral)).append(";\n");
        out.append("    for (").append(longT()).append(" gpu4j_k = 0; gpu4j_k < gpu4j_m; gpu4j_k++) {\n");
        out.append("        ").append(T).append(" gpu4j_t = gpu4j_partial[gpu4j_k];\n");
        out.append("        gpu4j_partial[gpu4j_k] = gpu4j_acc;\n");
        out.append("        gpu4j_acc = ").append(sc).append("(gpu4j_acc, gpu4j_t);\n");
        out.append("    }\n}\n\n");
        // pass 3: each chunk from its carry; item is the inclusive, prev_item the exclusive value at i
        out.append(kernel()).append(name).append("_stage3(").append(params(args)).append(", ")
                .append(array(type, "gpu4j_partial", true)).append(", ").append(longT()).append(" n").append(guardParams(args))
                .append(")\n{\n");
        out.append("    ").append(T).append(" gpu4j_acc = gpu4j_partial[").append(gid()).append("];\n");
        loop(out, Shape.CPU, "    ");
        out.append("        ").append(T).append(" prev_item = gpu4j_acc;\n");
        out.append("        ").append(T).append(" item = ").append(sc).append("(gpu4j_acc, ").append(em.expr(input)).append(");\n");
        out.append("        gpu4j_acc = item;\n");
        out.append("        {\n");
        em.statements(output, "            ", out);
        out.append("        }\n");
        out.append("    }\n");
        report(out);
        out.append("}\n");
        return assemble(header, out);
    }

    /**
     * The GPU-shaped scan: work-group {@code g} of the {@code P} groups owns the segment {@code [g*seg, (g+1)*seg)}
     * ({@code seg = ceil(n/P)} rounded up to whole tiles of {@link #GPU_GROUP}), which it walks tile by tile, one
     * element per work-item, coalesced. Pass 1 reduces each tile in local memory in index order (pairs at doubling
     * strides, so the combine need not be commutative) into the group's running total; pass 2 (one group) scans the
     * P totals exclusively, tile by tile with a carry; pass 3 scans each tile in local memory (Hillis-Steele, in
     * index order), adds the carry on the left and runs the output statement. Elements past n are never combined.
     * Every input is read before any output of its tile is written, so in-place scans work as on the CPU shape.
     */
    private String gpuScan(String name, Arguments args, String[][] snippets, ElementType type, Expr neutral, Sym a, Sym b,
                           Expr combine, Expr input, List<Stmt> output) {
        StringBuilder out = new StringBuilder();
        String T = t(type), L = longT(), G = String.valueOf(GPU_GROUP);
        String sc = "gpu4j_combine";
        String groups = cl() ? "(long)get_num_groups(0)" : "(long long)gridDim.x";
        guard(guarded(output, input));
        String header = header("scan", snippets, null);
        combiner(out, sc, type, a, b, combine);
        // pass 1: the total of each group's segment
        out.append(kernel()).append(name).append("_stage1(").append(params(args)).append(", ")
                .append(array(type, "gpu4j_partial", true)).append(", ").append(L).append(" n").append(guardParams(args))
                .append(")\n{\n");
        out.append("    ").append(shared(type, "gpu4j_scratch", GPU_GROUP)).append('\n');
        gpuSegment(out, groups);
        if (guarded) {
            out.append("    int gpu4j_bad = 0;\n");
            out.append("    ").append(L).append(" gpu4j_bi = 0, gpu4j_bj = 0;\n");
        }
        out.append("    ").append(T).append(" gpu4j_acc = ").append(em.expr(neutral)).append(";\n");
        out.append("    for (").append(L).append(" gpu4j_t = gpu4j_s; gpu4j_t < gpu4j_e; gpu4j_t += ").append(G).append(") {\n");
        out.append("        ").append(L).append(" gpu4j_cnt = min((").append(L).append(")").append(G).append(", gpu4j_e - gpu4j_t);\n");
        out.append("        if (gpu4j_lid < gpu4j_cnt) {\n");
        out.append("            ").append(L).append(" i = gpu4j_t + gpu4j_lid;\n");
        out.append("            gpu4j_scratch[gpu4j_lid] = ").append(em.expr(input)).append(";\n");
        out.append("        }\n");
        out.append("        ").append(barrier()).append('\n');
        out.append("        for (int gpu4j_o = 1; gpu4j_o < ").append(G).append("; gpu4j_o <<= 1) {\n");
        out.append("            if ((gpu4j_lid & (2 * gpu4j_o - 1)) == 0 && gpu4j_lid + gpu4j_o < gpu4j_cnt)\n");
        out.append("                gpu4j_scratch[gpu4j_lid] = ").append(sc).append("(gpu4j_scratch[gpu4j_lid], gpu4j_scratch[gpu4j_lid + gpu4j_o]);\n");
        out.append("            ").append(barrier()).append('\n');
        out.append("        }\n");
        out.append("        if (gpu4j_lid == 0) gpu4j_acc = ").append(sc).append("(gpu4j_acc, gpu4j_scratch[0]);\n");
        out.append("        ").append(barrier()).append('\n');
        out.append("    }\n");
        report(out);
        out.append("    if (gpu4j_lid == 0) gpu4j_partial[").append(group()).append("] = gpu4j_acc;\n}\n\n");
        // pass 2: exclusive scan of the group totals, in place, by one work-group
        out.append(kernel()).append(name).append("_stage2(").append(array(type, "gpu4j_partial", true)).append(", ")
                .append(L).append(" gpu4j_m)\n{\n");
        out.append("    ").append(shared(type, "gpu4j_scratch", GPU_GROUP)).append('\n');
        out.append("    int gpu4j_lid = ").append(lid()).append(";\n");
        out.append("    ").append(T).append(" gpu4j_carry = ").append(em.expr(neutral)).append(";\n");
        out.append("    for (").append(L).append(" gpu4j_t = 0; gpu4j_t < gpu4j_m; gpu4j_t += ").append(G).append(") {\n");
        out.append("        ").append(L).append(" gpu4j_cnt = min((").append(L).append(")").append(G).append(", gpu4j_m - gpu4j_t);\n");
        out.append("        if (gpu4j_lid < gpu4j_cnt) gpu4j_scratch[gpu4j_lid] = gpu4j_partial[gpu4j_t + gpu4j_lid];\n");
        tileScan(out, sc, T, "        ");
        out.append("        if (gpu4j_lid < gpu4j_cnt) gpu4j_partial[gpu4j_t + gpu4j_lid] = gpu4j_lid == 0 ? gpu4j_carry : ")
                .append(sc).append("(gpu4j_carry, gpu4j_scratch[gpu4j_lid - 1]);\n");
        carry(out, sc, "        ");
        out.append("    }\n}\n\n");
        // pass 3: each tile scanned from the carry; item is the inclusive, prev_item the exclusive value at i
        out.append(kernel()).append(name).append("_stage3(").append(params(args)).append(", ")
                .append(array(type, "gpu4j_partial", true)).append(", ").append(L).append(" n").append(guardParams(args))
                .append(")\n{\n");
        out.append("    ").append(shared(type, "gpu4j_scratch", GPU_GROUP)).append('\n');
        gpuSegment(out, groups);
        if (guarded) {
            out.append("    int gpu4j_bad = 0;\n");
            out.append("    ").append(L).append(" gpu4j_bi = 0, gpu4j_bj = 0;\n");
        }
        out.append("    ").append(T).append(" gpu4j_carry = gpu4j_partial[").append(group()).append("];\n");
        out.append("    for (").append(L).append(" gpu4j_t = gpu4j_s; gpu4j_t < gpu4j_e; gpu4j_t += ").append(G).append(") {\n");
        out.append("        ").append(L).append(" gpu4j_cnt = min((").append(L).append(")").append(G).append(", gpu4j_e - gpu4j_t);\n");
        out.append("        if (gpu4j_lid < gpu4j_cnt) {\n");
        out.append("            ").append(L).append(" i = gpu4j_t + gpu4j_lid;\n");
        out.append("            gpu4j_scratch[gpu4j_lid] = ").append(em.expr(input)).append(";\n");
        out.append("        }\n");
        tileScan(out, sc, T, "        ");
        out.append("        if (gpu4j_lid < gpu4j_cnt) {\n");
        out.append("            ").append(L).append(" i = gpu4j_t + gpu4j_lid;\n");
        out.append("            ").append(T).append(" prev_item = gpu4j_lid == 0 ? gpu4j_carry : ").append(sc)
                .append("(gpu4j_carry, gpu4j_scratch[gpu4j_lid - 1]);\n");
        out.append("            ").append(T).append(" item = ").append(sc).append("(gpu4j_carry, gpu4j_scratch[gpu4j_lid]);\n");
        out.append("            {\n");
        em.statements(output, "                ", out);
        out.append("            }\n");
        out.append("        }\n");
        carry(out, sc, "        ");
        out.append("    }\n");
        report(out);
        out.append("}\n");
        return assemble(header, out);
    }

    /** The work-group's segment [gpu4j_s, gpu4j_e) of n, in whole tiles, and the local id. */
    private void gpuSegment(StringBuilder out, String groups) {
        String L = longT(), G = String.valueOf(GPU_GROUP);
        out.append("    int gpu4j_lid = ").append(lid()).append(";\n");
        out.append("    ").append(L).append(" gpu4j_seg = ((n + ").append(groups).append(" - 1) / ").append(groups)
                .append(" + ").append(GPU_GROUP - 1).append(") / ").append(G).append(" * ").append(G).append(";\n");
        out.append("    ").append(L).append(" gpu4j_s = (").append(L).append(")").append(group()).append(" * gpu4j_seg;\n");
        out.append("    ").append(L).append(" gpu4j_e = min(gpu4j_s + gpu4j_seg, n);\n");
    }

    /**
     * Inclusive Hillis-Steele scan of gpu4j_scratch[0, gpu4j_cnt) in index order (the left operand always the
     * earlier elements); starts and ends with a barrier.
     */
    private void tileScan(StringBuilder out, String sc, String T, String in) {
        out.append(in).append(barrier()).append('\n');
        out.append(in).append("for (int gpu4j_o = 1; gpu4j_o < ").append(GPU_GROUP).append("; gpu4j_o <<= 1) {\n");
        out.append(in).append("    ").append(T).append(" gpu4j_v = gpu4j_scratch[gpu4j_lid];\n");
        out.append(in).append("    if (gpu4j_lid >= gpu4j_o && gpu4j_lid < gpu4j_cnt) gpu4j_v = ").append(sc)
                .append("(gpu4j_scratch[gpu4j_lid - gpu4j_o], gpu4j_v);\n");
        out.append(in).append("    ").append(barrier()).append('\n');
        out.append(in).append("    gpu4j_scratch[gpu4j_lid] = gpu4j_v;\n");
        out.append(in).append("    ").append(barrier()).append('\n');
        out.append(in).append("}\n");
    }

    /** The carry into the next tile: the carry combined with this tile's total; then a barrier before reuse. */
    private void carry(StringBuilder out, String sc, String in) {
        out.append(in).append("gpu4j_carry = ").append(sc).append("(gpu4j_carry, gpu4j_scratch[gpu4j_cnt - 1]);\n");
        out.append(in).append(barrier()).append('\n');
    }
}
