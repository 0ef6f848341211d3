package org.gpu4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.distributed.BlockMatrix;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;
import org.gpu4j.samples.MonteCarlo;
import org.gpu4j.testing.Require;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import scala.Tuple2;

/**
 * gpu4j-spark on a real standalone cluster: 2 executors (separate JVMs) of 2 cores each, each with two fake GPU
 * addresses from a discovery script, mapped by the rule {@code 0 -> cpu}, {@code 1 -> opencl:0} (PoCL) to devices
 * that exist here. Every task's address, as the task itself reads it from {@code TaskContext}, must be the one the
 * gpu4j record reports and the device it ran on must be the one mapped from it; results equal the single-JVM
 * computation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
    static final Map<String, String> RULE = Map.of("0", "cpu:0", "1", "opencl:0");
    static SparkSession spark;
    static JavaSparkContext jsc;
    static GpuSpark gpu;

    @BeforeAll
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void start() {
        SparkTestCluster.requireLocalCluster();
        Require.backend("cpu");
        // address 1 maps to opencl:0: without it this test cannot run, which fails it under GPU4J_REQUIRE=spark too
        String noOpenCl = Gpu4j.probes().stream().filter(p -> p.backend().equals("opencl") && p.isAvailable()).findAny()
                .isPresent() ? null : "the local-cluster test maps address 1 to opencl:0, and OpenCL has no device here";
        Require.tool("spark", noOpenCl);
        Require.devices("opencl");
        long t0 = System.nanoTime();
        spark = SparkSession.builder().config(SparkTestCluster.localClusterConf("gpu4j-spark LocalClusterTest")).getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        gpu = GpuSpark.of(spark);
        System.out.printf("local cluster up in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, gpu.rule());
    }

    @AfterAll
    static void stop() {
        if (gpu != null) {
            System.out.println("--- gpu4j-spark: every task of LocalClusterTest, address -> device\n" + gpu.report().table());
            checkRecords(gpu.report().value());
        }
        if (spark != null) spark.stop();
    }

    /** Every record: an address of the discovery script, mapped by the rule; both executors and both addresses used. */
    static void checkRecords(List<TaskRecord> records) {
        assertTrue(!records.isEmpty(), "no task records");
        Set<String> executors = new TreeSet<>(), addresses = new TreeSet<>();
        for (TaskRecord r : records) {
            assertTrue(!r.fallback() && r.address() != null, "task without a GPU address on the cluster: " + r);
            assertEquals(RULE.get(r.address()), r.device(), "device mapped from address " + r.address() + ": " + r);
            executors.add(r.executor());
            addresses.add(r.address());
        }
        assertEquals(Set.of("0", "1"), addresses, "both addresses in use (concurrent tasks of an executor get distinct addresses)");
        assertEquals(2, executors.size(), "tasks on both executors: " + executors);
    }

    @Test @Order(1)
    @Timeout(value = 200, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void datasetBatchesRunOnTheAssignedDevice() {
        int n = 1009, parts = 8;                                       // a prime row count, uneven partitions
        Random rnd = new Random(19);
        List<Row> rows = new ArrayList<>();
        long[] expect = new long[2];
        double expectV = 0;
        long expectElems = 0;
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(2001) - 1000;
            double[] v = new double[i % 5];                           // 0..4 elements per row, empty rows included
            for (int j = 0; j < v.length; j++) v[j] = rnd.nextDouble() * 2 - 1;
            Double[] boxed = Arrays.stream(v).boxed().toArray(Double[]::new);
            rows.add(RowFactory.create(k, (long) i * 1_000_003L, Arrays.asList(boxed)));
            expect[0] += k;
            expect[1] += (long) i * 1_000_003L;
            for (double x : v) expectV += x;
            expectElems += v.length;
        }
        StructType schema = new StructType().add("k", DataTypes.IntegerType, false).add("id", DataTypes.LongType, false)
                .add("v", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        Dataset<Row> ds = spark.createDataFrame(rows, schema).repartition(parts);
        Dataset<TaskSeen> out = gpu.mapBatches(ds, (acc, b) -> {
            TaskContext tc = TaskContext.get();
            ResourceInformation ri = tc.resourcesJMap().get("gpu");
            long[] off = b.offsets("v");
            boolean ok = off.length == b.rows() + 1 && off[0] == 0 && off[b.rows()] == b.doubles("v").length();
            return List.of(new TaskSeen(tc.partitionId(), SparkEnv.get().executorId(), ri == null ? null : ri.addresses()[0],
                    acc.device().id(), b.rows(), acc.vectors().sum(b.ints("k")), acc.vectors().sum(b.longs("id")),
                    acc.vectors().sum(b.doubles("v")), b.doubles("v").length(), ok));
        }, Encoders.javaSerialization(TaskSeen.class));
        List<TaskSeen> seen = SparkTestCluster.collect(jsc, out.toJavaRDD());
        System.out.println("--- Dataset batches: partition, executor, address (read by the task from TaskContext) -> device");
        long rowsSum = 0, k = 0, id = 0, elems = 0;
        double v = 0;
        for (TaskSeen s : seen.stream().sorted(java.util.Comparator.comparingInt(TaskSeen::partition)).toList()) {
            System.out.printf("  partition %d  executor %s  address %s -> %s  (%d rows)%n", s.partition(), s.executor(), s.address(), s.device(), s.rows());
            assertEquals(RULE.get(s.address()), s.device(), "the task ran on the device mapped from its address: " + s);
            assertTrue(s.offsetsOk(), "row offsets of the array column: " + s);
            rowsSum += s.rows();
            k += s.sumK();
            id += s.sumId();
            v += s.sumV();
            elems += s.elements();
        }
        assertEquals(parts, seen.size(), "one result per partition");
        assertEquals(n, rowsSum);
        assertEquals(expect[0], k, "sum of the int column (exact)");
        assertEquals(expect[1], id, "sum of the long column (exact)");
        assertEquals(expectElems, elems);
        // ~2000 doubles in [-1, 1) added in another order: each addition rounds by <= 2^-53 of a partial sum < 2000
        assertEquals(expectV, v, 2000 * 2000 * 0x1p-53, "sum of the array column");
    }

    static BlockMatrix randomBlockMatrix(long seed, int rows, int cols, int rowsPerBlock, int colsPerBlock, int parts) {
        Random rnd = new Random(seed);
        List<Tuple2<Tuple2<Object, Object>, Matrix>> blocks = new ArrayList<>();
        for (int bi = 0; bi * rowsPerBlock < rows; bi++) {
            for (int bj = 0; bj * colsPerBlock < cols; bj++) {
                int r = Math.min(rowsPerBlock, rows - bi * rowsPerBlock), c = Math.min(colsPerBlock, cols - bj * colsPerBlock);
                double[] vals = new double[r * c];
                for (int i = 0; i < vals.length; i++) vals[i] = rnd.nextDouble() * 2 - 1;
                // one block in four row-major (isTransposed), to cover both layouts MLlib allows
                Matrix m = (bi + bj) % 4 == 3 ? new DenseMatrix(r, c, vals, true) : new DenseMatrix(r, c, vals);
                blocks.add(new Tuple2<>(new Tuple2<>(bi, bj), m));
            }
        }
        return new BlockMatrix(jsc.parallelize(blocks, parts).rdd(), rowsPerBlock, colsPerBlock, rows, cols);
    }

    static Map<Tuple2<Integer, Integer>, Matrix> blocks(BlockMatrix m) {
        Map<Tuple2<Integer, Integer>, Matrix> out = new HashMap<>();
        for (Tuple2<Tuple2<Object, Object>, Matrix> t : SparkTestCluster.collect(jsc, m.blocks().toJavaRDD())) {
            out.put(new Tuple2<>((Integer) t._1()._1(), (Integer) t._1()._2()), t._2());
        }
        return out;
    }

    @Test @Order(2)
    @Timeout(value = 200, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void blockMatrixMultiplyEqualsMllib() {
        // 4 x 4 blocks of A (37 x 29 in 10 x 8) times 4 x 4 of B (29 x 23 in 8 x 6): partial edge blocks on every side
        BlockMatrix a = randomBlockMatrix(1, 37, 29, 10, 8, 3), b = randomBlockMatrix(2, 29, 23, 8, 6, 2);
        Map<Tuple2<Integer, Integer>, Matrix> want = blocks(a.multiply(b));
        double worst = 0;
        for (GpuBlockMatrix.Strategy st : new GpuBlockMatrix.Strategy[] {GpuBlockMatrix.Strategy.REPLICATE, GpuBlockMatrix.Strategy.BROADCAST_B}) {
            BlockMatrix c = GpuBlockMatrix.multiply(gpu, a, b, 8, st);
            Map<Tuple2<Integer, Integer>, Matrix> got = blocks(c);
            assertEquals(want.keySet(), got.keySet(), st + ": the same C blocks");
            assertEquals(16, got.size());
            assertEquals(37, c.numRows());
            assertEquals(23, c.numCols());
            for (var e : want.entrySet()) {
                Matrix w = e.getValue(), g = got.get(e.getKey());
                assertEquals(w.numRows(), g.numRows(), st + ": rows of block " + e.getKey());
                assertEquals(w.numCols(), g.numCols(), st + ": cols of block " + e.getKey());
                for (int i = 0; i < w.numRows(); i++) {
                    for (int j = 0; j < w.numCols(); j++) worst = Math.max(worst, Math.abs(w.apply(i, j) - g.apply(i, j)));
                }
            }
        }
        System.out.printf("block matmul 37x29 * 29x23 in 4x4 blocks, replicated and B broadcast: max |gpu4j-spark - MLlib| = %.3g%n", worst);
        // 29 products of |x| < 1 summed in other orders (and with fma): each rounding <= 2^-53 * 29 * 29 ≈ 1e-13
        assertTrue(worst <= 29 * 29 * 0x1p-53 * 4, "max difference " + worst);
    }

    @Test @Order(3)
    @Timeout(value = 200, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void monteCarloIsTheSingleJvmPriceForAnyPartitionCount() {
        long seed = 7, paths = 4096L * 37 + 1001;                   // the last block is partial
        MonteCarlo.Estimate single;
        try (Accelerator cpu = Gpu4j.open("cpu")) {
            single = MonteCarlo.price(cpu, seed, paths);
        }
        Map<Integer, Double> prices = new TreeMap<>();
        for (int parts : new int[] {1, 3, 8, 50}) {                  // 50 > 38 blocks: some partitions are empty
            MonteCarlo.Estimate e = GpuMonteCarlo.price(gpu, jsc, seed, paths, parts);
            prices.put(parts, e.price());
            assertEquals(Double.doubleToLongBits(single.price()), Double.doubleToLongBits(e.price()),
                    parts + " partitions: " + e.price() + " vs single JVM " + single.price());
            assertEquals(Double.doubleToLongBits(single.standardError()), Double.doubleToLongBits(e.standardError()));
        }
        System.out.printf("Monte Carlo, %d paths, seed %d: single JVM (cpu) %.12f; by partitions %s%n", paths, seed, single.price(), prices);
        assertTrue(Math.abs(single.price() - 10.4506) < 5 * single.standardError() + 1e-4, "price near the closed form: " + single);
    }
}
