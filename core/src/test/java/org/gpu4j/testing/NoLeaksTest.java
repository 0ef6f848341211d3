package org.gpu4j.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Drives {@link NoLeaks}' callbacks by hand around a deliberate leak. */
class NoLeaksTest {
    /** A minimal ExtensionContext: a store and a display name are all NoLeaks uses. */
    private static ExtensionContext context() {
        Map<Object, Object> values = new HashMap<>();
        ExtensionContext.Store store = (ExtensionContext.Store) Proxy.newProxyInstance(
                NoLeaksTest.class.getClassLoader(), new Class<?>[] {ExtensionContext.Store.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "put": values.put(args[0], args[1]); return null;
                        case "get": return args.length == 2 ? ((Class<?>) args[1]).cast(values.get(args[0])) : values.get(args[0]);
                        default: throw new UnsupportedOperationException(m.getName());
                    }
                });
        return (ExtensionContext) Proxy.newProxyInstance(NoLeaksTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (p, m, args) -> switch (m.getName()) {
                    case "getStore" -> store;
                    case "getDisplayName" -> "LeakyTest";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static void leak(Accelerator acc) {
        FloatArray dropped = acc.allocFloats(17);
        dropped.fill(2f);
    }

    @Test void failsAClassThatLeaks() {
        Logger log = Logger.getLogger("org.gpu4j.leaks");
        boolean parents = log.getUseParentHandlers();
        log.setUseParentHandlers(false); // the deliberate leaks' warnings would only be noise
        try (Accelerator acc = Gpu4j.open("cpu")) {
            NoLeaks guard = new NoLeaks();

            ExtensionContext leaky = context();
            guard.beforeAll(leaky);
            leak(acc);
            AssertionError e = assertThrows(AssertionError.class, () -> guard.afterAll(leaky));
            assertTrue(e.getMessage().startsWith("1 gpu4j object(s) leaked by LeakyTest"), e::getMessage);
            NoLeaks.expectLeaks(1); // that leak was this test's, on purpose: not this class's failure

            ExtensionContext declared = context();
            guard.beforeAll(declared);
            leak(acc);
            org.gpu4j.Leaks.collect(java.time.Duration.ofSeconds(10));
            NoLeaks.expectLeaks(1);
            assertDoesNotThrow(() -> guard.afterAll(declared));

            ExtensionContext clean = context();
            guard.beforeAll(clean);
            acc.allocFloats(3).close();
            assertDoesNotThrow(() -> guard.afterAll(clean));
        } finally {
            log.setUseParentHandlers(parents);
        }
    }
}
