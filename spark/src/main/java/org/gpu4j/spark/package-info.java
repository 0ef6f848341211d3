/**
 * gpu4j inside Apache Spark tasks, on the device Spark's scheduler assigned to each task.
 *
 * <p>{@link org.gpu4j.spark.GpuSpark} (driver side) runs functions over the partitions of RDDs and Datasets on each
 * task's accelerator ({@link org.gpu4j.spark.TaskDevice}: the task's {@code gpu} resource address mapped by a
 * {@link org.gpu4j.spark.DeviceRule} to a gpu4j selector, or the fallback {@code cpu} where there is none), batching
 * a partition's columns into device arrays ({@link org.gpu4j.spark.Batch}, {@link org.gpu4j.spark.Columns}); each
 * executor JVM keeps one accelerator per device ({@link org.gpu4j.spark.ExecutorAccelerators}), closed by
 * {@link org.gpu4j.spark.Gpu4jSparkPlugin} when the executor stops; a {@link org.gpu4j.spark.DeviceReport}
 * accumulator records where every task ran. Two jobs are built on it: {@link org.gpu4j.spark.GpuBlockMatrix}
 * (MLlib {@code BlockMatrix} multiply) and {@link org.gpu4j.spark.GpuMonteCarlo} (the option price, bit-identical
 * for any partition count).
 */
package org.gpu4j.spark;
