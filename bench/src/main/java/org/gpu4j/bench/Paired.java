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
                  double otherMedian, double otherMin, double otherMax, double otherNs, List<double[]> more) {
        Result(double median, double min, double max, int rounds, double candidateNs, double referenceNs,
               double otherMedian, double otherMin, double otherMax, double otherNs) {
            this(median, min, max, rounds, candidateNs, referenceNs, otherMedian, otherMin, otherMax, otherNs, List.of());
        }

        boolean hasOther() { return !Double.isNaN(otherMedian); }

        /** The candidate's ratio median, min, max and the side's median time for the third, fourth... reference. */
        double[] more(int i) { return more.get(i); }
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
        return runAll(candidate, reference, other == null ? List.of() : List.of(other), ratio, rounds);
    }

    /**
     * As {@link #run(Side, Side, Side, DoubleBinaryOperator, int)} with any number of further references timed in the
     * same rounds (A B C D | D C B A ...): the first is the result's {@code other*}, the rest its {@code more}. The
     * same {@code ratio} turns each into a ratio, so they must do the same work as {@code reference}.
     */
    static Result runAll(Side candidate, Side reference, List<Side> others, DoubleBinaryOperator ratio, int rounds) throws Exception {
        if (rounds < 1) throw new IllegalArgumentException("rounds: must be at least 1, was " + rounds);
        List<Side> sides = new ArrayList<>(List.of(candidate, reference));
        sides.addAll(others);
        double[][] ns = new double[sides.size()][rounds];
        double[][] r = new double[sides.size()][rounds];
        for (int k = 0; k < rounds; k++) {
            for (int i : order(k, sides.size())) ns[i][k] = sides.get(i).measureNs();
            for (int i = 1; i < sides.size(); i++) r[i][k] = ratio.applyAsDouble(ns[0][k], ns[i][k]);
        }
        double nan = Double.NaN;
        boolean other = !others.isEmpty();
        List<double[]> more = new ArrayList<>();
        for (int i = 3; i < sides.size(); i++) more.add(new double[] {Measure.median(r[i]), min(r[i]), max(r[i]), Measure.median(ns[i])});
        return new Result(Measure.median(r[1]), min(r[1]), max(r[1]), rounds, Measure.median(ns[0]), Measure.median(ns[1]),
                other ? Measure.median(r[2]) : nan, other ? min(r[2]) : nan, other ? max(r[2]) : nan,
                other ? Measure.median(ns[2]) : nan, List.copyOf(more));
    }

    private static double min(double[] v) { return Arrays.stream(v).min().orElse(Double.NaN); }

    private static double max(double[] v) { return Arrays.stream(v).max().orElse(Double.NaN); }
}
