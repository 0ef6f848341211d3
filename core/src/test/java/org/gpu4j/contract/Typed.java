package org.gpu4j.contract;


import java.util.Random;
import java.util.function.Supplier;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.LongArray;
import org.gpu4j.junit.Tolerance;
import org.gpu4j.junit.Verify;

/** The typed operations of the four array types, behind one element-type switch, so each test covers all four. */
final class Typed {
    private Typed() {}

    /** A Java array of {@code n} elements of {@code t}. */
    static Object newArray(ElementType t, int n) {
        return switch (t) {
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
            case INT -> new int[n];
            case LONG -> new long[n];
        };
    }

    /**
     * Random data over the whole range of the type; floating point data includes NaN, infinities, -0 and subnormals
     * near the start so copies are seen to keep every bit.
     */
    static Object random(ElementType t, int n, Random r) {
        Object a = newArray(t, n);
        switch (t) {
            case FLOAT -> {
                float[] f = (float[]) a;
                float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE, Float.MAX_VALUE};
                for (int i = 0; i < n; i++) f[i] = i < special.length ? special[i] : Float.intBitsToFloat(r.nextInt());
            }
            case DOUBLE -> {
                double[] d = (double[]) a;
                double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0d, Double.MIN_VALUE, Double.MAX_VALUE};
                for (int i = 0; i < n; i++) d[i] = i < special.length ? special[i] : Double.longBitsToDouble(r.nextLong());
            }
            case INT -> {
                int[] v = (int[]) a;
                for (int i = 0; i < n; i++) v[i] = r.nextInt();
            }
            case LONG -> {
                long[] v = (long[]) a;
                for (int i = 0; i < n; i++) v[i] = r.nextLong();
            }
        }
        return a;
    }

    static DeviceArray upload(Accelerator acc, Object data) {
        if (data instanceof float[] f) return acc.upload(f);
        if (data instanceof double[] d) return acc.upload(d);
        if (data instanceof int[] i) return acc.upload(i);
        return acc.upload((long[]) data);
    }

    static Object toArray(DeviceArray a) {
        if (a instanceof FloatArray f) return f.toArray();
        if (a instanceof DoubleArray d) return d.toArray();
        if (a instanceof IntArray i) return i.toArray();
        return ((LongArray) a).toArray();
    }

    static void copyFrom(DeviceArray a, Object src) {
        if (a instanceof FloatArray f) f.copyFrom((float[]) src);
        else if (a instanceof DoubleArray d) d.copyFrom((double[]) src);
        else if (a instanceof IntArray i) i.copyFrom((int[]) src);
        else ((LongArray) a).copyFrom((long[]) src);
    }

    static void copyFrom(DeviceArray a, Object src, int srcOffset, long dstOffset, int count) {
        if (a instanceof FloatArray f) f.copyFrom((float[]) src, srcOffset, dstOffset, count);
        else if (a instanceof DoubleArray d) d.copyFrom((double[]) src, srcOffset, dstOffset, count);
        else if (a instanceof IntArray i) i.copyFrom((int[]) src, srcOffset, dstOffset, count);
        else ((LongArray) a).copyFrom((long[]) src, srcOffset, dstOffset, count);
    }

    static void copyTo(DeviceArray a, Object dst) {
        if (a instanceof FloatArray f) f.copyTo((float[]) dst);
        else if (a instanceof DoubleArray d) d.copyTo((double[]) dst);
        else if (a instanceof IntArray i) i.copyTo((int[]) dst);
        else ((LongArray) a).copyTo((long[]) dst);
    }

    static void copyTo(DeviceArray a, long srcOffset, Object dst, int dstOffset, int count) {
        if (a instanceof FloatArray f) f.copyTo(srcOffset, (float[]) dst, dstOffset, count);
        else if (a instanceof DoubleArray d) d.copyTo(srcOffset, (double[]) dst, dstOffset, count);
        else if (a instanceof IntArray i) i.copyTo(srcOffset, (int[]) dst, dstOffset, count);
        else ((LongArray) a).copyTo(srcOffset, (long[]) dst, dstOffset, count);
    }

    /** One element, boxed. */
    static Object get(DeviceArray a, long index) {
        if (a instanceof FloatArray f) return f.get(index);
        if (a instanceof DoubleArray d) return d.get(index);
        if (a instanceof IntArray i) return i.get(index);
        return ((LongArray) a).get(index);
    }

    /** Element {@code i} of a Java array, boxed. */
    static Object element(Object array, int i) {
        return java.lang.reflect.Array.get(array, i);
    }

    static void fill(DeviceArray a, Object boxed) {
        if (a instanceof FloatArray f) f.fill((Float) boxed);
        else if (a instanceof DoubleArray d) d.fill((Double) boxed);
        else if (a instanceof IntArray i) i.fill((Integer) boxed);
        else ((LongArray) a).fill((Long) boxed);
    }

    /** Fills a Java array range, like {@link java.util.Arrays#fill}. */
    static void fill(Object array, int from, int to, Object boxed) {
        for (int i = from; i < to; i++) java.lang.reflect.Array.set(array, i, boxed);
    }

    /** A value whose bit pattern is easy to get wrong: -0, NaN payload-free NaN, the most negative integers. */
    static Object awkwardValue(ElementType t) {
        return switch (t) {
            case FLOAT -> -0f;
            case DOUBLE -> Double.NEGATIVE_INFINITY;
            case INT -> Integer.MIN_VALUE;
            case LONG -> Long.MIN_VALUE + 1; // 0x8000000000000001: both halves of the 64-bit word matter
        };
    }

    static DeviceArray slice(DeviceArray a, long from, long count) {
        if (a instanceof FloatArray f) return f.slice(from, count);
        if (a instanceof DoubleArray d) return d.slice(from, count);
        if (a instanceof IntArray i) return i.slice(from, count);
        return ((LongArray) a).slice(from, count);
    }

    /** A sub-range of a Java array. */
    static Object range(Object array, int from, int count) {
        Object out = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), count);
        System.arraycopy(array, from, out, 0, count);
        return out;
    }

    /**
     * Bit-exact equality (floats compared by their bits, so NaN equals NaN and -0 differs from 0), by gpu4j-junit's
     * {@link Verify}: a failure gives the number of mismatches and the first ones with both values.
     */
    static void assertData(Object expected, Object actual, Supplier<String> message) {
        try {
            Verify.arrays(expected, actual, Tolerance.exact());
        } catch (AssertionError e) {
            throw new AssertionError(message.get() + " ==> " + e.getMessage(), e);
        }
    }

    /** Another element type than {@code t}. */
    static ElementType other(ElementType t) {
        return t == ElementType.INT ? ElementType.FLOAT : ElementType.INT;
    }
}
