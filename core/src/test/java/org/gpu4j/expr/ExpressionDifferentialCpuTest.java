package org.gpu4j.expr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;
import org.gpu4j.testing.Require;
import org.junit.jupiter.api.Test;

/** The differential test on the Java CPU backend, and the CUDA text of its kernels compiled by nvcc. */
class ExpressionDifferentialCpuTest extends ExpressionDifferential {
    @Override protected Accelerator open() { return Gpu4j.open("cpu"); }

    @Test void theSameKernelsCompileAsCudaWithNvcc() throws Exception {
        if (GeneratedCudaNvccTest.nvcc() == null) Require.tool("nvcc", "no nvcc on the PATH or in /usr/local/cuda/bin");
        var seed = Require.seed();
        try (Accelerator cpu = Gpu4j.open("cpu")) {
            List<String> sources = cudaSources(cpu, seed.random());
            String ptx = GeneratedCudaNvccTest.compile(sources);
            for (int k = 0; k < sources.size(); k++) assertTrue(ptx.contains(".entry d" + k + "("), seed.message("PTX lacks d" + k));
            System.out.println("[differential] nvcc compiled " + sources.size() + " kernels (" + sources.size() * 4 * PER_TYPE
                    + " expressions) to PTX; " + seed);
        }
    }
}
