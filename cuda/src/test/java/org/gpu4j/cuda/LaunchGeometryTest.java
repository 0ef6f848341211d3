package org.gpu4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpu4j.Range;
import org.junit.jupiter.api.Test;

class LaunchGeometryTest {
    static final int[] BLOCK = {1024, 1024, 64};
    static final int[] GRID = {Integer.MAX_VALUE, 65535, 65535};

    @Test void oneDimensionCoversTheGlobalSizeExactly() {
        // no thread past the global size: a prime gets blocks of 1, a composite its largest divisor up to 256
        assertEquals(new LaunchGeometry(1_000_003, 1, 1, 1, 1, 1), LaunchGeometry.of(Range.of(1_000_003), 1024, BLOCK, GRID));
        assertEquals(new LaunchGeometry(4, 1, 1, 250, 1, 1), LaunchGeometry.of(Range.of(1000), 1024, BLOCK, GRID));
        assertEquals(new LaunchGeometry(4096, 1, 1, 256, 1, 1), LaunchGeometry.of(Range.of(1 << 20), 1024, BLOCK, GRID));
        assertEquals(new LaunchGeometry(1, 1, 1, 1, 1, 1), LaunchGeometry.of(Range.of(1), 1024, BLOCK, GRID));
        assertEquals(new LaunchGeometry(1, 1, 1, 97, 1, 1), LaunchGeometry.of(Range.of(97), 1024, BLOCK, GRID));
    }

    @Test void autoBlocksCoverEveryItemExactlyAndRespectTheKernelLimit() {
        long[][] sizes = {{1000, 3}, {17, 1025}, {5, 7, 9}, {64, 64, 64}};
        for (long[] s : sizes) {
            Range r = s.length == 2 ? Range.of(s[0], s[1]) : Range.of(s[0], s[1], s[2]);
            for (int max : new int[] {1024, 128, 33}) {
                LaunchGeometry g = LaunchGeometry.of(r, max, BLOCK, GRID);
                assertTrue(g.blockX() * g.blockY() * g.blockZ() <= max, g + " for max " + max);
                assertTrue((long) g.gridX() * g.blockX() == s[0] && (long) g.gridY() * g.blockY() == s[1], g.toString());
                if (s.length == 3) assertTrue((long) g.gridZ() * g.blockZ() == s[2], g.toString());
            }
        }
    }

    @Test void explicitLocalSizeIsTheBlock() {
        assertEquals(new LaunchGeometry(64, 48, 1, 16, 16, 1),
                LaunchGeometry.of(Range.of(1024, 768).local(16, 16), 1024, BLOCK, GRID));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.of(Range.of(1024).local(512), 256, BLOCK, GRID));
        assertTrue(e.getMessage().contains("512") && e.getMessage().contains("256"), e.getMessage());
        // z block dimension is limited to 64 on NVIDIA GPUs
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.of(Range.of(1, 1, 128).local(1, 1, 128), 1024, BLOCK, GRID));
        assertTrue(z.getMessage().contains("in z"), z.getMessage());
    }

    @Test void gridBeyondTheDeviceLimitIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.of(Range.of(16, 65536L * 16 + 1), 1024, BLOCK, GRID));
        assertTrue(e.getMessage().contains("grid limit") && e.getMessage().contains("local size"), e.getMessage());
    }
}
