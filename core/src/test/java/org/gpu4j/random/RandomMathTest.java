package org.gpu4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * gpu4j's own log, sqrt, sin and cos (RandomMath) against StrictMath over the inputs the generators give them, and
 * the three copies of their constants (Java, random.cl, random.cu) equal. The bounds asserted are the measured
 * maxima rounded up; the measured values are printed.
 */
class RandomMathTest {
    private static double ulpErrF(float got, double exact) { return Math.abs(got - exact) / Math.ulp((float) exact); }

    private static double ulpErrD(double got, double exact) {
        // exact is StrictMath's (fdlibm, < 1 ulp): measure against it, so the figure includes its error
        return Math.abs(got - exact) / Math.ulp(exact);
    }

    @Test void lnF32OnEveryGeneratorInput() {
        // the generators take ln of (w + 1) 2^-32 rounded to float: every float in [2^-32, 1] in steps, and random ones
        double max = 0;
        for (int b = Float.floatToRawIntBits(0x1p-32f); b <= Float.floatToRawIntBits(1f); b += 7) {
            float x = Float.intBitsToFloat(b);
            max = Math.max(max, ulpErrF(RandomMath.lnF32(x), StrictMath.log(x)));
        }
        System.out.println("lnF32: max error " + max + " ulp over [2^-32, 1]");
        assertTrue(max <= 2.0, "lnF32 max error " + max + " ulp");
        assertEquals(0f, RandomMath.lnF32(1f));
    }

    @Test void lnF64() {
        SplittableRandom r = new SplittableRandom(1);
        double max = 0;
        for (int i = 0; i < 4_000_000; i++) {
            double x = RandomMath.openZeroF64(r.nextLong());
            max = Math.max(max, ulpErrD(RandomMath.lnF64(x), StrictMath.log(x)));
        }
        for (int e = -53; e <= 0; e++) {   // powers of two and their neighbours
            double x = Math.scalb(1.0, e);
            max = Math.max(max, ulpErrD(RandomMath.lnF64(x), StrictMath.log(x)));
            if (e < 0) max = Math.max(max, ulpErrD(RandomMath.lnF64(Math.nextUp(x)), StrictMath.log(Math.nextUp(x))));
        }
        System.out.println("lnF64: max error " + max + " ulp");
        assertTrue(max <= 2.0, "lnF64 max error " + max + " ulp");
    }

    @Test void sqrtF32() {
        double max = 0;
        // every float from 2^-10 to 64 (the normals take sqrt of -2 ln u in [0, 44.4]), in steps
        for (int b = Float.floatToRawIntBits(0x1p-10f); b <= Float.floatToRawIntBits(64f); b += 3) {
            float x = Float.intBitsToFloat(b);
            max = Math.max(max, ulpErrF(RandomMath.sqrtF32(x), Math.sqrt(x)));
        }
        System.out.println("sqrtF32: max error " + max + " ulp over [2^-10, 64]");
        assertTrue(max <= 1.0, "sqrtF32 max error " + max + " ulp");
        assertEquals(0f, RandomMath.sqrtF32(0f));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(RandomMath.sqrtF32(0f)));
    }

    @Test void cosSinTurnF32OnEveryAngle() {
        double maxAbs = 0;
        for (int k = 0; k < 1 << 24; k++) {
            long cs = RandomMath.cosSinTurnF32(k << 8);
            double t = 2 * Math.PI * k * 0x1p-24;
            maxAbs = Math.max(maxAbs, Math.abs(Float.intBitsToFloat((int) cs) - StrictMath.cos(t)));
            maxAbs = Math.max(maxAbs, Math.abs(Float.intBitsToFloat((int) (cs >>> 32)) - StrictMath.sin(t)));
        }
        System.out.println("cosSinTurnF32: max |error| " + maxAbs + " = " + maxAbs / 0x1p-24 + " x 2^-24, all 2^24 angles");
        assertTrue(maxAbs <= 2 * 0x1p-24, "max |error| " + maxAbs);
    }

    @Test void cosSinTurnF64() {
        SplittableRandom r = new SplittableRandom(2);
        double maxAbs = 0;
        double[] cs = new double[2];
        for (int i = 0; i < 4_000_000; i++) {
            long x = r.nextLong();
            RandomMath.cosSinTurnF64(x, cs);
            // the angle 2 pi (x >>> 11) 2^-53 taken in two exact parts: quadrant and fraction
            double q = (x >>> 62), f = ((x >>> 11) & ((1L << 51) - 1)) * 0x1p-51;
            double a = Math.PI / 2 * f;
            double c = StrictMath.cos(a), s = StrictMath.sin(a);
            double ec = q == 0 ? c : q == 1 ? -s : q == 2 ? -c : s, es = q == 0 ? s : q == 1 ? c : q == 2 ? -s : -c;
            maxAbs = Math.max(maxAbs, Math.max(Math.abs(cs[0] - ec), Math.abs(cs[1] - es)));
        }
        System.out.println("cosSinTurnF64: max |error| " + maxAbs + " = " + maxAbs / 0x1p-53 + " x 2^-53");
        assertTrue(maxAbs <= 8 * 0x1p-53, "max |error| " + maxAbs);
    }

    /** Normal floats against Box-Muller in double with StrictMath from the same words: the whole pipeline's error. */
    @Test void normalPairF32AgainstStrictMath() {
        SplittableRandom r = new SplittableRandom(3);
        double maxAbs = 0;
        for (int i = 0; i < 4_000_000; i++) {
            int w0 = r.nextInt(), w1 = r.nextInt();
            long p = RandomMath.normalPairF32(w0, w1);
            double u = RandomMath.openZeroF32(w0);
            double rad = Math.sqrt(-2 * StrictMath.log(u)), t = 2 * Math.PI * (w1 >>> 8) * 0x1p-24;
            maxAbs = Math.max(maxAbs, Math.abs(Float.intBitsToFloat((int) p) - rad * StrictMath.cos(t)));
            maxAbs = Math.max(maxAbs, Math.abs(Float.intBitsToFloat((int) (p >>> 32)) - rad * StrictMath.sin(t)));
        }
        System.out.println("normalPairF32: max |error| vs double Box-Muller " + maxAbs + " (|z| <= 6.66; float ulp at 4 is 4.8e-7)");
        assertTrue(maxAbs < 3e-6, "max |error| " + maxAbs);
    }

    // ---------------------------------------------------------------- the three copies of the constants

    private static final Pattern HEX = Pattern.compile("-?0x[0-9a-fA-F]+(?:\\.[0-9a-fA-F]*)?p[-+]?\\d+[fF]?");

    private static TreeSet<String> literals(String text) {
        TreeSet<String> s = new TreeSet<>();
        Matcher m = HEX.matcher(text);
        while (m.find()) {
            String lit = m.group();
            boolean single = lit.endsWith("f") || lit.endsWith("F");
            s.add(single ? "f:" + Float.toHexString(Float.parseFloat(lit)) : "d:" + Double.toHexString(Double.parseDouble(lit)));
        }
        return s;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = RandomMathTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("no " + path + " on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test void constantsAreTheSameInJavaOpenClAndCuda() throws IOException {
        TreeSet<String> cl = literals(resource("org/gpu4j/kernels/random.cl"));
        TreeSet<String> cu = literals(resource("org/gpu4j/kernels/random.cu"));
        assertEquals(cl, cu, "random.cl and random.cu use different floating-point constants");
        TreeSet<String> java = new TreeSet<>();
        for (float[] a : new float[][] {RandomMath.LOG_F32, RandomMath.SIN_F32, RandomMath.COS_F32}) {
            for (float v : a) java.add("f:" + Float.toHexString(v));
        }
        for (double[] a : new double[][] {RandomMath.LOG_F64, RandomMath.SIN_F64, RandomMath.COS_F64}) {
            for (double v : a) java.add("d:" + Double.toHexString(v));
        }
        java.add("f:" + Float.toHexString(RandomMath.LN2_HI_F));
        java.add("f:" + Float.toHexString(RandomMath.LN2_LO_F));
        java.add("d:" + Double.toHexString(RandomMath.LN2_HI_D));
        java.add("d:" + Double.toHexString(RandomMath.LN2_LO_D));
        TreeSet<String> missing = new TreeSet<>(java);
        missing.removeAll(cl);
        assertTrue(missing.isEmpty(), "constants of RandomMath missing from random.cl/.cu: " + missing);
    }
}
