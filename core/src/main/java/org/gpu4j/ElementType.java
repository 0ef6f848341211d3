package org.gpu4j;

/**
 * The element types a device array can hold, with their sizes and their names in each kernel dialect.
 *
 * <p>OpenCL C's {@code long} and CUDA's {@code long long} are both 64-bit, like Java's {@code long};
 * integer arithmetic wraps on overflow on every backend, as it does in Java.
 */
public enum ElementType {
    FLOAT(4, "float", "float", "f32"),
    DOUBLE(8, "double", "double", "f64"),
    INT(4, "int", "int", "i32"),
    LONG(8, "long", "long long", "i64");

    private final int bytes;
    private final String openclName;
    private final String cudaName;
    private final String suffix;

    ElementType(int bytes, String openclName, String cudaName, String suffix) {
        this.bytes = bytes;
        this.openclName = openclName;
        this.cudaName = cudaName;
        this.suffix = suffix;
    }

    /** Size of one element in bytes. */
    public int bytes() { return bytes; }

    /** The type's name in OpenCL C ({@code float}, {@code long}...). */
    public String openclName() { return openclName; }

    /** The type's name in CUDA C ({@code float}, {@code long long}...). */
    public String cudaName() { return cudaName; }

    /** The suffix built-in kernel entry points carry for this type: {@code f32}, {@code f64}, {@code i32}, {@code i64}. */
    public String suffix() { return suffix; }

    /** True for FLOAT and DOUBLE. */
    public boolean isFloatingPoint() { return this == FLOAT || this == DOUBLE; }

    /** The element type of a Java primitive array class ({@code float[]} gives FLOAT), or null. */
    public static ElementType ofJavaArray(Object array) {
        if (array instanceof float[]) return FLOAT;
        if (array instanceof double[]) return DOUBLE;
        if (array instanceof int[]) return INT;
        if (array instanceof long[]) return LONG;
        return null;
    }
}
