package org.gpu4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gpu4j.KernelCompileException;
import org.junit.jupiter.api.Test;

/** The run-time .cu compiler, exercised without a GPU or driver. */
class CudaCompilerTest {
    static final String SAXPY = """
            extern "C" __global__ void saxpy(float a, const float* x, float* y, int n)
            {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) y[i] = a * x[i] + y[i];
            }
            """;

    private static Path nvcc() {
        Path p = CudaCompiler.findNvcc();
        if (p == null) org.gpu4j.testing.Require.tool("nvcc", "nvcc not found at $CUDA_HOME/bin, /usr/local/cuda/bin or on the PATH");
        return p;
    }

    @Test void nvccCompilesCudaTextToPtxForTheDevicesComputeCapability() {
        Path nvcc = nvcc();
        // A unique comment defeats the in-JVM cache, so nvcc really runs.
        String text = SAXPY + "// " + System.nanoTime() + "\n";
        CudaCompiler.Result r = CudaCompiler.compile("saxpy", text, "", 8, 0, "test", new ArrayList<>(), false, nvcc);
        assertTrue(r.compiler().startsWith("nvcc"), r.compiler());
        assertTrue(r.ptx().contains(".target sm_80"), "PTX not for compute_80:\n" + r.ptx());
        assertEquals(Set.of("saxpy"), CudaProgram.entries(r.ptx()));
        // Options reach nvcc: a macro changes the entry point's name.
        CudaCompiler.Result named = CudaCompiler.compile("k", "extern \"C\" __global__ void NAME(int* p) { p[0] = 1; }\n",
                "-DNAME=renamed", 7, 5, "test", new ArrayList<>(), false, nvcc);
        assertEquals(Set.of("renamed"), CudaProgram.entries(named.ptx()));
        assertTrue(named.ptx().contains(".target sm_75"));
    }

    @Test void nvccSyntaxErrorBecomesKernelCompileExceptionWithTheLine() {
        Path nvcc = nvcc();
        String bad = """
                extern "C" __global__ void broken(float* y, int n)
                {
                    int i = blockIdx.x * blockDim.x + threadIdx.x
                    if (i < n) y[i] = 0;
                }
                """;
        KernelCompileException e = assertThrows(KernelCompileException.class,
                () -> CudaCompiler.compile("broken", bad, "", 7, 5, "cuda:0", new ArrayList<>(), false, nvcc));
        System.out.println("[CudaCompilerTest] " + e.getMessage().lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(""));
        // nvcc reports the missing ';' where the next statement starts (line 4) or at the end of line 3.
        assertTrue(e.line() == 3 || e.line() == 4, "line " + e.line() + " in\n" + e.buildLog());
        assertTrue(e.buildLog().contains("broken.cu(" + e.line() + "): error"), e.buildLog());
        assertTrue(!e.buildLog().contains("gpu4j-nvcc"), "temporary folder leaked into the log:\n" + e.buildLog());
        assertEquals("broken", e.sourceName());
        assertEquals("cuda:0", e.device());
    }

    @Test void withoutAnyCompilerTheExceptionListsWhatWasTried() {
        List<String> tried = new ArrayList<>(List.of("shipped PTX: none"));
        KernelCompileException e = assertThrows(KernelCompileException.class,
                () -> CudaCompiler.compile("x", "extern \"C\" __global__ void x() {}\n// " + System.nanoTime(), "", 9, 0,
                        "cuda:0", tried, true, null));
        String log = e.buildLog();
        assertTrue(log.contains("shipped PTX: none"), log);
        assertTrue(log.contains("NVRTC: "), log);
        assertTrue(log.contains("nvcc: not found"), log);
        assertTrue(e.getMessage().contains("no way to build CUDA source"), e.getMessage());
    }

    @Test void nvrtcReportsWhyItDidNotLoad() {
        String why = CudaCompiler.nvrtcUnavailable();
        System.out.println("[CudaCompilerTest] NVRTC: " + (why == null ? "loaded" : why));
        if (why != null) {
            assertTrue(why.startsWith("JCuda's NVRTC library did not load (") && !why.contains("\n"), why);
            assertEquals(why, CudaCompiler.nvrtcUnavailable()); // remembered, not retried
        }
    }
}
