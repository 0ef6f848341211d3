package org.gpu4j.spark;

import java.io.Serializable;

/**
 * What a task of {@link LocalClusterTest} saw, reported by the task itself (public: Spark's encoders take public
 * classes only).
 */
public record TaskSeen(int partition, String executor, String address, String device, long rows, long sumK, long sumId,
                       double sumV, long elements, boolean offsetsOk) implements Serializable {}
