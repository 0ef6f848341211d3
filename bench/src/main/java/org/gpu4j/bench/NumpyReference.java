package org.gpu4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The numpy/OpenBLAS reference: {@code numpy_ref.py} (shipped as a resource) run as a long-lived {@code python3}
 * subprocess in {@code --serve} mode ({@link Server}), which times one numpy operation per command and keeps its
 * arrays, so the bench can time numpy in alternation with gpu4j workloads.
 *
 * <p>OpenBLAS chooses its kernel by CPU unless {@code OPENBLAS_CORETYPE} forces one; an environment may set it
 * (this machine's sets {@code Haswell}, a weaker kernel than the {@code SkylakeX} one OpenBLAS picks for its
 * AVX-512 CPU). So there are two {@link Variant}s: {@link Variant#OWN} removes {@code OPENBLAS_CORETYPE} and
 * {@code OPENBLAS_L2_SIZE} from the subprocess's environment, {@link Variant#INHERITED} keeps the environment as
 * it is (what a user's numpy gets here) and is only run when the environment sets {@code OPENBLAS_CORETYPE}.
 */
final class NumpyReference {
    private NumpyReference() {}

    /** The subprocess environment of a numpy reference. */
    enum Variant {
        /** OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed: OpenBLAS picks its own kernel for this CPU. */
        OWN(BenchContext.NUMPY),
        /** The environment as it is (differs from {@link #OWN} only when it sets OPENBLAS_CORETYPE). */
        INHERITED(BenchContext.NUMPY_ENV);

        /** The backend id of this variant's rows. */
        final String backend;

        Variant(String backend) { this.backend = backend; }

        /** Whether this variant measures something of its own in {@code env}: INHERITED only when it forces a core. */
        boolean applies(Map<String, String> env) {
            return this == OWN || env.containsKey("OPENBLAS_CORETYPE");
        }
    }

    /** Why a numpy server could not start or answer: no python3, no numpy, a timeout, a crash. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) { super(reason); }
    }

    /**
     * One {@code python3 numpy_ref.py --serve} subprocess. Not thread-safe: one command at a time.
     *
     * {@snippet :
     * try (NumpyReference.Server s = NumpyReference.Server.start(NumpyReference.Variant.OWN, 60, 120)) {
     *     double ns = s.medianNs(Op.SGEMM, 2048, 3, 1); // median of 3 timed matmuls after 1 warm-up
     *     System.out.println(s.label() + ": " + Op.SGEMM.value(2048, ns) + " GFLOP/s");
     * }
     * }
     */
    static final class Server implements AutoCloseable {
        private static final String EOF = "\u0000eof";

        private final Variant variant;
        private final Process process;
        private final Writer in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Map<String, String> info = new LinkedHashMap<>();
        private final long commandTimeoutSeconds;
        private final Path script;
        private boolean closed;

        private Server(Variant variant, Process process, Path script, long commandTimeoutSeconds) {
            this.variant = variant;
            this.process = process;
            this.script = script;
            this.commandTimeoutSeconds = commandTimeoutSeconds;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (IOException ignored) {
                    // the process ended or was killed
                } finally {
                    lines.add(EOF);
                }
            }, "gpu4j-numpy-" + variant.backend);
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Starts the server for {@code variant} and waits (up to {@code startTimeoutSeconds}) for its info lines;
         * each later command may take up to {@code commandTimeoutSeconds}.
         *
         * @throws Unavailable with the reason (no python3 on the PATH, python3 has no numpy, no answer in time)
         */
        static Server start(Variant variant, long startTimeoutSeconds, long commandTimeoutSeconds) throws Unavailable {
            Path script;
            try (InputStream res = NumpyReference.class.getResourceAsStream("numpy_ref.py")) {
                if (res == null) throw new Unavailable("numpy_ref.py resource missing");
                script = Files.createTempFile("gpu4j-numpy-ref", ".py");
                Files.write(script, res.readAllBytes());
            } catch (IOException e) {
                throw new Unavailable("cannot write the numpy script: " + e.getMessage());
            }
            ProcessBuilder pb = org.gpu4j.spi.Subprocesses.withoutSignalChaining(
                    new ProcessBuilder("python3", script.toString(), "--serve")).redirectErrorStream(true);
            if (variant == Variant.OWN) {
                pb.environment().remove("OPENBLAS_CORETYPE");
                pb.environment().remove("OPENBLAS_L2_SIZE");
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                deleteQuietly(script);
                throw new Unavailable("python3 not found on the PATH (" + e.getMessage() + ")");
            }
            Server s = new Server(variant, p, script, commandTimeoutSeconds);
            try {
                s.awaitReady(startTimeoutSeconds);
                return s;
            } catch (Unavailable e) {
                s.close();
                throw e;
            }
        }

        private void awaitReady(long timeoutSeconds) throws Unavailable {
            StringBuilder other = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (true) {
                String line = poll(deadline, "start");
                if (line.equals(EOF)) {
                    String msg = other.toString().trim();
                    if (msg.contains("No module named") && msg.contains("numpy")) msg = "python3 has no numpy";
                    throw new Unavailable("numpy reference failed to start: "
                            + (msg.length() > 300 ? msg.substring(msg.length() - 300) : msg));
                }
                String[] f = line.trim().split("\\s+", 3);
                if (f[0].equals("ready")) return;
                if (f[0].equals("info") && f.length == 3) info.put(f[1], f[2]);
                else other.append(line).append('\n');
            }
        }

        private String poll(long deadline, String what) throws Unavailable {
            try {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    process.destroyForcibly();
                    throw new Unavailable("numpy reference (" + variant.backend + ") gave no answer to " + what
                            + " in time; stopped it");
                }
                return line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new Unavailable("interrupted");
            }
        }

        Variant variant() { return variant; }

        /** The info lines the script printed at start: numpy (version), blas (kernel description), core, env. */
        Map<String, String> info() { return info; }

        /** The OpenBLAS core name this server's numpy reported ("SkylakeX", "Haswell"), or "?" when unknown. */
        String core() { return info.getOrDefault("core", "?"); }

        /**
         * What this reference is, with the BLAS kernel it reported, e.g. {@code numpy (OpenBLAS core SkylakeX, own
         * choice)} or {@code numpy (OpenBLAS core Haswell, OPENBLAS_CORETYPE=Haswell from the environment)}.
         */
        String label() {
            String kernel = info.containsKey("core") ? "OpenBLAS core " + core() : "BLAS " + info.getOrDefault("blas", "unknown");
            return "numpy (" + kernel + ", " + (variant == Variant.OWN ? "own choice"
                    : "OPENBLAS_CORETYPE=" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)")
                    + " from the environment") + ")";
        }

        /**
         * Times {@code op} at {@code size} in numpy: {@code warmup} untimed calls, then the median of {@code runs}
         * timed ones, in nanoseconds per call.
         *
         * @throws Unavailable when the server answers with an error, dies, or does not answer in time
         */
        double medianNs(Op op, long size, int runs, int warmup) throws Unavailable {
            if (runs <= 0) throw new IllegalArgumentException("runs: must be positive, was " + runs);
            if (warmup < 0) throw new IllegalArgumentException("warmup: must be non-negative, was " + warmup);
            if (size <= 0) throw new IllegalArgumentException("size: must be positive, was " + size);
            switch (op) {
                case COPY, ADD, TRIAD, DOT, SUM, SGEMM, DGEMM, RAND_UNIFORM, RAND_NORMAL -> { }
                default -> throw new IllegalArgumentException("op: numpy reference has no " + op.id);
            }
            if (closed || !process.isAlive()) throw new Unavailable("numpy reference (" + variant.backend + ") is not running");
            String cmd = String.format(Locale.ROOT, "%s %d %d %d", op.id, size, runs, warmup);
            try {
                in.write(cmd + "\n");
                in.flush();
            } catch (IOException e) {
                throw new Unavailable("numpy reference (" + variant.backend + ") closed its input: " + e.getMessage());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(commandTimeoutSeconds);
            while (true) {
                String line = poll(deadline, "'" + cmd + "'");
                if (line.equals(EOF)) throw new Unavailable("numpy reference (" + variant.backend + ") ended during '" + cmd + "'");
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("error")) throw new Unavailable("numpy reference: '" + cmd + "': " + line.substring(5).trim());
                if (f[0].equals("result") && f.length == 5 && f[1].equals(op.id) && Long.parseLong(f[2]) == size) {
                    return Double.parseDouble(f[3]);
                }
                // anything else (a warning python printed) is skipped
            }
        }

        @Override public void close() {
            if (closed) return;
            closed = true;
            try {
                if (process.isAlive()) {
                    in.write("bye\n");
                    in.flush();
                }
                in.close();
            } catch (IOException ignored) {
                // the process is already gone
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            deleteQuietly(script);
        }
    }

    /**
     * The main table's numpy references: one server per {@link Variant} that applies in this environment, each
     * measuring the stream ops and gemms; servers that started stay open (for the paired phase) until
     * {@link #close()}.
     */
    record Outcome(List<Row> rows, Map<String, String> facts, List<String> skipped, Map<Variant, Server> servers)
            implements AutoCloseable {
        @Override public void close() {
            for (Server s : servers.values()) s.close();
        }
    }

    static Outcome measure(List<Long> stream, List<Long> sgemm, List<Long> dgemm, int runs, int warmup,
                           java.util.function.Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        Map<Variant, Server> servers = new java.util.EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) {
            if (!v.applies(System.getenv())) continue;
            Server s = null;
            try {
                s = Server.start(v, 60, 120);
                facts.putIfAbsent("numpy", s.info().getOrDefault("numpy", "?"));
                facts.put("numpy reference '" + v.backend + "'", s.label() + ": " + s.info().getOrDefault("blas", "?")
                        + "; subprocess env " + s.info().getOrDefault("env", "?"));
                progress.accept("  " + v.backend + " = " + s.label());
                rows.addAll(mainRows(s, stream, sgemm, dgemm, runs, warmup, progress));
                servers.put(v, s);
            } catch (Unavailable e) {
                if (s != null) s.close();
                skipped.add(v.backend + ": " + e.getMessage());
                if (e.getMessage().contains("python3")) break; // no python3 or no numpy: the other variant fails alike
            }
        }
        return new Outcome(rows, facts, skipped, servers);
    }

    /** The numpy rows of the main table, measured on {@code server}; progress lines as they come. */
    static List<Row> mainRows(Server server, List<Long> stream, List<Long> sgemm, List<Long> dgemm, int runs,
                              int warmup, java.util.function.Consumer<String> progress) throws Unavailable {
        List<Row> rows = new ArrayList<>();
        String device = "CPU " + server.label();
        List<Object[]> cases = new ArrayList<>();
        for (long n : stream) for (Op op : Workloads.javaOps()) cases.add(new Object[] {op, n});
        for (long n : sgemm) cases.add(new Object[] {Op.SGEMM, n});
        for (long n : dgemm) cases.add(new Object[] {Op.DGEMM, n});
        for (Object[] c : cases) {
            Op op = (Op) c[0];
            long n = (Long) c[1];
            // large gemms are slow; fewer runs keep the quick bench short (as the one-shot mode does)
            int r = op.isMatrix() && n >= 2048 ? Math.max(3, Math.min(runs, 5)) : runs;
            double ns = server.medianNs(op, n, r, op.isMatrix() ? 1 : warmup);
            Row row = Row.of(op, server.variant().backend, device, n, ns, r);
            rows.add(row);
            progress.accept("  " + server.variant().backend + " " + op.id + " " + Op.sizeLabel(op, n) + ": " + row.formatValue());
        }
        return rows;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
