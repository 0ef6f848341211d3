package org.gpu4j.opencl;

import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.contract.QueuesContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The queue contract on every OpenCL device (PoCL in CI): more command queues in one context, barriers on events,
 * user events as host gates, non-blocking transfers. Skips with the reason without OpenCL; fails under
 * GPU4J_REQUIRE=opencl.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("targets")
class OpenClQueuesTest extends QueuesContract {
    static List<String> targets() { return Require.targets(OpenClProvider.ID); }

    @Parameter String selector;

    @Override protected Accelerator open() { return Require.open(selector); }
}
