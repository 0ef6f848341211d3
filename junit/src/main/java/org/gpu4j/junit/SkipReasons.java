package org.gpu4j.junit;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when a test class ends, why its skipped tests were skipped: one line per class and reason, e.g.
 * {@code [gpu4j] OpenClContractTest: 41 tests skipped: backend opencl unavailable: no OpenCL ICD loader ...}.
 * Build tools count skipped tests in the console but keep their reasons in the XML reports only.
 *
 * <p>Registered with the JUnit Platform launcher by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}), so every test run with gpu4j-junit
 * on its class path prints them; {@code -Dgpu4j.skipReasons=off} turns it off. Thread-safe.
 */
public final class SkipReasons implements TestExecutionListener {
    private final Map<String, Map<String, Integer>> byClass = new ConcurrentHashMap<>();
    private volatile TestPlan plan;

    /** Created by the JUnit Platform launcher. */
    public SkipReasons() {}

    private static boolean enabled() {
        return !"off".equalsIgnoreCase(System.getProperty("gpu4j.skipReasons"));
    }

    @Override public void testPlanExecutionStarted(TestPlan testPlan) { plan = testPlan; }

    @Override public void executionSkipped(TestIdentifier id, String reason) {
        record(id, reason == null ? "skipped" : reason, countTests(id));
        if (id.getSource().orElse(null) instanceof ClassSource) flush(id); // a skipped class never finishes
    }

    @Override public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
            record(id, reason, id.isTest() ? 1 : 0);
        }
        if (id.getSource().orElse(null) instanceof ClassSource) flush(id);
    }

    private void flush(TestIdentifier cls) {
        Map<String, Integer> reasons = byClass.remove(cls.getUniqueId());
        if (reasons != null && enabled()) {
            print(System.out, ((ClassSource) cls.getSource().get()).getJavaClass().getSimpleName(), reasons);
        }
    }

    private int countTests(TestIdentifier id) {
        if (id.isTest() || plan == null) return 1;
        return (int) plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
    }

    private void record(TestIdentifier id, String reason, int tests) {
        TestPlan p = plan;
        if (p == null) return;
        TestIdentifier c = id;
        while (c != null && !(c.getSource().orElse(null) instanceof ClassSource)) c = parent(p, c);
        if (c == null) return;
        if (c == id && tests == 0) tests = countTests(id);
        byClass.computeIfAbsent(c.getUniqueId(), k -> java.util.Collections.synchronizedMap(new LinkedHashMap<>()))
                .merge(reason, Math.max(tests, 1), Integer::sum);
    }

    private static TestIdentifier parent(TestPlan p, TestIdentifier id) {
        Optional<TestIdentifier> parent = p.getParent(id);
        return parent.orElse(null);
    }

    static void print(PrintStream out, String cls, Map<String, Integer> reasons) {
        synchronized (reasons) {
            reasons.forEach((reason, n) -> out.println("[gpu4j] " + cls + ": " + n + " test" + (n == 1 ? "" : "s")
                    + " skipped: " + reason));
        }
    }
}
