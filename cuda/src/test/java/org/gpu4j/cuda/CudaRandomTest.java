package org.gpu4j.cuda;

import org.gpu4j.Accelerator;
import org.gpu4j.random.RandomContract;
import org.gpu4j.testing.Require;

/**
 * The random-number contract on the best CUDA device: known answers, bit equality with the Java definition (so with
 * the cpu backend and PoCL), statistics, bad input. Skips with the reason when CUDA is unavailable; fails instead when
 * GPU4J_REQUIRE names cuda.
 */
class CudaRandomTest extends RandomContract {
    @Override protected Accelerator open() { return Require.open(CudaProvider.ID); }
}
