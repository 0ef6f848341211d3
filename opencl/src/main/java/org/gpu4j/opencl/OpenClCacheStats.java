package org.gpu4j.opencl;

/**
 * The OpenCL backend's compiled-program cache counters since the JVM started, over every accelerator:
 * {@code OpenClCacheStats.snapshot()} reads them, and its {@code toString()} is one readable line, e.g.
 *
 * <pre>{@code
 * System.out.println(OpenClCacheStats.snapshot());
 * // OpenCL program cache: memory 120 hits, 3 evictions, 64 held; disk 40 hits, 70 writes, 2 evictions, 1 rejects;
 * //   70 source builds
 * }</pre>
 *
 * <p>Each accelerator keeps at most {@code gpu4j.opencl.programCache.entries} (default 64) built programs, least
 * recently used evicted first (a program still in use keeps working: it holds its own reference). The disk cache
 * ({@code ~/.cache/gpu4j/opencl}) holds at most {@code gpu4j.cache.maxBytes} (default 256 MiB), least recently used
 * entries deleted first; an entry is read only when it is a regular file of at most {@code gpu4j.cache.maxEntryBytes}
 * (default 64 MiB) that records exactly the key asked for and whose binary matches its checksum.
 *
 * @param memoryHits        builds answered by a program already built on the same accelerator
 * @param diskHits          builds answered by a binary from the disk cache
 * @param sourceBuilds      builds compiled from OpenCL C source (misses of both caches)
 * @param rejects           disk entries found at a key's path but not used: another key's entry, a truncated file,
 *                          a checksum mismatch, a binary the driver refused, a link, FIFO, device or oversized
 *                          file; each is deleted with a warning and rebuilt
 * @param memoryEvictions   programs dropped from an accelerator's in-memory cache by its bound
 * @param diskEvictions     disk entries deleted by the byte bound
 * @param diskWrites        entries written to the disk cache
 * @param staleTempsRemoved temporary files of interrupted writes deleted
 * @param memoryPrograms    cl_programs held by the in-memory caches of all open accelerators now
 */
public record OpenClCacheStats(long memoryHits, long diskHits, long sourceBuilds, long rejects, long memoryEvictions,
        long diskEvictions, long diskWrites, long staleTempsRemoved, long memoryPrograms) {

    /** The counters now. */
    public static OpenClCacheStats snapshot() {
        return new OpenClCacheStats(ProgramCache.MEMORY_HITS.get(), ProgramCache.DISK_HITS.get(),
                ProgramCache.SOURCE_BUILDS.get(), ProgramCache.CORRUPT.get(), ProgramCache.MEMORY_EVICTIONS.get(),
                ProgramCache.DISK_EVICTIONS.get(), ProgramCache.DISK_WRITES.get(),
                ProgramCache.STALE_TEMPS_REMOVED.get(), ProgramCache.MEMORY_PROGRAMS.get());
    }

    /** The counters that changed from {@code before} to this snapshot ({@code memoryPrograms} too, as a change). */
    public OpenClCacheStats since(OpenClCacheStats before) {
        return new OpenClCacheStats(memoryHits - before.memoryHits, diskHits - before.diskHits,
                sourceBuilds - before.sourceBuilds, rejects - before.rejects, memoryEvictions - before.memoryEvictions,
                diskEvictions - before.diskEvictions, diskWrites - before.diskWrites,
                staleTempsRemoved - before.staleTempsRemoved, memoryPrograms - before.memoryPrograms);
    }

    @Override public String toString() {
        return "OpenCL program cache: memory " + memoryHits + " hits, " + memoryEvictions + " evictions, "
                + memoryPrograms + " held; disk " + diskHits + " hits, " + diskWrites + " writes, " + diskEvictions
                + " evictions, " + rejects + " rejects" + (staleTempsRemoved != 0 ? ", " + staleTempsRemoved
                + " stale temporary files removed" : "") + "; " + sourceBuilds + " source builds";
    }
}
