package org.gpu4j.opencl;

import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.contract.AcceleratorContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend contract on every OpenCL device found (PoCL's CPU device in CI). Skips with the reason when OpenCL is
 * unavailable; fails instead when GPU4J_REQUIRE names opencl.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("targets")
class OpenClContractTest extends AcceleratorContract {
    static List<String> targets() { return Require.targets(OpenClProvider.ID); }

    @Parameter String selector;

    @Override protected Accelerator open() { return Require.open(selector); }
}
