package org.gpu4j.expr;

/** A token of the snippet language with its 1-based position; {@code endLine}/{@code endCol} point just after it. */
record Token(Kind kind, String text, int line, int col, int endLine, int endCol) {
    enum Kind { IDENT, INT, FLOAT, PUNCT, EOF }

    boolean is(String s) { return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(s); }

    String describe() {
        return switch (kind) {
            case EOF -> "the end of the snippet";
            case IDENT -> "'" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
