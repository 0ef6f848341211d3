package org.gpu4j.cuda;

import jcuda.driver.CUdeviceptr;
import org.gpu4j.ElementType;

/** A device allocation: the handle core keeps for a CUDA array. */
final class CudaBuffer {
    final CUdeviceptr ptr;
    final ElementType type;
    final long bytes;

    CudaBuffer(CUdeviceptr ptr, ElementType type, long bytes) {
        this.ptr = ptr;
        this.type = type;
        this.bytes = bytes;
    }

    /** The device address {@code byteOffset} bytes into the allocation. */
    CUdeviceptr at(long byteOffset) {
        return byteOffset == 0 ? ptr : ptr.withByteOffset(byteOffset);
    }

    @Override public String toString() { return "CudaBuffer[" + type + ", " + bytes + " bytes]"; }
}
