package org.gpu4j.cuda;

import org.gpu4j.Range;

/**
 * Grid and block dimensions for a {@link Range}. Without an explicit local size the block is, per dimension, the
 * largest divisor of the global size up to 256 threads in 1-D, 16×16 in 2-D and 8×8×4 in 3-D (shrunk to the kernel's
 * thread limit), so the grid covers the global size exactly and no thread runs past it (see
 * {@link org.gpu4j.spi.WorkGroups}). An explicit local size is the block size and the grid is global / local.
 */
record LaunchGeometry(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ) {
    /**
     * @param maxThreads the kernel's (or device's) maximum threads per block
     * @param maxBlock   the device's maximum block dimensions x, y, z
     * @param maxGrid    the device's maximum grid dimensions x, y, z
     * @throws IllegalArgumentException when the range needs a block or grid beyond the device's limits
     */
    static LaunchGeometry of(Range range, int maxThreads, int[] maxBlock, int[] maxGrid) {
        int dims = range.dimensions();
        long[] block = new long[] {1, 1, 1};
        long[] global = new long[] {1, 1, 1};
        for (int d = 0; d < dims; d++) global[d] = range.global(d);
        if (range.hasLocal()) {
            for (int d = 0; d < dims; d++) block[d] = range.localSize(d);
            long threads = block[0] * block[1] * block[2];
            if (threads > maxThreads) {
                throw new IllegalArgumentException("range: local size " + java.util.Arrays.toString(range.localSizes()) + " has "
                        + threads + " threads, more than this kernel's maximum of " + maxThreads + " per block");
            }
        } else {
            long[] pref = switch (dims) {
                case 1 -> new long[] {256, 1, 1};
                case 2 -> new long[] {16, 16, 1};
                default -> new long[] {8, 8, 4};
            };
            block = org.gpu4j.spi.WorkGroups.exactLocal(global, pref, maxThreads);
        }
        long[] grid = new long[3];
        String[] axis = {"x", "y", "z"};
        for (int d = 0; d < 3; d++) {
            if (block[d] > maxBlock[d]) {
                throw new IllegalArgumentException("range: block size " + block[d] + " in " + axis[d]
                        + " exceeds the device's maximum of " + maxBlock[d]);
            }
            grid[d] = (global[d] + block[d] - 1) / block[d];
            if (grid[d] > maxGrid[d]) {
                throw new IllegalArgumentException("range: global size " + global[d] + " in " + axis[d] + " needs "
                        + grid[d] + " blocks of " + block[d] + ", more than the device's grid limit of " + maxGrid[d]
                        + (range.hasLocal() ? "" : "; give a local size (round the global size up to a multiple of it"
                                + " and check the index in the kernel)"));
            }
        }
        return new LaunchGeometry((int) grid[0], (int) grid[1], (int) grid[2], (int) block[0], (int) block[1], (int) block[2]);
    }

    @Override public String toString() {
        return "grid (" + gridX + ", " + gridY + ", " + gridZ + ") block (" + blockX + ", " + blockY + ", " + blockZ + ")";
    }
}
