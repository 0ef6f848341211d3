package org.gpu4j.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;

/**
 * What the benchmark cases share within one run: opened accelerators (one per backend), and random host data
 * (fixed seed) reused across cases of the same size so set-up stays short.
 */
final class BenchContext implements AutoCloseable {
    /** gpu4j backends, in report order. */
    static final String[] BACKENDS = {"cpu", "opencl", "cuda"};
    static final String JAVA_1T = "java-1t", JAVA_PAR = "java-par", JOCL = "jocl", NUMPY = "numpy",
            NUMPY_ENV = "numpy-env";

    private final Map<String, Accelerator> accs = new LinkedHashMap<>();
    private final Map<String, Object> host = new HashMap<>();
    private final long seed;

    BenchContext(long seed) { this.seed = seed; }

    /** The run's seed (host data, generators). */
    long seed() { return seed; }

    /** Why a gpu4j backend cannot run here, or null when it has a device. */
    static String unavailable(String backend) {
        for (Probe p : Gpu4j.probes()) {
            if (p.backend().equals(backend)) return p.isAvailable() ? null : p.reason();
        }
        return "backend '" + backend + "' is not on the classpath";
    }

    Accelerator acc(String backend) {
        return accs.computeIfAbsent(backend, Gpu4j::open);
    }

    /** A one-line description of the device that runs {@code backend}'s rows, naming its type. */
    String deviceOf(String backend) {
        Device d = acc(backend).device();
        return d.type() + " '" + d.name() + "'";
    }

    float[] floats(String key, int n) {
        return (float[]) host.computeIfAbsent("f:" + key + ":" + n, k -> {
            SplittableRandom r = new SplittableRandom(seed ^ k.hashCode());
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
            return a;
        });
    }

    double[] doubles(String key, int n) {
        return (double[]) host.computeIfAbsent("d:" + key + ":" + n, k -> {
            SplittableRandom r = new SplittableRandom(seed ^ k.hashCode());
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[i] = r.nextDouble() * 2 - 1;
            return a;
        });
    }

    /** Drops host data (between sizes) so large runs do not pile up memory. */
    void dropHostData() { host.clear(); }

    @Override public void close() {
        for (Accelerator a : accs.values()) a.close();
        accs.clear();
        host.clear();
    }
}
