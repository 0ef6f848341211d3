package org.gpu4j.samples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gpu4j.Gpu4jException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code gpu4j} command: the cookbook samples, {@code list}, {@code devices}, {@code selftest} and {@code bench}.
 *
 * {@snippet :
 * // ./gpu4j matmul --backend opencl --n 1000 --tiled
 * int status = Gpu4jCommand.run(System.out, System.err, "matmul", "--backend", "opencl", "--n", "1000", "--tiled");
 * }
 */
@Command(name = "gpu4j", mixinStandardHelpOptions = true, version = "gpu4j 0.1.0-SNAPSHOT",
        description = "GPU computing for Java: the Python Parallel Programming Cookbook's GPU recipes, ported and corrected.",
        footer = {"", "Device selection: --backend cpu|opencl|cuda, --device opencl:0|opencl:gpu|cuda:1|cpu, or GPU4J_DEVICE.",
                "Run 'gpu4j list' for the samples, 'gpu4j <command> --help' for a command's options."})
public final class Gpu4jCommand implements Callable<Integer> {
    /** Keeps the gpu4j logger configured while the command runs (a weakly held logger could be reset). */
    private static final Logger GPU4J_LOG = Logger.getLogger("org.gpu4j");

    @Spec CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT, description = "Show gpu4j's log (which device was chosen, builds...).")
    boolean verbose;

    /** The samples, in the order of the book. */
    static final List<Supplier<SampleCommand>> SAMPLES = List.of(
            MatrixDouble::new, Matmul::new, VectorAdd::new, ElementwiseSum::new, LinearCombination::new, DotProduct::new,
            ReduceSum::new, MatmulInt::new, Evaluate::new, Sort::new, MonteCarlo::new);

    /** Samples of SAMPLES.md that cannot be built yet, and what they wait for. */
    static final Map<String, String> PENDING = new LinkedHashMap<>();


    /** {@code gpu4j} without a command is a usage error: the usage goes to the error stream, the status is 2. */
    @Override public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.getErr().println("gpu4j: a command is required");
        cl.usage(cl.getErr());
        return USAGE;
    }

    /** The exit status of a usage error (picocli's default for a bad option). */
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs {@code gpu4j args} in-process; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        boolean verbose = List.of(args).contains("-v") || List.of(args).contains("--verbose");
        Level before = GPU4J_LOG.getLevel();
        if (!verbose) GPU4J_LOG.setLevel(Level.WARNING);
        try {
            CommandLine cl = commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int rc = cl.execute(args);
            cl.getOut().flush();
            cl.getErr().flush();
            return rc;
        } finally {
            GPU4J_LOG.setLevel(before);
        }
    }

    /** The command line with every subcommand. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Gpu4jCommand());
        cl.addSubcommand("list", new ListSamples());
        cl.addSubcommand("devices", new Devices());
        cl.addSubcommand("selftest", new SelfTest());
        cl.addSubcommand("bench", Bench.commandLine());
        for (Supplier<SampleCommand> s : SAMPLES) {
            SampleCommand sample = s.get();
            cl.addSubcommand(sample.name(), sample);
        }
        return configure(cl);
    }

    /**
     * Usage errors (an unknown command or option, an option value out of range, checked before any device opens) print
     * one clear message and exit 2. Errors a user can act on at run time (no such device, a kernel that does not
     * compile) print one clear message and exit 1; anything else is a bug and keeps its stack trace. The usage help
     * wraps between words only ({@link HelpLayout}).
     */
    static CommandLine configure(CommandLine cl) {
        HelpLayout.install(cl);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            err.println(name + ": " + ex.getMessage());
            boolean suggested = CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            if (!suggested && cmd.getParent() == null && !cmd.getSubcommands().isEmpty()
                    && ex instanceof CommandLine.UnmatchedArgumentException) {
                cmd.usage(err);   // an unknown command: show the commands there are
            } else {
                err.println("Run '" + name + " --help' for its options.");
            }
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof Gpu4jException || ex instanceof IllegalArgumentException
                    || ex instanceof CommandLine.ParameterException) {
                err.println("gpu4j " + cmd.getCommandName() + ": " + ex.getMessage());
            } else {
                err.println("gpu4j " + cmd.getCommandName() + ": unexpected error");
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl;
    }

    /** {@code gpu4j list}: every sample, one line each, with the recipe it ports. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the samples and the recipes they port.")
    static final class ListSamples implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Samples (run one with: ./gpu4j <sample> [--backend cpu|opencl|cuda] [--n N] [--seed S]; --help for its options)");
            out.println(Fmt.f("  %-20s %s", "devices", "every backend's devices and properties — ports: " + Devices.RECIPE));
            for (Supplier<SampleCommand> s : SAMPLES) {
                SampleCommand c = s.get();
                String desc = c.getClass().getAnnotation(Command.class).description()[0];
                out.println(Fmt.f("  %-20s %s — ports: %s", c.name(), desc, c.recipe()));
            }
            for (Map.Entry<String, String> p : PENDING.entrySet()) {
                out.println(Fmt.f("  %-20s (not built yet) ports: %s", p.getKey(), p.getValue()));
            }
            out.println("Tools: selftest (every operation on every device vs the Java CPU backend), bench (quick benchmark)");
            return 0;
        }
    }
}
