package org.gpu4j.junit;

/**
 * How far a floating-point result may be from the expected value in {@link Verify}. NaN matches NaN, an infinity
 * matches only the same infinity, and a finite value never matches a NaN or an infinity; integer arrays are always
 * compared exactly. Immutable; safe to share between threads.
 */
public final class Tolerance {
    private enum Kind { EXACT, ULPS, RELATIVE }

    private final Kind kind;
    private final long ulps;
    private final double relative;
    private final double absolute;

    private Tolerance(Kind kind, long ulps, double relative, double absolute) {
        this.kind = kind;
        this.ulps = ulps;
        this.relative = relative;
        this.absolute = absolute;
    }

    /**
     * Equal values ({@code Float.equals} semantics: {@code -0.0} differs from {@code 0.0}, NaN matches NaN).
     *
     * @return the exact tolerance
     */
    public static Tolerance exact() { return new Tolerance(Kind.EXACT, 0, 0, 0); }

    /**
     * At most {@code n} units in the last place apart, in the precision of the compared arrays ({@code 0.0} and
     * {@code -0.0} are 0 ulps apart).
     *
     * @param n the largest distance in ulps, at least 0
     * @return the tolerance
     */
    public static Tolerance ulps(long n) {
        if (n < 0) throw new IllegalArgumentException("ulps: " + n + " is negative");
        return new Tolerance(Kind.ULPS, n, 0, 0);
    }

    /**
     * {@code |actual - expected| <= r * max(|actual|, |expected|)}.
     *
     * @param r the relative tolerance, at least 0
     * @return the tolerance
     */
    public static Tolerance relative(double r) { return relative(r, 0); }

    /**
     * {@code |actual - expected| <= max(r * max(|actual|, |expected|), abs)}: relative, with an absolute floor for
     * results near zero (a sum that cancels, say).
     *
     * @param r the relative tolerance, at least 0
     * @param abs the absolute floor, at least 0
     * @return the tolerance
     */
    public static Tolerance relative(double r, double abs) {
        if (!(r >= 0) || !(abs >= 0)) throw new IllegalArgumentException("relative(" + r + ", " + abs + "): must be >= 0");
        return new Tolerance(Kind.RELATIVE, 0, r, abs);
    }

    boolean matches(float e, float a) {
        if (Float.isNaN(e) || Float.isNaN(a)) return Float.isNaN(e) && Float.isNaN(a);
        if (Float.isInfinite(e) || Float.isInfinite(a)) return e == a;
        return switch (kind) {
            case EXACT -> Float.floatToIntBits(e) == Float.floatToIntBits(a);
            case ULPS -> ulpDistance(e, a) <= ulps;
            case RELATIVE -> withinRelative(e, a);
        };
    }

    boolean matches(double e, double a) {
        if (Double.isNaN(e) || Double.isNaN(a)) return Double.isNaN(e) && Double.isNaN(a);
        if (Double.isInfinite(e) || Double.isInfinite(a)) return e == a;
        return switch (kind) {
            case EXACT -> Double.doubleToLongBits(e) == Double.doubleToLongBits(a);
            case ULPS -> ulpDistance(e, a) <= ulps;
            case RELATIVE -> withinRelative(e, a);
        };
    }

    private boolean withinRelative(double e, double a) {
        double diff = Math.abs(a - e);
        return diff <= Math.max(relative * Math.max(Math.abs(a), Math.abs(e)), absolute);
    }

    /** Ulps between two finite floats: their distance on the ordered integer line (so -0.0 and 0.0 are 0 apart). */
    static long ulpDistance(float a, float b) {
        return Math.abs(ordered(Float.floatToRawIntBits(a)) - ordered(Float.floatToRawIntBits(b)));
    }

    /** Ulps between two finite doubles, saturating at {@link Long#MAX_VALUE}. */
    static long ulpDistance(double a, double b) {
        long x = ordered(Double.doubleToRawLongBits(a)), y = ordered(Double.doubleToRawLongBits(b));
        long d = x - y;
        if (((x ^ y) & (x ^ d)) < 0) return Long.MAX_VALUE; // overflow: opposite signs, far apart
        return Math.abs(d);
    }

    private static long ordered(int bits) { return bits < 0 ? -(long) (bits & 0x7fffffff) : bits; }

    private static long ordered(long bits) { return bits < 0 ? -(bits & 0x7fffffffffffffffL) : bits; }

    @Override public String toString() {
        return switch (kind) {
            case EXACT -> "exact";
            case ULPS -> ulps + " ulp" + (ulps == 1 ? "" : "s");
            case RELATIVE -> "relative " + relative + (absolute > 0 ? " (absolute floor " + absolute + ")" : "");
        };
    }
}
