package org.gpu4j.cuda;

import java.util.Arrays;
import org.gpu4j.Range;

/**
 * Grid and block dimensions for a {@link Range}, computed and checked in Java before {@code cuLaunchKernel}.
 *
 * <p><b>Which ranges launch.</b> CUDA allows 2<sup>31</sup>−1 blocks in x but only 65,535 in y and z
 * ({@code CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y/Z}), and a kernel's indices ({@code blockIdx.y * blockDim.y +
 * threadIdx.y}) cannot be re-mapped by the driver API, so the limit cannot be hidden by folding y into x. Instead:
 * <ul>
 * <li><b>Without a local size</b> the block is, per dimension, a divisor of the global size (no thread runs past
 * it, so kernels need no index check): the largest divisor up to 256 threads in 1-D, 16×16 in 2-D and 8×8×4 in 3-D,
 * shrunk to the kernel's thread limit. Where that leaves more than 65,535 blocks in y or z, the block grows in that
 * dimension to the smallest divisor that fits the grid (x shrinking to make room). So a y or z size is accepted
 * when it has a divisor {@code d} with {@code size / d ≤ 65,535} and {@code d} within the block limits
 * ({@code Range.of(4, 2_000_000)} runs as blocks of 4×250); x takes any size up to 2<sup>31</sup>−1 blocks.</li>
 * <li><b>With a local size</b> (which {@link Range} requires to divide the global size) the block is that size
 * and the grid global / local, so y and z take at most 65,535 × local.</li>
 * <li>Anything else is refused with an {@link IllegalArgumentException} that says which dimension, the limit, and
 * what works (put the largest dimension first; x has no practical limit).</li>
 * </ul>
 *
 * <p><b>Small blocks.</b> Without a local size a size with no good divisor gets a small block: a prime
 * {@code Range.of(1_000_003)} runs one-thread blocks (about 1/32 of the GPU's throughput). Padding would run
 * threads past the global size in kernels that do not check their index, so gpu4j keeps the exact cover and the
 * kernel warns once ({@link #narrow()}), naming the fix: give a local size (e.g. {@code .local(256)}) and check the
 * index against the size in the kernel. gpu4j's built-in ops always give a local size and check their index.
 */
record LaunchGeometry(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ) {
    /** Threads in a warp on every NVIDIA GPU gpu4j supports. */
    static final int WARP = 32;
    private static final String[] AXIS = {"x", "y", "z"};

    /**
     * @param maxThreads the kernel's (or device's) maximum threads per block
     * @param maxBlock   the device's maximum block dimensions x, y, z
     * @param maxGrid    the device's maximum grid dimensions x, y, z
     * @throws IllegalArgumentException when the range needs a block or grid beyond the device's limits
     */
    static LaunchGeometry of(Range range, int maxThreads, int[] maxBlock, int[] maxGrid) {
        int dims = range.dimensions();
        long[] block = {1, 1, 1};
        long[] global = {1, 1, 1};
        for (int d = 0; d < dims; d++) global[d] = range.global(d);
        if (range.hasLocal()) {
            for (int d = 0; d < dims; d++) block[d] = range.localSize(d);
            long threads = block[0] * block[1] * block[2];
            if (threads > maxThreads) {
                throw new IllegalArgumentException("range: local size " + Arrays.toString(range.localSizes()) + " has "
                        + threads + " threads, more than this kernel's maximum of " + maxThreads + " per block");
            }
        } else {
            long[] pref = switch (dims) {
                case 1 -> new long[] {256, 1, 1};
                case 2 -> new long[] {16, 16, 1};
                default -> new long[] {8, 8, 4};
            };
            long limit = Math.min(maxThreads, (long) maxBlock[0] * maxBlock[1] * maxBlock[2]);
            long[] b = org.gpu4j.spi.WorkGroups.exactLocal(Arrays.copyOf(global, dims), Arrays.copyOf(pref, dims), limit);
            System.arraycopy(b, 0, block, 0, dims);
            for (int d = 0; d < 3; d++) if (block[d] > maxBlock[d]) block[d] = largestDivisor(global[d], maxBlock[d]);
            fitGrid(range, global, block, maxThreads, maxBlock, maxGrid);
        }
        long[] grid = new long[3];
        for (int d = 0; d < 3; d++) {
            if (block[d] > maxBlock[d]) {
                throw new IllegalArgumentException("range: block size " + block[d] + " in " + AXIS[d]
                        + " exceeds the device's maximum of " + maxBlock[d]);
            }
            grid[d] = (global[d] + block[d] - 1) / block[d];
            if (grid[d] > maxGrid[d]) {
                throw new IllegalArgumentException("range " + Arrays.toString(range.globalSizes()) + ": " + global[d]
                        + " in " + AXIS[d] + " needs " + grid[d] + " blocks of " + block[d] + ", more than CUDA's grid limit of "
                        + maxGrid[d] + " blocks in " + AXIS[d] + " (so at most " + (long) maxGrid[d] * block[d]
                        + " with this local size); put the largest dimension first (x allows " + maxGrid[0] + " blocks)"
                        + (d > 0 ? " or use a larger local size in " + AXIS[d] : ""));
            }
        }
        return new LaunchGeometry((int) grid[0], (int) grid[1], (int) grid[2], (int) block[0], (int) block[1], (int) block[2]);
    }

    /**
     * Grows the y and z blocks (exact divisors) where the grid would pass its limit, shrinking x to keep the block
     * within the thread limit; refuses the range when no divisor fits.
     */
    private static void fitGrid(Range range, long[] global, long[] block, int maxThreads, int[] maxBlock, int[] maxGrid) {
        for (int d = 1; d < 3; d++) {
            if ((global[d] + block[d] - 1) / block[d] <= maxGrid[d]) continue;
            long need = (global[d] + maxGrid[d] - 1) / maxGrid[d];
            long other = d == 1 ? block[2] : block[1];
            long room = Math.min(maxBlock[d], maxThreads / other);
            long div = smallestDivisorAtLeast(global[d], need, room);
            if (div < 0) {
                throw new IllegalArgumentException("range " + Arrays.toString(range.globalSizes()) + " cannot launch on CUDA: "
                        + global[d] + " in " + AXIS[d] + " needs blocks of a divisor of it that is at least " + need
                        + " (CUDA's grid allows " + maxGrid[d] + " blocks in " + AXIS[d] + "), and it has none up to " + room
                        + " (the block limit); put the largest dimension first (x allows " + maxGrid[0] + " blocks), or give"
                        + " a local size, round the global size up to a multiple of it and check the index in the kernel");
            }
            block[d] = div;
            long xRoom = Math.max(1, maxThreads / (block[1] * block[2]));
            if (block[0] > xRoom) block[0] = largestDivisor(global[0], xRoom);
        }
    }

    /** Threads per block. */
    long threads() { return (long) blockX * blockY * blockZ; }

    /** Whether the blocks are smaller than a warp although the range has more than a warp of items. */
    boolean narrow() {
        return threads() < WARP && (long) gridX * gridY * gridZ * threads() >= WARP;
    }

    static long largestDivisor(long n, long atMost) {
        for (long d = Math.min(n, atMost); d > 1; d--) if (n % d == 0) return d;
        return 1;
    }

    /** The smallest divisor of {@code n} in [{@code atLeast}, {@code atMost}], or -1. */
    static long smallestDivisorAtLeast(long n, long atLeast, long atMost) {
        for (long d = Math.max(1, atLeast); d <= Math.min(n, atMost); d++) if (n % d == 0) return d;
        return -1;
    }

    @Override public String toString() {
        return "grid (" + gridX + ", " + gridY + ", " + gridZ + ") block (" + blockX + ", " + blockY + ", " + blockZ + ")";
    }
}
