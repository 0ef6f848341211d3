package org.gpu4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.distributed.BlockMatrix;
import org.apache.spark.sql.SparkSession;
import org.gpu4j.spark.examples.GpuSparkExample;

/**
 * Runs the example job or the block-matmul benchmark by hand on this machine, in the same test-only local cluster
 * as the tests (2 executors as separate JVMs, fake GPU addresses, SPARK_HOME built from the Maven class path).
 * {@code spark/run-local.sh} sets up the class path and environment and calls it:
 * <ul>
 * <li>{@code example [paths] [partitions] [n] [blocks]}: local-cluster[2,2,1024], addresses 0 and 1 mapped to
 *     {@code cpu} and {@code opencl:0}.</li>
 * <li>{@code bench [n] [blocks] [pairs] [strategy]}: local-cluster[2,1,3072], one address per executor mapped to
 *     {@code opencl:0} (PoCL); {@code GpuBlockMatrix.multiply} and MLlib's {@code BlockMatrix.multiply} on the same
 *     cached A and B, alternately (MLlib first in odd pairs, gpu4j first in even ones), each timed to the count of its
 *     C blocks; prints every pair's ratio and the median.</li>
 * </ul>
 */
public final class LocalClusterMain {
    private LocalClusterMain() {}

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "example";
        if (what.equals("example")) {
            SparkConf conf = SparkTestCluster.localClusterConf("gpu4j-spark example (local cluster)");
            SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
            boolean ok;
            try {
                ok = GpuSparkExample.run(spark, arg(args, 1, 10_000_000L), (int) arg(args, 2, 16), (int) arg(args, 3, 512),
                        (int) arg(args, 4, 4), System.out);
            } finally {
                spark.stop();
            }
            System.exit(ok ? 0 : 1);
        } else if (what.equals("bench")) {
            bench((int) arg(args, 1, 4096), (int) arg(args, 2, 4), (int) arg(args, 3, 3),
                    args.length > 4 ? GpuBlockMatrix.Strategy.valueOf(args[4]) : GpuBlockMatrix.Strategy.AUTO);
        } else {
            System.err.println("usage: LocalClusterMain example [paths] [partitions] [n] [blocks] | bench [n] [blocks] [pairs] [AUTO|REPLICATE|BROADCAST_B]");
            System.exit(2);
        }
    }

    private static long arg(String[] a, int i, long dflt) { return a.length > i ? Long.parseLong(a[i]) : dflt; }

    static void bench(int n, int blocks, int pairs, GpuBlockMatrix.Strategy strategy) {
        SparkConf conf = SparkTestCluster.localClusterConf("gpu4j-spark block matmul bench", "local-cluster[2,1,3072]", "3g", List.of("0"))
                .set(DeviceRule.SELECTOR_KEY, "opencl:{address}");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            GpuSpark gpu = GpuSpark.of(spark);
            BlockMatrix a = GpuSparkExample.randomBlockMatrix(jsc, 1, n, blocks), b = GpuSparkExample.randomBlockMatrix(jsc, 2, n, blocks);
            a.blocks().count();
            b.blocks().count();
            // warm-up of both paths (JIT, PoCL kernel build and cache) at a small size
            BlockMatrix wa = GpuSparkExample.randomBlockMatrix(jsc, 3, 256, blocks), wb = GpuSparkExample.randomBlockMatrix(jsc, 4, 256, blocks);
            double wdiff = GpuSparkExample.maxDifference(GpuBlockMatrix.multiply(gpu, wa, wb, blocks * blocks, strategy), wa.multiply(wb));
            System.out.printf(Locale.ROOT, "warm-up 256: max |gpu4j - MLlib| = %.3g%n", wdiff);
            // REPLICATE: one task per C block; broadcasting B: one task per block row of A
            int parts = strategy == GpuBlockMatrix.Strategy.REPLICATE ? blocks * blocks : blocks;
            double flop = 2.0 * n * (double) n * n;
            List<Double> ratios = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                double tm, tg;
                if (p % 2 == 0) {
                    tm = time(() -> a.multiply(b).blocks().count());
                    tg = time(() -> GpuBlockMatrix.multiply(gpu, a, b, parts, strategy).blocks().count());
                } else {
                    tg = time(() -> GpuBlockMatrix.multiply(gpu, a, b, parts, strategy).blocks().count());
                    tm = time(() -> a.multiply(b).blocks().count());
                }
                ratios.add(tm / tg);
                System.out.printf(Locale.ROOT, "pair %d: MLlib %.2f s (%.2f GFLOP/s), gpu4j-spark on PoCL %.2f s (%.2f GFLOP/s): %.2fx%n",
                        p + 1, tm, flop / tm / 1e9, tg, flop / tg / 1e9, tm / tg);
            }
            ratios.sort(null);
            System.out.printf(Locale.ROOT, "block matmul N = %d in %d x %d blocks, " + strategy + ", %s: median MLlib/gpu4j-spark = %.2fx over %d pairs%n",
                    n, blocks, blocks, jsc.master(), ratios.get(ratios.size() / 2), pairs);
            double diff = GpuSparkExample.maxDifference(GpuBlockMatrix.multiply(gpu, a, b, parts, strategy), a.multiply(b));
            System.out.printf(Locale.ROOT, "max |gpu4j-spark - MLlib| at N = %d: %.3g%n", n, diff);
            System.out.println("--- tasks: address -> device (counts)\n" + gpu.report().countsByDevice());
        } finally {
            spark.stop();
        }
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
