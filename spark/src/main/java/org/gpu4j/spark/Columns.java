package org.gpu4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gpu4j.ElementType;

/**
 * Which columns a partition's rows are batched into: each column is a name, an element type ({@code float},
 * {@code double}, {@code int}, {@code long}), whether each row holds one value or an array of them, and a function
 * reading it from a row. {@link GpuSpark#mapBatches} gathers a partition's values of each column into one host array
 * and uploads it once; array columns are concatenated row after row, with {@link Batch#offsets(String)} saying
 * where each row's elements start.
 *
 * {@snippet :
 * Columns<float[]> cols = Columns.<float[]>of().floatArrays("x", row -> row);            // JavaRDD<float[]>
 * Columns<Point> pts = Columns.<Point>of().doubles("x", Point::x).doubles("y", Point::y); // JavaRDD<Point>
 * Columns<Row> fromSchema = Columns.of(dataset.schema());                                // Dataset<Row>
 * }
 *
 * <p>Immutable (each method returns a new value) and serializable, so it travels in a job's closure; the functions
 * given must be serializable (lambdas of these functional interfaces are).
 *
 * @param <T> the row type
 */
public final class Columns<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Reads a column's value (a boxed number, or a primitive array for an array column) from a row. */
    @FunctionalInterface public interface Reader<T> extends Serializable { Object read(T row); }
    /** Reads a float. */
    @FunctionalInterface public interface FloatReader<T> extends Serializable { float read(T row); }
    /** Reads a double. */
    @FunctionalInterface public interface DoubleReader<T> extends Serializable { double read(T row); }
    /** Reads an int. */
    @FunctionalInterface public interface IntReader<T> extends Serializable { int read(T row); }
    /** Reads a long. */
    @FunctionalInterface public interface LongReader<T> extends Serializable { long read(T row); }
    /** Reads an array. */
    @FunctionalInterface public interface ArrayReader<T, A> extends Serializable { A read(T row); }

    /** One column. */
    record Column<T>(String name, ElementType type, boolean array, Reader<T> reader) implements Serializable {}

    private final List<Column<T>> columns;

    private Columns(List<Column<T>> columns) { this.columns = columns; }

    /** No columns yet. */
    public static <T> Columns<T> of() { return new Columns<>(List.of()); }

    private Columns<T> with(String name, ElementType type, boolean array, Reader<T> reader) {
        Objects.requireNonNull(reader, "reader");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a column name must not be blank");
        for (Column<T> c : columns) {
            if (c.name().equals(name)) throw new IllegalArgumentException("column '" + name + "' is already defined");
        }
        List<Column<T>> l = new ArrayList<>(columns);
        l.add(new Column<>(name, type, array, reader));
        return new Columns<>(Collections.unmodifiableList(l));
    }

    /** A float column. */
    public Columns<T> floats(String name, FloatReader<T> r) { return with(name, ElementType.FLOAT, false, row -> r.read(row)); }
    /** A double column. */
    public Columns<T> doubles(String name, DoubleReader<T> r) { return with(name, ElementType.DOUBLE, false, row -> r.read(row)); }
    /** An int column. */
    public Columns<T> ints(String name, IntReader<T> r) { return with(name, ElementType.INT, false, row -> r.read(row)); }
    /** A long column. */
    public Columns<T> longs(String name, LongReader<T> r) { return with(name, ElementType.LONG, false, row -> r.read(row)); }
    /** A column of float arrays (any length per row). */
    public Columns<T> floatArrays(String name, ArrayReader<T, float[]> r) { return with(name, ElementType.FLOAT, true, r::read); }
    /** A column of double arrays. */
    public Columns<T> doubleArrays(String name, ArrayReader<T, double[]> r) { return with(name, ElementType.DOUBLE, true, r::read); }
    /** A column of int arrays. */
    public Columns<T> intArrays(String name, ArrayReader<T, int[]> r) { return with(name, ElementType.INT, true, r::read); }
    /** A column of long arrays. */
    public Columns<T> longArrays(String name, ArrayReader<T, long[]> r) { return with(name, ElementType.LONG, true, r::read); }

    /**
     * Every column of a Dataset's schema, by name: {@code float}, {@code double}, {@code int} and {@code long}
     * columns, and arrays of them. A null value (or null array element) in a batched row is an
     * {@link IllegalArgumentException} naming the column.
     *
     * @throws IllegalArgumentException for a column of another type (select the numeric columns first)
     */
    public static Columns<Row> of(StructType schema) {
        Columns<Row> c = of();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            StructField f = fields[i];
            DataType t = f.dataType();
            boolean array = t instanceof ArrayType;
            ElementType e = elementType(array ? ((ArrayType) t).elementType() : t);
            if (e == null) {
                throw new IllegalArgumentException("column '" + f.name() + "' has type " + t.simpleString()
                        + ": gpu4j-spark batches float, double, int and long columns and arrays of them");
            }
            final int index = i;
            final String name = f.name();
            Reader<Row> r = array ? row -> RowArrays.read(row, index, name, e) : row -> {
                if (row.isNullAt(index)) throw new IllegalArgumentException("column '" + name + "' is null in row " + row);
                return row.get(index);
            };
            c = c.with(name, e, array, r);
        }
        return c;
    }

    private static ElementType elementType(DataType t) {
        if (t.equals(DataTypes.FloatType)) return ElementType.FLOAT;
        if (t.equals(DataTypes.DoubleType)) return ElementType.DOUBLE;
        if (t.equals(DataTypes.IntegerType)) return ElementType.INT;
        if (t.equals(DataTypes.LongType)) return ElementType.LONG;
        return null;
    }

    /** The columns, in order. */
    List<Column<T>> list() { return columns; }

    /** The column names, in order. */
    public List<String> names() { return columns.stream().map(Column::name).toList(); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Columns[");
        for (Column<T> c : columns) {
            if (sb.length() > 8) sb.append(", ");
            sb.append(c.name()).append(": ").append(c.type().name().toLowerCase()).append(c.array() ? "[]" : "");
        }
        return sb.append(']').toString();
    }

    /** Reads array columns of Spark rows into primitive arrays. */
    private static final class RowArrays {
        static Object read(Row row, int index, String name, ElementType e) {
            if (row.isNullAt(index)) throw new IllegalArgumentException("column '" + name + "' is null in row " + row);
            List<Object> l = row.getList(index);
            int n = l.size();
            switch (e) {
                case FLOAT -> {
                    float[] a = new float[n];
                    for (int i = 0; i < n; i++) a[i] = ((Number) nonNull(l.get(i), name, i)).floatValue();
                    return a;
                }
                case DOUBLE -> {
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) a[i] = ((Number) nonNull(l.get(i), name, i)).doubleValue();
                    return a;
                }
                case INT -> {
                    int[] a = new int[n];
                    for (int i = 0; i < n; i++) a[i] = ((Number) nonNull(l.get(i), name, i)).intValue();
                    return a;
                }
                default -> {
                    long[] a = new long[n];
                    for (int i = 0; i < n; i++) a[i] = ((Number) nonNull(l.get(i), name, i)).longValue();
                    return a;
                }
            }
        }

        private static Object nonNull(Object v, String name, int i) {
            if (v == null) throw new IllegalArgumentException("column '" + name + "' has a null element at index " + i);
            return v;
        }
    }
}
