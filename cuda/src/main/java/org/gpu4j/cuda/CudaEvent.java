package org.gpu4j.cuda;

import static jcuda.driver.JCudaDriver.*;

import jcuda.driver.CUevent;
import jcuda.driver.CUresult;
import org.gpu4j.LaunchException;
import org.gpu4j.spi.NativeEvent;

/**
 * A launch's pair of CUDA events, recorded on the accelerator's stream just before and just after the kernel.
 * Times: {@code startNanos} is the elapsed time from the accelerator's epoch event (recorded when it was opened)
 * to the start event, {@code endNanos} adds the start-to-end time; both from {@code cuEventElapsedTime}, so
 * their difference (the kernel time, about 0.5 µs resolution) is exact to the driver's precision while the
 * absolute values lose precision over hours (they are float milliseconds). {@code queuedNanos} equals
 * {@code startNanos}: CUDA does not time enqueueing.
 *
 * <p>The event handles go back to the accelerator's pool as soon as the times are read: on {@link #waitFor()}, or
 * when the accelerator synchronizes ({@code finish}, reads) or closes, whichever comes first.
 */
final class CudaEvent implements NativeEvent, PendingEvents.Tracked {
    private final CudaAccelerator acc;
    private CUevent start;
    private CUevent end;
    private boolean resolved;
    private long startNs = -1;
    private long endNs = -1;
    private String failure;

    CudaEvent(CudaAccelerator acc, CUevent start, CUevent end) {
        this.acc = acc;
        this.start = start;
        this.end = end;
    }

    /** Records the end event on {@code stream}, after the kernel. */
    synchronized void recordEnd(jcuda.driver.CUstream stream) {
        CudaDriver.checkLaunch(cuEventRecord(end, stream), "cuEventRecord");
    }

    /**
     * Makes {@code stream} wait for this event's end ({@code cuStreamWaitEvent}, which captures the event as recorded
     * now, so recycling the handle afterwards is harmless); nothing when it is resolved already (complete).
     */
    synchronized void makeWait(jcuda.driver.CUstream stream) {
        if (resolved || end == null) return;
        CudaDriver.checkLaunch(cuStreamWaitEvent(stream, end, 0), "cuStreamWaitEvent");
    }

    /** The end event while unresolved (callers hold this event's lock), else null. */
    synchronized jcuda.driver.CUevent endIfPending() { return resolved ? null : end; }

    /** Whether the kernel has completed (or the event is already resolved); does not wait. */
    @Override public synchronized boolean isDone() {
        if (resolved) return true;
        try (CudaAccelerator.Scope scope = acc.enter()) {
            return cuEventQuery(end) != CUresult.CUDA_ERROR_NOT_READY;
        } catch (RuntimeException e) {
            return true; // a lost context: resolving records the failure
        }
    }

    @Override public void waitFor() {
        await(Long.MAX_VALUE);
    }

    /** Polls {@link #isDone()} ({@link org.gpu4j.spi.Waits}) before resolving, so the wait is bounded and interruptible. */
    @Override public boolean await(long timeoutNanos) {
        if (!org.gpu4j.spi.Waits.until(this::isDone, timeoutNanos, "a kernel on " + acc.device().id())) return false;
        resolve(true);
        return true;
    }

    /**
     * Reads the times and destroys the handles (once). With {@code rethrow}, a fault is thrown as a
     * {@link LaunchException}, now and on every later call; without, it is only remembered.
     */
    synchronized void resolve(boolean rethrow) {
        if (!resolved) {
            resolved = true;
            try (CudaAccelerator.Scope scope = acc.enter()) {
                int rc = cuEventSynchronize(end);
                if (rc != CUresult.CUDA_SUCCESS) {
                    failure = "cuEventSynchronize failed: " + CudaDriver.name(rc);
                    if (ContextHealth.sticky(rc)) acc.health().markLost(CudaDriver.name(rc), "a kernel on " + acc.device().id());
                } else {
                    float[] ms = {0};
                    if (cuEventElapsedTime(ms, acc.epoch(), start) == CUresult.CUDA_SUCCESS) startNs = Math.round(ms[0] * 1e6);
                    else startNs = 0;
                    float[] k = {0};
                    if (cuEventElapsedTime(k, start, end) == CUresult.CUDA_SUCCESS) endNs = startNs + Math.round(k[0] * 1e6);
                    else { startNs = -1; endNs = -1; }
                }
            } catch (RuntimeException e) {
                failure = e.getMessage();
            } finally {
                acc.recycle(start, end);
                start = null;
                end = null;
            }
        }
        if (rethrow && failure != null) throw new LaunchException("kernel failed: " + failure);
    }

    @Override public synchronized boolean resolved() { return resolved; }
    @Override public void resolveQuietly() { resolve(false); }

    @Override public long queuedNanos() { return startNanos(); }
    @Override public synchronized long startNanos() { waitFor(); return startNs; }
    @Override public synchronized long endNanos() { waitFor(); return endNs; }
    @Override public void release() { resolve(false); }
}
