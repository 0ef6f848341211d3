package org.gpu4j.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gpu4j.ElementType;

/**
 * The names visible to a snippet, and the frame layout of the Java evaluator: every scalar (argument, builtin, local)
 * gets a slot in the frame array of its type, every array argument its parameter index.
 */
final class Scope {
    /** Words no snippet name may take: keywords of C, OpenCL C and CUDA, and the language's constants. */
    static final Set<String> RESERVED = Set.of(
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
            "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
            "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
            "bool", "half", "uchar", "ushort", "uint", "ulong", "size_t", "kernel", "global", "local", "constant",
            "private", "__kernel", "__global", "__local", "__constant", "__private", "__shared__", "__device__",
            "__global__", "__restrict__", "class", "new", "delete", "template", "this", "true", "false", "namespace",
            "INFINITY", "NAN", "threadIdx", "blockIdx", "blockDim", "gridDim", "warpSize");

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
