package org.gpu4j;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One declared parameter of a kernel, as the backend reports it (OpenCL: {@code clGetKernelArgInfo}; CUDA and the
 * Java CPU backend: read from the source's declaration, or declared with
 * {@link KernelSource#withJava(String, String, JavaKernel)}). {@code type} is the C spelling without qualifiers
 * ({@code float*}, {@code int}).
 *
 * <p><b>What each type takes.</b> A scalar {@code float} takes a {@code Float}, {@code double} a {@code Double},
 * {@code int}/{@code uint} an {@code Integer}, {@code long}/{@code ulong}/{@code long long} a {@code Long},
 * {@code short}/{@code ushort} a {@code Short}, {@code char}/{@code uchar} a {@code Byte}; exactly that box, no
 * widening. {@code half}, {@code bool} and vector types ({@code float4}, {@code int2}...) cannot be passed as
 * scalars: a launch is refused in Java (the driver would answer {@code CL_INVALID_ARG_SIZE}). A pointer to
 * {@code float}, {@code double}, {@code int} or {@code long}, or to a vector of one of them ({@code float4*}), takes
 * the array of that element type; a pointer to a type gpu4j has no array of ({@code short*}, {@code uchar*},
 * {@code half*}, {@code void*}) takes any array, reinterpreted unchecked. Type names gpu4j does not know (typedefs,
 * macros, structs) are not checked.
 *
 * @param index     0-based position (error messages count from 1: see {@link Kernel})
 * @param name      the parameter's name, or {@code arg<index>} when unknown
 * @param typeName  C type name, e.g. {@code float*}, {@code double}, {@code int}
 * @param local     true for {@code __local} pointers, which take a {@link LocalMemory} argument
 * @param readOnly  true for a pointer the kernel only reads: declared {@code const T*}, or in OpenCL's
 *                  {@code __constant} address space. Read-only arguments may overlap each other; see {@link Kernel}
 */
public record KernelParam(int index, String name, String typeName, boolean local, boolean readOnly) {
    private static final Pattern VECTOR = Pattern.compile(
            "(u?char|u?short|u?int|u?long|half|float|double)(2|3|4|8|16)");

    /** A parameter that is not known to be read-only. */
    public KernelParam(int index, String name, String typeName, boolean local) {
        this(index, name, typeName, local, false);
    }

    /** True when the parameter is a pointer (global/constant/local). */
    public boolean isPointer() { return typeName.endsWith("*"); }

    /** For a pointer, the element type it points to ({@code float*} gives FLOAT); for a scalar, its type; null if neither is known. */
    public ElementType elementType() {
        return scalarElement(base());
    }

    /** The parameter as it would be declared, e.g. {@code const float* x}, {@code local float* tmp}, {@code int n}. */
    public String declaration() {
        return (local ? "local " : "") + (readOnly ? "const " : "") + typeName + " " + name;
    }

    /** The type without pointer star, qualifiers or extra spaces: {@code unsigned int}, {@code float4}. */
    String base() {
        // every launch checks its scalars against their parameters: two regular expressions per call (compiled anew
        // by replaceAll) were a measurable part of a launch, so the few distinct type names are normalised once
        String b = BASES.get(typeName);
        if (b == null) {
            b = QUALIFIERS.matcher(typeName.replace("*", " ")).replaceAll(" ");
            b = SPACES.matcher(b).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
            if (BASES.size() < 4096) BASES.put(typeName, b);
        }
        return b;
    }

    private static final Pattern QUALIFIERS = Pattern.compile("\\b(const|volatile|restrict|__restrict__|__restrict)\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** base() by type name (bounded: type names come from kernel sources). */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> BASES = new java.util.concurrent.ConcurrentHashMap<>();

    private static ElementType scalarElement(String t) {
        return switch (t) {
            case "float" -> ElementType.FLOAT;
            case "double" -> ElementType.DOUBLE;
            case "int", "uint", "unsigned int", "unsigned", "signed", "signed int", "int32_t", "uint32_t" -> ElementType.INT;
            case "long", "ulong", "unsigned long", "long long", "unsigned long long", "long int", "long long int",
                    "int64_t", "uint64_t", "size_t" -> ElementType.LONG;
            default -> null;
        };
    }

    /**
     * The boxed class a scalar of this type takes ({@code Float}, {@code Double}, {@code Integer}, {@code Long},
     * {@code Short}, {@code Byte}), or null when gpu4j cannot pass it or does not know the type (see
     * {@link #unsupportedScalar()} for which).
     */
    Class<?> scalarClass() {
        String t = base();
        ElementType et = scalarElement(t);
        if (et != null) {
            return switch (et) {
                case FLOAT -> Float.class;
                case DOUBLE -> Double.class;
                case INT -> Integer.class;
                case LONG -> Long.class;
            };
        }
        return switch (t) {
            case "short", "ushort", "unsigned short", "short int", "int16_t", "uint16_t" -> Short.class;
            case "char", "uchar", "unsigned char", "signed char", "signedchar", "int8_t", "uint8_t" -> Byte.class;
            default -> null;
        };
    }

    /** Why a scalar of this type cannot be passed from Java (half, bool, vector types), or null when it can or is unknown. */
    String unsupportedScalar() {
        String t = base();
        if (t.equals("half")) {
            return "half has no Java type gpu4j can pass; declare the parameter float (and convert in the kernel)";
        }
        if (t.equals("bool") || t.equals("_bool")) {
            return "bool has no portable size (OpenCL does not allow it as a kernel parameter); declare it int";
        }
        Matcher m = VECTOR.matcher(t);
        if (m.matches()) {
            return "vector types cannot be passed from Java; pass its " + m.group(2) + " components as separate "
                    + m.group(1) + " parameters, or its elements in an array";
        }
        return null;
    }

    /**
     * For a pointer, the element type of the gpu4j array it takes: its pointee's type, or the component type of a
     * vector pointee ({@code float4*} takes a FloatArray); null when any array is accepted.
     */
    ElementType arrayElement() {
        String t = base();
        ElementType et = scalarElement(t);
        if (et != null) return et;
        Matcher m = VECTOR.matcher(t);
        return m.matches() ? scalarElement(m.group(1)) : null;
    }

    /** True when this scalar type is one gpu4j knows (so a wrong box can be refused); false for typedefs and structs. */
    boolean knownScalar() { return scalarClass() != null || unsupportedScalar() != null; }
}
