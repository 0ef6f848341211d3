package org.gpu4j.cuda;

import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.random.RandomContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The random-number contract on every CUDA device: known answers, bit equality with the Java definition (so with the
 * cpu backend and PoCL), statistics, bad input. Skips with the reason when CUDA is unavailable; fails instead when
 * GPU4J_REQUIRE names cuda.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("targets")
class CudaRandomTest extends RandomContract {
    static List<String> targets() { return Require.targets(CudaProvider.ID); }

    @Parameter String selector;

    @Override protected Accelerator open() { return Require.open(selector); }
}
