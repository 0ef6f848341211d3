package org.gpu4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test void largeYAndZGrowTheirBlockInsteadOfFailing() {
        // 1048577 = 17 x 61681: blocks of 17 in y keep the grid within 65,535
        LaunchGeometry g = LaunchGeometry.of(Range.of(16, 65536L * 16 + 1), 1024, BLOCK, GRID);
        assertEquals(17, g.blockY());
        assertEquals(61681, g.gridY());
        LaunchGeometry h = LaunchGeometry.of(Range.of(4, 2_000_000), 1024, BLOCK, GRID);
        assertTrue(h.gridY() <= 65535 && (long) h.gridY() * h.blockY() == 2_000_000 && h.gridX() * h.blockX() == 4, h.toString());
        LaunchGeometry z = LaunchGeometry.of(Range.of(2, 3, 3_000_000), 1024, BLOCK, GRID);
        assertTrue(z.gridZ() <= 65535 && (long) z.gridZ() * z.blockZ() == 3_000_000, z.toString());
        // z blocks are at most 64 deep: 5,000,000 has no divisor in [77, 64]
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(Range.of(2, 3, 5_000_000), 1024, BLOCK, GRID));
    }

    @Test void rangesNoBlockCanCoverAreRefusedBeforeTheLaunch() {
        // a prime above 65,535 in y has no divisor that fits: refused in Java, with what works
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.of(Range.of(16, 1_000_003), 1024, BLOCK, GRID));
        assertTrue(e.getMessage().contains("in y") && e.getMessage().contains("largest dimension first"), e.getMessage());
        // with a local size, y takes at most 65,535 x local
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.of(Range.of(16, 65535L * 16 + 16).local(16, 16), 1024, BLOCK, GRID));
        assertTrue(l.getMessage().contains("65535") && l.getMessage().contains("in y"), l.getMessage());
        assertEquals(65535, LaunchGeometry.of(Range.of(16, 65535L * 16).local(16, 16), 1024, BLOCK, GRID).gridY());
    }

    @Test void smallBlocksAreFlaggedForTheWarning() {
        assertTrue(LaunchGeometry.of(Range.of(1_000_003), 1024, BLOCK, GRID).narrow());
        assertFalse(LaunchGeometry.of(Range.of(1 << 20), 1024, BLOCK, GRID).narrow());
        assertFalse(LaunchGeometry.of(Range.of(7), 1024, BLOCK, GRID).narrow(), "fewer items than a warp: nothing to gain");
        assertFalse(LaunchGeometry.of(Range.of(1_000_192).local(256), 1024, BLOCK, GRID).narrow());
    }

    /**
     * Every size of a pseudo-random sweep from 1 to 10^9 in 1-D, 2-D and 3-D: accepted ranges cover the global size
     * exactly (no local size) within every device limit; refused ones are refused with an IllegalArgumentException
     * only when no exact cover exists; ranges with a local size always cover the global size and stay in limits.
     */
    @Test void sweepOfSizesFromOneToTenToTheNineInOneToThreeDimensions() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(22);
        int launched = 0, refused = 0;
        for (int i = 0; i < 3000; i++) {
            int dims = 1 + i % 3;
            long[] g = new long[dims];
            long budget = 1_000_000_000L;
            for (int d = 0; d < dims; d++) {
                g[d] = Math.max(1, (long) Math.pow(10, rnd.nextDouble() * Math.log10(budget)));
                budget = Math.max(1, budget / g[d]);
            }
            if (i % 50 == 0) g[dims - 1] = 1_000_000_000L / Math.max(1, i % 7 + 1); // large last dimensions too
            Range r = dims == 1 ? Range.of(g[0]) : dims == 2 ? Range.of(g[0], g[1]) : Range.of(g[0], g[1], g[2]);
            for (int max : new int[] {1024, 256}) {
                try {
                    LaunchGeometry x = LaunchGeometry.of(r, max, BLOCK, GRID);
                    checkExact(x, g, max);
                    launched++;
                } catch (IllegalArgumentException e) {
                    assertTrue(dims > 1 || g[0] > GRID[0], "1-D " + g[0] + " refused: " + e.getMessage());
                    assertTrue(e.getMessage().contains("largest dimension first"), e.getMessage());
                    refused++;
                }
                long[] local = dims == 1 ? new long[] {256} : dims == 2 ? new long[] {16, 16} : new long[] {8, 8, 4};
                long[] up = new long[dims];
                for (int d = 0; d < dims; d++) up[d] = (g[d] + local[d] - 1) / local[d] * local[d];
                Range rl = (dims == 1 ? Range.of(up[0]) : dims == 2 ? Range.of(up[0], up[1]) : Range.of(up[0], up[1], up[2])).local(local);
                try {
                    LaunchGeometry y = LaunchGeometry.of(rl, max, BLOCK, GRID);
                    long[] grid = {y.gridX(), y.gridY(), y.gridZ()};
                    for (int d = 0; d < dims; d++) {
                        assertEquals(up[d], grid[d] * local[d], y + " for " + rl);
                    }
                } catch (IllegalArgumentException e) {
                    assertTrue(dims > 1 && (up[1] > 65535L * local[1] || (dims == 3 && up[2] > 65535L * local[2])), e.getMessage());
                }
            }
        }
        assertTrue(launched > 5000 && refused > 0, launched + " launched, " + refused + " refused");
    }

    private static void checkExact(LaunchGeometry x, long[] g, int max) {
        long[] grid = {x.gridX(), x.gridY(), x.gridZ()};
        long[] block = {x.blockX(), x.blockY(), x.blockZ()};
        assertTrue(x.threads() <= max, x + " for max " + max);
        for (int d = 0; d < 3; d++) {
            long want = d < g.length ? g[d] : 1;
            assertEquals(want, grid[d] * block[d], x + " must cover " + java.util.Arrays.toString(g) + " exactly");
            assertTrue(grid[d] <= GRID[d] && block[d] <= BLOCK[d], x.toString());
        }
    }

    /** The ranges gpu4j's own op families launch (core's LaunchPlan and MatrixOps shapes) fit CUDA's limits. */
    @Test void everyBuiltInOpGeometryFits() {
        org.gpu4j.Device gpu = org.gpu4j.Device.builder(CudaProvider.INFO, 0, "test GPU", org.gpu4j.DeviceType.GPU)
                .computeUnits(132).maxWorkGroupSize(1024).build();
        org.gpu4j.internal.LaunchPlan plan = org.gpu4j.internal.LaunchPlan.of(gpu, false);
        for (long n = 1; n <= 1_000_000_000L * 4; n = n * 3 + 1) {
            for (org.gpu4j.internal.LaunchPlan.Grain grain : org.gpu4j.internal.LaunchPlan.Grain.values()) {
                for (Range r : new Range[] {plan.elementwise(n, grain), plan.segments(n, grain), plan.partsRange(plan.parts(n, grain))}) {
                    LaunchGeometry x = LaunchGeometry.of(r, 1024, BLOCK, GRID);
                    assertTrue(x.threads() >= 32 && !x.narrow(), r + " -> " + x);
                }
            }
            // gemv: one group of 64 per row, 1-D
            assertTrue(LaunchGeometry.of(Range.of(Math.min(n, 30_000_000L) * 64).local(64L), 1024, BLOCK, GRID).gridX() > 0);
        }
        // GEMM (16x16 threads per 64x64 tile) and transpose (32x8 threads per 32x32 tile) put row tiles on y, at most
        // LaunchPlan.rowBlocks of them (the kernels loop over the rest): every row count up to Integer.MAX_VALUE fits
        for (long rows = 1; rows <= Integer.MAX_VALUE; rows = rows * 5 + 3) {
            for (long cols : new long[] {1, 64, 1_000_003}) {
                LaunchGeometry gemm = LaunchGeometry.of(Range.of((cols + 63) / 64 * 16, plan.rowBlocks((rows + 63) / 64) * 16)
                        .local(16, 16), 1024, BLOCK, GRID);
                assertTrue(gemm.gridY() <= 65_535 && (long) gemm.gridY() == Math.min((rows + 63) / 64, 65_535), rows + " rows: " + gemm);
                LaunchGeometry tr = LaunchGeometry.of(Range.of((cols + 31) / 32 * 32, plan.rowBlocks((rows + 31) / 32) * 8)
                        .local(32, 8), 1024, BLOCK, GRID);
                assertTrue(tr.gridY() <= 65_535 && (long) tr.gridY() == Math.min((rows + 31) / 32, 65_535), rows + " rows: " + tr);
            }
        }
        assertEquals(65_535, plan.rowBlocks(Integer.MAX_VALUE / 32 + 1));
        // what the kernels' loop covers: row tiles rt = blockIdx.y + j * gridDim.y for j >= 0 reach every tile
        long tiles = (Integer.MAX_VALUE + 31L) / 32, grid = plan.rowBlocks(tiles);
        assertTrue(grid * ((tiles + grid - 1) / grid) >= tiles);
        // a user's range with a local size still meets CUDA's limit in y, refused in Java with what works
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(Range.of(4096, 65536L * 16).local(16, 16), 1024, BLOCK, GRID));
    }
}
