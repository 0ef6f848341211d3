package org.gpu4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The source of a program in one or more dialects, plus optional Java implementations of its kernels, so the same
 * launch code runs on every backend: OpenCL builds the {@code .cl} text, CUDA loads the {@code .ptx} or compiles the
 * {@code .cu}, and the Java CPU backend runs the {@link JavaKernel}s.
 *
 * <p>Sources are immutable values; {@link #withOpenCL}, {@link #withCuda} and {@link #withJava} return new ones.
 *
 * {@snippet :
 * KernelSource src = KernelSource.resource("vector_add")          // org/gpu4j/kernels/vector_add.cl, .cu, .ptx
 *         .withJava("vector_add", (id, a) -> { ... });
 * KernelSource inline = KernelSource.opencl("scale", "__kernel void scale(__global float* x, float s, int n) { ... }");
 * }
 */
public final class KernelSource {
    /** The classpath folder of the shared kernel files. */
    public static final String RESOURCE_ROOT = "org/gpu4j/kernels/";

    private final String name;
    private final Map<Dialect, String> texts;
    private final Map<String, JavaKernel> javaKernels;
    private final Map<String, List<KernelParam>> javaParams;

    private KernelSource(String name, Map<Dialect, String> texts, Map<String, JavaKernel> javaKernels,
                         Map<String, List<KernelParam>> javaParams) {
        this.name = Objects.requireNonNull(name, "name");
        this.texts = Collections.unmodifiableMap(texts);
        this.javaKernels = Collections.unmodifiableMap(javaKernels);
        this.javaParams = Collections.unmodifiableMap(javaParams);
    }

    /** An empty source (no dialect yet) to build up with {@code with...}. */
    public static KernelSource named(String name) {
        return new KernelSource(name, new EnumMap<>(Dialect.class), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** An OpenCL C source. */
    public static KernelSource opencl(String name, String text) { return named(name).withOpenCL(text); }

    /** A CUDA C source (kernels declared {@code extern "C" __global__}). */
    public static KernelSource cuda(String name, String text) { return named(name).withCuda(text); }

    /**
     * Loads {@code org/gpu4j/kernels/<baseName>.cl}, {@code .cu} and {@code .ptx} from the classpath, whichever exist.
     *
     * @throws IllegalArgumentException if none exists
     */
    public static KernelSource resource(String baseName) {
        return resource(RESOURCE_ROOT, baseName);
    }

    /** Loads {@code <folder>/<baseName>.cl/.cu/.ptx} from the classpath; {@code folder} ends with '/'. */
    public static KernelSource resource(String folder, String baseName) {
        Objects.requireNonNull(baseName, "baseName");
        Map<Dialect, String> texts = new EnumMap<>(Dialect.class);
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) cl = KernelSource.class.getClassLoader();
        for (Dialect d : Dialect.values()) {
            String path = folder + baseName + d.extension();
            InputStream found = cl.getResourceAsStream(path);
            if (found == null) found = KernelSource.class.getClassLoader().getResourceAsStream(path);
            if (found == null) continue;
            try (InputStream in = found) {
                texts.put(d, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kernel resource " + path, e);
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no kernel resource " + folder + baseName + ".cl, .cu or .ptx on the classpath");
        }
        return new KernelSource(baseName, texts, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** Reads a kernel file; its dialect comes from its extension ({@code .cl}, {@code .cu}, {@code .ptx}). */
    public static KernelSource file(Path path) {
        String fn = path.getFileName().toString();
        for (Dialect d : Dialect.values()) {
            if (fn.endsWith(d.extension())) {
                try {
                    String text = Files.readString(path);
                    return named(fn.substring(0, fn.length() - d.extension().length())).with(d, text);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read kernel file " + path, e);
                }
            }
        }
        throw new IllegalArgumentException("kernel file " + path + " has no known extension (.cl, .cu, .ptx)");
    }

    /** This source with the given text for one dialect. */
    public KernelSource with(Dialect dialect, String text) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(text, "text");
        Map<Dialect, String> t = new EnumMap<>(Dialect.class);
        t.putAll(texts);
        t.put(dialect, text);
        return new KernelSource(name, t, new LinkedHashMap<>(javaKernels), new LinkedHashMap<>(javaParams));
    }

    public KernelSource withOpenCL(String text) { return with(Dialect.OPENCL, text); }
    public KernelSource withCuda(String text) { return with(Dialect.CUDA, text); }

    /**
     * This source with a Java implementation of the kernel {@code kernelName}, for the Java CPU backend. Its
     * parameters are the ones the source's OpenCL C (else CUDA C) text declares for that kernel; when the source has
     * no such text, declare them with {@link #withJava(String, String, JavaKernel)}, or launches are checked only
     * when the kernel reads an argument ({@link KernelArgs} accessors refuse a value of another type).
     */
    public KernelSource withJava(String kernelName, JavaKernel kernel) {
        return withJava(kernelName, null, kernel);
    }

    /**
     * This source with a Java implementation of the kernel {@code kernelName} whose parameters are declared as in C,
     * e.g. {@code "const float* x, float* y, int n"}: every launch is checked against them before the kernel runs
     * ({@link Kernel#params()}), as on the other backends. Scalars are {@code float}, {@code double}, {@code int},
     * {@code long}, {@code short} and {@code char} (read with {@link KernelArgs#floatValue}, {@code doubleValue},
     * {@code intValue}, {@code longValue}); arrays are {@code float*}, {@code double*}, {@code int*}, {@code long*},
     * {@code const} when the kernel only reads them (which lets the array overlap another read-only argument, see
     * {@link Kernel}); {@code local T*} takes a {@link LocalMemory}, which a Java kernel ignores. When the source also
     * has OpenCL C or CUDA C text declaring the kernel, the Java CPU backend refuses to build it unless both
     * declarations agree.
     *
     * @param parameters the parameter list, {@code ""} for none; null to take it from the source's text
     * @throws IllegalArgumentException for a parameter list that does not parse, or a type a Java kernel cannot take
     */
    public KernelSource withJava(String kernelName, String parameters, JavaKernel kernel) {
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(kernel, "kernel");
        Map<String, List<KernelParam>> ps = new LinkedHashMap<>(javaParams);
        ps.remove(kernelName);
        if (parameters != null) ps.put(kernelName, javaDeclaration(kernelName, parameters));
        Map<String, JavaKernel> j = new LinkedHashMap<>(javaKernels);
        j.put(kernelName, kernel);
        Map<Dialect, String> t = new EnumMap<>(Dialect.class);
        t.putAll(texts);
        return new KernelSource(name, t, j, ps);
    }

    private static List<KernelParam> javaDeclaration(String kernelName, String parameters) {
        List<KernelParam> ps;
        try {
            ps = org.gpu4j.spi.KernelSignatures.parameters(parameters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameters of Java kernel '" + kernelName + "': " + e.getMessage(), e);
        }
        for (KernelParam p : ps) {
            boolean ok = p.local() || (p.isPointer() ? p.elementType() != null && p.typeName().indexOf('*') == p.typeName().length() - 1
                    : p.scalarClass() != null);
            if (!ok) {
                throw new IllegalArgumentException("parameter " + (p.index() + 1) + " '" + p.declaration() + "' of Java kernel '"
                        + kernelName + "': a Java kernel takes float, double, int, long, short or char scalars and"
                        + " float*, double*, int* or long* arrays" + (p.unsupportedScalar() != null ? " (" + p.unsupportedScalar() + ")" : ""));
            }
        }
        return ps;
    }

    public String name() { return name; }
    /** The text of one dialect, or null. */
    public String text(Dialect d) { return texts.get(d); }
    public boolean has(Dialect d) { return texts.containsKey(d); }
    public Map<Dialect, String> texts() { return texts; }
    public Map<String, JavaKernel> javaKernels() { return javaKernels; }

    /**
     * The parameters declared for a Java kernel with {@link #withJava(String, String, JavaKernel)}, or null when it
     * was given none (then they come from the source's OpenCL C or CUDA C text, if any).
     */
    public List<KernelParam> javaParams(String kernelName) { return javaParams.get(kernelName); }

    /** SHA-256 of one dialect's text, hex; the key of compiled-program caches. */
    public String hash(Dialect d) {
        String t = texts.get(d);
        if (t == null) return null;
        return sha256(t);
    }

    /** Hex SHA-256 of a string. */
    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public String toString() {
        return "KernelSource[" + name + " " + texts.keySet() + (javaKernels.isEmpty() ? "" : " java" + javaKernels.keySet()) + "]";
    }
}
