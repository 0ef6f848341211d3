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

    @Override public void waitFor() {
        synchronized (state) {
            if (!done) {
                cl_event e = state.event;
                int s = CL.clWaitForEvents(1, new cl_event[] {e});
                int[] exec = new int[1];
                int si = CL.clGetEventInfo(e, CL.CL_EVENT_COMMAND_EXECUTION_STATUS, Sizeof.cl_int, Pointer.to(exec), null);
                if (s != CL.CL_SUCCESS || (si == CL.CL_SUCCESS && exec[0] < 0)) {
                    failure = what + " failed: " + Cl.name(si == CL.CL_SUCCESS && exec[0] < 0 ? exec[0] : s);
                } else {
                    queued = profile(e, CL.CL_PROFILING_COMMAND_QUEUED);
                    start = profile(e, CL.CL_PROFILING_COMMAND_START);
                    end = profile(e, CL.CL_PROFILING_COMMAND_END);
                }
                done = true;
                cleanable.clean();
            }
            if (failure != null) throw new LaunchException(failure);
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

    /** True once the native event has been released (for tests). */
    boolean isReleased() {
        synchronized (state) {
            return state.event == null;
        }
    }
}
