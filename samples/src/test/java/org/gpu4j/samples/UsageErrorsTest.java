package org.gpu4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gpu4j.samples.SamplesTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Usage errors of the gpu4j command (issue 14, item 7): sizes and option values are checked before a device opens,
 * every usage error exits 2 with one clear message, selftest honours the device selector, and the usage help never
 * wraps inside a word.
 */
class UsageErrorsTest {
    static Result gpu4j(String... args) { return SamplesTest.gpu4j(args); }

    static Stream<String> samples() { return Gpu4jCommand.SAMPLES.stream().map(s -> s.get().name()); }

    /** A usage error: status 2, the message, no stack trace, and nothing run (no line naming a device). */
    static void assertUsageError(Result r, String... messages) {
        assertEquals(2, r.status(), r::describe);
        for (String m : messages) assertTrue(r.err().contains(m), () -> "missing '" + m + "'\n" + r.describe());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("OutOfMemoryError"),
                () -> "no stack trace\n" + r.describe());
        assertFalse(r.out().contains(" on cpu:") || r.out().contains(" on opencl:"), () -> "no device opened\n" + r.describe());
    }

    // ------------------------------------------------------------------------------------------- sizes

    @Test void matmulBeyondAJavaArrayIsAUsageErrorNamingTheLargestSize() {
        Result r = gpu4j("matmul", "--backend", "cpu", "--n", "50000");
        assertUsageError(r, "--n 50000 is too large: the largest matmul accepts is ");
        long largest = largest(r);
        assertTrue(largest > 0 && largest < 46341, r::describe);   // C (N x N floats) must fit one Java array
    }

    @Test void vectorAddBeyondTheHeapIsAUsageErrorNotAnOutOfMemoryError() {
        Result r = gpu4j("vector-add", "--backend", "cpu", "--n", "2100000000");
        assertUsageError(r, "--n 2100000000 is too large: the largest vector-add accepts is ", "Java heap");
        // three int arrays on the host and three on the Java CPU device: 24 bytes per element, within the heap
        assertTrue(largest(r) * 24 <= Runtime.getRuntime().maxMemory(), r::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleRejectsAHugeSizeBeforeOpeningADevice(String sample) {
        Result r = gpu4j(sample, "--backend", "cpu", "--n", "2147483647");
        assertUsageError(r, "--n 2147483647 is too large: the largest " + sample + " accepts is ");
        Result more = gpu4j(sample, "--backend", "cpu", "--n", "9000000000");
        assertUsageError(more, "--n 9000000000 is too large");
    }

    @Test void matmulChecksMAndKToo() {
        assertUsageError(gpu4j("matmul", "--backend", "cpu", "--m", "-1"), "--m must be >= 0, got -1");
        assertUsageError(gpu4j("matmul", "--backend", "cpu", "--k", "-3", "--n", "2"), "--k must be >= 0, got -3");
        Result r = gpu4j("matmul", "--backend", "cpu", "--m", "3", "--k", "100000", "--n", "100000");
        assertUsageError(r, "--k 100000 is too large: the largest matmul accepts with --m 3 and --n 100000 is ");
        assertUsageError(gpu4j("matmul", "--backend", "cpu", "--m", "100000", "--k", "100000", "--n", "100000"),
                "--m, --k, --n are too large together");
    }

    @Test void selftestChecksItsSizes() {
        assertUsageError(gpu4j("selftest", "--n", "-5"), "--n must be >= 0, got -5");
        assertUsageError(gpu4j("selftest", "--m", "2000000000"), "--m 2000000000 is too large");
    }

    /** The largest size a too-large message names. */
    static long largest(Result r) {
        Matcher m = Pattern.compile("accepts(?: with [^)]*?)? is (\\d+) \\(").matcher(r.err());
        assertTrue(m.find(), r::describe);
        return Long.parseLong(m.group(1));
    }

    // ------------------------------------------------------------------------------------------- empty inputs

    @Test void emptyAndOneElementRangesPrintWhatTheyHold() {
        Result dot0 = gpu4j("dot-product", "--backend", "cpu", "--n", "0");
        assertEquals(0, dot0.status(), dot0::describe);
        assertTrue(dot0.out().contains("x = y = [] (0 int values)\n"), dot0::describe);
        assertFalse(dot0.out().contains("-1"), dot0::describe);
        assertTrue(dot0.lastLine().startsWith("CHECK: OK"), dot0::describe);
        Result dot1 = gpu4j("dot-product", "--backend", "cpu", "--n", "1");
        assertTrue(dot1.out().contains("x = y = [0] (1 int values)\n"), dot1::describe);
        Result dot5 = gpu4j("dot-product", "--backend", "cpu", "--n", "5");
        assertTrue(dot5.out().contains("x = y = [0, 1, ..., 4] (5 int values)\n"), dot5::describe);

        Result sum0 = gpu4j("reduce-sum", "--backend", "cpu", "--n", "0");
        assertEquals(0, sum0.status(), sum0::describe);
        assertTrue(sum0.out().contains("A = [] (0 int64 values)\n"), sum0::describe);
        assertTrue(sum0.lastLine().startsWith("CHECK: OK"), sum0::describe);
        Result sum1 = gpu4j("reduce-sum", "--backend", "cpu", "--n", "1");
        assertTrue(sum1.out().contains("A = [1] (1 int64 values)\n"), sum1::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleRunsOnEmptyInput(String sample) {
        List<String> args = new ArrayList<>(List.of(sample, "--backend", "cpu", "--n", "0"));
        if (sample.equals("evaluate")) args.addAll(List.of("--runs", "5", "--warmup", "0"));
        Result r = gpu4j(args.toArray(new String[0]));
        assertEquals(0, r.status(), r::describe);
        assertTrue(r.lastLine().startsWith("CHECK: OK ("), r::describe);
        assertFalse(r.out().contains("-1"), () -> "an empty input shown as a range ending at -1\n" + r.describe());
    }

    // ------------------------------------------------------------------------------------------- option values

    @Test void aTypeOutsideTheListIsAUsageErrorBeforeTheDeviceOpens() {
        assertUsageError(gpu4j("dot-product", "--type", "half"), "--type must be one of int, float, double, got 'half'");
    }

    @Test void evaluateChecksItsCountsBeforeTheDeviceOpens() {
        assertUsageError(gpu4j("evaluate", "--runs", "3"), "--runs must be at least 5, got 3");
        assertUsageError(gpu4j("evaluate", "--warmup", "-1"), "--warmup must be >= 0, got -1");
        assertUsageError(gpu4j("evaluate", "--rounds", "-2"), "--rounds must be >= 0, got -2");
    }

    @Test void anUnknownBackendIsAUsageError() {
        assertUsageError(gpu4j("vector-add", "--backend", "nonsense"), "--backend must be one of ", "got 'nonsense'");
        assertUsageError(gpu4j("selftest", "--backend", "nonsense"), "--backend must be one of ");
        assertUsageError(gpu4j("devices", "--backend", "nonsense"), "--backend must be one of ");
    }

    @Test void noCommandAndUnknownCommandAreUsageErrors() {
        Result none = gpu4j();
        assertUsageError(none, "a command is required", "Usage: gpu4j", "Commands:");
        assertUsageError(gpu4j("-v"), "a command is required");
        Result unknown = gpu4j("frobnicate");
        assertUsageError(unknown, "Unmatched argument", "'frobnicate'");
        assertUsageError(gpu4j("vector-add", "--frobnicate"), "Unknown option: '--frobnicate'");
        assertUsageError(gpu4j("vector-add", "--n", "ten"), "--n");
    }

    // ------------------------------------------------------------------------------------------- selftest's selector

    @Test void selftestWithASelectorTestsOnlyThatDevice() {
        Result r = gpu4j("selftest", "--backend", "cpu", "--n", "17", "--m", "5");
        assertEquals(0, r.status(), r::describe);
        assertTrue(r.out().contains("testing only cpu:0"), r::describe);
        assertTrue(r.out().contains("SELFTEST: OK"), r::describe);
        assertFalse(r.out().contains("opencl:0 "), () -> "another device tested\n" + r.describe());
    }

    @Test void selftestHonoursTheSelectorProperty() {
        String before = System.getProperty("gpu4j.device");
        try {
            System.setProperty("gpu4j.device", "nonsense");
            Result bad = gpu4j("selftest", "--n", "17", "--m", "5");
            assertEquals(1, bad.status(), bad::describe);
            assertTrue(bad.err().contains("-Dgpu4j.device nonsense matches no device, so nothing was tested"), bad::describe);
            assertTrue(bad.err().contains("no device matches 'nonsense'"), bad::describe);
            assertFalse(bad.out().contains("SELFTEST: OK") || bad.err().contains("\tat "), bad::describe);

            System.setProperty("gpu4j.device", "cpu");
            Result cpu = gpu4j("selftest", "--n", "17", "--m", "5");
            assertEquals(0, cpu.status(), cpu::describe);
            assertTrue(cpu.out().contains("-Dgpu4j.device cpu: testing only cpu:0"), cpu::describe);
            assertFalse(cpu.out().contains("opencl:0 "), cpu::describe);
        } finally {
            if (before == null) System.clearProperty("gpu4j.device");
            else System.setProperty("gpu4j.device", before);
        }
    }

    @Test void selftestWithoutASelectorSaysItTestsEveryDevice() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SampleCommand.effectiveSelector(null) == null,
                "a device selector is set in this test JVM's environment");
        Result r = gpu4j("selftest", "--n", "17", "--m", "5");
        assertEquals(0, r.status(), r::describe);
        assertTrue(r.out().contains("testing every device"), r::describe);
    }

    // ------------------------------------------------------------------------------------------- help layout

    /** Every command's usage help and its command line (the root's, then each subcommand's). */
    static Map<String, CommandLine> commands() {
        CommandLine root = Gpu4jCommand.commandLine();
        Map<String, CommandLine> all = new java.util.LinkedHashMap<>();
        all.put("gpu4j", root);
        all.putAll(root.getSubcommands());
        return all;
    }

    @Test void helpNeverWrapsInsideAWord() {
        for (Map.Entry<String, CommandLine> c : commands().entrySet()) {
            CommandLine cl = c.getValue();
            String wrapped = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            int width = cl.getCommandSpec().usageMessage().width();
            cl.getCommandSpec().usageMessage().width(HelpLayout.UNWRAPPED);
            String oneLinePerRow = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            cl.getCommandSpec().usageMessage().width(width);
            // Wrapping may only turn spaces into line breaks: the words are the same, in the same order.
            assertEquals(Arrays.asList(oneLinePerRow.trim().split("\\s+")), Arrays.asList(wrapped.trim().split("\\s+")),
                    () -> c.getKey() + " --help splits a word:\n" + wrapped);
            for (String line : wrapped.split("\n")) {
                boolean oneWord = line.trim().split("\\s+").length == 1;
                assertTrue(line.length() <= width || oneWord, () -> c.getKey() + ": line longer than " + width + ": " + line);
            }
        }
    }

    @Test void helpKeepsTheTokensOfTheIssueWhole() {
        String root = help("--help");
        assertTrue(root.contains(" .cl/.cu ") && root.contains(" a[i] ") && root.contains("cuda:1"), root);
        String add = help("vector-add", "--help");
        assertTrue(add.contains(" .cl/.cu ") && add.contains("cuda:1"), add);
        String expr = help("elementwise-sum", "--help");
        assertTrue(expr.contains(" c[i] = a[i] + b[i] "), expr);
        for (Supplier<SampleCommand> s : Gpu4jCommand.SAMPLES) {
            String h = help(s.get().name(), "--help");
            assertTrue(h.contains(" cuda:1,"), h);
        }
    }

    /** The output of {@code gpu4j args} with line breaks and indentation as single spaces. */
    static String help(String... args) {
        Result r = gpu4j(args);
        assertEquals(0, r.status(), r::describe);
        return r.out().replaceAll("\\s+", " ");
    }
}
