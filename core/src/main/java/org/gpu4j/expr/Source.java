package org.gpu4j.expr;

/** A named piece of snippet text, for positions in error messages. */
record Source(String name, String text) {
    String line(int line) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length) return "";
        String l = lines[line - 1];
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    ExpressionException error(int line, int column, String problem) {
        return new ExpressionException(this, line, column, problem);
    }

    ExpressionException error(Token t, String problem) {
        return new ExpressionException(this, t.line(), t.col(), problem);
    }
}
