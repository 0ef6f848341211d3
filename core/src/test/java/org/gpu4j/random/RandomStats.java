package org.gpu4j.random;

/**
 * Statistical tests of random streams, each with a fixed acceptance region and a one-line reason for it. The data
 * come from fixed seeds, so a verdict is reproducible; the regions are wide enough (about 6 standard deviations, or a
 * tail probability near 1e-6) that a correct generator passes them with overwhelming probability for any seed, and
 * narrow enough that a broken one (Philox with one round) fails.
 */
public final class RandomStats {
    private RandomStats() {}

    /** The outcome of one test: the statistic and the interval it must lie in. */
    public record Verdict(String test, double statistic, double lo, double hi, String why) {
        public boolean pass() { return statistic >= lo && statistic <= hi; }

        @Override public String toString() {
            return test + " = " + statistic + (pass() ? " in " : " OUTSIDE ") + "[" + lo + ", " + hi + "] (" + why + ")";
        }
    }

    /** Pearson's chi-square of observed counts against equal expected counts. */
    public static Verdict chiSquare(String test, long[] counts) {
        long n = 0;
        for (long c : counts) n += c;
        double e = (double) n / counts.length, chi = 0;
        for (long c : counts) chi += (c - e) * (c - e) / e;
        int df = counts.length - 1;
        double sd = Math.sqrt(2.0 * df);
        // chi2(df) has mean df and sd sqrt(2 df); 6 sd either side (too uniform is as suspect as too lumpy)
        return new Verdict(test + ": chi-square, " + counts.length + " buckets, " + n + " draws", chi,
                Math.max(0, df - 6 * sd), df + 6 * sd, "chi2(" + df + ") mean " + df + ", sd " + fmt(sd) + "; +-6 sd");
    }

    /** Chi-square of floats in [0, 1) over {@code buckets} equal buckets. */
    public static Verdict chiSquareUniform(String test, float[] u, int buckets) {
        long[] counts = new long[buckets];
        for (float v : u) {
            if (!(v >= 0f && v < 1f)) {
                return new Verdict(test + ": value outside [0, 1)", v, 0, Math.nextDown(1f), "uniform floats lie in [0, 1)");
            }
            counts[(int) (v * buckets)]++;
        }
        return chiSquare(test, counts);
    }

    /** Kolmogorov-Smirnov distance of the sample from the continuous CDF, scaled by sqrt(n). */
    public static Verdict ks(String test, double[] x, java.util.function.DoubleUnaryOperator cdf) {
        double[] s = x.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        // P(sqrt(n) D > 2.69) ~ 2 exp(-2 * 2.69^2) = 1.0e-6 (Kolmogorov's limit distribution)
        return new Verdict(test + ": Kolmogorov-Smirnov sqrt(n)*D, n = " + n, Math.sqrt(n) * d, 0, 2.69,
                "P(sqrt(n) D > 2.69) = 1e-6");
    }

    /** |sample mean - mu| in standard errors (sigma / sqrt(n)). */
    public static Verdict mean(String test, double[] x, double mu, double sigma) {
        double m = 0;
        for (double v : x) m += v;
        m /= x.length;
        double z = (m - mu) / (sigma / Math.sqrt(x.length));
        // the sample mean is N(mu, sigma^2 / n) to within the CLT; 6 standard errors
        return new Verdict(test + ": mean " + m + " vs " + mu + ", in standard errors", z, -6, 6, "CLT; +-6 standard errors");
    }

    /** |sample variance - var| in standard errors sqrt((mu4 - var^2) / n), mu4 the fourth central moment. */
    public static Verdict variance(String test, double[] x, double mu, double var, double mu4) {
        double s = 0;
        for (double v : x) s += (v - mu) * (v - mu);
        s /= x.length;
        double z = (s - var) / Math.sqrt((mu4 - var * var) / x.length);
        // the mean of (x - mu)^2 has variance (mu4 - var^2) / n; 6 standard errors
        return new Verdict(test + ": variance " + s + " vs " + var + ", in standard errors", z, -6, 6,
                "CLT on (x - mu)^2; +-6 standard errors");
    }

    /** Pearson correlation of a and b, scaled by sqrt(n). */
    public static Verdict correlation(String test, double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        double r = sab / Math.sqrt(saa * sbb);
        // independent streams: sqrt(n) r is N(0, 1) to within the CLT; 6 sd
        return new Verdict(test + ": correlation sqrt(n)*r, n = " + n, Math.sqrt(n) * r, -6, 6, "sqrt(n) r ~ N(0, 1); +-6 sd");
    }

    /** The standard normal CDF (erfc to 1.2e-7 relative: Numerical Recipes' erfcc, Chebyshev fit). */
    public static double phi(double x) { return 0.5 * erfc(-x / Math.sqrt(2)); }

    static double erfc(double x) {
        double z = Math.abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    public static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static String fmt(double v) { return String.format(java.util.Locale.ROOT, "%.1f", v); }
}
