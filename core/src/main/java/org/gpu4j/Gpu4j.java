package org.gpu4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gpu4j.spi.BackendInfo;
import org.gpu4j.spi.BackendProvider;
import org.gpu4j.spi.Probe;

/**
 * The entry point: discovers the devices of every backend and opens one.
 *
 * <p>Backends are found with {@link ServiceLoader} ({@link BackendProvider}). Every provider is instantiated
 * (cheaply: no native code) to read what it {@linkplain BackendProvider#info() declares} — id, display name, rank —
 * but a backend is <em>probed</em> (its native library loaded, its devices listed) only when a call needs it, and
 * then once per JVM: a selector that names a backend ({@code cpu}, {@code opencl:0}, {@code cuda}) probes that
 * backend alone, so {@code open("cpu")} never loads an OpenCL or CUDA library. {@code auto}, {@link #devices()},
 * {@link #probes()}, {@link #describeAll()} and the message of a failed selection probe every backend. A backend
 * that cannot start — no OpenCL ICD loader, no NVIDIA driver, no device — is reported with its reason in
 * {@link #probes()}; discovery never throws.
 *
 * <p><b>Selection.</b> {@link #open()} uses the selector in the system property {@code gpu4j.device}, else the
 * environment variable {@code GPU4J_DEVICE}, else {@code auto} (a property or variable that is unset or empty does
 * not count). Selectors, matched without regard to case and with no white space:
 * <ul>
 * <li>{@code auto} — the best device: the available backend with the lowest {@linkplain BackendInfo#rank() rank}
 *     (CUDA › OpenCL › Java CPU), and within it GPU › accelerator › CPU › other, then the lowest index;</li>
 * <li>{@code cpu} — the Java CPU backend;</li>
 * <li>{@code opencl}, {@code cuda} — the backend's best device; {@code opencl:1}, {@code cuda:0} — by index;</li>
 * <li>{@code opencl:gpu}, {@code opencl:cpu}, {@code opencl:accelerator} — the backend's first device of that type.</li>
 * </ul>
 * A selector outside this grammar ({@code "cpu:0 "}, {@code "opencl:0:0"}, {@code "opencl:banana"}, blank or null)
 * is refused with an {@link IllegalArgumentException} that lists the valid forms. A well-formed selector never falls
 * back: if it matches nothing, a {@link BackendUnavailableException} lists every device found and why each missing
 * backend is missing. The device chosen is logged once (INFO, logger {@code org.gpu4j}) and is always available
 * from {@link Accelerator#device()}.
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open()) {            // or Gpu4j.open("opencl:0")
 *     System.out.println(acc.device());
 * }
 * }
 */
public final class Gpu4j {
    /** {@code auto}, {@code <backend>}, {@code <backend>:<index>}, {@code <backend>:gpu|cpu|accelerator}. */
    private static final Pattern SELECTOR =
            Pattern.compile("([a-z][a-z0-9_-]*)(?::([0-9]{1,9}|gpu|cpu|accelerator))?");

    private static volatile List<Backend> backends;

    private Gpu4j() {}

    /** One provider found by the ServiceLoader, with its probe, made on first need. */
    private static final class Backend {
        final BackendProvider provider; // null when the provider failed to load
        final BackendInfo info;
        private Probe probe;

        Backend(BackendProvider provider, BackendInfo info, Probe failed) {
            this.provider = provider;
            this.info = info;
            this.probe = failed;
        }

        synchronized Probe probe() {
            if (probe == null) {
                Probe p;
                try {
                    p = provider.probe();
                    if (p == null) p = Probe.unavailable(info, "probe returned null");
                } catch (Throwable t) { // a provider must not throw; if it does, report it as a reason
                    p = Probe.unavailable(info, "probe failed: " + t);
                }
                probe = p;
            }
            return probe;
        }
    }

    /** Every provider on the class path, instantiated but not probed, in rank order. */
    private static List<Backend> backends() {
        List<Backend> b = backends;
        if (b != null) return b;
        synchronized (Gpu4j.class) {
            if (backends == null) {
                List<Backend> list = new ArrayList<>();
                ServiceLoader<BackendProvider> loader = ServiceLoader.load(BackendProvider.class, Gpu4j.class.getClassLoader());
                for (ServiceLoader.Provider<BackendProvider> sp : loader.stream().toList()) {
                    try {
                        BackendProvider p = sp.get();
                        list.add(new Backend(p, Objects.requireNonNull(p.info(), "info()"), null));
                    } catch (Throwable t) {
                        BackendInfo info = new BackendInfo(sp.type().getSimpleName().toLowerCase(Locale.ROOT),
                                sp.type().getName(), Integer.MAX_VALUE, List.of(), false);
                        list.add(new Backend(null, info, Probe.unavailable(info, "provider failed to load: " + t)));
                    }
                }
                list.sort(Comparator.comparingInt((Backend x) -> x.info.rank()).thenComparing(x -> x.info.id()));
                backends = List.copyOf(list);
            }
            return backends;
        }
    }

    /** What each backend found: devices, or the reason it has none. In preference order (rank). Probes every backend. */
    public static List<Probe> probes() {
        return backends().stream().map(Backend::probe).toList();
    }

    /** Every device of every available backend, in preference order of their backends. Probes every backend. */
    public static List<Device> devices() {
        List<Device> all = new ArrayList<>();
        for (Probe p : probes()) all.addAll(p.devices());
        return all;
    }

    /**
     * Opens the device named by the property {@code gpu4j.device}, else the environment variable
     * {@code GPU4J_DEVICE}, else {@code auto} (unset or empty values do not count).
     *
     * @throws IllegalArgumentException    if the property or variable holds a malformed selector
     * @throws BackendUnavailableException if it matches no device
     */
    public static Accelerator open() {
        String sel = System.getProperty("gpu4j.device");
        String how = "property gpu4j.device";
        if (sel == null || sel.isEmpty()) {
            sel = System.getenv("GPU4J_DEVICE");
            how = "GPU4J_DEVICE";
        }
        if (sel == null || sel.isEmpty()) {
            sel = "auto";
            how = "auto";
        }
        return open(sel, how + "=" + sel);
    }

    /**
     * Opens the device matching {@code selector} (see the class comment); a selector naming one backend probes
     * only that backend.
     *
     * @throws IllegalArgumentException    if the selector is null, blank or not of a valid form
     * @throws BackendUnavailableException if it matches no device; the message lists those that exist
     */
    public static Accelerator open(String selector) {
        return open(selector, "selector " + selector);
    }

    /**
     * Opens one accelerator per selector and makes them one {@link DeviceGroup} (e.g. {@code openAll("opencl", "cpu")});
     * a selector may repeat (two accelerators on one device). When one cannot be opened, those already opened are
     * closed and the failure is thrown.
     *
     * @throws IllegalArgumentException if no selector is given, or one is null, blank or not of a valid form
     * @throws BackendUnavailableException if a selector matches no device
     */
    public static DeviceGroup openAll(String... selectors) {
        java.util.Objects.requireNonNull(selectors, "selectors");
        if (selectors.length == 0) throw new IllegalArgumentException("openAll needs at least one selector");
        List<Accelerator> opened = new java.util.ArrayList<>();
        try {
            for (String s : selectors) opened.add(open(s));
            return new DeviceGroup(opened);
        } catch (RuntimeException | Error e) {
            for (Accelerator a : opened) a.close();
            throw e;
        }
    }

    private static Accelerator open(String selector, String how) {
        Device d = select(selector, how);
        Backend b = backends().stream().filter(x -> x.provider != null && x.info.id().equals(d.backend()))
                .findFirst().orElseThrow();
        Accelerator acc = new Accelerator(b.provider.open(d));
        Accelerator.logChoice(d, how);
        return acc;
    }

    /**
     * The device a selector picks, without opening it; a selector naming one backend probes only that backend.
     *
     * @throws IllegalArgumentException    if the selector is null, blank or not of a valid form
     * @throws BackendUnavailableException if it matches none
     */
    public static Device select(String selector) {
        return select(selector, "selector");
    }

    private static Device select(String selector, String how) {
        if (selector == null) throw malformed(null, how, "it is null");
        if (selector.isBlank()) throw malformed(selector, how, "it is blank");
        Matcher m = SELECTOR.matcher(selector.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw malformed(selector, how, "it is not of a valid form");
        String backend = m.group(1);
        String qualifier = m.group(2);
        if (backend.equals("auto")) {
            if (qualifier != null) throw malformed(selector, how, "auto takes no qualifier");
            return devices().stream().min(Gpu4j::compare)
                    .orElseThrow(() -> unavailable(selector, "no device at all"));
        }
        Backend b = backends().stream().filter(x -> x.info.id().equals(backend)).findFirst().orElse(null);
        if (b == null) throw unavailable(selector, "no backend named '" + backend + "'");
        Probe probe = b.probe();
        if (!probe.isAvailable()) {
            throw unavailable(selector, "backend " + backend + " is unavailable: " + probe.reason());
        }
        List<Device> ds = probe.devices();
        if (qualifier == null) return ds.stream().min(Gpu4j::compare).orElseThrow();
        if (Character.isDigit(qualifier.charAt(0))) {
            int idx = Integer.parseInt(qualifier); // at most 9 digits: always an int
            return ds.stream().filter(d -> d.index() == idx).findFirst()
                    .orElseThrow(() -> unavailable(selector, backend + " has no device " + idx));
        }
        DeviceType type = DeviceType.valueOf(qualifier.toUpperCase(Locale.ROOT));
        return ds.stream().filter(d -> d.type() == type).findFirst()
                .orElseThrow(() -> unavailable(selector, backend + " has no " + type + " device"));
    }

    /** Preference under auto: backend rank, then GPU › accelerator › CPU › other, then index. */
    private static int compare(Device a, Device b) {
        int c = Integer.compare(a.backendInfo().rank(), b.backendInfo().rank());
        if (c == 0) c = Integer.compare(typeOrder(a.type()), typeOrder(b.type()));
        if (c == 0) c = Integer.compare(a.index(), b.index());
        return c;
    }

    private static int typeOrder(DeviceType t) {
        return switch (t) {
            case GPU -> 0;
            case ACCELERATOR -> 1;
            case CPU -> 2;
            case OTHER -> 3;
        };
    }

    private static String forms() {
        List<String> ids = backends().stream().filter(b -> b.provider != null).map(b -> b.info.id()).toList();
        return "auto, <backend>, <backend>:<index>, <backend>:gpu|cpu|accelerator, without spaces, where <backend> is"
                + " one of the backends on this class path: " + String.join(", ", ids);
    }

    private static IllegalArgumentException malformed(String selector, String how, String why) {
        String shown = selector == null ? "null" : "'" + selector + "'";
        return new IllegalArgumentException("device selector " + shown + " (" + how + ") is refused: " + why + ". Valid forms: "
                + forms());
    }

    private static BackendUnavailableException unavailable(String selector, String why) {
        return new BackendUnavailableException("no device matches '" + selector + "': " + why + ". " + describeAll()
                + "\nSelectors: " + forms() + ".");
    }

    /** A short multi-line summary of every device found and every missing backend's reason. Probes every backend. */
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
