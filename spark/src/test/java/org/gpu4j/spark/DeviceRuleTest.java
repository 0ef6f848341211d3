package org.gpu4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;
import org.junit.jupiter.api.Test;

/** The device rule and the batching of rows into device arrays, without a cluster. */
class DeviceRuleTest {
    @Test
    void defaultsMapAddressesToCudaOrdinalsAndFallBackToCpu() {
        DeviceRule r = DeviceRule.from(new SparkConf(false));
        assertEquals("gpu", r.resource());
        assertEquals("cuda:0", r.selectorFor("0"));
        assertEquals("cuda:3", r.selectorFor(" 3 "));
        assertEquals("cpu", r.fallback());
        assertEquals(DeviceRule.defaults().toString(), r.toString());
    }

    @Test
    void templateAndPerAddressOverridesFromTheConfiguration() {
        SparkConf c = new SparkConf(false).set("spark.gpu4j.selector", "opencl:{address}")
                .set("spark.gpu4j.selector.1", "cpu").set("spark.gpu4j.fallback", "opencl:0").set("spark.gpu4j.resource", "acc");
        DeviceRule r = DeviceRule.from(c);
        assertEquals("opencl:0", r.selectorFor("0"));
        assertEquals("cpu", r.selectorFor("1"));
        assertEquals("opencl:2", r.selectorFor("2"));
        assertEquals("opencl:0", r.fallback());
        assertEquals("acc", r.resource());
        assertEquals(Map.of("1", "cpu"), r.overrides());
    }

    @Test
    void badRulesAreRefusedWithTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceRule.from(new SparkConf(false).set("spark.gpu4j.selector", "cuda:0")));
        assertTrue(e.getMessage().contains("spark.gpu4j.selector") && e.getMessage().contains("{address}"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DeviceRule("gpu", "cuda:{address}", Map.of(), " "));
        assertTrue(e.getMessage().contains("spark.gpu4j.fallback"), e.getMessage());
        assertThrows(NullPointerException.class, () -> DeviceRule.defaults().selectorFor(null));
    }

    record P(int id, double w, float[] xs) {}

    @Test
    void batchesScalarAndArrayColumnsWithOneArrayEach() {
        Columns<P> cols = Columns.<P>of().ints("id", P::id).doubles("w", P::w).floatArrays("xs", P::xs);
        assertEquals(List.of("id", "w", "xs"), cols.names());
        List<P> rows = List.of(new P(1, 0.5, new float[] {1, 2}), new P(2, -1, new float[0]), new P(3, 2, new float[] {3}));
        try (Accelerator acc = Gpu4j.open("cpu")) {
            try (Batch b = Batch.of(acc, rows.iterator(), cols)) {
                assertEquals(3, b.rows());
                assertArrayEquals(new int[] {1, 2, 3}, b.ints("id").toArray());
                assertArrayEquals(new double[] {0.5, -1, 2}, b.doubles("w").toArray());
                assertArrayEquals(new float[] {1, 2, 3}, b.floats("xs").toArray());
                assertArrayEquals(new long[] {0, 2, 2, 3}, b.offsets("xs"));
                assertThrows(IllegalArgumentException.class, () -> b.offsets("id"));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.floats("w"));
                assertTrue(e.getMessage().contains("'w'"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> b.array("nope"));
            }
            try (Batch empty = Batch.of(acc, Collections.emptyIterator(), cols)) {   // an empty partition
                assertEquals(0, empty.rows());
                assertEquals(0, empty.floats("xs").length());
                assertArrayEquals(new long[] {0}, empty.offsets("xs"));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Batch.of(acc, List.of(new P(1, 0, null)).iterator(), cols));
            assertTrue(e.getMessage().contains("'xs'") && e.getMessage().contains("null"), e.getMessage());
            assertEquals(0, acc.liveObjects(), "a failed batch closes what it uploaded");
        }
        assertThrows(IllegalArgumentException.class, () -> Columns.<P>of().ints("id", P::id).doubles("id", P::w));
    }
}
