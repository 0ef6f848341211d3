package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PoCL compiles with LLVM, whose signal handlers, without the JVM's signal chaining, run on the JVM's own SIGSEGVs
 * (safepoint polls during garbage collection): fresh builds then fail ("unable to rename temporary ...", LLVM deleted
 * PoCL's temporary files) and the JVM can die with SIGSEGV. Measured before the fix: this test's loop failed within 5
 * builds (3 runs of 3, each a KernelCompileException "unable to rename temporary ..."); with libjsig preloaded, as
 * the build's surefire, the launcher and the image do, 120 of 120 succeeded.
 */
class SignalChainingTest {
    @Test void theTestJvmPreloadsTheSignalChainingLibrary() {
        OpenClTests.probe();
        assertTrue(SignalChaining.active(), "libjsig is not mapped in this JVM: surefire's environment sets LD_PRELOAD="
                + SignalChaining.library() + "; without it PoCL builds can fail and the JVM can crash (see SignalChaining)");
    }

    @Test void freshBuildsSurviveGarbageCollections(@TempDir Path cacheDir) throws Exception {
        String before = System.getProperty("gpu4j.cache.dir");
        System.setProperty("gpu4j.cache.dir", cacheDir.toString()); // fresh sources: keep their binaries out of ~/.cache
        AtomicBoolean stop = new AtomicBoolean();
        // Compiled Java code polls for safepoints: a spinning loop, and another thread requesting a full collection
        // each time the loop has made 400 more passes (a few milliseconds), make those polls fault all the time.
        java.util.concurrent.Semaphore passes = new java.util.concurrent.Semaphore(0);
        Thread spinner = new Thread(() -> {
            float[] v = new float[1 << 14];
            for (long pass = 1; !stop.get(); pass++) {
                for (int j = 0; j < v.length; j++) v[j] = v[j] * 0.5f + j;
                if (pass % 400 == 0) passes.release();
            }
            passes.release();
        }, "spinner");
        Thread collector = new Thread(() -> {
            try {
                while (!stop.get()) {
                    passes.acquire();
                    System.gc();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gc-pressure");
        collector.setDaemon(true);
        spinner.setDaemon(true);
        try (Accelerator acc = OpenClTests.open(); FloatArray x = acc.allocFloats(257)) {
            collector.start();
            spinner.start();
            for (int i = 0; i < 25; i++) {
                long tag = System.nanoTime();
                String src = "__kernel void k(__global float* x) { x[get_global_id(0)] = " + (i + 1) + ".0f; } // " + tag;
                try (Program p = acc.program(KernelSource.opencl("fresh" + i, src))) {
                    p.kernel("k").launch(Range.of(257), x);
                    float[] want = new float[257];
                    java.util.Arrays.fill(want, i + 1);
                    assertArrayEquals(want, x.toArray(), "build " + i);
                }
            }
        } finally {
            stop.set(true);
            spinner.join(5000);
            collector.join(5000);
            if (before == null) System.clearProperty("gpu4j.cache.dir");
            else System.setProperty("gpu4j.cache.dir", before);
        }
        assertTrue(Files.isDirectory(cacheDir));
    }
}
