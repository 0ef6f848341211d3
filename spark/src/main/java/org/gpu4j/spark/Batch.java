package org.gpu4j.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.FloatArray;
import org.gpu4j.IntArray;
import org.gpu4j.LongArray;

/**
 * One partition's rows as device arrays: one array per {@link Columns column}, uploaded once. A scalar column holds
 * {@link #rows()} elements; an array column holds every row's elements one row after the other, row {@code r}'s at
 * {@code offsets[r] .. offsets[r + 1] - 1}.
 *
 * <p>Owned by {@link GpuSpark#mapBatches}: it closes the arrays when the function returns, so results must be
 * copied to the host (or into arrays the function allocates and closes) before then. Not for sharing between threads
 * beyond the function's own use of the arrays (which are thread-safe).
 */
public final class Batch implements AutoCloseable {
    private final Accelerator acc;
    private final int rows;
    private final Map<String, DeviceArray> arrays = new LinkedHashMap<>();
    private final Map<String, long[]> offsets = new LinkedHashMap<>();

    private Batch(Accelerator acc, int rows) {
        this.acc = acc;
        this.rows = rows;
    }

    /** Reads every row of {@code it} and uploads each column to {@code acc} once. */
    static <T> Batch of(Accelerator acc, Iterator<T> it, Columns<T> columns) {
        List<Columns.Column<T>> cols = columns.list();
        Buffer[] bufs = new Buffer[cols.size()];
        for (int c = 0; c < bufs.length; c++) bufs[c] = new Buffer(cols.get(c));
        int rows = 0;
        while (it.hasNext()) {
            T row = it.next();
            for (int c = 0; c < bufs.length; c++) bufs[c].add(cols.get(c).reader().read(row), rows);
            if (rows == Integer.MAX_VALUE) throw new IllegalArgumentException("a partition of more than 2^31 - 1 rows: repartition");
            rows++;
        }
        Batch b = new Batch(acc, rows);
        try {
            for (Buffer buf : bufs) {
                b.arrays.put(buf.col.name(), buf.upload(acc));
                if (buf.col.array()) b.offsets.put(buf.col.name(), Arrays.copyOf(buf.offsets, rows + 1));
            }
        } catch (RuntimeException | Error e) {
            b.close();
            throw e;
        }
        return b;
    }

    /** The accelerator the arrays live on. */
    public Accelerator accelerator() { return acc; }

    /** The partition's row count. */
    public int rows() { return rows; }

    /** The column names, in order. */
    public List<String> columns() { return List.copyOf(arrays.keySet()); }

    /** The device array of any column. */
    public DeviceArray array(String column) {
        DeviceArray a = arrays.get(column);
        if (a == null) throw new IllegalArgumentException("no column '" + column + "' in this batch (columns: " + arrays.keySet() + ")");
        return a;
    }

    private <A extends DeviceArray> A typed(String column, Class<A> type) {
        DeviceArray a = array(column);
        if (!type.isInstance(a)) {
            throw new IllegalArgumentException("column '" + column + "' is " + a.getClass().getSimpleName() + ", not " + type.getSimpleName());
        }
        return type.cast(a);
    }

    /** A float column's array. */
    public FloatArray floats(String column) { return typed(column, FloatArray.class); }
    /** A double column's array. */
    public DoubleArray doubles(String column) { return typed(column, DoubleArray.class); }
    /** An int column's array. */
    public IntArray ints(String column) { return typed(column, IntArray.class); }
    /** A long column's array. */
    public LongArray longs(String column) { return typed(column, LongArray.class); }

    /**
     * An array column's row offsets ({@code rows() + 1} values, the first 0, the last the element count), a copy.
     *
     * @throws IllegalArgumentException for a scalar or unknown column
     */
    public long[] offsets(String column) {
        array(column);
        long[] o = offsets.get(column);
        if (o == null) throw new IllegalArgumentException("column '" + column + "' holds one value per row: it has no offsets");
        return o.clone();
    }

    /** Closes every array (idempotent). */
    @Override public void close() {
        for (DeviceArray a : arrays.values()) {
            if (!a.isClosed()) a.close();
        }
    }

    @Override public String toString() { return "Batch[" + rows + " rows, " + arrays.keySet() + " on " + acc.device().id() + "]"; }

    /** A growable host array of one column. */
    private static final class Buffer {
        final Columns.Column<?> col;
        float[] f;
        double[] d;
        int[] i;
        long[] l;
        int size;
        long[] offsets = new long[16];

        Buffer(Columns.Column<?> col) {
            this.col = col;
            switch (col.type()) {
                case FLOAT -> f = new float[16];
                case DOUBLE -> d = new double[16];
                case INT -> i = new int[16];
                default -> l = new long[16];
            }
        }

        private void ensure(long need) {
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("column '" + col.name() + "' of one partition holds more than 2^31 - 9 elements: repartition");
            }
            int cap = capacity();
            if (need <= cap) return;
            int n = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * cap));
            switch (col.type()) {
                case FLOAT -> f = Arrays.copyOf(f, n);
                case DOUBLE -> d = Arrays.copyOf(d, n);
                case INT -> i = Arrays.copyOf(i, n);
                default -> l = Arrays.copyOf(l, n);
            }
        }

        private int capacity() {
            return switch (col.type()) {
                case FLOAT -> f.length;
                case DOUBLE -> d.length;
                case INT -> i.length;
                default -> l.length;
            };
        }

        void add(Object v, int row) {
            if (v == null) throw new IllegalArgumentException("column '" + col.name() + "' read null at row " + row);
            if (!col.array()) {
                ensure(size + 1L);
                if (!(v instanceof Number n)) {
                    throw new IllegalArgumentException("column '" + col.name() + "' read a " + v.getClass().getSimpleName() + " at row " + row + ", expected a number");
                }
                switch (col.type()) {
                    case FLOAT -> f[size] = n.floatValue();
                    case DOUBLE -> d[size] = n.doubleValue();
                    case INT -> i[size] = n.intValue();
                    default -> l[size] = n.longValue();
                }
                size++;
                return;
            }
            int len;
            switch (col.type()) {
                case FLOAT -> { float[] a = cast(v, float[].class, row); len = a.length; ensure((long) size + len); System.arraycopy(a, 0, f, size, len); }
                case DOUBLE -> { double[] a = cast(v, double[].class, row); len = a.length; ensure((long) size + len); System.arraycopy(a, 0, d, size, len); }
                case INT -> { int[] a = cast(v, int[].class, row); len = a.length; ensure((long) size + len); System.arraycopy(a, 0, i, size, len); }
                default -> { long[] a = cast(v, long[].class, row); len = a.length; ensure((long) size + len); System.arraycopy(a, 0, l, size, len); }
            }
            if (row + 2 > offsets.length) offsets = Arrays.copyOf(offsets, Math.max(row + 2, offsets.length * 2));
            size += len;
            offsets[row + 1] = size;
        }

        private <A> A cast(Object v, Class<A> type, int row) {
            if (!type.isInstance(v)) {
                throw new IllegalArgumentException("column '" + col.name() + "' read a " + v.getClass().getSimpleName()
                        + " at row " + row + ", expected " + type.getSimpleName());
            }
            return type.cast(v);
        }

        DeviceArray upload(Accelerator acc) {
            ElementType t = col.type();
            return switch (t) {
                case FLOAT -> acc.upload(Arrays.copyOf(f, size));
                case DOUBLE -> acc.upload(Arrays.copyOf(d, size));
                case INT -> acc.upload(Arrays.copyOf(i, size));
                default -> acc.upload(Arrays.copyOf(l, size));
            };
        }
    }
}
