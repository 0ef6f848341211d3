package org.gpu4j.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gpu4j.ElementType;

/**
 * The names visible to a snippet, and the frame layout of the Java evaluator: every scalar (argument, builtin, local)
 * gets a slot in the frame array of its type, every array argument its parameter index.
 */
final class Scope {
    /** Words no snippet name may take: keywords of C, C++, OpenCL C and CUDA, and the language's constants. */
    static final Set<String> RESERVED = Set.of(
            // C99 and C11
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
            "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
            "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
            // OpenCL C types and qualifiers
            "bool", "half", "uchar", "ushort", "uint", "ulong", "size_t", "ptrdiff_t", "intptr_t", "uintptr_t",
            "kernel", "global", "local", "constant", "private", "generic", "read_only", "write_only", "read_write",
            "image1d_t", "image1d_array_t", "image1d_buffer_t", "image2d_t", "image2d_array_t", "image3d_t",
            "image2d_depth_t", "image2d_array_depth_t", "sampler_t", "event_t", "queue_t", "ndrange_t", "clk_event_t",
            "reserve_id_t", "pipe", "complex", "imaginary", "quad", "uniform", "typeof",
            // C++ (CUDA C is C++)
            "class", "new", "delete", "template", "this", "true", "false", "namespace", "operator", "virtual",
            "public", "protected", "friend", "try", "catch", "throw", "typename", "using", "explicit", "mutable",
            "and", "or", "not", "xor", "bitand", "bitor", "compl", "and_eq", "or_eq", "xor_eq", "not_eq", "nullptr",
            "constexpr", "consteval", "constinit", "decltype", "static_assert", "alignas", "alignof", "noexcept",
            "thread_local", "char8_t", "char16_t", "char32_t", "wchar_t", "export", "asm", "dynamic_cast",
            "static_cast", "const_cast", "reinterpret_cast", "typeid", "concept", "requires", "co_await", "co_yield",
            "co_return", "dim3",
            // names the generated kernels call: work-item functions, barriers, atomics, reinterpretation
            "get_global_id", "get_global_size", "get_local_id", "get_local_size", "get_group_id", "get_num_groups",
            "get_work_dim", "get_global_offset", "get_enqueued_local_size", "get_global_linear_id",
            "get_local_linear_id", "barrier", "mem_fence", "read_mem_fence", "write_mem_fence", "work_group_barrier",
            "threadIdx", "blockIdx", "blockDim", "gridDim", "warpSize", "signbit", "isnan", "isinf", "isfinite",
            "select", "shuffle", "shuffle2", "printf", "prefetch", "wait_group_events", "assert", "malloc", "free",
            "memcpy", "memset", "clock", "clock64",
            // constants and macros of OpenCL C and CUDA
            "INFINITY", "NAN", "MAXFLOAT", "HUGE_VAL", "HUGE_VALF", "HUGE_VALH", "NULL");

    private static final Pattern PATTERNS = Pattern.compile(
            // vector types (OpenCL float4, CUDA int2, longlong2...) and the reinterpretations/constructors of types
            "(?:as_|make_)?(?:u?char|u?short|u?int|u?long|u?longlong|float|double|half|bool)(?:1|2|3|4|8|16)"
            + "|as_(?:u?char|u?short|u?int|u?long|float|double|half)"
            // families of builtins
            + "|convert_\\w+|atomic_\\w+|atom_\\w+|atomic[A-Z]\\w*|vload\\w*|vstore\\w*|async_work_group_\\w+"
            + "|(?:read|write)_image\\w*|get_image_\\w+|sub_group_\\w+|get_sub_group_\\w+|work_group_\\w+"
            // macros of the headers both dialects include: limits, M_PI..., CL_*, FP_*
            + "|(?:FLT|DBL|HALF|INT|UINT|LONG|ULONG|LLONG|ULLONG|SHRT|USHRT|CHAR|SCHAR|UCHAR|CL|CLK|FP|M)_[A-Z0-9_]*"
            // C reserves _ followed by a capital letter (_Bool, _Complex)
            + "|_[A-Z]\\w*");

    /**
     * Why {@code name} may not be a snippet's name, or null when it may: a keyword or builtin of C, C++, OpenCL C or
     * CUDA, or a name the generated kernels use. (Names starting with {@code gpu4j_} or {@code __}, and the math
     * functions, are refused by the parser with their own messages.)
     */
    static String reserved(String name) {
        if (RESERVED.contains(name)) return "a keyword, type or builtin of C, OpenCL C or CUDA C";
        if (PATTERNS.matcher(name).matches()) return "it would collide with a type, builtin or macro of OpenCL C or CUDA C";
        return null;
    }

    private final Scope parent;
    private final Frame frame;
    private final Map<String, Sym> names = new LinkedHashMap<>();

    /** A root scope with a fresh frame layout. */
    Scope() {
        this.parent = null;
        this.frame = new Frame();
    }

    private Scope(Scope parent) {
        this.parent = parent;
        this.frame = parent.frame;
    }

    Scope child() { return new Scope(this); }

    Sym lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Sym x = s.names.get(name);
            if (x != null) return x;
        }
        return null;
    }

    Sym add(String name, Sym.Kind kind, ElementType type, int param, boolean writable, int line, int col) {
        int slot = kind == Sym.Kind.ARRAY_ARG ? -1 : frame.counts[type.ordinal()]++;
        Sym s = new Sym(name, kind, type, param, slot, writable, line, col);
        names.put(name, s);
        frame.all.add(s);
        return s;
    }

    int slots(ElementType t) { return frame.counts[t.ordinal()]; }

    List<Sym> allSymbols() { return frame.all; }

    private static final class Frame {
        final int[] counts = new int[ElementType.values().length];
        final List<Sym> all = new ArrayList<>();
    }
}
