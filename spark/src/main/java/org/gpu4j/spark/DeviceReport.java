package org.gpu4j.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * A Spark accumulator of where the tasks of gpu4j jobs ran: one {@link TaskRecord} per task attempt, added by the
 * task, merged on the driver as Spark merges accumulators (successful tasks only, once each). {@link #countsByDevice()}
 * counts tasks by device; {@link #table()} prints the address to device table. Register one with
 * {@link GpuSpark#report()} (created with it); its value is read on the driver after a job.
 *
 * <p>Not thread-safe, like every Spark accumulator: Spark gives each task a copy and merges on one thread.
 */
public final class DeviceReport extends AccumulatorV2<TaskRecord, List<TaskRecord>> {
    private static final long serialVersionUID = 1L;
    private final ArrayList<TaskRecord> records = new ArrayList<>();

    @Override public boolean isZero() { return records.isEmpty(); }

    @Override public DeviceReport copy() {
        DeviceReport r = new DeviceReport();
        r.records.addAll(records);
        return r;
    }

    @Override public void reset() { records.clear(); }

    @Override public void add(TaskRecord v) { records.add(v); }

    @Override public void merge(AccumulatorV2<TaskRecord, List<TaskRecord>> other) { records.addAll(other.value()); }

    /** The records, in the order they were merged. */
    @Override public List<TaskRecord> value() { return Collections.unmodifiableList(new ArrayList<>(records)); }

    /** Tasks by device id ({@code cpu:0 -> 3, opencl:0 -> 5}), fallback tasks included under their device. */
    public Map<String, Long> countsByDevice() {
        Map<String, Long> m = new TreeMap<>();
        for (TaskRecord r : records) m.merge(r.device(), 1L, Long::sum);
        return m;
    }

    /** How many tasks used the fallback selector. */
    public long fallbackTasks() { return records.stream().filter(TaskRecord::fallback).count(); }

    /** A table of the records (sorted by stage, partition, attempt), one line per task, for logs and consoles. */
    public String table() {
        List<TaskRecord> rs = new ArrayList<>(records);
        rs.sort(Comparator.comparingInt(TaskRecord::stage).thenComparingInt(TaskRecord::partition).thenComparingInt(TaskRecord::attempt));
        StringBuilder sb = new StringBuilder(String.format("%-6s %-9s %-8s %-8s %-7s %-14s %-10s%n",
                "stage", "partition", "attempt", "executor", "address", "selector", "device"));
        for (TaskRecord r : rs) {
            sb.append(String.format("%-6d %-9d %-8d %-8s %-7s %-14s %-10s%s%n", r.stage(), r.partition(), r.attempt(),
                    r.executor(), r.address() == null ? "-" : r.address(), r.selector(), r.device(), r.fallback() ? " (fallback: no GPU resource)" : ""));
        }
        sb.append("tasks by device: ").append(countsByDevice());
        return sb.toString();
    }
}
