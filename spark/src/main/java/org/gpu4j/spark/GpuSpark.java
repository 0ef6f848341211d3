package org.gpu4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gpu4j.Accelerator;

/**
 * gpu4j inside Spark tasks: runs functions over the partitions of an RDD or a Dataset on the accelerator of the
 * device Spark's scheduler assigned to each task ({@link TaskDevice}, by the application's {@link DeviceRule}), and
 * records where every task ran in a {@link DeviceReport} accumulator.
 *
 * {@snippet :
 * GpuSpark gpu = GpuSpark.of(spark);                          // on the driver
 * Dataset<Row> points = spark.range(1000).selectExpr("CAST(id AS FLOAT) AS x", "array(id, id + 1) AS v");
 * Dataset<Float> sums = gpu.mapBatches(points, (acc, batch) -> {     // in each task, on its device
 *     FloatArray x = batch.floats("x");                               // one upload per column per partition
 *     return List.of(acc.vectors().sum(x));
 * }, Encoders.FLOAT());
 * System.out.println(gpu.report().table());                   // after an action: task -> address -> device
 * }
 *
 * <p>One per application (driver side); thread-safe for submitting jobs from several threads, as Spark is. The
 * functions run in tasks on the executors and must be serializable. They must not close the accelerator they are
 * given (the executor owns it, {@link ExecutorAccelerators}); the batch's arrays are closed after the function
 * returns.
 */
public final class GpuSpark implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A function run in a task on its accelerator over the partition's rows. */
    @FunctionalInterface
    public interface PartitionFunction<T, R> extends Serializable {
        /** The results of one partition; they are copied into a list before the task's device work ends. */
        Iterable<R> apply(Accelerator acc, Iterator<T> rows) throws Exception;
    }

    /** A function run in a task on its accelerator over the partition's rows, batched into device arrays. */
    @FunctionalInterface
    public interface BatchFunction<R> extends Serializable {
        /** The results of one partition, computed from its batch (closed after this returns). */
        Iterable<R> apply(Accelerator acc, Batch batch) throws Exception;
    }

    private final DeviceRule rule;
    private final DeviceReport report;

    private GpuSpark(DeviceRule rule, DeviceReport report) {
        this.rule = rule;
        this.report = report;
    }

    /** For the application of {@code jsc}, with the rule its configuration sets. */
    public static GpuSpark of(JavaSparkContext jsc) {
        DeviceReport report = new DeviceReport();
        jsc.sc().register(report, "gpu4j tasks by device");
        return new GpuSpark(DeviceRule.from(jsc.getConf()), report);
    }

    /** For the application of {@code spark}. */
    public static GpuSpark of(SparkSession spark) {
        return of(JavaSparkContext.fromSparkContext(spark.sparkContext()));
    }

    /** The device rule (from the configuration). */
    public DeviceRule rule() { return rule; }

    /** Where the tasks of this object's jobs ran (read it on the driver, after an action). */
    public DeviceReport report() { return report; }

    /**
     * Runs {@code fn} over each partition of {@code rdd} on its task's accelerator (lazily, like
     * {@code mapPartitions}: an action runs it).
     */
    public <T, R> JavaRDD<R> mapPartitions(JavaRDD<T> rdd, PartitionFunction<T, R> fn) {
        Objects.requireNonNull(rdd, "rdd");
        Objects.requireNonNull(fn, "fn");
        DeviceRule r = rule;
        DeviceReport rep = report;
        return rdd.mapPartitions(it -> run(r, rep, acc -> fn.apply(acc, it)));
    }

    /** Runs {@code fn} over each partition of {@code rdd}, its rows batched by {@code columns} into device arrays. */
    public <T, R> JavaRDD<R> mapBatches(JavaRDD<T> rdd, Columns<T> columns, BatchFunction<R> fn) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(fn, "fn");
        return mapPartitions(rdd, (acc, it) -> {
            try (Batch b = Batch.of(acc, it, columns)) {
                return copy(fn.apply(acc, b));
            }
        });
    }

    /**
     * Runs {@code fn} over each partition of {@code ds}, every column of its schema batched into a device array
     * ({@link Columns#of(org.apache.spark.sql.types.StructType)}: float, double, int, long and arrays of them), the
     * results a Dataset of {@code encoder}'s type.
     */
    public <R> Dataset<R> mapBatches(Dataset<Row> ds, BatchFunction<R> fn, Encoder<R> encoder) {
        Objects.requireNonNull(ds, "ds");
        Objects.requireNonNull(encoder, "encoder");
        Columns<Row> cols = Columns.of(ds.schema());
        JavaRDD<R> out = mapBatches(ds.toJavaRDD(), cols, fn);
        return ds.sparkSession().createDataset(out.rdd(), encoder);
    }

    /** A task's part: its device, its record, then the work. */
    interface Work<R> { Iterable<R> apply(Accelerator acc) throws Exception; }

    static <R> Iterator<R> run(DeviceRule rule, DeviceReport report, Work<R> work) throws Exception {
        TaskDevice td = TaskDevice.current(rule);
        List<R> out = copy(work.apply(td.accelerator()));
        report.add(td.record());
        return out.iterator();
    }

    private static <R> List<R> copy(Iterable<R> results) {
        List<R> out = new ArrayList<>();
        if (results != null) results.forEach(out::add);
        return out;
    }
}
