package org.gpu4j.opencl;

import org.gpu4j.LaunchException;
import org.gpu4j.spi.Waits;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;

/**
 * Bounded, interruptible waits on OpenCL work, and the lock that serialises the calls JOCL does not make
 * thread-safe.
 *
 * <p><b>Waits.</b> {@code clFinish} and {@code clWaitForEvents} block in native code without a bound and ignore
 * Java interrupts, so a kernel that never ends would hang the waiting thread for good. Instead a wait flushes the
 * queue and polls the command's execution status with {@link Waits#until} (spin, then park with a backoff).
 *
 * <p><b>Context lifecycle.</b> JOCL keeps the callback records of contexts in a process-wide table without a lock:
 * creating and releasing contexts from several threads at once corrupted it ({@code destroyCallbackInfo} under
 * {@code clReleaseContext}: SIGSEGV, "corrupted double-linked list"). Every {@code clCreateContext},
 * {@code clReleaseContext} and command-queue creation and release runs under {@link #LIFECYCLE}.
 */
final class ClWait {
    private ClWait() {}

    /** Serialises context and queue creation and release across the JVM. */
    static final Object LIFECYCLE = new Object();

    /**
     * Waits at most {@code timeoutNanos} ({@link Long#MAX_VALUE}: no bound) for {@code event}; true when it completed,
     * false when the time ran out. A failed command throws {@link LaunchException}; an interrupt throws
     * {@link org.gpu4j.WaitInterruptedException} with the flag left set.
     */
    static boolean await(cl_event event, long timeoutNanos, String what) {
        int[] status = new int[1];
        Pointer ps = Pointer.to(status);
        return Waits.until(() -> {
            int s = CL.clGetEventInfo(event, CL.CL_EVENT_COMMAND_EXECUTION_STATUS, Sizeof.cl_int, ps, null);
            if (s != CL.CL_SUCCESS) throw new LaunchException("clGetEventInfo while waiting for " + what + ": " + Cl.name(s));
            if (status[0] < 0) throw new LaunchException(what + " failed: " + Cl.name(status[0]));
            return status[0] == CL.CL_COMPLETE;
        }, timeoutNanos, what);
    }

    /**
     * Waits at most {@code timeoutNanos} for every command enqueued on {@code queue} so far (a marker behind them);
     * true when they completed.
     */
    static boolean drain(cl_command_queue queue, long timeoutNanos, String what) {
        cl_event marker = new cl_event();
        int s = CL.clEnqueueMarkerWithWaitList(queue, 0, null, marker);
        if (s == CL.CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST) {
            throw new LaunchException(what + ": an earlier command failed (" + Cl.name(s) + ")");
        }
        Cl.checkLaunch(s, "clEnqueueMarkerWithWaitList for " + what);
        try {
            Cl.checkLaunch(CL.clFlush(queue), "clFlush for " + what);
            return await(marker, timeoutNanos, what);
        } catch (LaunchException e) {
            if (e.getMessage().contains("CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST")) {
                throw new LaunchException(what + ": an earlier command failed", e);
            }
            throw e;
        } finally {
            CL.clReleaseEvent(marker);
        }
    }
}
