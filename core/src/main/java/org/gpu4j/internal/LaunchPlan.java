package org.gpu4j.internal;

import java.util.Locale;
import org.gpu4j.Device;
import org.gpu4j.DeviceType;
import org.gpu4j.Range;

/**
 * The one launch policy of every built-in op family (vectors, matrices, expression kernels, and the families that
 * follow): which kernel shape a device gets, and the work-group size and group counts of each kind of launch. Built
 * once per accelerator from its {@link Device} and what its backend declares (whether it runs Java twins, the device
 * type, the work-group limit); families ask it and hold no geometry rules of their own. Kernel-specific tile shapes
 * (a GEMM's 16x16 threads per 64x64 tile, a transpose's 32x8) stay with their kernels, which only ever run in the
 * {@link Shape#GPU} shape chosen here.
 *
 * <p>Shapes:
 * <ul>
 * <li>{@link Shape#JAVA}: the backend runs Java twins (the Java CPU backend). Each work-item is one contiguous chunk
 *     of the data; the twin computes its chunk from the global size, so any count works.</li>
 * <li>{@link Shape#CPU}: OpenCL/CUDA devices of type CPU (PoCL), and any device whose work-group limit is below
 *     {@link #GROUP} (where GPU-shaped kernels' fixed groups could not launch). One contiguous segment per work-item,
 *     work-groups of one, no local memory; kernels are built with {@link #CPU_DEFINE}.</li>
 * <li>{@link Shape#GPU}: grid-stride loops and tree reductions in work-groups of {@link #GROUP}.</li>
 * </ul>
 * The system property {@value #SHAPE_PROPERTY} ({@code gpu} or {@code cpu}) forces the shape on OpenCL/CUDA devices
 * that can run it, so that both shapes are tested on PoCL.
 */
public final class LaunchPlan {
    /** The kernel shapes. */
    public enum Shape { JAVA, CPU, GPU }

    /** System property forcing the shape on OpenCL/CUDA devices: {@code gpu} or {@code cpu} (for tests). */
    public static final String SHAPE_PROPERTY = "gpu4j.shape";
    /** Work-group size of every GPU-shaped kernel (a power of two; local arrays are sized by it). */
    public static final int GROUP = 256;
    /** Most work-groups a grid-stride launch uses: enough to fill any GPU, few enough that partials stay small. */
    public static final int MAX_GROUPS = 8192;
    /** Most partials of a GPU-shaped reduction or scan (one work-group of {@link #GROUP} reduces them). */
    public static final int MAX_PARTS = 1024;
    /**
     * System property choosing the sort method where both run ({@link Shape#JAVA} and {@link Shape#CPU}):
     * {@code radix} or {@code merge} (for benchmarks and tests; see {@link #sortMethod}).
     */
    public static final String SORT_METHOD_PROPERTY = "gpu4j.sort.method";
    /**
     * Most work-groups a 2-D built-in launch puts on y (GEMM's and transpose's row tiles): CUDA's grid limit in y.
     * The kernels loop over row tiles with the y grid's stride, so any row count runs on every backend.
     */
    public static final int MAX_GRID_Y = 65_535;
    /** The preprocessor symbol CPU-shaped kernel files test. */
    public static final String CPU_DEFINE = "-DGPU4J_CPU";

    /**
     * How much data a CPU-shaped work-item takes: {@link #STREAM} for the memory-bound built-ins (at least 16 Ki
     * elements per work-item, at most 8 per compute unit: measured on PoCL for vector add and reductions), and
     * {@link #FINE} for generated expression kernels (at least 4 Ki, at most 128 per compute unit: measured on PoCL
     * for {@code z = a*x + b*y}, 256 chunks beat 64 and one element per work-item).
     */
    public enum Grain {
        STREAM(16_384, 8), FINE(4096, 128);

        final long minPerItem;
        final int perUnit;

        Grain(long minPerItem, int perUnit) {
            this.minPerItem = minPerItem;
            this.perUnit = perUnit;
        }
    }

    /**
     * How {@code acc.sorting()} sorts: {@link #RADIX}, LSD radix passes over segments with one digit histogram each;
     * {@link #MERGE}, a stable sort of each segment on its own then merge passes whose work-items each write one
     * contiguous chunk of the output (merge path).
     */
    public enum SortMethod { RADIX, MERGE }

    private final Device device;
    private final Shape shape;
    private final SortMethod sortMethod;

    private LaunchPlan(Device device, Shape shape) {
        this.device = device;
        this.shape = shape;
        this.sortMethod = chooseSort(shape);
    }

    /**
     * The plan of {@code device}; {@code javaTwins} is what its backend declares
     * ({@link org.gpu4j.spi.BackendInfo#javaKernels()}).
     */
    public static LaunchPlan of(Device device, boolean javaTwins) {
        return new LaunchPlan(device, choose(device, javaTwins));
    }

    private static Shape choose(Device d, boolean javaTwins) {
        if (javaTwins) return Shape.JAVA;
        boolean smallGroups = d.maxWorkGroupSize() > 0 && d.maxWorkGroupSize() < GROUP;
        String forced = System.getProperty(SHAPE_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        // the property names a shape (not a backend): "cpu" or "gpu"
        if (forced.equals(Shape.CPU.name().toLowerCase(Locale.ROOT))) return Shape.CPU;
        if (forced.equals(Shape.GPU.name().toLowerCase(Locale.ROOT)) && !smallGroups) return Shape.GPU;
        if (d.type() == DeviceType.CPU || smallGroups) return Shape.CPU;
        return Shape.GPU;
    }

    /**
     * The sort method of each shape: {@link SortMethod#RADIX} everywhere by default. Measured at 2^24 int keys, float
     * keys and int pairs in paired runs ({@code gpu4j bench --sort}, figures in the README): on the Java CPU backend
     * and on PoCL the radix passes beat the merge method by several times (the merge's local sorts run at
     * {@code Arrays.sort} speed, which the radix passes beat). {@value #SORT_METHOD_PROPERTY} selects the merge
     * method on the Java CPU backend and CPU-shaped devices (benchmarks, tests); GPUs always use radix.
     */
    private static SortMethod chooseSort(Shape shape) {
        if (shape == Shape.GPU) return SortMethod.RADIX;
        String forced = System.getProperty(SORT_METHOD_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        for (SortMethod m : SortMethod.values()) if (forced.equals(m.name().toLowerCase(Locale.ROOT))) return m;
        return SortMethod.RADIX;
    }

    public Device device() { return device; }

    public Shape shape() { return shape; }

    /** True for the Java CPU backend's shape. */
    public boolean javaTwins() { return shape == Shape.JAVA; }

    /** True where device kernels are GPU-shaped. */
    public boolean gpu() { return shape == Shape.GPU; }

    /** Build options that select the kernel files' CPU-shaped variants. */
    public String buildOptions() { return shape == Shape.CPU ? CPU_DEFINE : ""; }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    /** Java chunks: at least 512 elements each, at most ~2048 of them (so partials stay small and cores stay busy). */
    public static long javaChunks(long n) {
        long c = Math.max(512, (ceilDiv(n, 2048) + 15) & ~15L);
        return Math.max(1, ceilDiv(n, c));
    }

    /** CPU-shaped work-items for {@code n} elements: one contiguous segment each. */
    public long cpuItems(long n, Grain grain) {
        long units = Math.max(1, device.computeUnits());
        return Math.max(1, Math.min(ceilDiv(n, grain.minPerItem), grain.perUnit * units));
    }

    /**
     * An element-wise launch over {@code n} elements for kernels that loop over their share: Java chunks, CPU
     * segments (work-groups of one), or a grid-stride grid of whole groups of {@link #GROUP}, at most
     * {@link #MAX_GROUPS}. Kernels check their index against {@code n}.
     */
    public Range elementwise(long n, Grain grain) {
        return switch (shape) {
            case JAVA -> Range.of(javaChunks(n));
            case CPU -> Range.of(cpuItems(n, grain)).local(1L);
            case GPU -> Range.of(Math.max(1, Math.min(ceilDiv(n, GROUP), MAX_GROUPS)) * GROUP).local((long) GROUP);
        };
    }

    /**
     * A launch where every work-item loops over one contiguous segment of the {@code n} indices, on every shape:
     * Java chunks, CPU segments (work-groups of one), and on GPUs segments of at least 16 elements, at most 65,536
     * work-items in groups of 64 (a scan's passes; the kernels check their index).
     */
    public Range segments(long n, Grain grain) {
        return switch (shape) {
            case JAVA -> Range.of(javaChunks(n));
            case CPU -> Range.of(cpuItems(n, grain)).local(1L);
            case GPU -> Range.of(ceilDiv(Math.max(1, Math.min(ceilDiv(n, 16), 65_536)), 64) * 64).local(64L);
        };
    }

    /** How many segments (and partials) a reduction or scan of {@code n} elements uses. */
    public long parts(long n, Grain grain) {
        return switch (shape) {
            case JAVA -> javaChunks(n);
            case CPU -> cpuItems(n, grain);
            case GPU -> Math.max(1, Math.min(ceilDiv(n, 2048), MAX_PARTS));
        };
    }

    /** The launch of {@code p} segments: one work-item (Java, CPU) or one work-group of {@link #GROUP} (GPU) each. */
    public Range partsRange(long p) {
        return switch (shape) {
            case JAVA -> Range.of(p);
            case CPU -> Range.of(p).local(1L);
            case GPU -> Range.of(p * GROUP).local((long) GROUP);
        };
    }

    /**
     * Digit width of a radix sort pass: 4 bits on GPUs (the kernels keep 16 counters per thread in local memory),
     * 8 bits on CPU-shaped devices and the Java CPU backend (256 counters per segment in private memory).
     */
    public int radixBits() { return shape == Shape.GPU ? 4 : 8; }

    /**
     * How many segments a radix sort pass of {@code n} keys uses (one digit histogram each, launched with
     * {@link #partsRange}): on GPUs the reductions' count ({@link #parts}, tiles of 2048 keys); elsewhere the
     * {@link Grain#STREAM} segments, at least 16 Ki keys and at most 8 per compute unit (16 on two cores: more
     * segments only grow the 256-bin histograms the scan between passes has to cover).
     */
    public long sortParts(long n) {
        return shape == Shape.GPU ? parts(n, Grain.STREAM) : cpuItems(n, Grain.STREAM);
    }

    /**
     * The work-groups on y for {@code tiles} row tiles of a 2-D built-in kernel (GEMM, transpose): at most
     * {@link #MAX_GRID_Y}; the kernels loop over the rest with the y grid's stride.
     */
    public long rowBlocks(long tiles) { return Math.max(1, Math.min(tiles, MAX_GRID_Y)); }

    /** How a sort runs on this device ({@link SortMethod}). */
    public SortMethod sortMethod() { return sortMethod; }

    /**
     * How many segments the {@link SortMethod#MERGE} method sorts on their own before merging: a power of two, at
     * least the compute units (every core sorts one), segments of at least 4 Ki keys (1 below that: no merge pass).
     * Launched with {@link #partsRange}; the merge passes use {@link #elementwise} with {@link Grain#STREAM}.
     */
    public long mergeParts(long n) {
        long units = Math.max(1, device.computeUnits());
        long p = Long.highestOneBit(units);
        if (p < units) p <<= 1;
        while (p > 1 && n / p < 4096) p >>= 1;
        return p;
    }

    /**
     * For a Java or CPU-shaped launch over {@code bands} bands of {@code tilesPerBand} tiles each (a transpose's bands
     * of 128 rows, in strips of 8 columns): into how many parts (1 to {@code tilesPerBand}) each band is split so that
     * there are at least 8 work-items per compute unit; whole bands when there are enough of them.
     */
    public long bandSplits(long bands, long tilesPerBand) {
        long units = shape == Shape.JAVA ? Math.max(device.computeUnits(), Runtime.getRuntime().availableProcessors())
                : device.computeUnits();
        long want = 8 * Math.max(1, units);
        return Math.max(1, Math.min(Math.max(1, tilesPerBand), ceilDiv(want, Math.max(1, bands))));
    }

    /** One work-item (Java, CPU) or one work-group (GPU): the last pass of a reduction or scan. */
    public Range single() { return partsRange(1); }

    /**
     * Checks that the device runs work-groups of {@code items} (a kernel whose design fixes its group size), before
     * any native call.
     *
     * @throws UnsupportedOperationException naming the operation and the device's limit
     */
    public void requireWorkGroup(long items, String what) {
        long max = device.maxWorkGroupSize();
        if (max > 0 && max < items) {
            throw new UnsupportedOperationException(what + " needs work-groups of " + items + " work-items; "
                    + device.id() + " (" + device.name() + ") allows at most " + max);
        }
    }

    @Override public String toString() { return "LaunchPlan[" + device.id() + " " + shape + "]"; }
}
