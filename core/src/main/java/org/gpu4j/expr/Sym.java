package org.gpu4j.expr;

import org.gpu4j.ElementType;

/** A name a snippet can use: a kernel argument, a local variable, or one the generated kernel predeclares. */
final class Sym {
    enum Kind {
        /** A scalar kernel argument (read-only). */ SCALAR_ARG,
        /** An array kernel argument. */ ARRAY_ARG,
        /** A local variable declared in the snippet. */ LOCAL,
        /** A value the kernel predeclares ({@code i}, {@code n}, {@code a}, {@code b}, {@code item}...), read-only. */ BUILTIN
    }

    final String name;
    final Kind kind;
    final ElementType type;
    /** Index among the kernel's parameters for arguments, else -1. */
    final int param;
    /** Slot in the Java evaluator's frame for its type (scalars and locals), else -1. */
    final int slot;
    /** False for const arrays. */
    final boolean writable;
    /** Where it was declared (for messages), or 0. */
    final int line, col;

    Sym(String name, Kind kind, ElementType type, int param, int slot, boolean writable, int line, int col) {
        this.name = name;
        this.kind = kind;
        this.type = type;
        this.param = param;
        this.slot = slot;
        this.writable = writable;
        this.line = line;
        this.col = col;
    }

    boolean isArray() { return kind == Kind.ARRAY_ARG; }

    String declaration(org.gpu4j.Dialect d) {
        String t = d == org.gpu4j.Dialect.CUDA ? type.cudaName() : type.openclName();
        return isArray() ? t + " *" + name : t + " " + name;
    }

    @Override public String toString() { return name + ":" + type + (isArray() ? "*" : ""); }
}
