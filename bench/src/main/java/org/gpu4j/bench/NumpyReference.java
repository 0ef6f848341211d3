package org.gpu4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs the numpy/OpenBLAS reference script ({@code numpy_ref.py}, shipped as a resource) in a {@code python3}
 * subprocess. {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} are removed from that subprocess's environment
 * only, so OpenBLAS picks its own kernel for this CPU; the script reports which kernel that is.
 */
final class NumpyReference {
    /** What the subprocess measured: rows (op, size, median ns), facts (numpy version, BLAS kernel), or why not. */
    record Outcome(List<Row> rows, Map<String, String> info, String skipped) {}

    private NumpyReference() {}

    static Outcome run(List<Long> stream, List<Long> sgemm, List<Long> dgemm, int runs, int warmup,
                       long timeoutSeconds, Consumer<String> progress) {
        Path script;
        try (InputStream in = NumpyReference.class.getResourceAsStream("numpy_ref.py")) {
            if (in == null) return new Outcome(List.of(), Map.of(), "numpy_ref.py resource missing");
            script = Files.createTempFile("gpu4j-numpy-ref", ".py");
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            return new Outcome(List.of(), Map.of(), "cannot write the numpy script: " + e.getMessage());
        }
        try {
            List<String> cmd = new ArrayList<>(List.of("python3", script.toString(),
                    "--stream", join(stream), "--sgemm", join(sgemm), "--dgemm", join(dgemm),
                    "--runs", String.valueOf(runs), "--warmup", String.valueOf(warmup)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().remove("OPENBLAS_CORETYPE");
            pb.environment().remove("OPENBLAS_L2_SIZE");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Outcome(List.of(), Map.of(), "python3 not found on the PATH (" + e.getMessage() + ")");
            }
            List<Row> rows = new ArrayList<>();
            Map<String, String> info = new LinkedHashMap<>();
            StringBuilder other = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        String[] f = line.trim().split("\\s+", 3);
                        if (f[0].equals("info") && f.length == 3) {
                            info.put(f[1], f[2]);
                        } else if (f[0].equals("result")) {
                            String[] g = line.trim().split("\\s+");
                            Op op = Op.byId(g[1]);
                            long size = Long.parseLong(g[2]);
                            double ns = Double.parseDouble(g[3]);
                            Row row = Row.of(op, BenchContext.NUMPY, "CPU (numpy " + info.getOrDefault("blas", "?") + ")",
                                    size, ns, Integer.parseInt(g[4]));
                            synchronized (rows) { rows.add(row); }
                            progress.accept("  numpy " + op.id + " " + Op.sizeLabel(op, size) + ": " + row.formatValue());
                        } else {
                            synchronized (other) { other.append(line).append('\n'); }
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "gpu4j-numpy-reader");
            reader.setDaemon(true);
            reader.start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly();
            reader.join(2000);
            synchronized (rows) {
                if (!done) return new Outcome(List.copyOf(rows), info, "numpy reference timed out after " + timeoutSeconds + " s");
                if (p.exitValue() != 0) {
                    String msg = other.toString().trim();
                    if (msg.contains("No module named") && msg.contains("numpy")) msg = "python3 has no numpy";
                    return new Outcome(List.copyOf(rows), info, "numpy reference failed: "
                            + (msg.length() > 300 ? msg.substring(msg.length() - 300) : msg));
                }
                return new Outcome(List.copyOf(rows), info, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(List.of(), Map.of(), "interrupted");
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }

    private static String join(List<Long> v) {
        return v.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
