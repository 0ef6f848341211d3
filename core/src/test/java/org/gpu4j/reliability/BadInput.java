package org.gpu4j.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gpu4j.Accelerator;
import org.gpu4j.BackendUnavailableException;
import org.gpu4j.DeviceArray;
import org.gpu4j.DeviceMemoryException;
import org.gpu4j.DoubleArray;
import org.gpu4j.ElementType;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.Kernel;
import org.gpu4j.KernelCompileException;
import org.gpu4j.KernelSource;
import org.gpu4j.LocalMemory;
import org.gpu4j.LongArray;
import org.gpu4j.Program;
import org.gpu4j.Range;

/**
 * The table of bad inputs: each case is a misuse a user can make, the exception it must raise, and a fragment the
 * message must contain (the name of the offending argument or object). Shared by the in-process test and the
 * forked-JVM run ({@link BadInputMain}).
 */
final class BadInput {
    /** One misuse; {@code deviceOnly} cases need a backend that compiles kernel text (not the Java CPU backend). */
    record Case(String name, Class<? extends Throwable> expected, String mustContain, Consumer<Fixture> action,
                boolean deviceOnly) {
        boolean appliesTo(String backend) { return !deviceOnly || !backend.equals("cpu"); }
    }

    /** What the cases act on; built fresh for each case so one case cannot poison the next. */
    static final class Fixture implements AutoCloseable {
        final Accelerator acc;
        final Accelerator other;
        final FloatArray f10;
        final FloatArray f7;
        final DoubleArray d10;
        final IntArray i10;
        final LongArray l10;
        final FloatArray closedArray;
        final FloatArray otherArray;
        final Kernel twice;
        final Kernel inc;

        Fixture(Accelerator acc, Accelerator other) {
            this.acc = acc;
            this.other = other;
            f10 = acc.allocFloats(10);
            f7 = acc.allocFloats(7);
            d10 = acc.allocDoubles(10);
            i10 = acc.allocInts(10);
            l10 = acc.allocLongs(10);
            closedArray = acc.allocFloats(10);
            closedArray.close();
            otherArray = other.allocFloats(10);
            twice = Probe.kernel(acc, "twice_plus_one");
            inc = Probe.kernel(acc, "inc_int");
        }

        @Override public void close() {
            for (DeviceArray a : new DeviceArray[] {f10, f7, d10, i10, l10, otherArray}) a.close();
        }
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void add(String name, Class<? extends Throwable> expected, String mustContain, Consumer<Fixture> action) {
        CASES.add(new Case(name, expected, mustContain, action, false));
    }

    private static void addDeviceOnly(String name, Class<? extends Throwable> expected, String mustContain,
                                      Consumer<Fixture> action) {
        CASES.add(new Case(name, expected, mustContain, action, true));
    }

    static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    static final Class<IllegalStateException> ISE = IllegalStateException.class;
    static final Class<IndexOutOfBoundsException> IOOBE = IndexOutOfBoundsException.class;
    static final Class<NullPointerException> NPE = NullPointerException.class;

    static {
        // ---- allocation sizes
        add("allocFloats(-1)", IAE, "length", f -> f.acc.allocFloats(-1));
        add("allocDoubles(-1)", IAE, "length", f -> f.acc.allocDoubles(-1));
        add("allocInts(-7)", IAE, "length", f -> f.acc.allocInts(-7));
        add("allocLongs(Long.MIN_VALUE)", IAE, "length", f -> f.acc.allocLongs(Long.MIN_VALUE));
        add("alloc(null type)", NPE, "type", f -> f.acc.alloc(null, 3));
        add("alloc(FLOAT, Long.MAX_VALUE) overflows bytes", IAE, "length", f -> f.acc.alloc(ElementType.FLOAT, Long.MAX_VALUE));
        add("allocFloats above max allocation", DeviceMemoryException.class, "largest allocation",
                f -> f.acc.allocFloats(f.acc.device().maxAllocation() / 4 + 1));
        add("allocDoubles above max allocation", DeviceMemoryException.class, "largest allocation",
                f -> f.acc.allocDoubles(f.acc.device().maxAllocation() / 8 + 1));
        add("allocInts above max allocation", DeviceMemoryException.class, "largest allocation",
                f -> f.acc.allocInts(f.acc.device().maxAllocation() / 4 + 1));
        add("allocLongs above max allocation", DeviceMemoryException.class, "largest allocation",
                f -> f.acc.allocLongs(f.acc.device().maxAllocation() / 8 + 1));
        add("limitMemory(0)", IAE, "bytes", f -> f.acc.limitMemory(0));
        add("limitMemory(-1)", IAE, "bytes", f -> f.acc.limitMemory(-1));
        add("upload(null float[])", NPE, "data", f -> f.acc.upload((float[]) null));
        add("upload(null double[])", NPE, "data", f -> f.acc.upload((double[]) null));
        add("upload(null int[])", NPE, "data", f -> f.acc.upload((int[]) null));
        add("upload(null long[])", NPE, "data", f -> f.acc.upload((long[]) null));

        // ---- host copies: lengths and offsets
        add("float copyFrom shorter array", IAE, "src", f -> f.f10.copyFrom(new float[9]));
        add("float copyFrom longer array", IAE, "src", f -> f.f10.copyFrom(new float[11]));
        add("double copyFrom wrong length", IAE, "src", f -> f.d10.copyFrom(new double[3]));
        add("int copyFrom wrong length", IAE, "src", f -> f.i10.copyFrom(new int[0]));
        add("long copyFrom wrong length", IAE, "src", f -> f.l10.copyFrom(new long[20]));
        add("copyFrom null", NPE, "src", f -> f.f10.copyFrom((float[]) null));
        add("copyFrom negative srcOffset", IOOBE, "src", f -> f.f10.copyFrom(new float[10], -1, 0, 5));
        add("copyFrom srcOffset past end", IOOBE, "src", f -> f.f10.copyFrom(new float[10], 8, 0, 5));
        add("copyFrom dstOffset past end", IOOBE, "dst", f -> f.f10.copyFrom(new float[10], 0, 6, 5));
        add("copyFrom negative dstOffset", IOOBE, "dst", f -> f.f10.copyFrom(new float[10], 0, -1, 5));
        add("copyFrom negative count", IOOBE, "src", f -> f.f10.copyFrom(new float[10], 0, 0, -1));
        add("copyTo shorter array", IAE, "dst", f -> f.f10.copyTo(new float[9]));
        add("copyTo null", NPE, "dst", f -> f.f10.copyTo((float[]) null));
        add("double copyTo wrong length", IAE, "dst", f -> f.d10.copyTo(new double[11]));
        add("int copyTo wrong length", IAE, "dst", f -> f.i10.copyTo(new int[1]));
        add("long copyTo wrong length", IAE, "dst", f -> f.l10.copyTo(new long[2]));
        add("copyTo srcOffset past end", IOOBE, "src", f -> f.f10.copyTo(8, new float[10], 0, 5));
        add("copyTo dstOffset past end", IOOBE, "dst", f -> f.f10.copyTo(0, new float[10], 7, 5));
        add("copyTo negative srcOffset", IOOBE, "src", f -> f.f10.copyTo(-3, new float[10], 0, 2));
        add("get(-1)", IOOBE, "index -1 is out of bounds for length 10", f -> f.f10.get(-1));
        add("get(length)", IOOBE, "index 10 is out of bounds for length 10", f -> f.f10.get(10));
        add("double get(length)", IOOBE, "index 10 is out of bounds for length 10", f -> f.d10.get(10));
        add("int get(100)", IOOBE, "index 100 is out of bounds for length 10", f -> f.i10.get(100));
        add("long get(Long.MAX_VALUE)", IOOBE, "index 9223372036854775807 is out of bounds", f -> f.l10.get(Long.MAX_VALUE));

        // ---- slices
        add("slice(-1, 2)", IOOBE, "slice", f -> f.f10.slice(-1, 2));
        add("slice(0, 11)", IOOBE, "slice", f -> f.f10.slice(0, 11));
        add("slice(10, 1)", IOOBE, "slice", f -> f.f10.slice(10, 1));
        add("slice(5, -1)", IOOBE, "slice", f -> f.f10.slice(5, -1));
        add("slice of slice past end", IOOBE, "slice", f -> f.f10.slice(2, 5).slice(3, 3));
        add("slice copyFrom past end", IOOBE, "dst", f -> f.f10.slice(2, 5).copyFrom(new float[6], 0, 0, 6));
        add("slice after parent closed", ISE, "closed", f -> {
            FloatArray p = f.acc.allocFloats(4);
            FloatArray s = p.slice(1, 2);
            p.close();
            s.toArray();
        });
        add("closed slice read", ISE, "closed", f -> {
            FloatArray s = f.f10.slice(1, 2);
            s.close();
            s.toArray();
        });

        // ---- device-to-device copies
        add("copyFrom(DeviceArray) type mismatch", IAE, "element type", f -> f.f10.copyFrom(f.i10));
        add("copyFrom(DeviceArray) length mismatch", IAE, "length", f -> f.f10.copyFrom(f.f7));
        add("copyFrom(DeviceArray) null", NPE, "src", f -> f.f10.copyFrom((DeviceArray) null));
        add("copyFrom(DeviceArray) other accelerator", IAE, "another accelerator", f -> f.f10.copyFrom(f.otherArray));
        add("copyFrom(DeviceArray) overlapping slices", IAE, "overlap", f -> f.f10.slice(0, 5).copyFrom(f.f10.slice(2, 5)));
        add("copyFrom(DeviceArray) closed source", ISE, "closed", f -> f.f10.copyFrom(f.closedArray));

        // ---- closed arrays
        add("closed toArray", ISE, "closed", f -> f.closedArray.toArray());
        add("closed copyFrom", ISE, "closed", f -> f.closedArray.copyFrom(new float[10]));
        add("closed copyTo", ISE, "closed", f -> f.closedArray.copyTo(new float[10]));
        add("closed fill", ISE, "closed", f -> f.closedArray.fill(1f));
        add("closed clear", ISE, "closed", f -> f.closedArray.clear());
        add("closed slice", ISE, "closed", f -> f.closedArray.slice(0, 1));
        add("closed get", ISE, "closed", f -> f.closedArray.get(0));
        add("closed array as kernel argument", ISE, "closed", f -> f.twice.launch(Range.of(10), f.closedArray, f.f10, 10));
        add("closed array as copy destination", ISE, "closed", f -> f.closedArray.copyFrom(f.f10));

        // ---- closed programs and accelerators
        add("closed program kernel()", ISE, "closed", f -> {
            Program p = f.acc.program(Probe.SOURCE);
            p.close();
            p.kernel("twice_plus_one");
        });
        add("closed program launch", ISE, "closed", f -> {
            Program p = f.acc.program(Probe.SOURCE);
            Kernel k = p.kernel("twice_plus_one");
            p.close();
            k.launch(Range.of(10), f.f10, f.f10, 10);
        });
        add("closed program kernelNames", ISE, "closed", f -> {
            Program p = f.acc.program(Probe.SOURCE);
            p.close();
            p.kernelNames();
        });
        add("closed accelerator alloc", ISE, "closed", f -> closedAccelerator(f).allocFloats(1));
        add("closed accelerator upload", ISE, "closed", f -> closedAccelerator(f).upload(new int[3]));
        add("closed accelerator program", ISE, "closed", f -> closedAccelerator(f).program(Probe.SOURCE));
        add("closed accelerator finish", ISE, "closed", f -> closedAccelerator(f).finish());
        add("closed accelerator sharedProgram", ISE, "closed",
                f -> org.gpu4j.internal.CoreAccess.get().sharedProgram(closedAccelerator(f), "x", () -> Probe.SOURCE, ""));
        add("array of closed accelerator toArray", ISE, "closed", f -> {
            Accelerator a = Gpu4j.open(f.acc.device().id());
            FloatArray x = a.allocFloats(3);
            a.close();
            x.toArray();
        });
        add("kernel of closed accelerator launch", ISE, "closed", f -> {
            Accelerator a = Gpu4j.open(f.acc.device().id());
            FloatArray x = a.allocFloats(3);
            Kernel k = Probe.kernel(a, "twice_plus_one");
            a.close();
            k.launch(Range.of(3), x, x, 3);
        });

        // ---- kernel arguments
        add("too few kernel arguments", IAE, "takes 3 arguments", f -> f.twice.launch(Range.of(10), f.f10, f.f10));
        add("too many kernel arguments", IAE, "takes 3 arguments", f -> f.twice.launch(Range.of(10), f.f10, f.f10, 10, 4));
        add("no kernel arguments", IAE, "takes 3 arguments", f -> f.twice.launch(Range.of(10)));
        add("Double for int", IAE, "argument 3", f -> f.twice.launch(Range.of(10), f.f10, f.f10, 10.0));
        add("Long for int", IAE, "argument 3", f -> f.twice.launch(Range.of(10), f.f10, f.f10, 10L));
        add("Float for int", IAE, "argument 3", f -> f.twice.launch(Range.of(10), f.f10, f.f10, 10f));
        add("IntArray for float*", IAE, "argument 1", f -> f.twice.launch(Range.of(10), f.i10, f.f10, 10));
        add("DoubleArray for float*", IAE, "argument 2", f -> f.twice.launch(Range.of(10), f.f10, f.d10, 10));
        add("LongArray for int*", IAE, "argument 1", f -> f.inc.launch(Range.of(10), f.l10, 10));
        add("FloatArray for int*", IAE, "argument 1", f -> f.inc.launch(Range.of(10), f.f10, 10));
        add("scalar for pointer", IAE, "argument 1", f -> f.twice.launch(Range.of(10), 1f, f.f10, 10));
        add("array for scalar", IAE, "argument 3", f -> f.twice.launch(Range.of(10), f.f10, f.f10, f.i10));
        add("arguments in the wrong order", IAE, "argument 1", f -> f.twice.launch(Range.of(10), 10, f.f10, f.f10));
        add("LocalMemory for global pointer", IAE, "argument 2", f -> f.twice.launch(Range.of(10), f.f10, LocalMemory.bytes(64), 10));
        add("null kernel argument", IAE, "argument 2", f -> f.twice.launch(Range.of(10), f.f10, null, 10));
        add("String kernel argument", IAE, "argument 3", f -> f.twice.launch(Range.of(10), f.f10, f.f10, "10"));
        add("Boolean kernel argument", IAE, "argument 3", f -> f.twice.launch(Range.of(10), f.f10, f.f10, Boolean.TRUE));
        add("float[] kernel argument", IAE, "argument 1", f -> f.twice.launch(Range.of(10), new float[10], f.f10, 10));
        // issue 14: the overlap rule and the numbering, on every backend
        add("partly overlapping slices, one written", IAE, "argument 1 (const float* x) and argument 2 (float* y) of kernel twice_plus_one overlap partially",
                f -> f.twice.launch(Range.of(5), f.f10.slice(0, 5), f.f10.slice(3, 5), 5));
        add("unaligned partly overlapping slices, one written", IAE, "overlap partially",
                f -> f.twice.launch(Range.of(5), f.f10.slice(1, 5), f.f10.slice(2, 5), 5));
        add("whole array and its slice, one written", IAE, "overlap partially",
                f -> f.twice.launch(Range.of(5), f.f10.slice(2, 5), f.f10, 5));
        add("Float for int names an Integer", IAE, "argument 3 (int n) of kernel twice_plus_one: expected an Integer (int)",
                f -> f.twice.launch(Range.of(10), f.f10, f.f10, 10f));
        add("array of another accelerator as argument", IAE, "another accelerator",
                f -> f.twice.launch(Range.of(10), f.otherArray, f.f10, 10));
        add("null range", NPE, "range", f -> f.twice.launch(null, f.f10, f.f10, 10));
        add("null argument array", NPE, "args", f -> f.twice.launch(Range.of(1), (Object[]) null));
        add("LocalMemory of zero bytes", IAE, "positive", f -> LocalMemory.bytes(0));
        add("LocalMemory of negative bytes", IAE, "positive", f -> LocalMemory.bytes(-8));

        // ---- ranges
        add("Range.of(-1)", IAE, "global size[0]", f -> Range.of(-1));
        add("Range.of(4, -2)", IAE, "global size[1]", f -> Range.of(4, -2));
        add("Range.of(4, 4, -3)", IAE, "global size[2]", f -> Range.of(4, 4, -3));
        add("local size zero", IAE, "local size[0]", f -> Range.of(16).local(0));
        add("local size negative", IAE, "local size[0]", f -> Range.of(16).local(-4));
        add("local size not dividing", IAE, "does not divide", f -> Range.of(10).local(4));
        add("local size not dividing in y", IAE, "local size[1]", f -> Range.of(8, 10).local(4, 4));
        add("local size with wrong dimensions", IAE, "dimensions", f -> Range.of(8, 8).local(4));
        add("local size null", IAE, "dimensions", f -> Range.of(8).local((long[]) null));
        add("local size over device limit", IAE, "work-group size", f -> {
            long max = f.acc.device().maxWorkGroupSize();
            long local = Long.highestOneBit(max) * 2; // a power of two just above the device's limit
            f.twice.launch(Range.of(local * 2).local(local), f.f10, f.f10, 10);
        });
        add("2-D local size over device limit", IAE, "work-group size", f -> {
            long max = f.acc.device().maxWorkGroupSize();
            long side = Long.highestOneBit((long) Math.sqrt((double) max)) * 2;
            f.twice.launch(Range.of(side, side * 2).local(side, side * 2), f.f10, f.f10, 10);
        });

        // ---- device selectors
        add("selector 'nonsense'", BackendUnavailableException.class, "Devices found", f -> Gpu4j.open("nonsense"));
        add("selector 'cpu:7'", BackendUnavailableException.class, "no device 7", f -> Gpu4j.open("cpu:7"));
        add("selector 'opencl:99'", BackendUnavailableException.class, "opencl", f -> Gpu4j.open("opencl:99"));
        // outside the grammar: refused before any backend is looked at, with the valid forms
        add("selector 'cuda:abc'", IAE, "Valid forms", f -> Gpu4j.open("cuda:abc"));
        add("selector 'cpu:fpga'", IAE, "Valid forms", f -> Gpu4j.open("cpu:fpga"));
        add("selector 'cpu:0 '", IAE, "Valid forms", f -> Gpu4j.open("cpu:0 "));
        add("selector 'opencl:0:0'", IAE, "Valid forms", f -> Gpu4j.open("opencl:0:0"));
        add("selector 'cpu:gpu'", BackendUnavailableException.class, "GPU", f -> Gpu4j.open("cpu:gpu"));
        add("selector null", IAE, "selector", f -> Gpu4j.open(null));
        add("selector ''", IAE, "blank", f -> Gpu4j.open(""));

        // ---- kernel sources
        // The program is closed by the case itself: a dropped one would be reported as a leak whenever a garbage
        // collection ran before the accelerator closed (a CI run once failed its leak check that way).
        add("unknown kernel name", IAE, "no_such_kernel", f -> {
            try (Program p = f.acc.program(Probe.SOURCE)) {
                p.kernel("no_such_kernel");
            }
        });
        add("null kernel name", NPE, "kernelName", f -> {
            try (Program p = f.acc.program(Probe.SOURCE)) {
                p.kernel(null);
            }
        });
        add("missing kernel resource", IAE, "no_such_file", f -> KernelSource.resource("no_such_file"));
        add("missing kernel file", java.io.UncheckedIOException.class, "cannot read",
                f -> KernelSource.file(Path.of("/nonexistent/dir/k.cl")));
        add("kernel file without known extension", IAE, "extension", f -> KernelSource.file(Path.of("kernel.txt")));
        add("null program source", NPE, "source", f -> f.acc.program(null));
        // Java kernels are compiled by javac, so a compile failure exists only where the backend compiles text.
        addDeviceOnly("source that does not compile", KernelCompileException.class, "broken",
                f -> f.acc.program(brokenSource()));
        addDeviceOnly("compile error names its line", KernelCompileException.class, "broken:2",
                f -> f.acc.program(brokenSource()));
        add("source without a dialect for this backend", IAE, "only_java_elsewhere", f -> f.acc.program(wrongDialect(f)));
    }

    /** A source whose every dialect is wrong: OpenCL and CUDA with a syntax error, no Java twin. */
    static KernelSource brokenSource() {
        return KernelSource.named("broken")
                .withOpenCL("__kernel void broken(__global float* x) {\n  x[0] = 1.0f\n}\n")
                .withCuda("extern \"C\" __global__ void broken(float* x) {\n  x[0] = 1.0f\n}\n");
    }

    /** A source that lacks the dialect this accelerator's backend needs. */
    static KernelSource wrongDialect(Fixture f) {
        String backend = f.acc.device().backend();
        KernelSource s = KernelSource.named("only_java_elsewhere");
        if (!backend.equals("opencl")) s = s.withOpenCL("__kernel void k(int n) {}");
        else s = s.withJava("k", (id, a) -> { });
        return s;
    }

    private static Accelerator closedAccelerator(Fixture f) {
        Accelerator a = Gpu4j.open(f.acc.device().id());
        a.close();
        return a;
    }

    static List<Case> cases() { return List.copyOf(CASES); }

    static long countFor(String backend) { return CASES.stream().filter(c -> c.appliesTo(backend)).count(); }

    /**
     * Runs every case on the accelerator opened by {@code selector}; after each, checks the accelerator still
     * computes correctly. Returns the failures (empty when all passed).
     */
    static List<String> runAll(String selector, java.io.PrintStream log) {
        List<String> failures = new ArrayList<>();
        try (Accelerator acc = Gpu4j.open(selector); Accelerator other = Gpu4j.open(selector)) {
            int n = 0;
            Probe.checkWorks(acc, 1, 0); // builds the shared probe program, which the accelerator keeps
            int baseAcc = acc.liveObjects();
            int baseOther = other.liveObjects();
            for (Case c : CASES) {
                if (!c.appliesTo(acc.device().backend())) continue;
                n++;
                Throwable thrown = null;
                try (Fixture f = new Fixture(acc, other)) {
                    c.action().accept(f);
                } catch (Throwable t) {
                    thrown = t;
                }
                String verdict;
                if (thrown == null) {
                    verdict = "no exception, expected " + c.expected().getSimpleName();
                } else if (!c.expected().isInstance(thrown)) {
                    verdict = "threw " + thrown + ", expected " + c.expected().getSimpleName();
                } else if (thrown.getMessage() == null || !thrown.getMessage().contains(c.mustContain())) {
                    verdict = "message '" + thrown.getMessage() + "' does not name '" + c.mustContain() + "'";
                } else {
                    verdict = null;
                }
                try {
                    Probe.checkWorks(acc, 257, n);
                } catch (Throwable t) {
                    verdict = (verdict == null ? "" : verdict + "; ") + "accelerator broken afterwards: " + t;
                }
                // A case that leaves an array or program open would be reported as a leak whenever the garbage
                // collector found it before the accelerators closed: check it here, where it is deterministic.
                int leftAcc = acc.liveObjects() - baseAcc;
                int leftOther = other.liveObjects() - baseOther;
                if (leftAcc != 0 || leftOther != 0) {
                    verdict = (verdict == null ? "" : verdict + "; ") + "left " + leftAcc + " object(s) open on the"
                            + " accelerator and " + leftOther + " on the other one";
                    baseAcc = acc.liveObjects();
                    baseOther = other.liveObjects();
                }
                if (verdict != null) failures.add(c.name() + ": " + verdict);
                log.println((verdict == null ? "ok   " : "FAIL ") + c.name()
                        + (thrown != null ? "  -> " + thrown.getClass().getSimpleName() : ""));
            }
        }
        return failures;
    }
}
