package org.gpu4j.opencl;

import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.contract.ArgumentRulesContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 14's argument rules on every OpenCL device found (PoCL in CI). */
@ParameterizedClass(name = "{0}")
@MethodSource("targets")
class OpenClArgumentRulesTest extends ArgumentRulesContract {
    static List<String> targets() { return Require.targets(OpenClProvider.ID); }

    @Parameter String selector;

    @Override protected Accelerator open() { return Require.open(selector); }
}
