package org.gpu4j.spark;

import java.io.Serializable;

/**
 * Where one task attempt ran: the Spark resource address it was assigned (null when it had none), the selector the
 * {@link DeviceRule} mapped it to, and the gpu4j device that selector opened.
 *
 * @param stage the stage id
 * @param partition the partition index
 * @param attempt the task attempt number
 * @param executor the executor id ({@code driver} in local mode)
 * @param address the first address of the rule's resource, or null if the task had none
 * @param selector the selector used
 * @param device the opened device's id ({@code cpu:0}, {@code opencl:0}, {@code cuda:1})
 * @param fallback true when the task had no address and used the fallback selector
 */
public record TaskRecord(int stage, int partition, int attempt, String executor, String address, String selector,
                         String device, boolean fallback) implements Serializable {}
