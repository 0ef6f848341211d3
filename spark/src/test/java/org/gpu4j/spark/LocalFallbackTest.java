package org.gpu4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.gpu4j.Gpu4j;
import org.gpu4j.FloatArray;
import org.gpu4j.testing.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Without GPU resources ({@code local[2]} never schedules them) every task takes the fallback and says so. */
class LocalFallbackTest {
    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tasksWithoutGpuUseTheFallbackAndReportIt() {
        Require.backend("cpu");
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("gpu4j-spark LocalFallbackTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.plugins", Gpu4jSparkPlugin.class.getName());
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            GpuSpark gpu = GpuSpark.of(jsc);
            assertEquals("cpu", gpu.rule().fallback());
            List<float[]> rows = new ArrayList<>();
            double expect = 0;
            for (int i = 0; i < 101; i++) {
                float[] r = new float[i % 4 + 1];
                for (int j = 0; j < r.length; j++) {
                    r[j] = i + j / 4f;                                // multiples of 1/4 below 2^10: exact float sums
                    expect += r[j];
                }
                rows.add(r);
            }
            JavaRDD<float[]> rdd = jsc.parallelize(rows, 5);
            JavaRDD<Double> sums = gpu.mapBatches(rdd, Columns.<float[]>of().floatArrays("x", r -> r), (acc, b) -> {
                FloatArray x = b.floats("x");
                return List.of((double) acc.vectors().sum(x));
            });
            double got = SparkTestCluster.collect(jsc, sums).stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(expect, got, 0.0, "sum of every element (exact: multiples of 1/4, partial sums < 2^24)");
            DeviceReport rep = gpu.report();
            System.out.println("--- gpu4j-spark in local[2] (no GPU resources): address -> device\n" + rep.table());
            String cpu = Gpu4j.select("cpu").id();
            assertEquals(Map.of(cpu, 5L), rep.countsByDevice(), "every task on the fallback device");
            assertEquals(5, rep.fallbackTasks(), "every task reports the fallback");
            rep.value().forEach(r -> assertTrue(r.fallback() && r.address() == null && r.selector().equals("cpu"), r.toString()));
        }
        assertTrue(ExecutorAccelerators.openSelectors().isEmpty(), "the plugin closed the executor's accelerators when the context stopped: "
                + ExecutorAccelerators.openSelectors());
    }
}
