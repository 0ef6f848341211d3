package org.gpu4j.samples;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code gpu4j bench}: runs the quick benchmark of the {@code bench} module ({@code org.gpu4j.bench.QuickBench}),
 * found on the class path at run time so that the samples do not depend on it.
 */
@Command(name = "bench",
        description = "Runs the quick benchmark (module bench); every argument passes through in order, e.g. gpu4j bench --help.")
public final class Bench implements Callable<Integer> {
    static final String CLASS = "org.gpu4j.bench.QuickBench";

    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "Arguments for the quick benchmark.")
    List<String> args = new ArrayList<>();

    /**
     * This command on a command line that takes every argument, options included, as a positional one, so that the
     * bench's options reach it in the order given (picocli would otherwise split options from their values).
     */
    static CommandLine commandLine() {
        return new CommandLine(new Bench()).setUnmatchedOptionsArePositionalParams(true);
    }

    @Override public Integer call() throws Exception {
        Class<?> type;
        try {
            type = Class.forName(CLASS, true, Bench.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            if (args.contains("--help") || args.contains("-h")) {
                // the bench's own usage is not here; say what this command is and how to get the rest
                spec.commandLine().usage(spec.commandLine().getOut());
                spec.commandLine().getOut().println("The bench module is not on the class path, so its options cannot"
                        + " be listed; build it with: mvn -B -q -DskipTests package -pl bench -am");
                return 0;
            }
            spec.commandLine().getErr().println("gpu4j bench: the bench module is not built (" + CLASS
                    + " is not on the class path); build it with: mvn -B -q -DskipTests package -pl bench -am");
            return 2;
        }
        Method run = type.getMethod("run", String[].class);
        List<String> all = new ArrayList<>(args);
        spec.commandLine().getOut().flush();
        try {
            Object rc = run.invoke(null, (Object) all.toArray(new String[0]));
            return rc instanceof Integer i ? i : 0;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
