package org.gpu4j.spark;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;

/**
 * The accelerators of one executor JVM: at most one per selector, opened on first use by a task and shared by every
 * task running in the JVM (an {@link Accelerator} is thread-safe), closed when the executor stops
 * ({@link Gpu4jSparkPlugin}'s shutdown, or a JVM shutdown hook when the plugin is not configured).
 *
 * <p>Thread-safe. Opening is serialised (JOCL's context creation is not safe to run concurrently); using an open
 * accelerator is not. An accelerator found closed or broken is replaced by a fresh one on the next request.
 */
public final class ExecutorAccelerators {
    private static final System.Logger LOG = System.getLogger(ExecutorAccelerators.class.getName());
    private static final Map<String, Accelerator> OPEN = new LinkedHashMap<>();
    private static boolean hookAdded;

    private ExecutorAccelerators() {}

    /**
     * The accelerator of {@code selector} in this JVM, opened now if it is not open yet.
     *
     * @throws org.gpu4j.Gpu4jException (or a subclass) if the selector names no device here
     */
    public static synchronized Accelerator acquire(String selector) {
        Accelerator acc = OPEN.get(selector);
        if (acc != null && !acc.isClosed() && !acc.isBroken()) return acc;
        if (acc != null) LOG.log(Level.WARNING, "gpu4j-spark: accelerator " + selector + " was " + (acc.isBroken() ? "broken" : "closed") + "; opening a new one");
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExecutorAccelerators::closeAll, "gpu4j-spark-close"));
            hookAdded = true;
        }
        acc = Gpu4j.open(selector);
        OPEN.put(selector, acc);
        LOG.log(Level.INFO, "gpu4j-spark: opened " + selector + " -> " + acc.device().id() + " (" + acc.device().name() + ")");
        return acc;
    }

    /** The selectors open in this JVM now. */
    public static synchronized List<String> openSelectors() { return new ArrayList<>(OPEN.keySet()); }

    /**
     * Closes every accelerator of this JVM (bounded: {@link Accelerator#close()} waits at most
     * {@link Accelerator#defaultCloseTimeout()} each). Later requests open new ones.
     *
     * @return how many were closed
     */
    public static synchronized int closeAll() {
        int n = 0;
        for (Map.Entry<String, Accelerator> e : OPEN.entrySet()) {
            try {
                if (!e.getValue().isClosed()) {
                    e.getValue().close();
                    n++;
                }
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "gpu4j-spark: closing " + e.getKey() + " failed", ex);
            }
        }
        if (!OPEN.isEmpty()) LOG.log(Level.INFO, "gpu4j-spark: closed " + n + " accelerator(s) " + OPEN.keySet());
        OPEN.clear();
        return n;
    }
}
