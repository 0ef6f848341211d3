package org.gpu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RangeTest {
    @Test void describesOneToThreeDimensions() {
        Range r1 = Range.of(1_000_003);
        assertEquals(1, r1.dimensions());
        assertEquals(1_000_003, r1.global(0));
        assertEquals(1_000_003, r1.totalItems());
        assertFalse(r1.hasLocal());
        assertNull(r1.localSizes());
        assertEquals(0, r1.localItems());
        assertEquals(0, r1.localSize(0));

        Range r3 = Range.of(4, 6, 8).local(2, 3, 4);
        assertEquals(3, r3.dimensions());
        assertArrayEquals(new long[] {4, 6, 8}, r3.globalSizes());
        assertArrayEquals(new long[] {2, 3, 4}, r3.localSizes());
        assertEquals(192, r3.totalItems());
        assertEquals(24, r3.localItems());
        assertEquals(3, r3.localSize(1));
        assertEquals("Range[4, 6, 8] local [2, 3, 4]", r3.toString());
    }

    @Test void oneDimensionalLocalSizeIsTheBuilderNotAnAccessor() {
        Range r = Range.of(1024).local(64); // must compile to local(long...) and return a Range
        assertTrue(r.hasLocal());
        assertEquals(64, r.localSize(0));
    }

    @Test void isAValue() {
        assertEquals(Range.of(8, 2).local(4, 1), Range.of(8, 2).local(4, 1));
        assertEquals(Range.of(8, 2).hashCode(), Range.of(8, 2).hashCode());
        assertNotEquals(Range.of(8, 2), Range.of(2, 8));
        assertNotEquals(Range.of(8), Range.of(8).local(8));
        long[] g = Range.of(5, 7).globalSizes();
        g[0] = 99; // a copy
        assertEquals(5, Range.of(5, 7).globalSizes()[0]);
        Range r = Range.of(8).local(4);
        r.localSizes()[0] = 1;
        assertEquals(4, r.localSize(0));
    }

    @Test void emptyRanges() {
        assertTrue(Range.of(0).isEmpty());
        assertTrue(Range.of(3, 0, 2).isEmpty());
        assertFalse(Range.of(1).isEmpty());
        assertEquals(0, Range.of(5, 0).totalItems());
    }

    @Test void rejectsNegativeSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Range.of(-1));
        assertTrue(e.getMessage().contains("global size[0] = -1"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class, () -> Range.of(2, 3, -4));
        assertTrue(e.getMessage().contains("global size[2]"), e::getMessage);
    }

    @Test void rejectsBadLocalSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Range.of(8).local());
        assertTrue(e.getMessage().contains("dimensions"), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> Range.of(8).local((long[]) null));
        assertThrows(IllegalArgumentException.class, () -> Range.of(8, 8).local(8));
        assertThrows(IllegalArgumentException.class, () -> Range.of(8).local(8, 1));
        e = assertThrows(IllegalArgumentException.class, () -> Range.of(8).local(0));
        assertTrue(e.getMessage().contains("positive"), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> Range.of(8).local(-2));
        e = assertThrows(IllegalArgumentException.class, () -> Range.of(10).local(4));
        assertTrue(e.getMessage().contains("does not divide"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class, () -> Range.of(8, 10).local(4, 4));
        assertTrue(e.getMessage().contains("local size[1]"), e::getMessage);
    }

    /** Issue 13: products that overflow a long are refused where the range is made, naming the sizes. */
    @Test void overflowingItemCountIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Range.of(1L << 40, 1L << 40));
        assertTrue(e.getMessage().contains("global size [1099511627776, 1099511627776]"), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> Range.of(1L << 32, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> Range.of(1L << 21, 1L << 21, 1L << 22));
        e = assertThrows(IllegalArgumentException.class, () -> Range.of(1L << 32, 1L << 32, 1).local(1L << 32, 1L << 32, 1));
        assertTrue(e.getMessage().startsWith("global size"), e::getMessage); // the global product overflows first
        Range big = Range.of(1L << 62, 1);
        assertEquals(1L << 62, big.totalItems());
        e = assertThrows(IllegalArgumentException.class, () -> org.gpu4j.LocalMemory.of(org.gpu4j.ElementType.DOUBLE, (1L << 61) + 1));
        assertTrue(e.getMessage().contains("overflows"), e::getMessage);
    }
}
