package org.gpu4j.cuda;

import static jcuda.driver.JCudaDriver.*;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import org.gpu4j.Range;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.NativeEvent;
import org.gpu4j.spi.NativeKernel;
import org.gpu4j.spi.NativeQueue;
import org.gpu4j.spi.Waits;

/**
 * A CUDA stream as a queue: the accelerator's own ({@link CudaAccelerator#defaultQueue()}), or one more
 * {@code CU_STREAM_NON_BLOCKING} stream. Every command is bracketed by a pooled start/end event pair, as kernel
 * launches are, so it carries its timing. Transfers are {@code cuMemcpyHtoDAsync}/{@code cuMemcpyDtoHAsync} on core's
 * direct buffers (pageable memory: the driver stages them, so a transfer overlaps kernels of other streams but may
 * hold the calling thread while it copies); dependencies are {@code cuStreamWaitEvent}; a host gate is a host function
 * ({@code cuLaunchHostFunc}) that returns when the gate completed; copies between two CUDA accelerators are
 * {@code cuMemcpyPeerAsync}, with peer access enabled where {@code cuDeviceCanAccessPeer} allows.
 *
 * <p>Written against JCuda like the rest of this backend, but never run: the machines it was written on have no GPU.
 */
final class CudaQueue implements NativeQueue {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.cuda");
    /** Pairs of device ordinals whose peer access was enabled (or refused) already. */
    private static final Set<String> PEERS = ConcurrentHashMap.newKeySet();

    private final CudaAccelerator acc;
    final CUstream stream;
    private final boolean owned;

    CudaQueue(CudaAccelerator acc, CUstream stream, boolean owned) {
        this.acc = acc;
        this.stream = stream;
        this.owned = owned;
    }

    @FunctionalInterface
    private interface Command { int enqueue(); }

    /** Enqueues {@code c} between a start and an end event on this stream. */
    private NativeEvent timed(String what, Command c) {
        try (CudaAccelerator.Scope scope = acc.enter()) {
            CudaEvent ev = acc.startEvent(stream);
            int rc;
            try {
                rc = c.enqueue();
            } catch (RuntimeException e) {
                ev.release();
                throw e;
            }
            if (rc != CUresult.CUDA_SUCCESS) {
                ev.release();
                CudaDriver.checkLaunch(rc, what + " on " + acc.device().id());
            }
            acc.endEvent(ev, stream);
            return ev;
        }
    }

    @Override public NativeEvent write(BufferRef dst, ByteBuffer src) {
        CUdeviceptr p = ((CudaBuffer) dst.handle()).at(dst.byteOffset());
        return timed("cuMemcpyHtoDAsync", () -> cuMemcpyHtoDAsync(p, Pointer.to(src), dst.byteLength(), stream));
    }

    @Override public NativeEvent read(BufferRef src, ByteBuffer dst) {
        CUdeviceptr p = ((CudaBuffer) src.handle()).at(src.byteOffset());
        return timed("cuMemcpyDtoHAsync", () -> cuMemcpyDtoHAsync(Pointer.to(dst), p, src.byteLength(), stream));
    }

    @Override public NativeEvent copy(BufferRef src, BufferRef dst) {
        CUdeviceptr s = ((CudaBuffer) src.handle()).at(src.byteOffset());
        CUdeviceptr d = ((CudaBuffer) dst.handle()).at(dst.byteOffset());
        return timed("cuMemcpyDtoDAsync", () -> cuMemcpyDtoDAsync(d, s, src.byteLength(), stream));
    }

    @Override public NativeEvent fill(BufferRef dst, Number value) {
        CUdeviceptr p = ((CudaBuffer) dst.handle()).at(dst.byteOffset());
        long n = dst.length();
        return timed("a fill", () -> {
            switch (dst.type()) {
                case FLOAT -> acc.memset32(p, Float.floatToRawIntBits(value.floatValue()), n, stream);
                case INT -> acc.memset32(p, value.intValue(), n, stream);
                case DOUBLE -> acc.memset64(p, Double.doubleToRawLongBits(value.doubleValue()), n, stream);
                case LONG -> acc.memset64(p, value.longValue(), n, stream);
            }
            return CUresult.CUDA_SUCCESS;
        });
    }

    @Override public NativeEvent launch(NativeKernel kernel, Range range, Object[] args) {
        return ((CudaKernel) kernel).launch(stream, range, args);
    }

    @Override public void waitFor(NativeEvent[] events) {
        try (CudaAccelerator.Scope scope = acc.enter()) {
            for (NativeEvent e : events) {
                if (e instanceof CudaEvent ce) ce.makeWait(stream);
                else e.waitFor(); // not an event of this backend (core passes none): on the host
            }
        }
    }

    /** A host function on the stream that returns once {@code gate} completed: later commands wait behind it. */
    @Override public void waitForHost(CompletableFuture<?> gate) {
        if (gate.isDone()) return;
        try (CudaAccelerator.Scope scope = acc.enter()) {
            CudaDriver.checkLaunch(cuLaunchHostFunc(stream, data -> {
                // runs on the driver's callback thread, which must not call CUDA: only wait for the gate
                Waits.until(gate::isDone, Long.MAX_VALUE, "a host gate on " + acc.device().id());
            }, null), "cuLaunchHostFunc on " + acc.device().id());
        }
    }

    @Override public NativeEvent marker() { return timed("a marker", () -> CUresult.CUDA_SUCCESS); }

    /** A peer copy from another CUDA accelerator's buffer, after the commands of its queue before it. */
    @Override public NativeEvent copyFromPeer(NativeQueue srcQueue, BufferRef src, BufferRef dst) {
        if (!(srcQueue instanceof CudaQueue sq)) return null;
        enablePeer(sq.acc);
        NativeEvent ready = sq.marker();
        try (CudaAccelerator.Scope scope = acc.enter()) {
            if (ready instanceof CudaEvent ce) ce.makeWait(stream);
            CUdeviceptr s = ((CudaBuffer) src.handle()).at(src.byteOffset());
            CUdeviceptr d = ((CudaBuffer) dst.handle()).at(dst.byteOffset());
            return timed("cuMemcpyPeerAsync", () -> cuMemcpyPeerAsync(d, acc.context(), s, sq.acc.context(),
                    src.byteLength(), stream));
        } // the marker resolves with the source's pending events (releasing it here would wait for it)
    }

    /** Enables access from this device to {@code other}'s memory once per pair, where the hardware allows it. */
    private void enablePeer(CudaAccelerator other) {
        int a = acc.device().index(), b = other.device().index();
        if (a == b || !PEERS.add(a + ">" + b)) return;
        int[] can = {0};
        if (cuDeviceCanAccessPeer(can, acc.cuDevice(), other.cuDevice()) != CUresult.CUDA_SUCCESS || can[0] == 0) return;
        try (CudaAccelerator.Scope scope = acc.enter()) {
            int rc = cuCtxEnablePeerAccess(other.context(), 0);
            if (rc != CUresult.CUDA_SUCCESS && rc != CUresult.CUDA_ERROR_PEER_ACCESS_ALREADY_ENABLED) {
                LOG.log(System.Logger.Level.DEBUG, "gpu4j: peer access " + acc.device().id() + " -> " + other.device().id()
                        + " refused: " + CudaDriver.name(rc) + "; peer copies are staged by the driver");
            }
        }
    }

    /** Polls {@code cuStreamQuery}, bounded and interruptible, like {@link CudaAccelerator#finish(long)}. */
    @Override public boolean finish(long timeoutNanos) {
        try (CudaAccelerator.Scope scope = acc.enter()) {
            return Waits.until(() -> {
                int rc = cuStreamQuery(stream);
                if (rc == CUresult.CUDA_SUCCESS) return true;
                if (rc != CUresult.CUDA_ERROR_NOT_READY) {
                    CudaDriver.checkLaunch(rc, "cuStreamQuery on a queue of " + acc.device().id());
                }
                return false;
            }, timeoutNanos, "a stream of " + acc.device().id());
        }
    }

    @Override public void release() {
        if (!owned) return;
        acc.queues.remove(this);
        try (CudaAccelerator.Scope scope = acc.enter()) {
            cuStreamDestroy(stream);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: destroying a stream of " + acc.device().id(), e);
        }
    }

    /** Work is still running: the stream is left as it is (destroying it could free what the work uses). */
    @Override public void abandon() {
        acc.queues.remove(this);
    }
}
