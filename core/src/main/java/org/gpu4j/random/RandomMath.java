package org.gpu4j.random;

/**
 * gpu4j's own log, square root, sine and cosine for the normal and exponential generators, written with IEEE-exact
 * operations only (+, -, ×, fused multiply-add, integer and bit operations, integer-to-float conversion, and for
 * double the correctly rounded {@link Math#sqrt}) so that {@code random.cl} and {@code random.cu}, which perform the
 * same operations in the same order (FP contraction off in OpenCL; {@code __fmul_rn}/{@code __fadd_rn} in CUDA,
 * which are never fused), give the same bits as this Java code. The backends' own {@code log}/{@code sin}/{@code cos}
 * differ from each other and from {@link StrictMath} by a few ulp, which would make normals differ between
 * backends. Polynomial coefficients come from {@code kernels/src/gen/random_math.py} (Chebyshev fits); a test keeps
 * the three copies of them equal.
 *
 * <p>Domains (all the generators need; nothing here checks them): {@code lnF32}/{@code lnF64} take positive normal
 * numbers; {@code sqrtF32} non-negative normal numbers or +0. Accuracy, measured against {@link StrictMath} in
 * {@code RandomMathTest}: see there; about 1 ulp.
 */
public final class RandomMath {
    private RandomMath() {}

    // ---------------------------------------------------------------- constants (random_math.py)

    static final float LN2_HI_F = 0x1.62e4p-1f, LN2_LO_F = 0x1.7f7d1cp-20f;
    static final double LN2_HI_D = 0x1.62e42feep-1, LN2_LO_D = 0x1.a39ef35793c76p-33;

    /** log(1+f) = f + f²·R(f), R by Horner from the highest coefficient. */
    static final float[] LOG_F32 = {
        -0x1.000000p-1f, 0x1.55554ep-2f, -0x1.000008p-2f, 0x1.99a130p-3f, -0x1.5559e6p-3f, 0x1.237a56p-3f,
        -0x1.fcc1aep-4f, 0x1.e3d33ap-4f, -0x1.d962f2p-4f, 0x1.15425cp-4f};
    static final double[] LOG_F64 = {
        -0x1.0000000000000p-1, 0x1.555555555555cp-2, -0x1.fffffffffff34p-3, 0x1.999999999772bp-3,
        -0x1.5555555561dddp-3, 0x1.249249261f2ccp-3, -0x1.fffffff7e955cp-4, 0x1.c71c70c1303cbp-4,
        -0x1.99999a6364b62p-4, 0x1.745d460eacbc4p-4, -0x1.55556c388aeddp-4, 0x1.3b0eda8f5d75cp-4,
        -0x1.248b2a78bff20p-4, 0x1.115b4daceee38p-4, -0x1.00b0e81fd59f4p-4, 0x1.dd3093b701211p-5,
        -0x1.b635ac30a3dacp-5, 0x1.bb08e0be73d94p-5, -0x1.fc84a09888c57p-5, 0x1.ceab3eecb74d9p-5,
        -0x1.8e8f5f6d78efbp-6};
    /** sin(π/2·x) = x·S(x²), cos(π/2·x) = C(x²) for x in [0, 1/2]. */
    static final float[] SIN_F32 = {0x1.921fb6p+0f, -0x1.4abbbap-1f, 0x1.465ec4p-4f, -0x1.2d9b40p-8f};
    static final float[] COS_F32 = {0x1.000000p+0f, -0x1.3bd3ccp+0f, 0x1.03c1dcp-2f, -0x1.55c57ap-6f, 0x1.d9c2e8p-11f};
    static final double[] SIN_F64 = {
        0x1.921fb54442d18p+0, -0x1.4abbce625be53p-1, 0x1.466bc6775aad9p-4, -0x1.32d2cce62ac22p-8,
        0x1.50783485cbd83p-13, -0x1.e3074b4ff3058p-19, 0x1.e8eed12ee00a3p-25, -0x1.6c5b875d4e739p-31};
    static final double[] COS_F64 = {
        0x1.0000000000000p+0, -0x1.3bd3cc9be45dep+0, 0x1.03c1f081b5aacp-2, -0x1.55d3c7e3c90f8p-6,
        0x1.e1f5068355e15p-11, -0x1.a6d1ec7906c20p-16, 0x1.f9cc41140bb60p-22, -0x1.b264ba152378ap-28};

    // the same constants as named scalars, which the JIT folds (array loads in the hot loops cost ~10%)
    private static final float L0 = LOG_F32[0], L1 = LOG_F32[1], L2 = LOG_F32[2], L3 = LOG_F32[3], L4 = LOG_F32[4],
            L5 = LOG_F32[5], L6 = LOG_F32[6], L7 = LOG_F32[7], L8 = LOG_F32[8], L9 = LOG_F32[9];
    private static final float S0 = SIN_F32[0], S1 = SIN_F32[1], S2 = SIN_F32[2], S3 = SIN_F32[3];
    private static final float C0 = COS_F32[0], C1 = COS_F32[1], C2 = COS_F32[2], C3 = COS_F32[3], C4 = COS_F32[4];

    // ---------------------------------------------------------------- float

    /** Natural logarithm of a positive normal float. */
    public static float lnF32(float x) {
        int b = Float.floatToRawIntBits(x);
        int e = (b >> 23) - 127;
        int mb = b & 0x7fffff;
        float m;
        if (mb > 0x3504f3) {            // mantissa above sqrt(2): use m/2 in [sqrt(1/2), 1)
            m = Float.intBitsToFloat(mb | 0x3f000000);
            e += 1;
        } else {
            m = Float.intBitsToFloat(mb | 0x3f800000);
        }
        float f = m - 1.0f;            // exact
        float r = L9;
        r = Math.fma(r, f, L8);
        r = Math.fma(r, f, L7);
        r = Math.fma(r, f, L6);
        r = Math.fma(r, f, L5);
        r = Math.fma(r, f, L4);
        r = Math.fma(r, f, L3);
        r = Math.fma(r, f, L2);
        r = Math.fma(r, f, L1);
        r = Math.fma(r, f, L0);
        float p = Math.fma(f, f * r, f);
        float ef = (float) e;
        return Math.fma(ef, LN2_HI_F, Math.fma(ef, LN2_LO_F, p));
    }

    /** Square root of a non-negative normal float or +0: a reciprocal-square-root estimate, two Newton steps, one correction. */
    public static float sqrtF32(float x) {
        float y = Float.intBitsToFloat(0x5f3759df - (Float.floatToRawIntBits(x) >> 1));
        float h = 0.5f * x;
        y = y * Math.fma(-h * y, y, 1.5f);
        y = y * Math.fma(-h * y, y, 1.5f);
        float s = x * y;
        return Math.fma(0.5f * y, Math.fma(-s, s, x), s);
    }

    /**
     * cos and sin of the angle 2π·(w >>> 8)·2^-24, packed as {@code (bits(sin) << 32) | bits(cos)}. The top two bits
     * of {@code w} pick the quadrant, the next 22 the position in it (reflected to [0, 1/2] of a quadrant), so the
     * argument reduction is exact.
     */
    public static long cosSinTurnF32(int w) {
        int q = w >>> 30;
        int f22 = (w >>> 8) & 0x3fffff;
        boolean refl = f22 > 0x200000;
        int r = refl ? 0x400000 - f22 : f22;
        float x = (float) r * 0x1p-22f;
        float y = x * x;
        float sp = S3;
        sp = Math.fma(sp, y, S2);
        sp = Math.fma(sp, y, S1);
        sp = Math.fma(sp, y, S0);
        float s = x * sp;
        float c = C4;
        c = Math.fma(c, y, C3);
        c = Math.fma(c, y, C2);
        c = Math.fma(c, y, C1);
        c = Math.fma(c, y, C0);
        // reflect, then the quadrant's swap and signs (as in random.cl, where it is branch-free)
        float s1 = refl ? c : s, c1 = refl ? s : c;
        float cs = (q & 1) != 0 ? s1 : c1, sn = (q & 1) != 0 ? c1 : s1;
        if (q == 1 || q == 2) cs = -cs;
        if (q >= 2) sn = -sn;
        return ((long) Float.floatToRawIntBits(sn) << 32) | (Float.floatToRawIntBits(cs) & 0xFFFF_FFFFL);
    }

    /** (w + 1)·2^-32 for w read as unsigned, rounded to float: in (0, 1]. */
    public static float openZeroF32(int w) {
        return (float) ((w & 0xFFFF_FFFFL) + 1) * 0x1p-32f;
    }

    /**
     * The Box-Muller pair of standard normals of the words (w0, w1), packed as {@code (bits(z1) << 32) | bits(z0)}:
     * R = sqrt(-2 ln u1), u1 = (w0 + 1)·2^-32 in (0, 1]; z0 = R·cos θ, z1 = R·sin θ, θ = 2π·(w1 >>> 8)·2^-24.
     * |z| &lt;= sqrt(64 ln 2) = 6.66.
     */
    public static long normalPairF32(int w0, int w1) {
        float lg = lnF32(openZeroF32(w0));
        float rad = sqrtF32(0.0f - 2.0f * lg);
        long cs = cosSinTurnF32(w1);
        float z0 = rad * Float.intBitsToFloat((int) cs);
        float z1 = rad * Float.intBitsToFloat((int) (cs >>> 32));
        return ((long) Float.floatToRawIntBits(z1) << 32) | (Float.floatToRawIntBits(z0) & 0xFFFF_FFFFL);
    }

    /** A standard exponential of the word w: -ln((w + 1)·2^-32), in [0, 32 ln 2 = 22.2]. */
    public static float exponentialF32(int w) {
        return 0.0f - lnF32(openZeroF32(w));
    }

    // ---------------------------------------------------------------- double

    /** Natural logarithm of a positive normal double. */
    public static double lnF64(double x) {
        long b = Double.doubleToRawLongBits(x);
        int e = (int) (b >> 52) - 1023;
        long mb = b & 0xf_ffff_ffff_ffffL;
        double m;
        if (mb > 0x6a09e667f3bcdL) {
            m = Double.longBitsToDouble(mb | 0x3fe0_0000_0000_0000L);
            e += 1;
        } else {
            m = Double.longBitsToDouble(mb | 0x3ff0_0000_0000_0000L);
        }
        double f = m - 1.0;
        double[] c = LOG_F64;
        double r = c[20];
        for (int i = 19; i >= 0; i--) r = Math.fma(r, f, c[i]);
        double p = Math.fma(f, f * r, f);
        double ef = e;
        return Math.fma(ef, LN2_HI_D, Math.fma(ef, LN2_LO_D, p));
    }

    /** cos (k = 0) or sin (k = 1) of 2π·(x >>> 11)·2^-53, exact reduction as in {@link #cosSinTurnF32}. */
    public static void cosSinTurnF64(long x, double[] out) {
        int q = (int) (x >>> 62);
        long f51 = (x >>> 11) & ((1L << 51) - 1);
        boolean refl = f51 > (1L << 50);
        long r = refl ? (1L << 51) - f51 : f51;
        double t = (double) r * 0x1p-51;
        double y = t * t;
        double[] sc = SIN_F64, cc = COS_F64;
        double sp = sc[7];
        for (int i = 6; i >= 0; i--) sp = Math.fma(sp, y, sc[i]);
        double s = t * sp;
        double c = cc[7];
        for (int i = 6; i >= 0; i--) c = Math.fma(c, y, cc[i]);
        double s1 = refl ? c : s, c1 = refl ? s : c;
        double cs = (q & 1) != 0 ? s1 : c1, sn = (q & 1) != 0 ? c1 : s1;
        out[0] = q == 1 || q == 2 ? -cs : cs;
        out[1] = q >= 2 ? -sn : sn;
    }

    /** ((x >>> 11) + 1)·2^-53: in (0, 1], exact. */
    public static double openZeroF64(long x) {
        return (double) ((x >>> 11) + 1) * 0x1p-53;
    }

    /**
     * The Box-Muller pair of the 64-bit draws (x1, x2) into {@code out[0]} (cos) and {@code out[1]} (sin):
     * u1 = ((x1 >>> 11) + 1)·2^-53, θ = 2π·(x2 >>> 11)·2^-53; |z| &lt;= sqrt(106 ln 2) = 8.57.
     */
    public static void normalPairF64(long x1, long x2, double[] out) {
        double lg = lnF64(openZeroF64(x1));
        double rad = Math.sqrt(0.0 - 2.0 * lg);
        cosSinTurnF64(x2, out);
        out[0] = rad * out[0];
        out[1] = rad * out[1];
    }

    /** A standard exponential of the 64-bit draw x: -ln(((x >>> 11) + 1)·2^-53), in [0, 53 ln 2 = 36.7]. */
    public static double exponentialF64(long x) {
        return 0.0 - lnF64(openZeroF64(x));
    }
}
