package org.gpu4j.samples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.Gpu4j;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every sample shares: the {@code --backend}, {@code --device}, {@code --n} and {@code --seed} options, opening
 * the accelerator, the first line naming the device that ran, and the exit status of the final {@code CHECK:} line.
 *
 * <p>A sample implements {@link #run(Accelerator, PrintWriter)} and returns whether its check passed. It can be run
 * in-process with {@link #run(PrintStream, String...)}.
 */
public abstract class SampleCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--backend", paramLabel = "BACKEND",
            description = "cpu, opencl or cuda (default: GPU4J_DEVICE, else the best available device).")
    String backend;

    @Option(names = "--device", paramLabel = "SELECTOR",
            description = "A device selector (opencl:0, opencl:gpu, cuda:1, cpu) or, with --backend, a device index.")
    String device;

    @Option(names = "--n", paramLabel = "N", description = "Problem size (see the sample's description); 0 runs on empty input.")
    Long n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the random input, so runs repeat (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The sample's name on the command line ({@code matrix-double}). */
    public final String name() {
        return getClass().getAnnotation(CommandLine.Command.class).name();
    }

    /** The cookbook recipe this sample ports. */
    public abstract String recipe();

    /** The size used when {@code --n} is not given. */
    protected abstract int defaultN();

    /** The size to run: {@code --n} or the default (checked by {@link #validate()} before the device opens). */
    protected final int n() {
        return Math.toIntExact(nOption());
    }

    private long nOption() {
        return n == null ? defaultN() : n;
    }

    /**
     * The size options of this run and their values, in the order a too-large size is blamed on them: {@code --n},
     * and any other the sample has.
     */
    protected Map<String, Long> sizes() {
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("--n", nOption());
        return s;
    }

    /** The Java and device arrays a run with these {@link #sizes()} makes. */
    protected abstract Sizes.Footprint footprint(Map<String, Long> sizes);

    /** Checks the sample's own options (other than the sizes) before a device opens; throws a usage error. */
    protected void validateOptions() {}

    /** A usage error of this command (exit status 2). */
    protected final CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * Every option, before a device opens: the sample's own, the backend name and the sizes (negative, or arrays
     * beyond Java's array limit or the heap, are usage errors naming the largest size accepted).
     */
    final void validate() {
        validateOptions();
        String sel = selector(spec.commandLine(), backend, device);
        Sizes.check(spec.commandLine(), sizes(), this::footprint, isJavaCpu(sel));
    }

    /** Runs the sample on {@code acc}, printing to {@code out}; returns whether its check passed. */
    protected abstract boolean run(Accelerator acc, PrintWriter out);

    @Override public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        validate();
        try (Accelerator acc = open(backend, device)) {
            out.println(name() + " on " + describe(acc.device()));
            boolean ok = run(acc, out);
            out.flush();
            return ok ? 0 : 1;
        }
    }

    /** The accelerator named by {@code --backend}/{@code --device}, or {@link Gpu4j#open()} when neither is given. */
    static Accelerator open(String backend, String device) {
        String sel = selector(backend, device);
        return sel == null ? Gpu4j.open() : Gpu4j.open(sel);
    }

    static String selector(String backend, String device) {
        if (device == null || device.isBlank()) return backend;
        if (backend == null || backend.isBlank()) return device;
        if (device.contains(":")) {
            if (!device.startsWith(backend + ":")) {
                throw new IllegalArgumentException("--device " + device + " is not a device of --backend " + backend);
            }
            return device;
        }
        return backend + ":" + device;
    }

    /**
     * The selector of {@code --backend}/{@code --device}, checked as usage: a backend this build does not know, or a
     * device of another backend than {@code --backend}, is a usage error of {@code cl}. Null when neither is given.
     */
    static String selector(CommandLine cl, String backend, String device) {
        if (backend != null && !backend.isBlank()) checkBackend(cl, "--backend", backend);
        try {
            return selector(backend, device);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** A backend name must be one of the backends this build has (available or not). */
    static void checkBackend(CommandLine cl, String option, String backend) {
        List<String> known = Gpu4j.probes().stream().map(p -> p.backend()).toList();
        if (!known.contains(backend)) {
            throw new CommandLine.ParameterException(cl, option + " must be one of " + String.join(", ", known)
                    + ", got '" + backend + "'");
        }
    }

    /**
     * The selector in effect: {@code explicit}, else the property {@code gpu4j.device}, else {@code GPU4J_DEVICE};
     * null when none is set.
     */
    static String effectiveSelector(String explicit) {
        for (String s : new String[] {explicit, System.getProperty("gpu4j.device"), System.getenv("GPU4J_DEVICE")}) {
            if (s != null && !s.isBlank()) return s;
        }
        return null;
    }

    /**
     * Whether the device a selector picks is the Java CPU backend, whose device arrays are Java arrays on the heap;
     * true also when the selector matches nothing (the open then fails with its own message), to be safe.
     */
    static boolean isJavaCpu(String explicit) {
        String sel = effectiveSelector(explicit);
        try {
            return Gpu4j.select(sel == null ? "auto" : sel).backend().equals("cpu");
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** {@code opencl:0 (OpenCL CPU 'pthread-...' · 2 CUs · 3.4 GiB)}: a CPU device is never called a GPU. */
    static String describe(Device d) {
        return d.id() + " — " + d;
    }

    /** A human name of the backend that ran, as the backend declares it: {@code OpenCL}, {@code CUDA}, {@code Java CPU}. */
    static String backendName(Device d) {
        return d.backendInfo().displayName();
    }

    /** Runs this sample in-process with {@code args}; returns its exit status. */
    public int run(PrintStream out, String... args) {
        return run(out, out, args);
    }

    /** Runs this sample in-process, with separate output and error streams; returns its exit status. */
    public int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = Gpu4jCommand.configure(new CommandLine(this));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return rc;
    }

    /** Prints the final line and returns {@code ok}. */
    static boolean check(PrintWriter out, boolean ok, String detail) {
        out.println("CHECK: " + (ok ? "OK" : "FAILED") + " (" + detail + ")");
        return ok;
    }
}
