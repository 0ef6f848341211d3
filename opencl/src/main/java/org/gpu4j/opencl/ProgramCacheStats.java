package org.gpu4j.opencl;

/**
 * Counters of the OpenCL backend's compiled-program caches since the JVM started, over every accelerator.
 *
 * @param memoryHits     builds answered by a program already built on the same accelerator
 * @param diskHits       builds answered by a binary from the disk cache
 * @param sourceBuilds   builds compiled from OpenCL C source
 * @param corruptEntries disk entries found unusable (truncated, bad checksum, rejected by the driver) and rebuilt
 */
public record ProgramCacheStats(long memoryHits, long diskHits, long sourceBuilds, long corruptEntries) {}
