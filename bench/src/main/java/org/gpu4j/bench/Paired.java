package org.gpu4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Paired measurement of a target: the gpu4j workload (candidate) and its reference are timed in alternation, in
 * {@code rounds} rounds, each side a short timing per round; the order inside a round is reversed every other round
 * (A B, B A, A B, ... — ABBA), so a drift in the machine's speed during the pairing weighs on both sides alike. Each
 * round gives one ratio (candidate / reference, from that round's two timings); the verdict is the median of those
 * ratios. Ratios of medians measured a minute apart (the main table's) swing with the host's load; these do not.
 *
 * {@snippet :
 * Paired.Result r = Paired.run(candidateSide, referenceSide, null, Paired.throughput(Op.AXPBY, n, Op.TRIAD, n), 5);
 * System.out.println(r.median() + " [" + r.min() + " - " + r.max() + "] over " + r.rounds() + " rounds");
 * }
 */
final class Paired {
    private Paired() {}

    /** One side of a pairing: each call times it once (a few runs) and returns its median, ns per run. */
    interface Side {
        double measureNs() throws Exception;
    }

    /**
     * What was measured for one target: the median, minimum and maximum of the per-round ratios, the number of
     * rounds, and each side's median time over the rounds; {@code other*} are the candidate's ratios to a second
     * reference timed in the same rounds (NaN when there is none).
     */
    record Result(double median, double min, double max, int rounds, double candidateNs, double referenceNs,
                  double otherMedian, double otherMin, double otherMax, double otherNs) {
        boolean hasOther() { return !Double.isNaN(otherMedian); }
    }

    /** Per-round ratio of throughputs (higher is better): candidate op at its size vs reference op at its size. */
    static DoubleBinaryOperator throughput(Op cand, long candSize, Op ref, long refSize) {
        return (c, r) -> cand.value(candSize, c) / ref.value(refSize, r);
    }

    /** Per-round ratio of times (lower is better), for launch latency. */
    static DoubleBinaryOperator time() {
        return (c, r) -> c / r;
    }

    /**
     * The order of the sides in round {@code round} (0-based): indexes 0..n-1 forward in even rounds, backward in
     * odd ones (A B | B A | A B ...; with three sides A B C | C B A).
     */
    static int[] order(int round, int sides) {
        int[] o = new int[sides];
        for (int i = 0; i < sides; i++) o[i] = round % 2 == 0 ? i : sides - 1 - i;
        return o;
    }

    /**
     * Times {@code candidate}, {@code reference} and (when not null) {@code other} in {@code rounds} alternating
     * rounds; {@code ratio} turns one round's (candidate ns, reference ns) into its ratio.
     *
     * @throws Exception the first failure of a side (the pairing is then abandoned)
     */
    static Result run(Side candidate, Side reference, Side other, DoubleBinaryOperator ratio, int rounds) throws Exception {
        if (rounds < 1) throw new IllegalArgumentException("rounds: must be at least 1, was " + rounds);
        List<Side> sides = new ArrayList<>(List.of(candidate, reference));
        if (other != null) sides.add(other);
        double[][] ns = new double[sides.size()][rounds];
        double[] r = new double[rounds], o = new double[rounds];
        for (int k = 0; k < rounds; k++) {
            for (int i : order(k, sides.size())) ns[i][k] = sides.get(i).measureNs();
            r[k] = ratio.applyAsDouble(ns[0][k], ns[1][k]);
            o[k] = other == null ? Double.NaN : ratio.applyAsDouble(ns[0][k], ns[2][k]);
        }
        double nan = Double.NaN;
        return new Result(Measure.median(r), min(r), max(r), rounds, Measure.median(ns[0]), Measure.median(ns[1]),
                other == null ? nan : Measure.median(o), other == null ? nan : min(o), other == null ? nan : max(o),
                other == null ? nan : Measure.median(ns[2]));
    }

    private static double min(double[] v) { return Arrays.stream(v).min().orElse(Double.NaN); }

    private static double max(double[] v) { return Arrays.stream(v).max().orElse(Double.NaN); }
}
