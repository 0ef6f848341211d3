package org.gpu4j.spark.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.distributed.BlockMatrix;
import org.apache.spark.sql.SparkSession;
import org.gpu4j.samples.MonteCarlo;
import org.gpu4j.spark.GpuBlockMatrix;
import org.gpu4j.spark.GpuMonteCarlo;
import org.gpu4j.spark.GpuSpark;
import scala.Tuple2;

/**
 * The example job for {@code spark-submit}: the Monte Carlo option price over many partitions and a block matrix
 * multiply checked against MLlib's, each task on the GPU Spark assigned to it, then the table of which task ran on
 * which device.
 *
 * <p>Arguments (all optional): {@code paths} (default 10^7), {@code partitions} (16), {@code n} (matrix size, 1024),
 * {@code blocks} (blocks per side, 4). The master and every setting come from {@code spark-submit}.
 */
public final class GpuSparkExample {
    private GpuSparkExample() {}

    public static void main(String[] args) {
        long paths = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        int blocks = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        SparkSession spark = SparkSession.builder().appName("gpu4j-spark example").getOrCreate();
        try {
            boolean ok = run(spark, paths, partitions, n, blocks, System.out);
            if (!ok) System.exit(1);
        } finally {
            spark.stop();
        }
    }

    /** Runs both jobs; true when the checks pass. */
    public static boolean run(SparkSession spark, long paths, int partitions, int n, int blocks, PrintStream out) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        GpuSpark gpu = GpuSpark.of(spark);
        out.println("gpu4j-spark example on " + jsc.master() + ", " + gpu.rule());

        long t0 = System.nanoTime();
        MonteCarlo.Estimate e = GpuMonteCarlo.price(gpu, jsc, 42, paths, partitions);
        out.printf("Monte Carlo European call, %d paths in %d partitions: price %.10f, standard error %.2g (closed form 10.4506), %.1f s%n",
                paths, partitions, e.price(), e.standardError(), (System.nanoTime() - t0) / 1e9);
        boolean ok = paths < 100 || Math.abs(e.price() - 10.4506) <= 4 * e.standardError() + 5e-5;

        BlockMatrix a = randomBlockMatrix(jsc, 1, n, blocks), b = randomBlockMatrix(jsc, 2, n, blocks);
        t0 = System.nanoTime();
        BlockMatrix c = GpuBlockMatrix.multiply(gpu, a, b, blocks * blocks).cache();
        long got = c.blocks().count();
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf("block matmul %dx%d in %dx%d blocks: %d C blocks in %.1f s (%.3g GFLOP/s)%n", n, n, blocks, blocks, got, secs,
                2.0 * n * n * (double) n / secs / 1e9);
        double diff = maxDifference(c, a.multiply(b));
        out.printf("max |gpu4j-spark - MLlib BlockMatrix.multiply| = %.3g%n", diff);
        ok &= diff <= 1e-9 * n;
        out.println("--- tasks: address -> device\n" + gpu.report().table());
        out.println(ok ? "OK" : "FAILED");
        return ok;
    }

    /**
     * An n x n matrix of uniform values in [-1, 1) in blocks x blocks dense blocks, each generated in a task from
     * (seed, block row, block column), so nothing passes through the driver.
     */
    public static BlockMatrix randomBlockMatrix(JavaSparkContext jsc, long seed, int n, int blocks) {
        int per = (n + blocks - 1) / blocks;
        List<int[]> ids = new ArrayList<>();
        for (int i = 0; i < blocks; i++) for (int j = 0; j < blocks; j++) ids.add(new int[] {i, j});
        JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> rdd = jsc.parallelize(ids, ids.size()).map(ij -> {
            int r = Math.min(per, n - ij[0] * per), c = Math.min(per, n - ij[1] * per);
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + ij[0] * 1009L + ij[1]);
            double[] v = new double[Math.max(0, r) * Math.max(0, c)];
            for (int k = 0; k < v.length; k++) v[k] = rnd.nextDouble() * 2 - 1;
            return new Tuple2<>(new Tuple2<>(ij[0], ij[1]), new DenseMatrix(r, c, v));
        });
        return new BlockMatrix(rdd.rdd(), per, per, n, n).cache();
    }

    /** The largest element difference between two block matrices of the same layout (collects them block by block). */
    public static double maxDifference(BlockMatrix x, BlockMatrix y) {
        JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> xb = x.blocks().toJavaRDD(), yb = y.blocks().toJavaRDD();
        Map<String, Matrix> ym = new HashMap<>();
        for (Tuple2<Tuple2<Object, Object>, Matrix> t : yb.collect()) ym.put(t._1().toString(), t._2());
        double worst = 0;
        for (Tuple2<Tuple2<Object, Object>, Matrix> t : xb.collect()) {
            Matrix p = t._2(), q = ym.remove(t._1().toString());
            if (q == null || q.numRows() != p.numRows() || q.numCols() != p.numCols()) return Double.POSITIVE_INFINITY;
            for (int i = 0; i < p.numRows(); i++) for (int j = 0; j < p.numCols(); j++) worst = Math.max(worst, Math.abs(p.apply(i, j) - q.apply(i, j)));
        }
        return ym.isEmpty() ? worst : Double.POSITIVE_INFINITY;
    }
}
