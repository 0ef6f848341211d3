package org.gpu4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.gpu4j.spi.BackendInfo;

/**
 * An immutable description of one compute device of one backend.
 *
 * <p>{@link #backend()} is the backend's id ({@code cpu}, {@code opencl}, {@code cuda}), and
 * {@link #backendInfo()} everything the backend declares about itself (display name, preference rank, kernel
 * dialects, whether it runs Java kernels); {@link #index()}
 * numbers the backend's devices from 0 in discovery order, so {@code opencl:1} selects the second OpenCL device.
 * Backend-specific facts (platform, OpenCL C version, compute capability, clocks...) are in {@link #properties()},
 * in a stable order, for display.
 *
 * {@snippet :
 * for (Device d : Gpu4j.devices()) System.out.println(d.id() + "  " + d);
 * }
 */
public final class Device {
    private final BackendInfo backendInfo;
    private final String backend;
    private final int index;
    private final String name;
    private final String vendor;
    private final DeviceType type;
    private final int computeUnits;
    private final long globalMemory;
    private final long localMemory;
    private final long maxAllocation;
    private final long maxWorkGroupSize;
    private final boolean fp64;
    private final Map<String, String> properties;

    private Device(Builder b) {
        this.backendInfo = Objects.requireNonNull(b.backend, "backend");
        this.backend = backendInfo.id();
        this.index = b.index;
        this.name = Objects.requireNonNull(b.name, "name");
        this.vendor = b.vendor == null ? "" : b.vendor;
        this.type = Objects.requireNonNull(b.type, "type");
        this.computeUnits = b.computeUnits;
        this.globalMemory = b.globalMemory;
        this.localMemory = b.localMemory;
        this.maxAllocation = b.maxAllocation;
        this.maxWorkGroupSize = b.maxWorkGroupSize;
        this.fp64 = b.fp64;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    /** Starts a description; for backends, which pass their own {@link org.gpu4j.spi.BackendProvider#info()}. */
    public static Builder builder(BackendInfo backend, int index, String name, DeviceType type) {
        return new Builder(backend, index, name, type);
    }

    /** The backend's id ({@code opencl}): {@code backendInfo().id()}. */
    public String backend() { return backend; }
    /** What the device's backend declares about itself. */
    public BackendInfo backendInfo() { return backendInfo; }
    public int index() { return index; }
    /** {@code backend:index}, the selector that opens exactly this device. */
    public String id() { return backend + ":" + index; }
    public String name() { return name; }
    public String vendor() { return vendor; }
    public DeviceType type() { return type; }
    public int computeUnits() { return computeUnits; }
    /** Global memory in bytes. */
    public long globalMemory() { return globalMemory; }
    /** Local (OpenCL) or shared-per-block (CUDA) memory in bytes; 0 where the backend has none. */
    public long localMemory() { return localMemory; }
    /** Largest single allocation in bytes. */
    public long maxAllocation() { return maxAllocation; }
    /** Largest work-group (block) size. */
    public long maxWorkGroupSize() { return maxWorkGroupSize; }
    /** Whether the device computes in double precision. */
    public boolean fp64() { return fp64; }
    /** Whether the device has {@code c}: {@link #fp64()} for FP64, a non-zero {@link #localMemory()} for LOCAL_MEMORY. */
    public boolean supports(Capability c) {
        return switch (c) {
            case FP64 -> fp64;
            case LOCAL_MEMORY -> localMemory > 0;
        };
    }
    /** Backend-specific properties for display, in a stable order. */
    public Map<String, String> properties() { return properties; }

    /** Formats a byte count with one decimal: {@code 3.4 GiB}, {@code 64.0 KiB}. */
    public static String formatBytes(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * {@code OpenCL CPU 'pthread-skylake' · 2 CUs · 3.4 GiB}: the backend's display name and the device type (once:
     * {@code Java CPU}, not {@code Java CPU CPU}), the name, compute units and global memory.
     */
    @Override public String toString() {
        String shown = backendInfo.displayName();
        String t = type.toString();
        String label = shown.endsWith(" " + t) ? shown : shown + " " + t;
        return label + " '" + name + "' · " + computeUnits + " CUs · " + formatBytes(globalMemory);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Device d && d.backend.equals(backend) && d.index == index && d.name.equals(name);
    }

    @Override public int hashCode() { return Objects.hash(backend, index, name); }

    /** Builds a {@link Device}; used by backends. */
    public static final class Builder {
        private final BackendInfo backend;
        private final int index;
        private final String name;
        private final DeviceType type;
        private String vendor;
        private int computeUnits = 1;
        private long globalMemory;
        private long localMemory;
        private long maxAllocation;
        private long maxWorkGroupSize = 1;
        private boolean fp64 = true;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(BackendInfo backend, int index, String name, DeviceType type) {
            this.backend = backend;
            this.index = index;
            this.name = name;
            this.type = type;
        }

        public Builder vendor(String v) { this.vendor = v; return this; }
        public Builder computeUnits(int v) { this.computeUnits = v; return this; }
        public Builder globalMemory(long v) { this.globalMemory = v; return this; }
        public Builder localMemory(long v) { this.localMemory = v; return this; }
        public Builder maxAllocation(long v) { this.maxAllocation = v; return this; }
        public Builder maxWorkGroupSize(long v) { this.maxWorkGroupSize = v; return this; }
        public Builder fp64(boolean v) { this.fp64 = v; return this; }
        public Builder property(String key, Object value) { properties.put(key, String.valueOf(value)); return this; }
        public Device build() { return new Device(this); }
    }
}
