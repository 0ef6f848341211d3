package org.gpu4j.spark;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.gpu4j.Accelerator;

/**
 * The device of the running Spark task: the address Spark's scheduler assigned to it ({@code TaskContext.get()
 * .resources()}), mapped by a {@link DeviceRule} to a selector, and that selector's accelerator, shared by all tasks
 * of the executor ({@link ExecutorAccelerators}).
 *
 * <p>Do not close the accelerator: the executor owns it. Values of this class are immutable; the accelerator is
 * thread-safe.
 */
public final class TaskDevice {
    private static final System.Logger LOG = System.getLogger(TaskDevice.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final Accelerator accelerator;
    private final TaskRecord record;

    private TaskDevice(Accelerator accelerator, TaskRecord record) {
        this.accelerator = accelerator;
        this.record = record;
    }

    /**
     * The running task's device under {@code rule}. Logs one line per task (INFO; the first fallback of a JVM at
     * WARNING).
     *
     * @throws IllegalStateException outside a Spark task
     */
    public static TaskDevice current(DeviceRule rule) {
        TaskContext tc = TaskContext.get();
        if (tc == null) throw new IllegalStateException("TaskDevice.current: not inside a Spark task (TaskContext.get() is null)");
        Map<String, ResourceInformation> res = tc.resourcesJMap();
        ResourceInformation ri = res.get(rule.resource());
        String address = ri == null || ri.addresses().length == 0 ? null : ri.addresses()[0];
        boolean fallback = address == null;
        String selector = fallback ? rule.fallback() : rule.selectorFor(address);
        Accelerator acc = ExecutorAccelerators.acquire(selector);
        SparkEnv env = SparkEnv.get();
        String executor = env == null ? "?" : env.executorId();
        TaskRecord r = new TaskRecord(tc.stageId(), tc.partitionId(), tc.attemptNumber(), executor, address, selector,
                acc.device().id(), fallback);
        if (fallback) {
            String msg = "gpu4j-spark: task " + where(r) + " has no '" + rule.resource() + "' resource (resources: "
                    + res.keySet() + "): running on the fallback " + selector + " -> " + r.device();
            LOG.log(WARNED.compareAndSet(false, true) ? Level.WARNING : Level.INFO, msg);
        } else {
            LOG.log(Level.INFO, "gpu4j-spark: task " + where(r) + " " + rule.resource() + " address " + address + " -> "
                    + selector + " -> " + r.device());
        }
        return new TaskDevice(acc, r);
    }

    private static String where(TaskRecord r) {
        return "stage " + r.stage() + " partition " + r.partition() + " attempt " + r.attempt() + " on executor " + r.executor();
    }

    /** The accelerator (owned by the executor: do not close it). */
    public Accelerator accelerator() { return accelerator; }

    /** Where this task ran. */
    public TaskRecord record() { return record; }

    @Override public String toString() { return "TaskDevice[" + record + "]"; }
}
