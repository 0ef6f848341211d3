package org.gpu4j;

/**
 * One declared parameter of a kernel, as the backend reports it (OpenCL: {@code clGetKernelArgInfo}; generated
 * kernels: from their declaration). {@code type} is the C spelling without qualifiers ({@code float*}, {@code int}).
 *
 * @param index     0-based position
 * @param name      the parameter's name, or {@code arg<index>} when unknown
 * @param typeName  C type name, e.g. {@code float*}, {@code double}, {@code int}
 * @param local     true for {@code __local} pointers, which take a {@link LocalMemory} argument
 */
public record KernelParam(int index, String name, String typeName, boolean local) {
    /** True when the parameter is a pointer (global/constant/local). */
    public boolean isPointer() { return typeName.endsWith("*"); }

    /** For a pointer, the element type it points to ({@code float*} gives FLOAT); for a scalar, its type; null if neither is known. */
    public ElementType elementType() {
        String t = typeName.replace("*", "").replace("const", "").replace("unsigned", "").trim();
        return switch (t) {
            case "float" -> ElementType.FLOAT;
            case "double" -> ElementType.DOUBLE;
            case "int", "uint" -> ElementType.INT;
            case "long", "ulong", "long long", "size_t" -> ElementType.LONG;
            default -> null;
        };
    }
}
