package org.gpu4j.opencl;

import java.lang.ref.Cleaner;
import org.gpu4j.LaunchException;
import org.gpu4j.spi.NativeEvent;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;

/**
 * A launched kernel's cl_event. On the first wait (every timing accessor waits) it reads the profiling times and
 * releases the cl_event; a {@link Cleaner} releases events that were never waited for.
 */
final class OpenClEvent implements NativeEvent {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "gpu4j-opencl-events");
        t.setDaemon(true);
        return t;
    });

    /** The native part, reachable from the cleaner without the event. */
    private static final class State implements Runnable {
        cl_event event;

        State(cl_event event) { this.event = event; }

        @Override public synchronized void run() {
            if (event != null) {
                CL.clReleaseEvent(event);
                event = null;
            }
        }
    }

    private final State state;
    private final Cleaner.Cleanable cleanable;
    private final String what;
    private long queued = -1, start = -1, end = -1;
    private boolean done;
    private String failure;

    OpenClEvent(cl_event event, String what) {
        this.state = new State(event);
        this.cleanable = CLEANER.register(this, state);
        this.what = what;
    }

    @Override public void waitFor() { await(Long.MAX_VALUE); }

    /**
     * Polls the event (see {@link ClWait#await}) outside the event's lock, holding a reference of its own so that
     * another thread finishing the wait first cannot release the cl_event under it.
     */
    @Override public boolean await(long timeoutNanos) {
        cl_event e;
        synchronized (state) {
            if (done) {
                if (failure != null) throw new LaunchException(failure);
                return true;
            }
            e = state.event;
            Cl.check(CL.clRetainEvent(e), "clRetainEvent");
        }
        boolean completed;
        String failed = null;
        try {
            completed = ClWait.await(e, timeoutNanos, what);
        } catch (LaunchException ex) {
            completed = true;
            failed = ex.getMessage();
        } finally {
            CL.clReleaseEvent(e);
        }
        if (!completed) return false;
        synchronized (state) {
            if (!done) {
                if (failed != null) {
                    failure = failed;
                } else {
                    cl_event ev = state.event;
                    queued = profile(ev, CL.CL_PROFILING_COMMAND_QUEUED);
                    start = profile(ev, CL.CL_PROFILING_COMMAND_START);
                    end = profile(ev, CL.CL_PROFILING_COMMAND_END);
                }
                done = true;
                cleanable.clean();
            }
            if (failure != null) throw new LaunchException(failure);
            return true;
        }
    }

    private static long profile(cl_event e, int param) {
        long[] v = new long[1];
        return CL.clGetEventProfilingInfo(e, param, Sizeof.cl_ulong, Pointer.to(v), null) == CL.CL_SUCCESS ? v[0] : -1;
    }

    @Override public long queuedNanos() { waitFor(); return queued; }
    @Override public long startNanos() { waitFor(); return start; }
    @Override public long endNanos() { waitFor(); return end; }

    /** Releases the cl_event without waiting (the command still completes). Idempotent. */
    @Override public void release() {
        synchronized (state) {
            done = true;
            cleanable.clean();
        }
    }

    /**
     * The cl_event with a reference of the caller's own (release it with {@code clReleaseEvent}) while the command may
     * still be pending; null once it is known complete (nothing to wait for). A known failure is not a dependency
     * either: it reports itself.
     */
    cl_event retainPending() {
        synchronized (state) {
            if (done || state.event == null) return null;
            Cl.check(CL.clRetainEvent(state.event), "clRetainEvent");
            return state.event;
        }
    }

    /** True once the native event has been released (for tests). */
    boolean isReleased() {
        synchronized (state) {
            return state.event == null;
        }
    }
}
