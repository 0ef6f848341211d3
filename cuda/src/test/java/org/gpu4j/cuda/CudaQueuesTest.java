package org.gpu4j.cuda;

import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.contract.QueuesContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The queue contract on every CUDA device: non-blocking streams, cuStreamWaitEvent, host-function gates. Skips with
 * the reason when CUDA is unavailable (no driver, no GPU); fails instead when GPU4J_REQUIRE names cuda.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("targets")
class CudaQueuesTest extends QueuesContract {
    static List<String> targets() { return Require.targets(CudaProvider.ID); }

    @Parameter String selector;

    @Override protected Accelerator open() { return Require.open(selector); }
}
