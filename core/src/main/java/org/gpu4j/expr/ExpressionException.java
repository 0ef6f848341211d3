package org.gpu4j.expr;

/**
 * A snippet of the expression language that cannot be compiled, or a launch whose arguments do not fit the kernel's
 * declared arguments; thrown in Java before anything reaches a device compiler.
 *
 * <p>The message's first line is {@code <what>:<line>:<column>: <problem>}, where {@code what} names the snippet
 * ({@code operation}, {@code arguments}, {@code map_expr}...); the second line repeats the snippet's line and the third
 * puts a caret under the spot:
 * <pre>
 * operation:1:12: unknown identifier 'q'
 *   z[i] = a * q[i]
 *              ^
 * </pre>
 */
public class ExpressionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String snippetName;
    private final int line;
    private final int column;
    private final String problem;

    ExpressionException(Source source, int line, int column, String problem) {
        super(format(source, line, column, problem));
        this.snippetName = source.name();
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** Which snippet the problem is in: {@code operation}, {@code arguments}, {@code map_expr}... */
    public String snippetName() { return snippetName; }

    /** 1-based line of the problem in its snippet. */
    public int line() { return line; }

    /** 1-based column of the problem in its line. */
    public int column() { return column; }

    /** The problem alone, without position or snippet text. */
    public String problem() { return problem; }

    private static String format(Source src, int line, int column, String problem) {
        String text = src.line(line);
        StringBuilder caret = new StringBuilder("  ");
        for (int c = 1; c < column; c++) {
            caret.append(c - 1 < text.length() && text.charAt(c - 1) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        return src.name() + ":" + line + ":" + column + ": " + problem + "\n  " + text + "\n" + caret;
    }
}
