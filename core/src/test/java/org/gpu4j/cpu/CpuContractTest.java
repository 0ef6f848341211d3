package org.gpu4j.cpu;

import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.contract.AcceleratorContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The Java CPU backend runs the backend contract, on each of its devices (it has one). */
@ParameterizedClass(name = "{0}")
@MethodSource("targets")
class CpuContractTest extends AcceleratorContract {
    static List<String> targets() { return Require.targets(CpuProvider.ID); }

    @Parameter String selector;

    @Override protected Accelerator open() { return Require.open(selector); }
}
