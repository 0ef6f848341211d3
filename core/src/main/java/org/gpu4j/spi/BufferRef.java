package org.gpu4j.spi;

import org.gpu4j.ElementType;

/**
 * A validated view of a device allocation handed to a backend: the backend's own handle, the element type, and the
 * element range [offset, offset + length) of the allocation that the call covers. Core has already checked that
 * the range is inside the allocation and that the owner is open.
 */
public record BufferRef(Object handle, ElementType type, long offset, long length) {
    public long byteOffset() { return offset * type.bytes(); }
    public long byteLength() { return length * type.bytes(); }
}
