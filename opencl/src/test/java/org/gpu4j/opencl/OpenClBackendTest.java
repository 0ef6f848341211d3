package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.DeviceMemoryException;
import org.gpu4j.DeviceType;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.Event;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelCompileException;
import org.gpu4j.KernelParam;
import org.gpu4j.KernelSource;
import org.gpu4j.LocalMemory;
import org.gpu4j.LongArray;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenCL backend on every run's OpenCL device (PoCL on CI), checked against Java computations. */
class OpenClBackendTest {
    static final String ADD = """
            __kernel void add(__global const float* a, __global const float* b, __global float* c, int n) {
                int i = get_global_id(0);
                if (i < n) c[i] = a[i] + b[i];
            }
            """;

    @TempDir static Path cacheDir;
    static Accelerator acc;

    @BeforeAll static void open() {
        System.setProperty("gpu4j.cache.dir", cacheDir.toString());
        acc = OpenClTests.open();
    }

    @AfterAll static void close() {
        if (acc != null) acc.close();
        System.clearProperty("gpu4j.cache.dir");
    }

    static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = r.nextFloat() * 200 - 100;
        return x;
    }

    /** On a CPU device, copies from 1 MiB up go through a mapping and parallel copies: every type, at an offset. */
    @Test void largeCopiesOnCpuDevicesAreMappedAndExact() {
        org.junit.jupiter.api.Assumptions.assumeTrue(acc.device().type() == org.gpu4j.DeviceType.CPU,
                "mapped copies are for CPU devices; this one is " + acc.device().type());
        int n = (1 << 19) + 3; // 2 MiB of floats and more: above MappedCopy.MIN_BYTES, odd length
        java.util.Random r = new java.util.Random(7);
        float[] f = new float[n];
        double[] d = new double[n];
        int[] i = new int[n];
        long[] l = new long[n];
        for (int k = 0; k < n; k++) {
            f[k] = r.nextFloat();
            d[k] = r.nextDouble();
            i[k] = r.nextInt();
            l[k] = r.nextLong();
        }
        long before = MappedCopy.COUNT.get();
        try (org.gpu4j.FloatArray df = acc.upload(f); org.gpu4j.DoubleArray dd = acc.upload(d);
             org.gpu4j.IntArray di = acc.upload(i); org.gpu4j.LongArray dl = acc.upload(l);
             org.gpu4j.FloatArray big = acc.allocFloats(n + 1000)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(f, df.toArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(d, dd.toArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(i, di.toArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(l, dl.toArray());
            // a slice at an element offset that is not a multiple of anything convenient
            big.fill(-1f);
            big.slice(777, n).copyFrom(f);
            float[] back = big.toArray();
            for (int k = 0; k < n + 1000; k++) {
                float want = k >= 777 && k < 777 + n ? f[k - 777] : -1f;
                if (back[k] != want) throw new AssertionError("element " + k + ": " + back[k] + " != " + want);
            }
        }
        assertTrue(MappedCopy.COUNT.get() - before >= 10, "mapped copies: " + (MappedCopy.COUNT.get() - before));
    }

    @Test void deviceIsDescribed() {
        Device d = acc.device();
        assertEquals("opencl", d.backend());
        assertFalse(d.name().isBlank());
        assertTrue(d.computeUnits() > 0, "compute units");
        assertTrue(d.globalMemory() > 0 && d.maxAllocation() > 0 && d.maxAllocation() <= d.globalMemory());
        assertTrue(d.maxWorkGroupSize() > 0);
        for (String k : List.of("Platform name", "Platform version", "Device version", "OpenCL C version",
                "Driver version", "Max clock frequency", "Constant memory", "Profiling")) {
            assertTrue(d.properties().containsKey(k), "property " + k + " in " + d.properties().keySet());
        }
        List<Device> all = Gpu4j.probes().stream().filter(p -> p.backend().equals("opencl")).findFirst().orElseThrow().devices();
        for (int i = 0; i < all.size(); i++) assertEquals(i, all.get(i).index(), "devices numbered 0..n-1");
        if (d.name().contains("pthread")) assertEquals(DeviceType.CPU, d.type(), "PoCL's device is a CPU, never a GPU");
    }

    @Test void vectorAddOddSizes() {
        Kernel add = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "test-add", () -> KernelSource.opencl("add", ADD), "").kernel("add");
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int n : new int[] {1, 2, 255, 256, 257, 1009, 4096, 65_537, 1_000_003}) {
            float[] a = random(r, n), b = random(r, n);
            try (FloatArray x = acc.upload(a); FloatArray y = acc.upload(b); FloatArray z = acc.allocFloats(n)) {
                add.launch(Range.of(n), x, y, z, n);
                float[] got = z.toArray();
                for (int i = 0; i < n; i++) {
                    // a single IEEE float add is exactly rounded on both sides
                    assertEquals(a[i] + b[i], got[i], "n=" + n + " i=" + i + " seed=" + seed);
                }
            }
        }
    }

    @Test void paramsComeFromArgInfo() {
        Kernel k = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "p", () -> KernelSource.opencl("p", """
                __kernel void p(__global const float* a, __local float* tmp, double d, long l, __global int* out) {}
                """), "").kernel("p");
        List<KernelParam> ps = k.params();
        assertEquals(5, ps.size());
        assertEquals(new KernelParam(0, "a", "float*", false, true), ps.get(0)); // const: read-only, from CL_KERNEL_ARG_TYPE_CONST
        assertEquals(new KernelParam(1, "tmp", "float*", true), ps.get(1));
        assertEquals("double", ps.get(2).typeName());
        assertEquals("long", ps.get(3).typeName());
        assertEquals(ElementType.INT, ps.get(4).elementType());
    }

    @Test void argumentMismatchRejectedBeforeEnqueue() {
        Kernel add = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "test-add", () -> KernelSource.opencl("add", ADD), "").kernel("add");
        try (FloatArray x = acc.allocFloats(4); IntArray ints = acc.allocInts(4)) {
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                    () -> add.launch(Range.of(4), x, x, x));
            assertTrue(count.getMessage().contains("takes 4 arguments"), count.getMessage());
            IllegalArgumentException dbl = assertThrows(IllegalArgumentException.class,
                    () -> add.launch(Range.of(4), x, x, x, 4.0));
            assertTrue(dbl.getMessage().contains("argument 4") && dbl.getMessage().contains("n"), dbl.getMessage());
            IllegalArgumentException arr = assertThrows(IllegalArgumentException.class,
                    () -> add.launch(Range.of(4), x, ints, x, 4));
            assertTrue(arr.getMessage().contains("argument 2") && arr.getMessage().contains("FloatArray"), arr.getMessage());
            Kernel scale = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "s", () -> KernelSource.opencl("s",
                    "__kernel void s(__global float* x, float f, int n) { int i = get_global_id(0); if (i < n) x[i] *= f; }"), "")
                    .kernel("s");
            IllegalArgumentException dForF = assertThrows(IllegalArgumentException.class,
                    () -> scale.launch(Range.of(4), x, 2.0, 4));
            assertTrue(dForF.getMessage().contains("float") && dForF.getMessage().contains("Double"), dForF.getMessage());
            // nothing was enqueued: the array is still all zeros
            assertArrayEquals(new float[4], x.toArray());
        }
    }

    @Test void buildErrorCarriesLogAndLine() {
        String src = "__kernel void broken(__global float* x) {\n    x[0] = 1.0f\n}\n";
        System.err.println("[gpu4j] expected output: the OpenCL compiler's diagnostics of a deliberately broken kernel"
                + " (\"1 error generated.\") may follow");
        KernelCompileException e = assertThrows(KernelCompileException.class,
                () -> acc.program(KernelSource.opencl("broken", src), "-DFOO=1"));
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.column() > 0, e.getMessage());
        String firstError = KernelCompileException.firstErrorLine(e.buildLog());
        assertNotNull(firstError, e.buildLog());
        assertTrue(e.getMessage().contains(firstError.strip()), e.getMessage());
        assertTrue(e.getMessage().contains("CL_BUILD_PROGRAM_FAILURE"), e.getMessage());
        assertTrue(e.options().contains("-DFOO=1") && e.options().contains("-cl-kernel-arg-info"));
        assertEquals("broken", e.sourceName());
        assertTrue(e.device().contains("opencl:"), e.device());
        // and the accelerator still builds and runs
        vectorAddOddSizesSmall();
    }

    private void vectorAddOddSizesSmall() {
        try (FloatArray x = acc.upload(new float[] {1, 2, 3})) {
            org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "test-add", () -> KernelSource.opencl("add", ADD), "").kernel("add").launch(Range.of(3), x, x, x, 3);
            assertArrayEquals(new float[] {2, 4, 6}, x.toArray());
        }
    }

    @Test void secondBuildIsAMemoryCacheHit() {
        KernelSource src = KernelSource.opencl("hit", "__kernel void hit(__global int* x) { x[0] = "
                + System.nanoTime() + " & 0xffff; }");
        ProgramCacheStats before = OpenClProvider.cacheStats();
        try (Program p1 = acc.program(src)) {
            ProgramCacheStats mid = OpenClProvider.cacheStats();
            assertEquals(before.sourceBuilds() + 1, mid.sourceBuilds());
            try (Program p2 = acc.program(src)) {
                ProgramCacheStats after = OpenClProvider.cacheStats();
                assertEquals(mid.memoryHits() + 1, after.memoryHits(), "second build is a memory cache hit");
                assertEquals(mid.sourceBuilds(), after.sourceBuilds());
                p1.close(); // closing one does not break the other (each holds its own reference)
                try (IntArray x = acc.allocInts(1)) {
                    p2.kernel("hit").launch(Range.of(1), x);
                    assertTrue(x.get(0) >= 0);
                }
            }
        }
    }

    @Test void diskCacheHitAndCorruptEntryRebuilt() throws Exception {
        KernelSource src = KernelSource.opencl("disk", "__kernel void disk(__global float* x, float v) { x[get_global_id(0)] = v + "
                + (System.nanoTime() & 0xffff) + ".0f; }");
        OpenClAccelerator b = OpenClTests.backendOf(acc);
        Path dir = ProgramCache.directory();
        assertNotNull(dir);
        assertTrue(dir.startsWith(cacheDir), dir.toString());
        List<Path> before = entries(dir);
        acc.program(src).close();
        List<Path> entries = new ArrayList<>(entries(dir));
        entries.removeAll(before);
        assertEquals(1, entries.size(), "one binary was written to " + dir);

        b.clearMemoryCache();
        ProgramCacheStats s0 = OpenClProvider.cacheStats();
        float expected;
        try (Program p = acc.program(src); FloatArray x = acc.allocFloats(2)) {
            ProgramCacheStats s1 = OpenClProvider.cacheStats();
            assertEquals(s0.diskHits() + 1, s1.diskHits(), "rebuilt from the disk cache");
            assertEquals(s0.sourceBuilds(), s1.sourceBuilds());
            p.kernel("disk").launch(Range.of(2), x, 1f);
            expected = x.get(1);
            // the binary-built program still reports argument info (or the parsed declaration)
            assertEquals(2, p.kernel("disk").params().size());
        }

        // Corrupt every entry: truncation, then garbage with a valid frame (the driver rejects it).
        System.err.println("[gpu4j] expected output: warnings about corrupt program-cache entries (corrupted on purpose)"
                + " follow");
        for (Path f : entries) {
            byte[] all = Files.readAllBytes(f);
            Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
        }
        b.clearMemoryCache();
        ProgramCacheStats s2 = OpenClProvider.cacheStats();
        try (Program p = acc.program(src); FloatArray x = acc.allocFloats(2)) {
            ProgramCacheStats s3 = OpenClProvider.cacheStats();
            assertEquals(s2.corruptEntries() + 1, s3.corruptEntries());
            assertEquals(s2.sourceBuilds() + 1, s3.sourceBuilds());
            p.kernel("disk").launch(Range.of(2), x, 1f);
            assertEquals(expected, x.get(1));
        }
        String key = entries.get(0).getFileName().toString().replace(".bin", "");
        ProgramCache.store(key, "definitely not an ELF or LLVM binary".getBytes());
        b.clearMemoryCache();
        ProgramCacheStats s4 = OpenClProvider.cacheStats();
        try (Program p = acc.program(src)) {
            ProgramCacheStats s5 = OpenClProvider.cacheStats();
            assertEquals(s4.sourceBuilds() + 1, s5.sourceBuilds(), "rebuilt from source");
            assertEquals(s4.corruptEntries() + 1, s5.corruptEntries());
            assertEquals(1, p.kernelNames().size());
        }
    }

    private static List<Path> entries(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".bin")).toList();
        }
    }

    @Test void diskCacheOff() {
        System.setProperty("gpu4j.cache", "off");
        try {
            assertNull(ProgramCache.directory());
        } finally {
            System.clearProperty("gpu4j.cache");
        }
    }

    @Test void moreThanMaxAllocationIsDeviceMemoryException() {
        long max = acc.device().maxAllocation();
        DeviceMemoryException e = assertThrows(DeviceMemoryException.class, () -> acc.allocFloats(max / 4 + 1));
        assertTrue(e.getMessage().contains("largest allocation"), e.getMessage());
        // The backend itself maps the driver's refusal (CL_INVALID_BUFFER_SIZE) the same way.
        OpenClAccelerator b = OpenClTests.backendOf(acc);
        DeviceMemoryException native1 = assertThrows(DeviceMemoryException.class,
                () -> b.allocate(ElementType.FLOAT, max / 4 + 1024));
        assertTrue(native1.getMessage().contains("CL_"), native1.getMessage());
        // PoCL allocates lazily and never refuses a buffer below the max allocation, so an allocate-until-failure
        // loop would have to touch all of host memory; it is not run here.
        vectorAddOddSizesSmall();
    }

    @Test void allElementTypesRoundTripCopyFillAndSubRanges() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        int n = 1000;
        double[] d = r.doubles(n).toArray();
        long[] l = r.longs(n).toArray();
        int[] ints = r.ints(n).toArray();
        try (DoubleArray dd = acc.upload(d); LongArray ll = acc.upload(l); IntArray ii = acc.upload(ints);
             DoubleArray d2 = acc.allocDoubles(n)) {
            assertArrayEquals(d, dd.toArray(), "seed=" + seed);
            assertArrayEquals(l, ll.toArray(), "seed=" + seed);
            assertArrayEquals(ints, ii.toArray(), "seed=" + seed);
            d2.copyFrom(dd);
            assertArrayEquals(d, d2.toArray());
            d2.slice(10, 7).fill(Double.NaN);
            ll.slice(3, 5).fill(Long.MIN_VALUE);
            ii.slice(999, 1).fill(-7);
            double[] d2h = d2.toArray();
            for (int i = 0; i < n; i++) {
                if (i >= 10 && i < 17) assertTrue(Double.isNaN(d2h[i]));
                else assertEquals(d[i], d2h[i]);
            }
            assertEquals(Long.MIN_VALUE, ll.get(3));
            assertEquals(Long.MIN_VALUE, ll.get(7));
            assertEquals(l[8], ll.get(8));
            assertEquals(-7, ii.get(999));
            // partial writes and reads at offsets
            ii.copyFrom(new int[] {1, 2, 3, 4}, 1, 500, 3);
            int[] back = new int[5];
            ii.copyTo(499, back, 1, 4);
            assertArrayEquals(new int[] {0, ints[499], 2, 3, 4}, back);
            // device-to-device copy between slices
            dd.slice(0, 100).copyFrom(d2.slice(100, 100));
            assertEquals(d[150], dd.get(50));
        }
    }

    @Test void slicesAsKernelArguments() {
        Kernel inc = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "inc", () -> KernelSource.opencl("inc",
                "__kernel void inc(__global float* x, int n) { int i = get_global_id(0); if (i < n) x[i] += 1.0f; }"), "")
                .kernel("inc");
        long alignFloats = OpenClTests.backendOf(acc).baseAlignBytes / 4;
        try (FloatArray x = acc.allocFloats(4 * alignFloats)) {
            inc.launch(Range.of(alignFloats), x.slice(alignFloats, alignFloats), (int) alignFloats);
            float[] h = x.toArray();
            for (int i = 0; i < h.length; i++) {
                assertEquals(i >= alignFloats && i < 2 * alignFloats ? 1f : 0f, h[i], "i=" + i);
            }
            inc.launch(Range.of(3), x.slice(0, 3), 3); // offset 0: the buffer itself
            assertEquals(1f, x.get(2));
            if (alignFloats > 1) {
                // An unaligned slice is staged through a temporary buffer: only its two elements change.
                float[] before = x.toArray();
                inc.launch(Range.of(2), x.slice(1, 2), 2);
                float[] after = x.toArray();
                for (int i = 0; i < after.length; i++) {
                    assertEquals(before[i] + (i == 1 || i == 2 ? 1f : 0f), after[i], "i=" + i);
                }
                // The same unaligned slice twice shares one staging buffer, so in-place kernels see one array.
                Kernel add = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "addto", () -> KernelSource.opencl("addto",
                        "__kernel void addto(__global float* a, __global const float* b, int n) {"
                                + " int i = get_global_id(0); if (i < n) a[i] += b[i]; }"), "").kernel("addto");
                FloatArray s = x.slice(1, 2);
                add.launch(Range.of(2), s, s, 2);
                assertEquals(2 * after[1], x.get(1));
                assertEquals(2 * after[2], x.get(2));
                // Partly overlapping slices, one of them written: refused up front, as on every backend.
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> add.launch(Range.of(2), x.slice(1, 2), x.slice(2, 2), 2));
                assertTrue(e.getMessage().contains("overlap partially"), e.getMessage());
            }
        }
    }

    @Test void everyScalarTypeLocalMemoryAndDimensions() {
        Program p = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "scalars", () -> KernelSource.opencl("scalars", """
                __kernel void scalars(__global double* out, char c, short s, int i, long l, float f, double d) {
                    out[0] = c; out[1] = s; out[2] = i; out[3] = (double) l; out[4] = f; out[5] = d;
                }
                __kernel void rev(__global const int* in, __global int* out, __local int* tmp) {
                    int l = get_local_id(0), g = get_group_id(0), n = get_local_size(0);
                    tmp[l] = in[g * n + l];
                    barrier(CLK_LOCAL_MEM_FENCE);
                    out[g * n + l] = tmp[n - 1 - l];
                }
                __kernel void idx3(__global int* out, int nx, int ny, int nz) {
                    int x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);
                    if (x < nx && y < ny && z < nz) out[(z * ny + y) * nx + x] = x + 100 * y + 10000 * z;
                }
                __kernel void idx2(__global int* out, int nx, int ny) {
                    int x = get_global_id(0), y = get_global_id(1);
                    if (x < nx && y < ny) out[y * nx + x] = x + 1000 * y;
                }
                """), "");
        try (DoubleArray out = acc.allocDoubles(6)) {
            p.kernel("scalars").launch(Range.of(1), out, (byte) -3, (short) 300, 70000, 1L << 40, 1.5f, Math.PI);
            assertArrayEquals(new double[] {-3, 300, 70000, 1L << 40, 1.5, Math.PI}, out.toArray());
        }
        int groups = 5, size = 64;
        int[] in = new Random(1).ints(groups * size).toArray();
        try (IntArray a = acc.upload(in); IntArray b = acc.allocInts(in.length)) {
            p.kernel("rev").launch(Range.of(in.length).local((long) size), a, b, LocalMemory.of(ElementType.INT, size));
            int[] got = b.toArray();
            for (int g = 0; g < groups; g++) {
                for (int l = 0; l < size; l++) assertEquals(in[g * size + size - 1 - l], got[g * size + l]);
            }
        }
        int nx = 37, ny = 11, nz = 5; // primes: the automatic local size must round up and the kernel bound-checks
        try (IntArray o = acc.allocInts(nx * ny * nz)) {
            p.kernel("idx3").launch(Range.of(nx, ny, nz), o, nx, ny, nz);
            int[] h = o.toArray();
            for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
                assertEquals(x + 100 * y + 10000 * z, h[(z * ny + y) * nx + x]);
            }
        }
        try (IntArray o = acc.allocInts(nx * 1031)) {
            p.kernel("idx2").launch(Range.of(nx, 1031), o, nx, 1031);
            int[] h = o.toArray();
            for (int y = 0; y < 1031; y++) for (int x = 0; x < nx; x++) assertEquals(x + 1000 * y, h[y * nx + x]);
        }
    }

    @Test void eventsHaveTimesAndAreReleased() {
        Kernel add = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "test-add", () -> KernelSource.opencl("add", ADD), "").kernel("add");
        try (FloatArray x = acc.allocFloats(1 << 16)) {
            Event e = add.launch(Range.of(1 << 16), x, x, x, 1 << 16);
            assertTrue(e.queuedNanos() > 0);
            assertTrue(e.startNanos() >= e.queuedNanos());
            assertTrue(e.endNanos() >= e.startNanos());
            assertTrue(e.kernelNanos() >= 0);
            var np = OpenClTests.backendOf(acc).build(KernelSource.opencl("add", ADD), "");
            OpenClKernel k = (OpenClKernel) np.kernel("add");
            OpenClEvent ne = (OpenClEvent) k.launch(Range.of(16), new Object[] {
                    new org.gpu4j.spi.BufferRef(handleOf(x), ElementType.FLOAT, 0, 16),
                    new org.gpu4j.spi.BufferRef(handleOf(x), ElementType.FLOAT, 0, 16),
                    new org.gpu4j.spi.BufferRef(handleOf(x), ElementType.FLOAT, 0, 16), 16});
            assertFalse(ne.isReleased());
            ne.waitFor();
            assertTrue(ne.isReleased(), "the cl_event is released once its times are read");
            assertTrue(ne.endNanos() >= ne.startNanos());
            np.release();
        }
    }

    private static Object handleOf(FloatArray x) {
        try {
            var m = org.gpu4j.DeviceArray.class.getDeclaredMethod("ref");
            m.setAccessible(true);
            return ((org.gpu4j.spi.BufferRef) m.invoke(x)).handle();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test void launchesFromSeveralThreads() throws Exception {
        Kernel add = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "test-add", () -> KernelSource.opencl("add", ADD), "").kernel("add");
        int threads = 4, n = 10_007;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                fs.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int rep = 0; rep < 20; rep++) {
                        float[] a = random(r, n), b = random(r, n);
                        try (FloatArray x = acc.upload(a); FloatArray y = acc.upload(b); FloatArray z = acc.allocFloats(n)) {
                            add.launch(Range.of(n), x, y, z, n);
                            float[] got = z.toArray();
                            for (int i = 0; i < n; i++) assertEquals(a[i] + b[i], got[i], "thread " + seed + " i=" + i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
    }

    @Test void sourceWithoutOpenClTextIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> acc.program(KernelSource.cuda("c", "extern \"C\" __global__ void f() {}")));
        assertTrue(e.getMessage().contains("OpenCL"), e.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "test-add", () -> KernelSource.opencl("add", ADD), "").kernel("nope"));
        assertTrue(k.getMessage().contains("add"), k.getMessage());
    }

    @Test void statusNames() {
        assertEquals("CL_OUT_OF_RESOURCES (-5)", Cl.name(-5));
        assertEquals("CL_INVALID_KERNEL_ARGS (-52)", Cl.name(-52));
        assertEquals("CL_PLATFORM_NOT_FOUND_KHR (-1001)", Cl.name(-1001));
        assertEquals("CL_MAX_SIZE_RESTRICTION_EXCEEDED (-72)", Cl.name(-72));
        assertEquals("CL_UNKNOWN_ERROR (-4242)", Cl.name(-4242));
        assertThrows(DeviceMemoryException.class, () -> Cl.checkAlloc(-4, "clCreateBuffer", "x"));
        assertThrows(org.gpu4j.LaunchException.class, () -> Cl.checkLaunch(-52, "clEnqueueNDRangeKernel"));
        org.gpu4j.Gpu4jException g = assertThrows(org.gpu4j.Gpu4jException.class, () -> Cl.check(-36, "clFinish"));
        assertTrue(g.getMessage().contains("CL_INVALID_COMMAND_QUEUE"));
    }
}
