package org.gpu4j.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The extension behind {@link EveryDevice}: one invocation per device of each backend, an {@link Accelerator}
 * parameter, skip or fail for a backend without devices, and the leak check of the test class.
 */
public final class EveryDeviceExtension implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EveryDeviceExtension.class);

    /** Creates the extension (JUnit does, from {@link EveryDevice}). */
    public EveryDeviceExtension() {}

    @Override public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(EveryDevice.class)).orElse(false);
    }

    @Override public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        ExtensionContext classContext = context.getParent().orElse(context);
        // the class's leak baseline, taken before its first device test opened anything, and its accelerators
        ClassState state = classContext.getStore(NS).getOrComputeIfAbsent(ClassState.class,
                k -> new ClassState(classContext.getDisplayName()), ClassState.class);
        List<TestTemplateInvocationContext> out = new ArrayList<>();
        List<Probe> probes = Gpu4j.probes();
        for (String id : backends(context)) {
            Probe probe = probes.stream().filter(p -> p.backend().equals(id)).findFirst().orElse(null);
            if (probe == null || !probe.isAvailable()) {
                String reason = probe == null ? "no provider for backend '" + id + "' on the class path (found "
                        + probes.stream().map(Probe::backend).toList() + ")" : probe.reason();
                out.add(new Unavailable(id, reason));
            } else {
                for (Device d : probe.devices()) out.add(new OnDevice(d, state));
            }
        }
        return out.stream();
    }

    static Set<String> backends(ExtensionContext context) {
        Method m = context.getRequiredTestMethod();
        String[] named = m.getAnnotation(EveryDevice.class).value();
        if (named.length == 0) {
            OnBackends on = context.getRequiredTestClass().getAnnotation(OnBackends.class);
            if (on != null) named = on.value();
        }
        if (named.length == 0) return new LinkedHashSet<>(Gpu4j.probes().stream().map(Probe::backend).toList());
        return new LinkedHashSet<>(Arrays.asList(named));
    }

    /**
     * One test class's accelerators (one per device, opened on first use) and its leak check, closed by JUnit with the
     * class's store: the check runs first, while the accelerators are open (closing one closes its arrays, which would
     * hide their leaks), then the accelerators close.
     */
    private static final class ClassState implements AutoCloseable {
        private final LeakCheck.Baseline baseline = new LeakCheck.Baseline();
        private final java.util.Map<String, Accelerator> opened = new java.util.concurrent.ConcurrentHashMap<>();
        private final String what;

        ClassState(String what) { this.what = what; }

        Accelerator open(Device d) {
            return opened.computeIfAbsent(d.id(), Gpu4j::open);
        }

        @Override public void close() {
            try {
                baseline.check(what);
            } finally {
                opened.values().forEach(Accelerator::close);
            }
        }
    }

    private static final class OnDevice implements TestTemplateInvocationContext {
        private final Device device;
        private final ClassState state;

        OnDevice(Device device, ClassState state) {
            this.device = device;
            this.state = state;
        }

        @Override public String getDisplayName(int invocationIndex) {
            return "[" + device.id() + "] " + device.name();
        }

        @Override public List<Extension> getAdditionalExtensions() {
            return List.of(new ParameterResolver() {
                @Override public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
                    return pc.getParameter().getType() == Accelerator.class;
                }

                @Override public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
                    return state.open(device);
                }
            });
        }
    }

    private static final class Unavailable implements TestTemplateInvocationContext {
        private final String backend;
        private final String reason;

        Unavailable(String backend, String reason) {
            this.backend = backend;
            this.reason = reason;
        }

        @Override public String getDisplayName(int invocationIndex) {
            return "[" + backend + "] unavailable";
        }

        @Override public List<Extension> getAdditionalExtensions() {
            return List.of((BeforeEachCallback) ec -> Requirements.unmet("backend " + backend, backend, reason),
                    new ParameterResolver() {
                        @Override public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
                            return pc.getParameter().getType() == Accelerator.class;
                        }

                        @Override public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
                            throw new IllegalStateException("unreachable: the backend " + backend + " is unavailable");
                        }
                    });
        }
    }
}
