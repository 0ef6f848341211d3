package org.gpu4j.opencl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jocl.CL;
import org.jocl.cl_program;

/**
 * One accelerator's in-memory program cache: full cache key to the cache's own reference of a built cl_program,
 * least recently used first, holding at most {@code capacity} programs ({@code gpu4j.opencl.programCache.entries}).
 *
 * <p>Inserting past the bound releases the eldest program's cache reference ({@code clReleaseProgram}) and counts an
 * eviction. That is safe while the program is in use: every {@link OpenClProgram} handed out holds a reference of
 * its own, retained before the program is inserted here. {@link #clear()} only drops the references: its caller
 * releases {@link #values()} first. Not thread-safe: the accelerator's build lock guards it.
 */
final class ProgramLru extends LinkedHashMap<String, cl_program> {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.opencl");
    private static final long serialVersionUID = 1L;
    private final int capacity;

    ProgramLru(int capacity) {
        super(16, 0.75f, true); // access order: get() makes an entry the most recently used
        if (capacity < 0) throw new IllegalArgumentException("capacity " + capacity);
        this.capacity = capacity;
    }

    /** A cache bounded by {@code gpu4j.opencl.programCache.entries}. */
    static ProgramLru configured() { return new ProgramLru(ProgramCache.memoryEntries()); }

    int capacity() { return capacity; }

    @Override public cl_program put(String key, cl_program program) {
        cl_program old = super.put(key, program);
        if (old == null) {
            ProgramCache.MEMORY_PROGRAMS.incrementAndGet();
        } else if (old != program) {
            release(old);
        }
        return old;
    }

    @Override protected boolean removeEldestEntry(Map.Entry<String, cl_program> eldest) {
        if (size() <= capacity) return false;
        release(eldest.getValue());
        ProgramCache.MEMORY_PROGRAMS.decrementAndGet();
        ProgramCache.MEMORY_EVICTIONS.incrementAndGet();
        return true;
    }

    /** Drops every reference without releasing it (the caller has released {@link #values()}). */
    @Override public void clear() {
        ProgramCache.MEMORY_PROGRAMS.addAndGet(-size());
        super.clear();
    }

    private static void release(cl_program p) {
        int s = CL.clReleaseProgram(p);
        if (s != CL.CL_SUCCESS) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: clReleaseProgram of an evicted program failed: " + Cl.name(s));
        }
    }
}
