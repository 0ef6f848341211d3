package org.gpu4j.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gpu4j.KernelParam;

/**
 * Reads kernel declarations out of OpenCL C ({@code __kernel void f(...)}) and CUDA C ({@code __global__ void f(...)})
 * text, for backends that cannot ask the driver (CUDA, the Java CPU backend running a source's Java twin).
 * A light scanner, not a compiler: comments are skipped, macros are not expanded; kernels it cannot read are omitted.
 */
public final class KernelSignatures {
    private static final Pattern KERNEL = Pattern.compile(
            "(?:__kernel|\\bkernel|__global__)\\s+(?:__attribute__\\s*\\(\\(.*?\\)\\)\\s*)?void\\s+(?:__launch_bounds__\\s*\\([^)]*\\)\\s*)?([A-Za-z_]\\w*)\\s*\\(([^)]*)\\)",
            Pattern.DOTALL);

    private KernelSignatures() {}

    /** Kernel name to declared parameters, in source order. */
    public static Map<String, List<KernelParam>> parse(String source) {
        Map<String, List<KernelParam>> out = new LinkedHashMap<>();
        if (source == null) return out;
        String text = stripComments(source);
        Matcher m = KERNEL.matcher(text);
        while (m.find()) {
            List<KernelParam> params = parseParams(m.group(2));
            if (params != null) out.put(m.group(1), params);
        }
        return out;
    }

    /**
     * Parses a parameter list written as in a kernel declaration, e.g. {@code "const float* x, float* y, int n"}
     * (address-space qualifiers such as {@code __global} and {@code __local} are understood; an empty list or
     * {@code void} has no parameters).
     *
     * @throws IllegalArgumentException naming the parameter it cannot read
     */
    public static List<KernelParam> parameters(String list) {
        java.util.Objects.requireNonNull(list, "parameters");
        List<KernelParam> params = parseParams(list);
        if (params == null) {
            String[] parts = list.split(",");
            for (int i = 0; i < parts.length; i++) {
                if (parseParams(parts[i]) == null) {
                    throw new IllegalArgumentException("parameter " + (i + 1) + " '" + parts[i].trim() + "' of \""
                            + list + "\" is not a declaration like 'float* x' or 'int n'");
                }
            }
            throw new IllegalArgumentException("\"" + list + "\" is not a parameter list like 'float* x, int n'");
        }
        return List.copyOf(params);
    }

    private static final Pattern NAME = Pattern.compile("^(.*?)([A-Za-z_]\\w*)\\s*(\\[\\s*\\])?$");

    private static List<KernelParam> parseParams(String list) {
        List<KernelParam> params = new ArrayList<>();
        String trimmed = list.trim();
        if (trimmed.isEmpty() || trimmed.equals("void")) return params;
        String[] parts = trimmed.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].replaceAll("\\s+", " ").trim();
            boolean local = p.matches(".*\\b(__local|local)\\b.*");
            boolean constantSpace = p.matches(".*\\b(__constant|constant)\\b.*");
            // const before the (last) '*' or '[' qualifies the pointee: the kernel only reads through it
            int star = Math.max(p.lastIndexOf('*'), p.lastIndexOf('['));
            boolean constPointee = star > 0 && p.substring(0, star).matches(".*\\bconst\\b.*");
            p = p.replaceAll("\\b(__global|global|__local|local|__constant|constant|const|volatile|__restrict__|restrict|__restrict|__private|private|__read_only|__write_only)\\b", " ")
                    .replaceAll("\\s+", " ").trim();
            Matcher nm = NAME.matcher(p);
            if (!nm.matches()) return null;
            String type = nm.group(1).replace(" ", "");
            if (nm.group(3) != null) type += "*";
            if (type.isEmpty() || type.replace("*", "").isEmpty()) return null;
            type = type.replace("longlong", "long long").replace("unsigned", "unsigned ");
            boolean pointer = type.endsWith("*");
            params.add(new KernelParam(i, nm.group(2), type.trim(), local, pointer && (constPointee || constantSpace)));
        }
        return params;
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
