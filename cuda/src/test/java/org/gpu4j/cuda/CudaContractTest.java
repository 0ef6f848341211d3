package org.gpu4j.cuda;

import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.contract.AcceleratorContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend contract on every CUDA device found. Skips with the reason when CUDA is
 * unavailable; fails instead when GPU4J_REQUIRE names cuda.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("targets")
class CudaContractTest extends AcceleratorContract {
    static List<String> targets() { return Require.targets(CudaProvider.ID); }

    @Parameter String selector;

    @Override protected Accelerator open() { return Require.open(selector); }
}
