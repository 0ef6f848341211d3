package org.gpu4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Random;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.LongArray;
import org.gpu4j.junit.EveryDevice;
import org.gpu4j.junit.Tolerance;
import org.gpu4j.junit.Verify;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;

/**
 * Uploads from and downloads to {@code java.nio} buffers, on every device of the backends the subclass names with
 * {@link org.gpu4j.junit.OnBackends} (gpu4j-junit's {@link EveryDevice}): heap, direct, views of native-order and
 * big-endian byte buffers, positions and limits as the JDK's bulk get/put, and bad buffers refused before any native
 * call. Sizes: 0, 1, a prime, and 2^18 + 3 floats (over 1 MiB: the OpenCL CPU-device mapped path).
 */
public abstract class HostBufferContract {
    static final int[] SIZES = {0, 1, 1009, (1 << 18) + 3};

    /** The kinds of host buffer: each makes a buffer of {@code n} elements of a type with the given contents. */
    enum Kind { HEAP, DIRECT, DIRECT_BYTES, HEAP_BYTES, BIG_ENDIAN_DIRECT_BYTES }

    static ByteBuffer bytes(Kind k, int n) {
        ByteBuffer b = k == Kind.HEAP_BYTES ? ByteBuffer.allocate(n) : ByteBuffer.allocateDirect(n);
        return b.order(k == Kind.BIG_ENDIAN_DIRECT_BYTES ? ByteOrder.BIG_ENDIAN : ByteOrder.nativeOrder());
    }

    /** An empty buffer of {@code n} elements of {@code t}, of kind {@code k}. */
    static Buffer buffer(ElementType t, Kind k, int n) {
        if (k == Kind.HEAP) {
            return switch (t) {
                case FLOAT -> FloatBuffer.allocate(n);
                case DOUBLE -> DoubleBuffer.allocate(n);
                case INT -> IntBuffer.allocate(n);
                case LONG -> LongBuffer.allocate(n);
            };
        }
        ByteBuffer b = bytes(k == Kind.HEAP ? Kind.DIRECT : k, n * t.bytes());
        return org.gpu4j.spi.HostBuffers.view(b, t);
    }

    static void copyFrom(DeviceArray a, Buffer b) {
        if (a instanceof FloatArray f) f.copyFrom((FloatBuffer) b);
        else if (a instanceof DoubleArray d) d.copyFrom((DoubleBuffer) b);
        else if (a instanceof IntArray i) i.copyFrom((IntBuffer) b);
        else ((LongArray) a).copyFrom((LongBuffer) b);
    }

    static void copyTo(DeviceArray a, Buffer b) {
        if (a instanceof FloatArray f) f.copyTo((FloatBuffer) b);
        else if (a instanceof DoubleArray d) d.copyTo((DoubleBuffer) b);
        else if (a instanceof IntArray i) i.copyTo((IntBuffer) b);
        else ((LongArray) a).copyTo((LongBuffer) b);
    }

    static Object toArray(Buffer b, ElementType t) {
        return org.gpu4j.spi.HostBuffers.toArray(b, 0, b.limit(), t);
    }

    @EveryDevice
    void roundTripsEveryTypeKindAndSize(Accelerator acc) {
        Seed seed = Require.seed();
        Random r = seed.random();
        for (ElementType t : ElementType.values()) {
            if (t == ElementType.DOUBLE && !acc.device().fp64()) continue;
            for (Kind k : Kind.values()) {
                for (int n : SIZES) {
                    Object data = Typed.random(t, n, r);
                    Buffer src = buffer(t, k, n);
                    org.gpu4j.spi.HostBuffers.transfer(data, 0, src, 0, n);
                    Buffer dst = buffer(t, k, n);
                    try (DeviceArray a = acc.alloc(t, n)) {
                        copyFrom(a, src);
                        assertEquals(n, src.position(), "upload advances the position");
                        String what = t + " " + k + " n=" + n + " [" + seed + "]";
                        Verify.arrays(data, a, Tolerance.exact());
                        copyTo(a, dst);
                        assertEquals(n, dst.position(), "download advances the position");
                        try {
                            Verify.arrays(data, toArray(dst, t), Tolerance.exact());
                        } catch (AssertionError e) {
                            throw new AssertionError(what + ": " + e.getMessage(), e);
                        }
                    }
                }
            }
        }
    }

    @EveryDevice
    void positionsAndLimitsAreThoseOfTheJdksBulkGetAndPut(Accelerator acc) {
        FloatBuffer src = FloatBuffer.wrap(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        src.position(3).limit(9);
        try (FloatArray a = acc.allocFloats(5); FloatArray whole = acc.upload(src)) {
            assertEquals(9, src.position(), "upload(FloatBuffer) takes the remaining elements");
            assertEquals(6, whole.length());
            Verify.arrays(new float[] {3, 4, 5, 6, 7, 8}, whole, Tolerance.exact());
            src.position(2);
            a.copyFrom(src);
            assertEquals(7, src.position());
            Verify.arrays(new float[] {2, 3, 4, 5, 6}, a, Tolerance.exact());
            FloatBuffer few = FloatBuffer.wrap(new float[] {10, 11, 12});
            a.copyFrom(few, 1, 2);
            assertEquals(2, few.position());
            Verify.arrays(new float[] {2, 10, 11, 5, 6}, a, Tolerance.exact());
            FloatBuffer out = FloatBuffer.allocate(8);
            out.position(1);
            a.copyTo(3, out, 2);
            assertEquals(3, out.position());
            Verify.arrays(new float[] {0, 5, 6, 0, 0, 0, 0, 0}, out.array(), Tolerance.exact());
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect(40).order(ByteOrder.nativeOrder());
        for (long i = 0; i < 5; i++) bytes.putLong(i * 3 + 1);
        bytes.position(8);
        try (LongArray a = acc.allocLongs(3)) {
            a.copyFrom(bytes);
            assertEquals(32, bytes.position(), "a ByteBuffer's position advances by bytes");
            Verify.arrays(new long[] {4, 7, 10}, a, Tolerance.exact());
            bytes.clear();
            a.copyTo(bytes);
            assertEquals(24, bytes.position());
            assertEquals(4, bytes.getLong(0));
            assertEquals(10, bytes.getLong(16));
            assertEquals(10, bytes.getLong(24), "bytes after the download are untouched");
            assertEquals(13, bytes.getLong(32));
        }
    }

    @EveryDevice
    void badBuffersAreRefusedBeforeAnythingMoves(Accelerator acc) {
        try (IntArray a = acc.upload(new int[] {1, 2, 3, 4})) {
            IntBuffer ro = IntBuffer.allocate(4).asReadOnlyBuffer();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.copyTo(ro));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            assertEquals(0, ro.position());
            IntBuffer shortOne = IntBuffer.allocate(3);
            IndexOutOfBoundsException s = assertThrows(IndexOutOfBoundsException.class, () -> a.copyFrom(shortOne));
            assertTrue(s.getMessage().contains("4 elements needed"), s.getMessage());
            assertEquals(0, shortOne.position());
            assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(IntBuffer.allocate(3)));
            assertThrows(IndexOutOfBoundsException.class, () -> a.copyFrom(IntBuffer.allocate(3), 2, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(-1, IntBuffer.allocate(3), 1));
            ByteBuffer big = ByteBuffer.allocateDirect(16);  // BIG_ENDIAN, the JDK default
            if (ByteOrder.nativeOrder() != ByteOrder.BIG_ENDIAN) {
                IllegalArgumentException o = assertThrows(IllegalArgumentException.class, () -> a.copyFrom(big));
                assertTrue(o.getMessage().contains("order(ByteOrder.nativeOrder())"), o.getMessage());
            }
            ByteBuffer few = ByteBuffer.allocate(15).order(ByteOrder.nativeOrder());
            IndexOutOfBoundsException b = assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(few));
            assertTrue(b.getMessage().contains("need 16 bytes"), b.getMessage());
            assertThrows(NullPointerException.class, () -> a.copyFrom((IntBuffer) null));
            assertThrows(NullPointerException.class, () -> acc.upload((IntBuffer) null));
            Verify.arrays(new int[] {1, 2, 3, 4}, a, Tolerance.exact());
            a.close();
            assertThrows(IllegalStateException.class, () -> a.copyFrom(IntBuffer.allocate(4)));
            assertThrows(IllegalStateException.class, () -> a.copyTo(IntBuffer.allocate(4)));
        }
    }
}
