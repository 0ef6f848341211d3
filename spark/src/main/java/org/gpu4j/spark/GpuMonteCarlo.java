package org.gpu4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.gpu4j.Capability;
import org.gpu4j.UnsupportedCapabilityException;
import org.gpu4j.samples.MonteCarlo;

/**
 * The {@code monte-carlo} sample's option price (European call, Black-Scholes, closed form 10.4506) over many Spark
 * partitions, each on its task's accelerator, equal to the single-JVM {@link MonteCarlo#price} bit for bit for any
 * number of partitions.
 *
 * <p><b>Why the same bits.</b> Path {@code p}'s normal is element {@code p} of seed's normal stream (Philox, a pure
 * function of seed and p on every backend). The paths are cut into blocks of 4096; partition {@code q} of {@code P}
 * takes the whole blocks {@code [⌊B·q/P⌋, ⌊B·(q+1)/P⌋)} of the {@code B = ⌈N/4096⌉}, starts its generator at its first
 * path (its own counter range of the one stream) and computes each block's payoff sums in path order
 * ({@link MonteCarlo#blockSums}). The driver puts the blocks back in block order and adds them in that order
 * ({@link MonteCarlo#estimate}), which is exactly the single-JVM reduction: the rule is "per-block sums, combined in
 * block order", so neither the partition count nor which device ran which block changes a bit.
 */
public final class GpuMonteCarlo {
    private GpuMonteCarlo() {}

    /** One partition's blocks. */
    record Part(long firstBlock, double[] sums, double[] sumsq) implements Serializable {}

    /**
     * The price from {@code paths} paths of {@code seed}, in {@code partitions} tasks.
     *
     * @throws IllegalArgumentException if paths is negative or partitions < 1
     */
    public static MonteCarlo.Estimate price(GpuSpark gpu, JavaSparkContext jsc, long seed, long paths, int partitions) {
        if (paths < 0) throw new IllegalArgumentException("paths must be >= 0, got " + paths);
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        long blocks = (paths + MonteCarlo.BLOCK - 1) / MonteCarlo.BLOCK;
        List<long[]> ranges = new ArrayList<>(partitions);
        for (int q = 0; q < partitions; q++) {
            ranges.add(new long[] {blocks * q / partitions, blocks * (q + 1) / partitions});
        }
        JavaRDD<long[]> rdd = jsc.parallelize(ranges, partitions);
        JavaRDD<Part> parts = gpu.mapPartitions(rdd, (acc, it) -> {
            List<Part> out = new ArrayList<>();
            while (it.hasNext()) {
                long[] r = it.next();
                long first = r[0] * MonteCarlo.BLOCK, n = Math.min(r[1] * MonteCarlo.BLOCK, paths) - first;
                if (n <= 0) continue;
                if (!acc.device().supports(Capability.FP64)) {
                    throw new UnsupportedCapabilityException(Capability.FP64, acc.device(), "the Monte Carlo payoff sums (double)");
                }
                int nb = (int) (r[1] - r[0]);
                double[] s = new double[nb], q = new double[nb];
                MonteCarlo.blockSums(acc, seed, first, n, s, q);
                out.add(new Part(r[0], s, q));
            }
            return out;
        });
        List<Part> got = new ArrayList<>(parts.collect());
        got.sort(Comparator.comparingLong(Part::firstBlock));
        double[] sums = new double[Math.toIntExact(blocks)], sumsq = new double[sums.length];
        long next = 0;
        for (Part p : got) {
            if (p.firstBlock() != next) throw new IllegalStateException("blocks from " + next + " missing: got a part at " + p.firstBlock());
            System.arraycopy(p.sums(), 0, sums, (int) next, p.sums().length);
            System.arraycopy(p.sumsq(), 0, sumsq, (int) next, p.sumsq().length);
            next += p.sums().length;
        }
        if (next != blocks) throw new IllegalStateException("got " + next + " of " + blocks + " blocks");
        return MonteCarlo.estimate(paths, sums, sumsq);
    }
}
