package org.gpu4j.expr;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gpu4j.Dialect;
import org.gpu4j.ElementType;

/** The math functions of the snippet language: names, arities, types, and their spelling in each dialect. */
final class Functions {
    private Functions() {}

    enum Kind {
        /** Floating only: float arguments give float, otherwise (double or integer arguments) double. */ MATH,
        /** Any numeric type: the arguments' common type. */ GENERIC
    }

    enum Fn {
        SQRT(1), CBRT(1), EXP(1), EXP2(1), LOG(1), LOG2(1), LOG10(1), SIN(1), COS(1), TAN(1), ASIN(1), ACOS(1), ATAN(1),
        SINH(1), COSH(1), TANH(1), FABS(1), FLOOR(1), CEIL(1), TRUNC(1),
        POW(2), ATAN2(2), FMOD(2), FMIN(2), FMAX(2), FMA(3),
        MIN(2, Kind.GENERIC), MAX(2, Kind.GENERIC), ABS(1, Kind.GENERIC);

        final int arity;
        final Kind kind;

        Fn(int arity) { this(arity, Kind.MATH); }

        Fn(int arity, Kind kind) {
            this.arity = arity;
            this.kind = kind;
        }

        String cName() { return name().toLowerCase(Locale.ROOT); }

        /** The type of a call with arguments converted to {@code common} (their usual arithmetic conversion). */
        ElementType resultType(ElementType common) {
            if (kind == Kind.GENERIC) return common;
            return common == ElementType.FLOAT ? ElementType.FLOAT : ElementType.DOUBLE;
        }

        /**
         * The function's name in a dialect for arguments of type {@code t}; {@code abs} on integers is wrapped by
         * {@link CEmitter} (OpenCL's returns an unsigned type).
         */
        String spelling(Dialect d, ElementType t) {
            String base = cName();
            if (this == MIN || this == MAX || this == ABS) {
                if (t.isFloatingPoint()) {
                    base = this == MIN ? "fmin" : this == MAX ? "fmax" : "fabs";
                } else if (d == Dialect.CUDA && this == ABS && t == ElementType.LONG) {
                    return "llabs";
                } else {
                    return base;
                }
            }
            return d == Dialect.CUDA && t == ElementType.FLOAT ? base + "f" : base;
        }
    }

    static final Map<String, Fn> BY_NAME = Arrays.stream(Fn.values())
            .collect(Collectors.toUnmodifiableMap(Fn::cName, Function.identity()));

    /** The list for messages and javadoc. */
    static String names() {
        return Arrays.stream(Fn.values()).map(Fn::cName).collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------ Java implementations

    static double apply(Fn fn, double x) {
        return switch (fn) {
            case SQRT -> Math.sqrt(x);
            case CBRT -> Math.cbrt(x);
            case EXP -> Math.exp(x);
            case EXP2 -> Math.pow(2, x);
            case LOG -> Math.log(x);
            case LOG2 -> log2(x);
            case LOG10 -> Math.log10(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case ASIN -> Math.asin(x);
            case ACOS -> Math.acos(x);
            case ATAN -> Math.atan(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case TANH -> Math.tanh(x);
            case FABS, ABS -> Math.abs(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case TRUNC -> x < 0 ? Math.ceil(x) : Math.floor(x);
            default -> throw new IllegalStateException(fn + " takes " + fn.arity + " arguments");
        };
    }

    static double apply(Fn fn, double x, double y) {
        return switch (fn) {
            case POW -> pow(x, y);
            case ATAN2 -> Math.atan2(x, y);
            case FMOD -> x % y; // Java's % on doubles is C's fmod
            case FMIN, MIN -> Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.min(x, y);
            case FMAX, MAX -> Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.max(x, y);
            default -> throw new IllegalStateException(fn + " takes " + fn.arity + " arguments");
        };
    }

    /**
     * C99's pow (Annex F), which OpenCL and CUDA follow: Java's {@link Math#pow} except that {@code pow(+1, y)} is 1
     * for every y (NaN included) and {@code pow(-1, ±Inf)} is 1, where Java gives NaN.
     */
    static double pow(double x, double y) {
        if (x == 1.0) return 1.0;
        if (x == -1.0 && Double.isInfinite(y)) return 1.0;
        return Math.pow(x, y);
    }

    private static double log2(double x) {
        if (x > 0 && !Double.isInfinite(x) && x >= Double.MIN_NORMAL
                && (Double.doubleToRawLongBits(x) & 0x000fffffffffffffL) == 0) {
            return Math.getExponent(x); // exact for powers of two
        }
        return Math.log(x) / Math.log(2);
    }
}
