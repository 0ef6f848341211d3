package org.gpu4j.opencl;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gpu4j.Range;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeEvent;
import org.gpu4j.spi.NativeKernel;
import org.gpu4j.spi.NativeQueue;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;

/**
 * An in-order OpenCL command queue with profiling, in its accelerator's context: the accelerator's own queue
 * ({@link OpenClAccelerator#defaultQueue()}, not released here), or one more made by {@code newQueue()}. Transfers are
 * non-blocking {@code clEnqueueWriteBuffer}/{@code clEnqueueReadBuffer} on the direct buffers core hands over;
 * dependencies are {@code clEnqueueBarrierWithWaitList}; a host gate is a user event the barrier waits on. Every
 * command is flushed so that the device starts it without waiting for a later wait.
 */
final class OpenClQueue implements NativeQueue {
    private final OpenClAccelerator acc;
    final cl_command_queue queue;
    private final boolean owned;

    OpenClQueue(OpenClAccelerator acc, cl_command_queue queue, boolean owned) {
        this.acc = acc;
        this.queue = queue;
        this.owned = owned;
    }

    /** A new profiling queue in {@code acc}'s context; created under {@link ClWait#LIFECYCLE}. */
    static OpenClQueue create(OpenClAccelerator acc) {
        int[] err = new int[1];
        cl_command_queue q;
        synchronized (ClWait.LIFECYCLE) {
            @SuppressWarnings("deprecation")
            cl_command_queue created = CL.clCreateCommandQueue(acc.context, acc.deviceId, CL.CL_QUEUE_PROFILING_ENABLE, err);
            q = created;
        }
        Cl.check(err[0], "clCreateCommandQueue for " + acc.device.id());
        return new OpenClQueue(acc, q, true);
    }

    /**
     * After a command this queue enqueued other than a kernel launch: on the accelerator's own queue, its tracked tail
     * (the last launch's event, which {@code finish} polls) no longer covers everything enqueued.
     */
    private void untracked() {
        if (!owned) acc.untracked();
    }

    private NativeEvent enqueued(cl_event ev, String what) {
        untracked();
        OpenClEvent e = new OpenClEvent(ev, what + " on " + acc.device.id());
        Cl.checkLaunch(CL.clFlush(queue), "clFlush after " + what);
        return e;
    }

    @Override public NativeEvent write(BufferRef dst, ByteBuffer src) {
        cl_event ev = new cl_event();
        Cl.checkAlloc(CL.clEnqueueWriteBuffer(queue, ((OpenClAccelerator.Buffer) dst.handle()).mem, false, dst.byteOffset(),
                dst.byteLength(), Pointer.to(src), 0, null, ev), "clEnqueueWriteBuffer",
                dst.length() + " " + dst.type() + " elements on " + acc.device.id());
        return enqueued(ev, "an upload");
    }

    @Override public NativeEvent read(BufferRef src, ByteBuffer dst) {
        cl_event ev = new cl_event();
        Cl.checkLaunch(CL.clEnqueueReadBuffer(queue, ((OpenClAccelerator.Buffer) src.handle()).mem, false, src.byteOffset(),
                src.byteLength(), Pointer.to(dst), 0, null, ev), "clEnqueueReadBuffer");
        return enqueued(ev, "a download");
    }

    @Override public NativeEvent copy(BufferRef src, BufferRef dst) {
        cl_event ev = new cl_event();
        Cl.checkLaunch(CL.clEnqueueCopyBuffer(queue, ((OpenClAccelerator.Buffer) src.handle()).mem,
                ((OpenClAccelerator.Buffer) dst.handle()).mem, src.byteOffset(), dst.byteOffset(), src.byteLength(),
                0, null, ev), "clEnqueueCopyBuffer");
        return enqueued(ev, "a copy");
    }

    @Override public NativeEvent fill(BufferRef dst, Number value) {
        Pointer pattern = switch (dst.type()) {
            case FLOAT -> Pointer.to(new float[] {value.floatValue()});
            case DOUBLE -> Pointer.to(new double[] {value.doubleValue()});
            case INT -> Pointer.to(new int[] {value.intValue()});
            case LONG -> Pointer.to(new long[] {value.longValue()});
        };
        cl_event ev = new cl_event();
        Cl.checkAlloc(CL.clEnqueueFillBuffer(queue, ((OpenClAccelerator.Buffer) dst.handle()).mem, pattern,
                dst.type().bytes(), dst.byteOffset(), dst.byteLength(), 0, null, ev), "clEnqueueFillBuffer",
                dst.length() + " " + dst.type() + " elements on " + acc.device.id());
        return enqueued(ev, "a fill");
    }

    @Override public NativeEvent launch(NativeKernel kernel, Range range, Object[] args) {
        NativeEvent e = ((OpenClKernel) kernel).launch(queue, range, args);
        Cl.checkLaunch(CL.clFlush(queue), "clFlush after kernel " + kernel.name());
        return e;
    }

    @Override public void waitFor(NativeEvent[] events) {
        List<cl_event> pending = new ArrayList<>(events.length);
        try {
            for (NativeEvent e : events) {
                if (!(e instanceof OpenClEvent oe)) {
                    e.waitFor(); // not a device event of this backend (core passes none): wait on the host
                    continue;
                }
                cl_event ce = oe.retainPending();
                if (ce != null) pending.add(ce);
            }
            if (pending.isEmpty()) return;
            Cl.checkLaunch(CL.clEnqueueBarrierWithWaitList(queue, pending.size(), pending.toArray(new cl_event[0]), null),
                    "clEnqueueBarrierWithWaitList");
            untracked();
            Cl.checkLaunch(CL.clFlush(queue), "clFlush after a barrier");
        } finally {
            for (cl_event ce : pending) CL.clReleaseEvent(ce);
        }
    }

    /**
     * A user event that a barrier waits on, set complete when {@code gate} completes, normally or not (a failure is
     * reported by core on the command's own event; a negative status here would poison the queue for good).
     */
    @Override public void waitForHost(CompletableFuture<?> gate) {
        if (gate.isDone()) return;
        int[] err = new int[1];
        cl_event user = CL.clCreateUserEvent(acc.context, err);
        Cl.check(err[0], "clCreateUserEvent");
        try {
            Cl.checkLaunch(CL.clEnqueueBarrierWithWaitList(queue, 1, new cl_event[] {user}, null),
                    "clEnqueueBarrierWithWaitList (host gate)");
            untracked();
            Cl.checkLaunch(CL.clFlush(queue), "clFlush after a host gate");
        } catch (RuntimeException e) {
            CL.clSetUserEventStatus(user, CL.CL_COMPLETE);
            CL.clReleaseEvent(user);
            throw e;
        }
        gate.whenComplete((v, t) -> {
            CL.clSetUserEventStatus(user, CL.CL_COMPLETE);
            CL.clReleaseEvent(user);
        });
    }

    @Override public NativeEvent marker() {
        cl_event ev = new cl_event();
        Cl.checkLaunch(CL.clEnqueueMarkerWithWaitList(queue, 0, null, ev), "clEnqueueMarkerWithWaitList");
        return enqueued(ev, "a marker"); // enqueued() marks the default queue's tail untracked
    }

    @Override public boolean finish(long timeoutNanos) {
        return ClWait.drain(queue, timeoutNanos, "a queue of " + acc.device.id());
    }

    @Override public void release() {
        if (!owned) return;
        synchronized (ClWait.LIFECYCLE) {
            CL.clReleaseCommandQueue(queue);
        }
    }
}
