package org.gpu4j.samples;

import java.io.PrintWriter;
import java.util.Map;
import org.gpu4j.Accelerator;
import org.gpu4j.Capability;
import org.gpu4j.DeviceRandom;
import org.gpu4j.DoubleArray;
import org.gpu4j.FloatArray;
import org.gpu4j.KernelArgs;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.gpu4j.WorkItem;
import picocli.CommandLine.Command;

/**
 * Monte Carlo price of a European call under Black-Scholes — the first thing many people run on a GPU — with the
 * normals generated on the device ({@code acc.random(seed).normal}): S0 = 100, K = 100, r = 0.05, σ = 0.2, T = 1,
 * whose closed form is 10.4506. The N paths (default 10^8) are generated in chunks of 2^24 normals, each chunk from
 * the generator {@code skip}ped to its first path, so the paths are elements 0..N-1 of one stream whatever the
 * chunking; a kernel ({@code monte_carlo.cl/.cu}, Java twin here) turns each block of 4096 paths into a sum of
 * payoffs and of their squares, added in path order, and the host adds the blocks in order. The price is
 * e^(-rT)·mean(payoff), its standard error e^(-rT)·sd(payoff)/√N; the check is |price - 10.4506| &lt;= 4 standard
 * errors.
 *
 * <p><b>The same price on every backend.</b> The normals are bit-identical across backends (see
 * {@link DeviceRandom}), the payoff kernel uses its own exp built from +, ×, fma and bit operations with FP contraction
 * off, and every sum has a fixed order, so the same seed prints the same price to the last digit on {@code cpu},
 * {@code opencl} and {@code cuda}.
 *
 * <p><b>Defects avoided.</b> The usual recipe draws the normals on the host with numpy and uploads them, which costs
 * more than the GPU arithmetic (TornadoVM#1055: 1,031 ms to generate and upload vs 23 ms of work); it also sums the
 * payoffs in float, which for 10^8 paths loses about 4 digits; and its result depends on the device's reduction order.
 */
@Command(name = "monte-carlo", mixinStandardHelpOptions = true,
        description = "Prices a European call (S0 = K = 100, r = 0.05, sigma = 0.2, T = 1; closed form 10.4506) from N"
                + " Black-Scholes paths whose normals are generated on the device (default N = 10^8).")
public final class MonteCarlo extends SampleCommand {
    static final double S0 = 100, STRIKE = 100, RATE = 0.05, SIGMA = 0.2, T = 1;
    /** The closed form (Black-Scholes), to 4 decimals as quoted; {@link #blackScholes()} computes it. */
    static final double CLOSED_FORM = 10.4506;
    /** Normals per chunk (one device array) and paths per payoff block. */
    public static final int CHUNK = 1 << 24, BLOCK = 4096;

    @Override public String recipe() { return "Monte Carlo option pricing (new: random numbers on the device)"; }

    @Override protected int defaultN() { return 100_000_000; }

    /**
     * The most paths a run takes. Memory does not limit it (the normals are generated a chunk at a time), time does:
     * 10^9 paths take minutes on the Java CPU backend, and their standard error (4.7e-4) is already far below the
     * price's 4th decimal.
     */
    static final long MAX_PATHS = 1_000_000_000L;

    @Override protected void validateOptions() {
        if (n != null && n > MAX_PATHS) {
            throw usage("--n " + n + " is too large: the largest monte-carlo accepts is " + MAX_PATHS
                    + " (the paths are generated in chunks, so memory is no limit, but more would run for many minutes)");
        }
    }

    @Override protected Sizes.Footprint footprint(Map<String, Long> s) {
        long n = s.get("--n"), chunk = Math.min(n, CHUNK), blocks = (chunk + BLOCK - 1) / BLOCK;
        return new Sizes.Footprint().device("normals (one chunk of min(N, 2^24) floats)", chunk, 4)
                .both("payoff sums (one per 4096 paths of a chunk)", blocks, 8).both("payoff square sums", blocks, 8);
    }

    static KernelSource source() {
        return KernelSource.resource("org/gpu4j/samples/kernels/", "monte_carlo").withJava("payoff_sums", MonteCarlo::payoffSums);
    }

    /** The Java twin of payoff_sums: the same operations in the same order as monte_carlo.cl. */
    static void payoffSums(WorkItem id, KernelArgs a) {
        float[] z = a.floats(0);
        double[] sums = a.doubles(1), sumsq = a.doubles(2);
        int zo = a.offset(0), so = a.offset(1), qo = a.offset(2);
        double s0 = a.doubleValue(3), drift = a.doubleValue(4), vol = a.doubleValue(5), strike = a.doubleValue(6);
        long block = a.longValue(7), n = a.longValue(8), blocks = (n + block - 1) / block;
        for (long j = id.x(); j < blocks; j += id.globalSize(0)) {
            long from = j * block, to = Math.min(from + block, n);
            double s1 = 0, s2 = 0;
            for (long i = from; i < to; i++) {
                double st = s0 * exp(Math.fma(vol, (double) z[zo + (int) i], drift));
                double pay = st > strike ? st - strike : 0.0;
                s1 = s1 + pay;
                s2 = s2 + pay * pay;
            }
            sums[so + (int) j] = s1;
            sumsq[qo + (int) j] = s2;
        }
    }

    /** exp(x) for |x| &lt; 700, exactly as monte_carlo.cl computes it (within 1 ulp of Math.exp). */
    static double exp(double x) {
        double kd = Math.floor(Math.fma(x, 0x1.71547652b82fep+0, 0.5));
        double r = Math.fma(-kd, 0x1.62e42feep-1, x);
        r = Math.fma(-kd, 0x1.a39ef35793c76p-33, r);
        double p = 0x1.1f72fc730b4ffp-29;
        p = Math.fma(p, r, 0x1.af4ddd84882fep-26);
        p = Math.fma(p, r, 0x1.27e4db67b4303p-22);
        p = Math.fma(p, r, 0x1.71de02375656cp-19);
        p = Math.fma(p, r, 0x1.a01a01a6d7808p-16);
        p = Math.fma(p, r, 0x1.a01a01abe62ddp-13);
        p = Math.fma(p, r, 0x1.6c16c16c162d6p-10);
        p = Math.fma(p, r, 0x1.11111111100dfp-7);
        p = Math.fma(p, r, 0x1.5555555555556p-5);
        p = Math.fma(p, r, 0x1.5555555555557p-3);
        p = Math.fma(p, r, 0x1.0000000000000p-1);
        double er = 1.0 + Math.fma(r * r, p, r);
        return er * Double.longBitsToDouble(((long) kd + 1023L) << 52);
    }

    /** The Black-Scholes price of the call, from the closed form (erf by a 1e-15 series; for the printout). */
    static double blackScholes() {
        double d1 = (Math.log(S0 / STRIKE) + (RATE + SIGMA * SIGMA / 2) * T) / (SIGMA * Math.sqrt(T));
        double d2 = d1 - SIGMA * Math.sqrt(T);
        return S0 * phi(d1) - STRIKE * Math.exp(-RATE * T) * phi(d2);
    }

    /** The standard normal CDF for |x| &lt; 3, by the Taylor series of erf (converges fast there). */
    static double phi(double x) {
        double y = x / Math.sqrt(2), term = y, sum = y;
        for (int k = 1; k < 200 && Math.abs(term) > 1e-18; k++) {
            term *= -y * y / k;
            sum += term / (2 * k + 1);
        }
        return 0.5 + sum / Math.sqrt(Math.PI);
    }

    /** What a run computed. */
    public record Estimate(long paths, double price, double standardError) {}

    /** Prices the call from {@code n} paths whose normals are elements 0..n-1 of seed's normal stream. */
    public static Estimate price(Accelerator acc, long seed, long n) { return price(acc, seed, n, CHUNK); }

    /** As {@link #price(Accelerator, long, long)} in chunks of {@code chunkSize} paths (a multiple of 4096). */
    static Estimate price(Accelerator acc, long seed, long n, int chunkSize) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        int blocks = Math.toIntExact((n + BLOCK - 1) / BLOCK);
        double[] sums = new double[blocks], sumsq = new double[blocks];
        blockSums(acc, seed, 0, n, chunkSize, sums, sumsq);
        return estimate(n, sums, sumsq);
    }

    /**
     * The payoff sums of paths {@code firstPath .. firstPath + n - 1}, one per block of 4096 paths: {@code sums[j]}
     * and {@code sumsq[j]} are the sums of the payoffs and of their squares of block {@code firstPath / 4096 + j},
     * added in path order. A block's sums depend only on the seed, the block's index and how many of its paths are
     * taken (the normals are elements of one stream, addressed by path index), so any split of the paths into
     * block-aligned ranges computed anywhere — other threads, devices or machines — gives the same sums as one run.
     *
     * @param firstPath a multiple of 4096
     * @param sums receives ceil(n / 4096) values from index 0
     * @param sumsq likewise
     * @throws IllegalArgumentException if firstPath is not a non-negative multiple of 4096, n is negative, or an
     *         array is too short
     */
    public static void blockSums(Accelerator acc, long seed, long firstPath, long n, double[] sums, double[] sumsq) {
        blockSums(acc, seed, firstPath, n, CHUNK, sums, sumsq);
    }

    static void blockSums(Accelerator acc, long seed, long firstPath, long n, int chunkSize, double[] sums, double[] sumsq) {
        if (chunkSize <= 0 || chunkSize % BLOCK != 0) throw new IllegalArgumentException("chunkSize must be a positive multiple of " + BLOCK);
        if (firstPath < 0 || firstPath % BLOCK != 0) throw new IllegalArgumentException("firstPath must be a non-negative multiple of " + BLOCK + ", got " + firstPath);
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        long need = (n + BLOCK - 1) / BLOCK;
        if (sums.length < need || sumsq.length < need) {
            throw new IllegalArgumentException(n + " paths need " + need + " block sums; the arrays hold " + sums.length + " and " + sumsq.length);
        }
        if (n == 0) return;
        double drift = (RATE - SIGMA * SIGMA / 2) * T, vol = SIGMA * Math.sqrt(T);
        int chunk = (int) Math.min(n, chunkSize), maxBlocks = (chunk + BLOCK - 1) / BLOCK;
        try (Program p = acc.program(source()); FloatArray z = acc.allocFloats(chunk);
             DoubleArray bs = acc.allocDoubles(maxBlocks); DoubleArray bq = acc.allocDoubles(maxBlocks)) {
            DeviceRandom rng = acc.random(seed).at(firstPath);
            int out = 0;
            for (long first = 0; first < n; first += chunk) {
                int len = (int) Math.min(chunk, n - first), blocks = (len + BLOCK - 1) / BLOCK;
                FloatArray zc = len == chunk ? z : z.slice(0, len);
                rng = rng.normal(zc, 0f, 1f);               // paths firstPath + first .. + len - 1
                p.kernel("payoff_sums").launch(Range.of(blocks), zc, bs, bq, S0, drift, vol, STRIKE,
                        (long) BLOCK, (long) len);
                double[] a = bs.toArray(), b = bq.toArray();
                System.arraycopy(a, 0, sums, out, blocks);
                System.arraycopy(b, 0, sumsq, out, blocks);
                out += blocks;
            }
        }
    }

    /**
     * The price and its standard error from the block sums of all {@code n} paths, added in block order (the
     * reduction order, fixed whatever computed the blocks).
     */
    public static Estimate estimate(long n, double[] sums, double[] sumsq) {
        double s1 = 0, s2 = 0;
        for (int j = 0; j < sums.length; j++) {           // in path order, whatever the backend or the split
            s1 += sums[j];
            s2 += sumsq[j];
        }
        double disc = Math.exp(-RATE * T);
        double mean = n == 0 ? 0 : s1 / n;
        double var = n < 2 ? 0 : Math.max(0, (s2 - n * mean * mean) / (n - 1));
        return new Estimate(n, disc * mean, disc * Math.sqrt(var / Math.max(1, n)));
    }

    @Override protected boolean run(Accelerator acc, PrintWriter out) {
        long n = n();
        if (!acc.device().supports(Capability.FP64)) {
            out.println("this device has no FP64: the payoff sums are double");
            return check(out, false, acc.device().id() + " has no double precision");
        }
        out.println(Fmt.f("European call, Black-Scholes: S0 = %.0f, K = %.0f, r = %.2f, sigma = %.1f, T = %.0f; %d paths, seed %d",
                S0, STRIKE, RATE, SIGMA, T, n, seed));
        long t0 = System.nanoTime();
        Estimate e = price(acc, seed, n);
        double ms = (System.nanoTime() - t0) / 1e6;
        double exact = blackScholes();
        out.println(Fmt.f("closed form = %.4f (%.10f)", CLOSED_FORM, exact));
        if (n == 0) {
            out.println("PRICE = (no paths)");
            return check(out, true, "no paths, nothing to price");
        }
        out.println(Fmt.f("PRICE = %.10f   standard error = %.10f", e.price(), e.standardError()));
        if (n < 100) {
            return check(out, e.price() >= 0, n + " paths priced; fewer than 100 are too few for the 4-standard-error test");
        }
        double dev = Math.abs(e.price() - exact) / e.standardError();
        out.println(Fmt.f("|price - closed form| = %.6f = %.2f standard errors; %.0f ms on %s (normals and payoffs on the device)",
                Math.abs(e.price() - exact), dev, ms, acc.device().id()));
        return check(out, dev <= 4, Fmt.f("within 4 standard errors of the closed form %.4f", CLOSED_FORM));
    }
}
