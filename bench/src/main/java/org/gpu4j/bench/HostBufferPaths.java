package org.gpu4j.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;

/**
 * Paired timings of the ways to move a {@code java.nio} buffer to and from a device, against the way without buffer
 * support: copy the buffer into a {@code float[]} (preallocated, so the baseline is not charged an allocation), then
 * upload the array (and the reverse for downloads). All paths of one device and direction are timed in each round,
 * in an order reversed every other round; each path's time in a round is the median of 5 transfers; the result is
 * the median over the rounds of each path's time divided by the array path's time in the same round.
 *
 * <pre>
 * java -cp ... org.gpu4j.bench.HostBufferPaths [devices=cpu,opencl] [floats=4194304] [rounds=11]
 * </pre>
 *
 * On OpenCL the direct buffer is timed twice: through the mapped path of CPU devices (from 1 MiB; the default) and
 * handed to the driver ({@code -Dgpu4j.opencl.mappedCopies=false} for a second accelerator of the same device).
 */
public final class HostBufferPaths {
    private HostBufferPaths() {}

    interface Path { void run() throws Exception; }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>(Map.of("devices", "cpu,opencl", "floats", "4194304", "rounds", "11"));
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !opt.containsKey(a.substring(0, eq))) throw new IllegalArgumentException("unknown option " + a + "; known: " + opt.keySet());
            opt.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int n = Integer.parseInt(opt.get("floats"));
        int rounds = Integer.parseInt(opt.get("rounds"));
        FloatBuffer direct = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        FloatBuffer heap = FloatBuffer.allocate(n);
        FloatBuffer heapBytes = ByteBuffer.allocate(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < n; i++) { direct.put(i, i); heap.put(i, i); heapBytes.put(i, i); }
        float[] tmp = new float[n];
        System.out.printf("host-buffer paths, %d floats (%.1f MiB), %d rounds; ratio = path time / array path time, median [min-max]%n",
                n, n * 4 / 1048576.0, rounds);
        for (String sel : opt.get("devices").split(",")) {
            try (Accelerator acc = Gpu4j.open(sel); FloatArray x = acc.allocFloats(n)) {
                Accelerator driver = null;
                FloatArray xd = null;
                if (acc.device().backend().equals("opencl")) {
                    System.setProperty("gpu4j.opencl.mappedCopies", "false");
                    try {
                        driver = Gpu4j.open(acc.device().id());
                    } finally {
                        System.clearProperty("gpu4j.opencl.mappedCopies");
                    }
                    xd = driver.allocFloats(n);
                }
                try {
                    Map<String, Path> up = new LinkedHashMap<>();
                    up.put("array path (buffer -> float[] -> device)", () -> { direct.get(0, tmp); x.copyFrom(tmp); });
                    up.put("direct FloatBuffer", () -> x.copyFrom(direct.duplicate()));
                    final FloatArray fxd = xd;
                    if (fxd != null) up.put("direct FloatBuffer, driver copy (no mapping)", () -> fxd.copyFrom(direct.duplicate()));
                    up.put("heap FloatBuffer (array-backed)", () -> x.copyFrom(heap.duplicate()));
                    up.put("view of a heap ByteBuffer", () -> x.copyFrom(heapBytes.duplicate()));
                    report(acc.device().id() + " upload", up, rounds);
                    Map<String, Path> down = new LinkedHashMap<>();
                    down.put("array path (device -> float[] -> buffer)", () -> { x.copyTo(tmp); direct.put(0, tmp); });
                    down.put("direct FloatBuffer", () -> x.copyTo(direct.duplicate()));
                    if (fxd != null) down.put("direct FloatBuffer, driver copy (no mapping)", () -> fxd.copyTo(direct.duplicate()));
                    down.put("heap FloatBuffer (array-backed)", () -> x.copyTo(heap.duplicate()));
                    down.put("view of a heap ByteBuffer", () -> x.copyTo(heapBytes.duplicate()));
                    report(acc.device().id() + " download", down, rounds);
                } finally {
                    if (xd != null) xd.close();
                    if (driver != null) driver.close();
                }
            }
        }
    }

    static void report(String what, Map<String, Path> paths, int rounds) throws Exception {
        List<String> names = new ArrayList<>(paths.keySet());
        int k = names.size();
        double[][] ratio = new double[k][rounds];
        double[][] time = new double[k][rounds];
        for (Path p : paths.values()) for (int w = 0; w < 3; w++) p.run(); // warm up
        for (int r = 0; r < rounds; r++) {
            double[] t = new double[k];
            for (int j = 0; j < k; j++) {
                int i = r % 2 == 0 ? j : k - 1 - j;
                t[i] = median5(paths.get(names.get(i)));
            }
            for (int i = 0; i < k; i++) { ratio[i][r] = t[i] / t[0]; time[i][r] = t[i]; }
        }
        System.out.println(what + ":");
        for (int i = 0; i < k; i++) {
            double[] q = ratio[i].clone();
            Arrays.sort(q);
            double[] ts = time[i].clone();
            Arrays.sort(ts);
            System.out.printf("  %-46s %8.2f ms  ratio %.2f [%.2f-%.2f]%n", names.get(i), ts[rounds / 2] / 1e6, q[rounds / 2], q[0], q[rounds - 1]);
        }
    }

    static double median5(Path p) throws Exception {
        double[] t = new double[5];
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            p.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[2];
    }
}
