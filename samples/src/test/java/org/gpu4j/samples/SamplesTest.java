package org.gpu4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every sample in-process on the Java CPU backend and on OpenCL, at its default size and at edge sizes. */
class SamplesTest {
    static final String[] BACKENDS = {"cpu", "opencl"};

    /** Output and exit status of one in-process run of the gpu4j command. */
    record Result(int status, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }

        String firstLine() { return out.strip().split("\n")[0]; }

        String describe() { return "status " + status + "\n--- out:\n" + out + "\n--- err:\n" + err; }
    }

    static Result gpu4j(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = Gpu4jCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** (backend, sample arguments...): default sizes and edge sizes 0, 1 and primes above the work-group size. */
    static Stream<Arguments> runs() {
        List<String[]> samples = new ArrayList<>();
        for (String s : new String[] {"matrix-double", "vector-add", "elementwise-sum", "linear-combination", "dot-product", "reduce-sum", "matmul-int"}) {
            samples.add(new String[] {s});
            for (String n : new String[] {"0", "1", "257"}) samples.add(new String[] {s, "--n", n});
        }
        samples.add(new String[] {"matmul"});
        for (String n : new String[] {"0", "1", "33", "257"}) {
            samples.add(new String[] {"matmul", "--n", n});
            samples.add(new String[] {"matmul", "--n", n, "--tiled"});
        }
        samples.add(new String[] {"matmul", "--m", "17", "--k", "31", "--n", "5", "--tiled"});
        for (String t : new String[] {"float", "double"}) {
            samples.add(new String[] {"dot-product", "--type", t});
            samples.add(new String[] {"dot-product", "--type", t, "--n", "1031"});
        }
        for (String n : new String[] {"128", "129", "10000019"}) samples.add(new String[] {"reduce-sum", "--n", n});
        for (String n : new String[] {"0", "1", "2", "257", "1000003"}) samples.add(new String[] {"monte-carlo", "--n", n});
        // evaluate's default (2^22 floats, 10 runs of each timing) belongs to benchmarks; small sizes check it here.
        for (String n : new String[] {"0", "1", "1031", "100000"}) {
            samples.add(new String[] {"evaluate", "--n", n, "--runs", "5", "--warmup", "1", "--rounds", "8"});
        }
        List<Arguments> all = new ArrayList<>();
        for (String b : BACKENDS) for (String[] s : samples) all.add(Arguments.of(b, String.join(" ", s)));
        return all.stream();
    }

    /** The exact results SAMPLES.md names, on every backend. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cpu", "opencl"})
    void bookResults(String backend) {
        org.gpu4j.testing.Require.backend(backend);
        Result dot = gpu4j("dot-product", "--backend", backend);
        assertEquals(0, dot.status(), dot::describe);
        assertTrue(dot.out().contains("DOT PRODUCT = 21253400\n"), dot::describe);
        Result sum = gpu4j("reduce-sum", "--backend", backend);
        assertEquals(0, sum.status(), sum::describe);
        assertTrue(sum.out().contains("result = 50005000\n"), sum::describe);
        Result add = gpu4j("vector-add", "--backend", backend, "--seed", "7");
        Result expr = gpu4j("elementwise-sum", "--backend", backend, "--seed", "7");
        assertTrue(add.out().contains("VECTOR LENGTH = 100"), add::describe);
        // Identical output but for the first line, which names the sample.
        assertEquals(add.out().substring(add.out().indexOf('\n')), expr.out().substring(expr.out().indexOf('\n')));
    }

    /** monte-carlo prints the same price on every backend, and chunking the paths does not change a bit of it. */
    @org.junit.jupiter.api.Test
    void monteCarloPricesAreTheSameOnEveryBackend() {
        String price = null;
        for (String backend : BACKENDS) {
            if (!org.gpu4j.Gpu4j.probes().stream().anyMatch(p -> p.backend().equals(backend) && p.isAvailable())
                    && !org.gpu4j.testing.Require.isRequired(backend)) continue;
            Result r = gpu4j("monte-carlo", "--backend", backend, "--n", "3000017", "--seed", "5");
            assertEquals(0, r.status(), r::describe);
            String line = r.out().lines().filter(l -> l.startsWith("PRICE = ")).findFirst().orElseThrow();
            if (price == null) price = line;
            assertEquals(price, line, backend + " priced differently\n" + r.describe());
        }
        try (org.gpu4j.Accelerator cpu = org.gpu4j.Gpu4j.open("cpu")) {
            MonteCarlo.Estimate one = MonteCarlo.price(cpu, 5, 3_000_017), chunked = MonteCarlo.price(cpu, 5, 3_000_017, 4096 * 100);
            assertEquals(Double.doubleToLongBits(one.price()), Double.doubleToLongBits(chunked.price()));
            assertEquals(Double.doubleToLongBits(one.standardError()), Double.doubleToLongBits(chunked.standardError()));
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("runs")
    void sampleChecksOk(String backend, String command) {
        org.gpu4j.testing.Require.backend(backend);
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--backend");
        args.add(backend);
        Result r = gpu4j(args.toArray(new String[0]));
        assertEquals(0, r.status(), r::describe);
        assertTrue(r.lastLine().startsWith("CHECK: OK ("), r::describe);
        assertTrue(r.firstLine().startsWith(args.get(0) + " on " + backend + ":"), r::describe);
        if (r.firstLine().contains(" CPU '")) assertFalse(r.out().contains("GPU"), () -> "a CPU device called a GPU\n" + r.describe());
    }
}
