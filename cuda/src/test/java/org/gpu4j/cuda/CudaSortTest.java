package org.gpu4j.cuda;

import org.gpu4j.Accelerator;
import org.gpu4j.sort.SortContract;
import org.gpu4j.testing.Require;

/**
 * The sort contract on the first CUDA device (GPU-shaped radix passes from sort.cu). Skips with the reason when
 * CUDA is unavailable; fails instead when GPU4J_REQUIRE names cuda.
 */
class CudaSortTest extends SortContract {
    @Override protected Accelerator open() { return Require.open("cuda"); }
}
