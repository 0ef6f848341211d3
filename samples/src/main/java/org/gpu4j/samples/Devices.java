package org.gpu4j.samples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gpu4j.Device;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gpu4j devices}: every backend, its devices and all their properties — a built-in {@code clinfo} — or the
 * one-line reason a backend is unavailable. Ports the detection parts of "Dealing with PyCUDA", "Introducing
 * PyOpenCL" and Numba's CUDA detection.
 *
 * <p><b>Defect fixed.</b> The recipes crash with a stack trace on a machine without a driver; this lists what exists
 * and says why the rest is missing, exits 0, and prints memory sizes with one decimal (never rounded down to 0).
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Lists every backend's devices with their properties, or why a backend is unavailable.")
public final class Devices implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Option(names = "--backend", paramLabel = "BACKEND", description = "Only this backend (cpu, opencl, cuda).")
    String backend;

    static final String RECIPE = "Dealing with PyCUDA; Introducing PyOpenCL; Numba CUDA detection";

    @Override public Integer call() {
        if (backend != null) SampleCommand.checkBackend(spec.commandLine(), "--backend", backend);
        // A device selector set in the environment must name a device: a wrong one fails here, as it would in any
        // command that opens a device, with the message that lists the devices found.
        String selector = System.getProperty("gpu4j.device", System.getenv("GPU4J_DEVICE"));
        Device selected = selector == null || selector.isEmpty() ? null : Gpu4j.select(selector);
        if (selected != null) {
            spec.commandLine().getOut().println((System.getProperty("gpu4j.device") != null ? "gpu4j.device" : "GPU4J_DEVICE")
                    + "=" + selector + " selects " + selected.id() + "  " + selected);
        }
        print(spec.commandLine().getOut(), backend);
        return 0;
    }

    /** Runs the command in-process; returns its exit status. */
    public int run(PrintStream out, String... args) {
        CommandLine cl = Gpu4jCommand.configure(new CommandLine(this));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    static void print(PrintWriter out, String backend) {
        List<Probe> probes = Gpu4j.probes().stream().filter(p -> backend == null || p.backend().equals(backend)).toList();
        if (probes.isEmpty()) throw new IllegalArgumentException("no backend named '" + backend + "'; backends: "
                + Gpu4j.probes().stream().map(Probe::backend).toList());
        out.println("gpu4j devices: " + probes.size() + " backends, in selection order (auto picks the first device listed"
                + " that is a GPU, else the best there is)");
        int devices = 0, unavailable = 0;
        for (Probe p : probes) {
            out.println();
            String title = p.info().displayName();
            if (!p.isAvailable()) {
                unavailable++;
                out.println(title + ": unavailable — " + p.reason());
                continue;
            }
            out.println(title + ": " + p.devices().size() + (p.devices().size() == 1 ? " device" : " devices"));
            devices += p.devices().size();
            // Group by platform where the backend reports one (OpenCL); platform-level properties print once.
            Map<String, List<Device>> byPlatform = new LinkedHashMap<>();
            for (Device d : p.devices()) byPlatform.computeIfAbsent(platformOf(d), k -> new ArrayList<>()).add(d);
            for (Map.Entry<String, List<Device>> e : byPlatform.entrySet()) {
                String indent = "  ";
                if (e.getKey() != null) {
                    out.println("  Platform: " + e.getKey());
                    for (Map.Entry<String, String> prop : e.getValue().get(0).properties().entrySet()) {
                        if (isPlatformKey(prop.getKey()) && !prop.getValue().equals(e.getKey())) {
                            out.println(Fmt.f("    %-28s %s", label(prop.getKey()), prop.getValue()));
                        }
                    }
                    indent = "    ";
                }
                for (Device d : e.getValue()) device(out, indent, d, e.getKey() != null);
            }
        }
        out.println();
        out.println("CHECK: OK (" + devices + (devices == 1 ? " device" : " devices") + " found, "
                + unavailable + (unavailable == 1 ? " backend" : " backends") + " unavailable)");
    }

    private static void device(PrintWriter out, String indent, Device d, boolean skipPlatformKeys) {
        out.println(indent + "[" + d.id() + "] " + d.name());
        // The core fields first; a backend property with the same label replaces the value in place (it may say more).
        Map<String, String[]> lines = new LinkedHashMap<>();
        put(lines, "Type", d.type());
        if (!d.vendor().isEmpty()) put(lines, "Vendor", d.vendor());
        put(lines, "Compute units", d.computeUnits());
        put(lines, "Global memory", Device.formatBytes(d.globalMemory()));
        put(lines, "Local memory", d.localMemory() == 0 ? "none" : Device.formatBytes(d.localMemory()));
        put(lines, "Max allocation", Device.formatBytes(d.maxAllocation()));
        put(lines, "Max work-group size", d.maxWorkGroupSize());
        put(lines, "Double precision", d.fp64() ? "yes" : "no");
        for (Map.Entry<String, String> prop : d.properties().entrySet()) {
            if (skipPlatformKeys && isPlatformKey(prop.getKey())) continue;
            put(lines, label(prop.getKey()), prop.getValue());
        }
        for (String[] l : lines.values()) line(out, indent + "  ", l[0], l[1]);
    }

    private static void put(Map<String, String[]> lines, String label, Object value) {
        lines.put(label.toLowerCase(Locale.ROOT), new String[] {label, String.valueOf(value)});
    }

    private static void line(PrintWriter out, String indent, String label, Object value) {
        out.println(Fmt.f("%s%-28s %s", indent, label, value));
    }

    private static boolean isPlatformKey(String key) {
        return key.toLowerCase(Locale.ROOT).startsWith("platform");
    }

    /** The platform name a device reports ({@code platform} or {@code platform name} property), or null. */
    private static String platformOf(Device d) {
        for (Map.Entry<String, String> e : d.properties().entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT).replace('_', ' ').replace('.', ' ');
            if (k.equals("platform") || k.equals("platform name")) return e.getValue();
        }
        return null;
    }

    /** {@code max_clock_mhz} or {@code maxClockMhz} shown as {@code Max clock mhz}. */
    private static String label(String key) {
        if (key.contains(" ")) return key;
        String s = key.replace('_', ' ').replace('.', ' ').replaceAll("([a-z])([A-Z])", "$1 $2");
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
