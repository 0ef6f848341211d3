package org.gpu4j.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits snippet text into tokens; skips whitespace and C comments. */
final class Lexer {
    /** The most tokens a snippet may have (a bound on the work of every later stage). */
    static final int MAX_TOKENS = 65_536;

    private static final String[] PUNCT = {
        "<<=", ">>=", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "<=", ">=", "==", "!=",
        "&&", "||", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", "(", ")", "[", "]",
        "{", "}", ";", ","
    };

    private final Source src;
    private final String s;
    private int pos;
    private int line = 1;
    private int col = 1;

    private Lexer(Source src) {
        this.src = src;
        this.s = src.text();
    }

    static List<Token> tokens(Source src) {
        return new Lexer(src).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= s.length()) {
                out.add(new Token(Token.Kind.EOF, "", line, col, line, col));
                return out;
            }
            int startLine = line, startCol = col, start = pos;
            char c = s.charAt(pos);
            Token.Kind kind;
            if (Character.isLetter(c) || c == '_') {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) advance();
                kind = Token.Kind.IDENT;
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
                kind = number();
            } else {
                String p = null;
                for (String cand : PUNCT) {
                    if (s.startsWith(cand, pos)) { p = cand; break; }
                }
                if (p == null) throw src.error(line, col, "unexpected character '" + c + "'");
                for (int k = 0; k < p.length(); k++) advance();
                kind = Token.Kind.PUNCT;
            }
            if (out.size() == MAX_TOKENS) {
                throw src.error(startLine, startCol, "the snippet has more than " + MAX_TOKENS + " tokens; split it into several kernels");
            }
            out.add(new Token(kind, s.substring(start, pos), startLine, startCol, line, col));
        }
    }

    private Token.Kind number() {
        int startLine = line, startCol = col;
        if (s.startsWith("0x", pos) || s.startsWith("0X", pos)) {
            advance();
            advance();
            int digits = 0;
            while (pos < s.length() && Character.digit(s.charAt(pos), 16) >= 0) { advance(); digits++; }
            if (digits == 0) throw src.error(startLine, startCol, "hexadecimal literal without digits");
            intSuffix(startLine, startCol);
            return Token.Kind.INT;
        }
        boolean isFloat = false;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) advance();
        if (pos < s.length() && s.charAt(pos) == '.') {
            isFloat = true;
            advance();
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) advance();
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            isFloat = true;
            advance();
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) advance();
            int digits = 0;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) { advance(); digits++; }
            if (digits == 0) throw src.error(startLine, startCol, "exponent without digits in a floating literal");
        }
        if (isFloat) {
            if (pos < s.length() && (s.charAt(pos) == 'f' || s.charAt(pos) == 'F')) advance();
            if (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                throw src.error(line, col, "bad suffix on a floating literal (use f for float)");
            }
            return Token.Kind.FLOAT;
        }
        if (pos < s.length() && (s.charAt(pos) == 'f' || s.charAt(pos) == 'F')) {
            throw src.error(line, col, "an integer literal cannot take the suffix f; write " + s.substring(
                    posOf(startLine, startCol), pos) + ".0f");
        }
        intSuffix(startLine, startCol);
        return Token.Kind.INT;
    }

    private int posOf(int l, int c) {
        int p = 0, ln = 1;
        while (ln < l) { if (s.charAt(p++) == '\n') ln++; }
        return p + c - 1;
    }

    private void intSuffix(int startLine, int startCol) {
        if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
            advance();
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) advance();
        }
        if (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            char c = s.charAt(pos);
            throw src.error(line, col, c == 'u' || c == 'U'
                    ? "unsigned literals are not supported (the language has int, long, float and double)"
                    : "bad suffix '" + c + "' on an integer literal (use L for long)");
        }
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (s.startsWith("//", pos)) {
                while (pos < s.length() && s.charAt(pos) != '\n') advance();
            } else if (s.startsWith("/*", pos)) {
                int l = line, cl = col;
                int end = s.indexOf("*/", pos + 2);
                if (end < 0) throw src.error(l, cl, "unterminated comment");
                while (pos < end + 2) advance();
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (s.charAt(pos) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }
}
