package org.gpu4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.gpu4j.spi.BackendProvider;
import org.gpu4j.spi.Probe;

/**
 * The entry point: discovers the devices of every backend and opens one.
 *
 * <p>Backends are found with {@link ServiceLoader} ({@link BackendProvider}) and probed once per JVM. A backend
 * that cannot start — no OpenCL ICD loader, no NVIDIA driver, no device — is reported with its reason in
 * {@link #probes()}; discovery never throws.
 *
 * <p><b>Selection.</b> {@link #open()} uses the selector in the system property {@code gpu4j.device}, else the
 * environment variable {@code GPU4J_DEVICE}, else {@code auto}. Selectors:
 * <ul>
 * <li>{@code auto} — the best device: CUDA GPU › OpenCL GPU › OpenCL accelerator › OpenCL CPU › Java CPU;</li>
 * <li>{@code cpu} — the Java CPU backend;</li>
 * <li>{@code opencl}, {@code cuda} — the backend's best device; {@code opencl:1}, {@code cuda:0} — by index;</li>
 * <li>{@code opencl:gpu}, {@code opencl:cpu}, {@code opencl:accelerator} — the backend's first device of that type.</li>
 * </ul>
 * An explicit selector never falls back: if it matches nothing, a {@link BackendUnavailableException} lists every
 * device found and why each missing backend is missing. The device chosen is logged once (INFO, logger
 * {@code org.gpu4j}) and is always available from {@link Accelerator#device()}.
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open()) {            // or Gpu4j.open("opencl:0")
 *     System.out.println(acc.device());
 * }
 * }
 */
public final class Gpu4j {
    private static volatile List<Found> found;

    private Gpu4j() {}

    private record Found(BackendProvider provider, Probe probe) {}

    private static List<Found> found() {
        List<Found> f = found;
        if (f != null) return f;
        synchronized (Gpu4j.class) {
            if (found == null) {
                List<Found> list = new ArrayList<>();
                ServiceLoader<BackendProvider> loader = ServiceLoader.load(BackendProvider.class, Gpu4j.class.getClassLoader());
                for (ServiceLoader.Provider<BackendProvider> sp : loader.stream().toList()) {
                    BackendProvider p;
                    try {
                        p = sp.get();
                    } catch (Throwable t) {
                        list.add(new Found(null, Probe.unavailable(sp.type().getSimpleName(), "provider failed to load: " + t)));
                        continue;
                    }
                    Probe probe;
                    try {
                        probe = p.probe();
                    } catch (Throwable t) { // a provider must not throw; if it does, report it as a reason
                        probe = Probe.unavailable(p.id(), "probe failed: " + t);
                    }
                    list.add(new Found(p, probe));
                }
                list.sort(Comparator.comparingInt(x -> order(x.probe.backend())));
                found = List.copyOf(list);
            }
            return found;
        }
    }

    private static int order(String backend) {
        return switch (backend) {
            case "cuda" -> 0;
            case "opencl" -> 1;
            case "cpu" -> 3;
            default -> 2;
        };
    }

    /** What each backend found: devices, or the reason it has none. In preference order (cuda, opencl, ..., cpu). */
    public static List<Probe> probes() {
        return found().stream().map(Found::probe).toList();
    }

    /** Every device of every available backend. */
    public static List<Device> devices() {
        List<Device> all = new ArrayList<>();
        for (Found f : found()) all.addAll(f.probe.devices());
        return all;
    }

    /** Opens the device named by {@code gpu4j.device} / {@code GPU4J_DEVICE}, or the best one. */
    public static Accelerator open() {
        String sel = System.getProperty("gpu4j.device");
        String how = "property gpu4j.device";
        if (sel == null || sel.isBlank()) {
            sel = System.getenv("GPU4J_DEVICE");
            how = "GPU4J_DEVICE";
        }
        if (sel == null || sel.isBlank()) {
            sel = "auto";
            how = "auto";
        }
        return open(sel, how + "=" + sel);
    }

    /**
     * Opens the device matching {@code selector} (see the class comment).
     *
     * @throws BackendUnavailableException if it matches no device; the message lists those that exist
     */
    public static Accelerator open(String selector) {
        return open(selector, "selector " + selector);
    }

    private static Accelerator open(String selector, String how) {
        Device d = select(selector);
        BackendProvider p = found().stream().filter(f -> f.provider != null && f.probe.backend().equals(d.backend()))
                .findFirst().orElseThrow().provider;
        Accelerator acc = new Accelerator(p.open(d));
        Accelerator.logChoice(d, how);
        return acc;
    }

    /**
     * The device a selector picks, without opening it.
     *
     * @throws BackendUnavailableException if it matches none
     */
    public static Device select(String selector) {
        if (selector == null) throw new IllegalArgumentException("selector is null");
        String s = selector.trim().toLowerCase(Locale.ROOT);
        List<Device> all = devices();
        if (s.equals("auto") || s.isEmpty()) {
            return all.stream().min(Comparator.comparingInt(Gpu4j::rank))
                    .orElseThrow(() -> unavailable(selector, "no device at all"));
        }
        String backend = s;
        String qualifier = null;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            backend = s.substring(0, colon);
            qualifier = s.substring(colon + 1);
        }
        String b = backend;
        Found f = found().stream().filter(x -> x.probe.backend().equals(b)).findFirst().orElse(null);
        if (f == null) {
            throw unavailable(selector, "no backend named '" + backend + "'");
        }
        if (!f.probe.isAvailable()) {
            throw unavailable(selector, "backend " + b + " is unavailable: " + f.probe.reason());
        }
        List<Device> ds = f.probe.devices();
        if (qualifier == null || qualifier.isEmpty()) {
            return ds.stream().min(Comparator.comparingInt(Gpu4j::rank)).orElseThrow();
        }
        if (qualifier.chars().allMatch(Character::isDigit)) {
            int idx;
            try {
                idx = Integer.parseInt(qualifier);
            } catch (NumberFormatException e) {
                throw unavailable(selector, "device index '" + qualifier + "' is not a number");
            }
            return ds.stream().filter(d -> d.index() == idx).findFirst()
                    .orElseThrow(() -> unavailable(selector, b + " has no device " + idx));
        }
        DeviceType type;
        try {
            type = DeviceType.valueOf(qualifier.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw unavailable(selector, "'" + qualifier + "' is neither a device index nor a type (gpu, cpu, accelerator)");
        }
        return ds.stream().filter(d -> d.type() == type).findFirst()
                .orElseThrow(() -> unavailable(selector, b + " has no " + type + " device"));
    }

    private static int rank(Device d) {
        int t = switch (d.type()) {
            case GPU -> 0;
            case ACCELERATOR -> 1;
            case CPU -> 2;
            case OTHER -> 3;
        };
        return switch (d.backend()) {
            case "cuda" -> d.type() == DeviceType.GPU ? 0 : 10 + t;
            case "opencl" -> 1 + t;   // OpenCL GPU 1, accelerator 2, CPU 3
            case "cpu" -> 20;
            default -> 15 + t;
        };
    }

    private static BackendUnavailableException unavailable(String selector, String why) {
        return new BackendUnavailableException("no device matches '" + selector + "': " + why + ". " + describeAll()
                + "\nSelectors: auto, cpu, opencl, opencl:<index>, opencl:gpu|cpu|accelerator, cuda, cuda:<index>.");
    }

    /** A short multi-line summary of every device found and every missing backend's reason. */
    public static String describeAll() {
        StringBuilder sb = new StringBuilder("Devices found:");
        for (Probe p : probes()) {
            if (p.isAvailable()) {
                for (Device d : p.devices()) sb.append("\n  ").append(d.id()).append("  ").append(d);
            } else {
                sb.append("\n  ").append(p.backend()).append(": unavailable (").append(p.reason()).append(')');
            }
        }
        return sb.toString();
    }
}
