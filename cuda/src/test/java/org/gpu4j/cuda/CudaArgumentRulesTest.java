package org.gpu4j.cuda;

import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.contract.ArgumentRulesContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 14's argument rules on every CUDA device found. */
@ParameterizedClass(name = "{0}")
@MethodSource("targets")
class CudaArgumentRulesTest extends ArgumentRulesContract {
    static List<String> targets() { return Require.targets(CudaProvider.ID); }

    @Parameter String selector;

    @Override protected Accelerator open() { return Require.open(selector); }
}
