package org.gpu4j.expr;

import java.util.List;
import org.gpu4j.Dialect;
import org.gpu4j.ElementType;
import org.gpu4j.expr.Ast.Expr;
import org.gpu4j.expr.Ast.Stmt;

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
 * Scans use per-work-item chunks on both shapes: pass 1 reduces each chunk, pass 2 (one work-item) scans the chunk
 * totals exclusively, pass 3 re-scans each chunk from its carry and runs the output statement.
 * All generated names start with {@code gpu4j_}, which snippets may not use.
 */
final class Codegen {
    enum Shape { GPU, CPU }

    /** Work-group size of the GPU reduction tree; a power of two. */
    static final int GPU_GROUP = org.gpu4j.internal.LaunchPlan.GROUP;

    private final Dialect d;
    private final CEmitter em;

    Codegen(Dialect d) {
        this.d = d;
        this.em = new CEmitter(d);
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

    private static void header(StringBuilder out, String what, String[][] snippets, String preamble) {
        out.append("// gpu4j ").append(what).append(" kernel, generated from:\n");
        for (String[] s : snippets) {
            out.append("//   ").append(s[0]).append(": ").append(s[1].replace("\r", "").replace("\n", "\n//     ")).append('\n');
        }
        if (preamble != null && !preamble.isBlank()) out.append(preamble.strip()).append('\n');
        out.append('\n');
    }

    /** The loop header over this work-item's indices {@code i}. */
    private void loop(StringBuilder out, Shape shape, String indent) {
        if (shape == Shape.GPU) {
            out.append(indent).append("for (").append(longT()).append(" i = ").append(gid()).append("; i < n; i += ")
                    .append(gsize()).append(") {\n");
        } else {
            chunk(out, indent);
            out.append(indent).append("for (").append(longT()).append(" i = gpu4j_start; i < gpu4j_end; i++) {\n");
        }
    }

    private void chunk(StringBuilder out, String indent) {
        out.append(indent).append(longT()).append(" gpu4j_chunk = (n + ").append(gsize()).append(" - 1) / ").append(gsize()).append(";\n");
        out.append(indent).append(longT()).append(" gpu4j_start = ").append(gid()).append(" * gpu4j_chunk;\n");
        out.append(indent).append(longT()).append(" gpu4j_end = min(gpu4j_start + gpu4j_chunk, n);\n");
    }

    // ------------------------------------------------------------------ element-wise

    String elementwise(String name, Arguments args, String argText, String operation, List<Stmt> body, String preamble, Shape shape) {
        StringBuilder out = new StringBuilder();
        header(out, "element-wise", new String[][] {{"arguments", argText}, {"operation", operation}}, preamble);
        out.append(kernel()).append(name).append('(').append(params(args)).append(", ").append(longT()).append(" n)\n{\n");
        loop(out, shape, "    ");
        em.statements(body, "        ", out);
        out.append("    }\n}\n");
        return out.toString();
    }

    // ------------------------------------------------------------------ reduction

    private void combiner(StringBuilder out, String name, ElementType type, Sym a, Sym b, Expr combine) {
        out.append(cl() ? "" : "__device__ ").append(t(type)).append(' ').append(name).append('(').append(t(type))
                .append(' ').append(a.name).append(", ").append(t(type)).append(' ').append(b.name).append(")\n{\n")
                .append("    return ").append(em.expr(combine)).append(";\n}\n\n");
    }

    String reduction(String name, Arguments args, String[][] snippets, ElementType type, Expr neutral, Sym a, Sym b,
                     Expr reduce, Expr map, Shape shape) {
        StringBuilder out = new StringBuilder();
        String T = t(type);
        String red = name + "_reduce";
        header(out, "reduction", snippets, null);
        combiner(out, red, type, a, b, reduce);
        out.append(kernel()).append(name).append("_stage1(").append(params(args)).append(", ")
                .append(array(type, "gpu4j_partial", true)).append(", ").append(longT()).append(" n)\n{\n");
        if (shape == Shape.GPU) {
            out.append("    ").append(shared(type, "gpu4j_scratch", GPU_GROUP)).append('\n');
        }
        out.append("    ").append(T).append(" gpu4j_acc = ").append(em.expr(neutral)).append(";\n");
        loop(out, shape, "    ");
        out.append("        gpu4j_acc = ").append(red).append("(gpu4j_acc, ").append(em.expr(map)).append(");\n");
        out.append("    }\n");
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
        return out.toString();
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
                Expr combine, Expr input, List<Stmt> output) {
        StringBuilder out = new StringBuilder();
        String T = t(type);
        String sc = name + "_scan";
        header(out, "scan", snippets, null);
        combiner(out, sc, type, a, b, combine);
        // pass 1: the total of each chunk
        out.append(kernel()).append(name).append("_stage1(").append(params(args)).append(", ")
                .append(array(type, "gpu4j_partial", true)).append(", ").append(longT()).append(" n)\n{\n");
        out.append("    ").append(T).append(" gpu4j_acc = ").append(em.expr(neutral)).append(";\n");
        loop(out, Shape.CPU, "    ");
        out.append("        gpu4j_acc = ").append(sc).append("(gpu4j_acc, ").append(em.expr(input)).append(");\n");
        out.append("    }\n");
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
                .append(array(type, "gpu4j_partial", true)).append(", ").append(longT()).append(" n)\n{\n");
        out.append("    ").append(T).append(" gpu4j_acc = gpu4j_partial[").append(gid()).append("];\n");
        loop(out, Shape.CPU, "    ");
        out.append("        ").append(T).append(" prev_item = gpu4j_acc;\n");
        out.append("        ").append(T).append(" item = ").append(sc).append("(gpu4j_acc, ").append(em.expr(input)).append(");\n");
        out.append("        gpu4j_acc = item;\n");
        out.append("        {\n");
        em.statements(output, "            ", out);
        out.append("        }\n");
        out.append("    }\n}\n");
        return out.toString();
    }
}
