package org.gpu4j.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.gpu4j.Accelerator;
import org.gpu4j.Dialect;
import org.gpu4j.Gpu4j;
import org.junit.jupiter.api.Test;

/**
 * Every contract expression, reduction and scan, generated as CUDA C (reductions and scans in the GPU shape: trees
 * and tile scans in shared memory) and compiled by nvcc to PTX for compute_75;
 * skipped with the reason when nvcc is absent (a failure when GPU4J_REQUIRE names nvcc).
 */
class GeneratedCudaNvccTest {

    static String nvcc() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, "nvcc");
                if (Files.isExecutable(p)) return p.toString();
            }
        }
        Path cuda = Path.of("/usr/local/cuda/bin/nvcc");
        return Files.isExecutable(cuda) ? cuda.toString() : null;
    }

    /**
     * Compiles generated CUDA sources with nvcc to PTX in one translation unit, each in a namespace of its own (each
     * source defines its helpers, as it does in its own module on a device); returns the PTX.
     */
    static String compile(java.util.List<String> sources) throws Exception {
        String nvcc = nvcc();
        if (nvcc == null) org.gpu4j.testing.Require.tool("nvcc", "no nvcc on the PATH or in /usr/local/cuda/bin");
        StringBuilder all = new StringBuilder();
        for (int k = 0; k < sources.size(); k++) {
            all.append("namespace gpu4j_src").append(k).append(" {\n").append(sources.get(k)).append("}\n\n");
        }
        Path dir = Files.createTempDirectory("gpu4j-expr-nvcc");
        try {
            Path cu = dir.resolve("generated.cu");
            Files.writeString(cu, all.toString());
            Process p = org.gpu4j.spi.Subprocesses.withoutSignalChaining(new ProcessBuilder(nvcc, "-ptx", "-arch=compute_75", "-o", dir.resolve("generated.ptx").toString(),
                    cu.toString())).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("nvcc did not finish in 300 s");
            }
            assertEquals(0, p.exitValue(), "nvcc failed on " + sources.size() + " generated sources:\n" + log);
            return Files.readString(dir.resolve("generated.ptx"));
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    @Test void generatedCudaCompilesWithNvcc() throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>();
        int kernels = 0;
        try (Accelerator acc = Gpu4j.open("cpu")) {
            for (ExpressionContract.Case c : ExpressionContract.CASES) {
                all.add(Expressions.elementwise(acc, ExpressionContract.ARGS, c.op(), "e" + kernels++, null)
                        .source(Dialect.CUDA));
            }
            for (String[] r : new String[][] {
                    {"float", "0", "a+b", "x[i]*y[i]", "float *x, float *y"},
                    {"int", "0", "a+b", "x[i]*y[i]", "int *x, int *y"},
                    {"double", "-INFINITY", "fmax(a, b)", "d[i]", "double *d"},
                    {"long", "0", "a+b", "(long)k[i] * k[i]", "int *k"}}) {
                all.add(Expressions.reduction(acc, r[0], r[1], r[2], r[3], r[4], "r" + kernels++).source(Dialect.CUDA));
            }
            all.add(Expressions.scan(acc, "int", "0", "a+b", "x[i]", "y[i] = prev_item", "int *x, int *y", "s" + kernels++)
                    .source(Dialect.CUDA));
            all.add(Expressions.scan(acc, "float", "-INFINITY", "fmax(a, b)", "x[i]", "if (item > 0.0f) y[i] = item; else y[i] = -prev_item",
                    "float *x, float *y", "s" + kernels++).source(Dialect.CUDA));
            // the GPU shape's tile scans: inclusive and exclusive, int, float and double, a non-commutative combine
            all.add(Expressions.scan(acc, "int", "0", "a+b", "x[i]", "y[i] = item", "int *x, int *y", "s" + kernels++)
                    .source(Dialect.CUDA));
            all.add(Expressions.scan(acc, "float", "0", "a+b", "x[i]", "y[i] = prev_item", "float *x, float *y", "s" + kernels++)
                    .source(Dialect.CUDA));
            all.add(Expressions.scan(acc, "double", "0", "a+b", "(double)x[i]", "d[i] = item - prev_item", "float *x, double *d",
                    "s" + kernels++).source(Dialect.CUDA));
            all.add(Expressions.scan(acc, "int", "0", "b != 0 ? b : a", "x[i]", "x[i] = item", "int *x", "s" + kernels++)
                    .source(Dialect.CUDA));
            // guarded kernels (computed indexes): the hidden lengths, the error word and atomicCAS
            all.add(Expressions.elementwise(acc, "int *k, long *l, float *x", "l[(i + 1) % n] += k[n - 1 - i] + (long)x[i]",
                    "g" + kernels++, null).source(Dialect.CUDA));
            all.add(Expressions.reduction(acc, "double", "0", "a+b", "d[(i * 7) % n]", "double *d", "g" + kernels++)
                    .source(Dialect.CUDA));
            all.add(Expressions.scan(acc, "long", "0", "a+b", "x[n - 1 - i]", "y[n - 1 - i] = item", "long *x, long *y",
                    "g" + kernels++).source(Dialect.CUDA));
        }
        for (String src : all) {
            // the CUDA text of reductions and scans is GPU-shaped (work-group trees and tile scans in shared memory)
            if ((src.contains("_stage2(")) && !src.contains("__shared__")) throw new AssertionError("not GPU-shaped:\n" + src);
        }
        String ptx = compile(all);
        if (!ptx.contains("bar.sync") && !ptx.contains("barrier.sync")) throw new AssertionError("PTX has no barriers");
        for (int k = 0; k < ExpressionContract.CASES.size(); k++) {
            if (!ptx.contains(".entry e" + k + "(")) throw new AssertionError("PTX lacks kernel e" + k);
        }
    }
}
