package org.gpu4j.spi;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.gpu4j.Dialect;

/**
 * What a backend declares about itself, without touching any native library: the facts core needs to select it
 * and to shape work for it. Every {@link org.gpu4j.Device} carries its backend's description
 * ({@link org.gpu4j.Device#backendInfo()}), so core asks a device what it is rather than comparing names.
 *
 * {@snippet :
 * BackendInfo info = new BackendInfo("opencl", "OpenCL", 200, List.of(Dialect.OPENCL), false);
 * }
 *
 * @param id          the name used in selectors ({@code opencl} in {@code opencl:0}): lower-case letters, digits,
 *                    {@code _} or {@code -}, starting with a letter; never {@code auto}
 * @param displayName the name people read ({@code OpenCL}, {@code CUDA}, {@code Java CPU})
 * @param rank        preference under {@code auto}: the available backend with the lowest rank is chosen (the
 *                    built-in ones declare CUDA 100, OpenCL 200, Java CPU 1000)
 * @param dialects    the kernel languages the backend builds, in the order it prefers them (empty for a backend
 *                    that runs only Java kernels)
 * @param javaKernels whether the backend runs the {@link org.gpu4j.JavaKernel} twins of a source (the Java CPU
 *                    backend) rather than device code; core then shapes work for Java chunks and skips
 *                    local-memory tiling
 */
public record BackendInfo(String id, String displayName, int rank, List<Dialect> dialects, boolean javaKernels) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]*");

    public BackendInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        if (!ID.matcher(id).matches() || id.equals("auto")) {
            throw new IllegalArgumentException("backend id '" + id + "' must match " + ID.pattern() + " and not be 'auto'");
        }
        if (displayName.isBlank()) throw new IllegalArgumentException("backend " + id + " has a blank display name");
        dialects = List.copyOf(dialects);
    }

    /** Whether the backend builds sources written in {@code d}. */
    public boolean builds(Dialect d) { return dialects.contains(d); }
}
