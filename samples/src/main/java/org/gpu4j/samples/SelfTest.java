package org.gpu4j.samples;

import java.io.PrintWriter;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.gpu4j.Accelerator;
import org.gpu4j.Device;
import org.gpu4j.DeviceArray;
import org.gpu4j.DoubleArray;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.LongArray;
import org.gpu4j.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gpu4j selftest}: on every available device of every backend — or only on the device a selector names
 * ({@code --backend}/{@code --device}, else {@code -Dgpu4j.device}, else {@code GPU4J_DEVICE}; one that matches
 * nothing fails with exit 1 and tests nothing) — runs each built-in operation and a user-kernel launch, compares each result with the Java CPU backend's (or plain Java's), and prints one row per (device, check)
 * with PASS/FAIL and the largest error. Exits 1 if any row failed.
 *
 * <p>The operations are discovered, not listed by hand: every public method of {@code acc.vectors()} and
 * {@code acc.matrices()} is called with fresh random arguments (arrays of {@code --n} elements with values in
 * [0.5, 2), square matrices, scalars 1.5) on the device and on the Java CPU backend, and every array, matrix and
 * returned value is compared. A new operation therefore appears in the selftest as soon as it exists. On the Java
 * CPU device itself those rows say {@code ORACLE}: it is what the others are compared with; its own correctness is
 * checked by the user-kernel rows (against plain Java) and by the unit tests.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Runs every operation and a user kernel on every device and compares with the Java CPU backend.")
public final class SelfTest implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", defaultValue = "1031", description = "Vector length (default ${DEFAULT-VALUE}, a prime above usual work-group sizes).")
    int n;

    @Option(names = "--m", defaultValue = "37", description = "Matrix side (default ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random inputs (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backend", paramLabel = "BACKEND",
            description = "Test only this backend's best device: cpu, opencl or cuda (default: GPU4J_DEVICE, else every device).")
    String backend;

    @Option(names = "--device", paramLabel = "SELECTOR",
            description = "Test only this device: opencl:0, opencl:gpu, cuda:1, cpu, or with --backend a device index.")
    String device;

    /** Relative tolerance for float results: reductions over ~1000 values in another order differ by ~n * 2^-24. */
    static final double FLOAT_TOL = 1e-3;
    /** Relative tolerance for double results, for the same reason at 2^-53. */
    static final double DOUBLE_TOL = 1e-10;

    record Row(String device, String check, String status, double maxError, String detail) {}

    /**
     * A rough bound on the arrays of one device's checks: a few vectors of {@code --n} and matrices of {@code --m} x
     * {@code --m} doubles for the device and as many for the Java CPU oracle, on the heap.
     */
    static Sizes.Footprint footprint(Map<String, Long> s) {
        long n = s.get("--n"), m = s.get("--m");
        return new Sizes.Footprint().both("a vector (--n doubles)", n, 8 * 8).both("a matrix (--m x --m doubles)", m * m, 8 * 8);
    }

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("--n", (long) n);
        sizes.put("--m", (long) m);
        Sizes.check(spec.commandLine(), sizes, SelfTest::footprint, true);
        String explicit = SampleCommand.selector(spec.commandLine(), backend, device);
        String selector = SampleCommand.effectiveSelector(explicit);
        List<Device> targets;
        String what;
        if (selector == null) {
            targets = Gpu4j.devices();
            what = "every device";
            out.println("No device selector (--backend, --device, GPU4J_DEVICE or -Dgpu4j.device) is set: testing every device.");
        } else {
            String source = explicit != null ? (device != null ? "--device" : "--backend")
                    : System.getProperty("gpu4j.device") != null && !System.getProperty("gpu4j.device").isBlank()
                    ? "-Dgpu4j.device" : "GPU4J_DEVICE";
            Device d;
            try {
                d = Gpu4j.select(selector);
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("gpu4j selftest: the device selector " + source + " " + selector
                        + " matches no device, so nothing was tested. " + e.getMessage());
                return 1;
            }
            targets = List.of(d);
            what = d.id();
            out.println("Device selector " + source + " " + selector + ": testing only " + d.id() + "  " + d);
        }
        List<Row> rows = new ArrayList<>();
        out.println(Fmt.f("gpu4j selftest: n = %d, matrices %d x %d, seed %d; %s vs the Java CPU backend", n, m, m, seed, what));
        out.println(Fmt.f("%-10s %-44s %-7s %-10s %s", "DEVICE", "CHECK", "RESULT", "MAX ERROR", "DETAIL"));
        try (Accelerator oracle = Gpu4j.open("cpu")) {
            for (Device d : targets) {
                try (Accelerator acc = Gpu4j.open(d.id())) {
                    for (Row r : checks(acc, oracle)) {
                        rows.add(r);
                        out.println(Fmt.f("%-10s %-44s %-7s %-10s %s", r.device, r.check, r.status,
                                Double.isNaN(r.maxError) ? "-" : Fmt.f("%.3g", r.maxError), r.detail));
                        out.flush();
                    }
                } catch (RuntimeException e) {
                    Row r = new Row(d.id(), "open", "FAIL", Double.NaN, e.toString());
                    rows.add(r);
                    out.println(Fmt.f("%-10s %-44s %-7s %-10s %s", r.device, r.check, r.status, "-", r.detail));
                }
            }
        }
        long failed = rows.stream().filter(r -> r.status.equals("FAIL")).count();
        long passed = rows.stream().filter(r -> r.status.equals("PASS")).count();
        long skipped = rows.stream().filter(r -> r.status.equals("SKIP")).count();
        long oracleRows = rows.stream().filter(r -> r.status.equals("ORACLE")).count();
        out.println(Fmt.f("SELFTEST: %s (%d passed, %d failed, %d skipped, %d oracle rows)",
                failed == 0 ? "OK" : "FAILED", passed, failed, skipped, oracleRows));
        return failed == 0 ? 0 : 1;
    }

    List<Row> checks(Accelerator acc, Accelerator oracle) {
        List<Row> rows = new ArrayList<>();
        rows.add(userKernel(acc));
        rows.add(userKernel2d(acc));
        rows.addAll(discovered(acc, oracle, "vectors", Accelerator::vectors));
        rows.addAll(discovered(acc, oracle, "matrices", Accelerator::matrices));
        rows.addAll(expressions(acc));
        rows.addAll(sorting(acc));
        rows.addAll(random(acc, oracle));
        return rows;
    }

    // ---------------------------------------------------------------- acc.sorting(), checked against Arrays.sort

    private List<Row> sorting(Accelerator acc) {
        List<Row> rows = new ArrayList<>();
        Random rnd = new Random(seed);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MAX_VALUE, -Float.MIN_VALUE};
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = rnd.nextInt(20) == 0 ? special[rnd.nextInt(special.length)] : (float) rnd.nextGaussian();
        int[] k = new int[n];
        for (int i = 0; i < n; i++) k[i] = rnd.nextInt(Math.max(1, n / 8)) - n / 16;
        org.gpu4j.Sorting s = acc.sorting();
        rows.add(expression(acc, "sorting.sort (float, NaN/Inf/-0.0, exact)", null, () -> {
            try (FloatArray d = acc.upload(x)) {
                s.sort(d);
                float[] got = d.toArray(), want = x.clone();
                java.util.Arrays.sort(want);
                int bad = 0;
                for (int i = 0; i < n; i++) if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[i])) bad++;
                return new double[] {bad, 0};
            }
        }));
        rows.add(expression(acc, "sorting.sortByKey int keys+indices (stable)", null, () -> {
            int[] iota = new int[n];
            for (int i = 0; i < n; i++) iota[i] = i;
            try (IntArray dk = acc.upload(k); IntArray dv = acc.upload(iota)) {
                s.sortByKey(dk, dv);
                int[] keys = dk.toArray(), vals = dv.toArray(), want = k.clone();
                java.util.Arrays.sort(want);
                int bad = 0;
                for (int i = 0; i < n; i++) {
                    if (keys[i] != want[i] || k[vals[i]] != keys[i] || (i > 0 && keys[i - 1] == keys[i] && vals[i - 1] > vals[i])) bad++;
                }
                return new double[] {bad, 0};
            }
        }));
        rows.add(expression(acc, "sorting.argsort descending (float, stable)", null, () -> {
            try (FloatArray d = acc.upload(x); IntArray idx = s.argsort(d, org.gpu4j.Sorting.Order.DESCENDING)) {
                int[] o = idx.toArray();
                int bad = 0;
                for (int i = 1; i < n; i++) {
                    int c = Float.compare(x[o[i - 1]], x[o[i]]);
                    if (Float.isNaN(x[o[i - 1]]) && Float.isNaN(x[o[i]])) c = 0;
                    if (c < 0 || (c == 0 && o[i - 1] > o[i])) bad++;
                }
                return new double[] {bad, 0};
            }
        }));
        rows.add(expression(acc, "sorting.copyIf x > 0 and unique (i32)", null, () -> {
            try (IntArray d = acc.upload(k); IntArray out = acc.allocInts(n)) {
                long c = s.copyIf(d, out, "x > 0");
                int[] want = java.util.Arrays.stream(k).filter(v -> v > 0).toArray();
                int bad = c == want.length && java.util.Arrays.equals(want, java.util.Arrays.copyOf(out.toArray(), (int) c)) ? 0 : 1;
                int[] sorted = k.clone();
                java.util.Arrays.sort(sorted);
                d.copyFrom(sorted);
                long u = s.unique(d, out);
                int[] distinct = java.util.Arrays.stream(sorted).distinct().toArray();
                if (u != distinct.length || !java.util.Arrays.equals(distinct, java.util.Arrays.copyOf(out.toArray(), (int) u))) bad++;
                return new double[] {bad, 0};
            }
        }));
        return rows;
    }

    // ---------------------------------------------------------------- random numbers, bit for bit against the Java CPU backend

    /**
     * Philox4x32-10 against three of Random123's known answers (tests/kat_vectors of the Random123 distribution,
     * rows "philox4x32 10"), then every generator of {@code acc.random(seed)}: --n elements from offset 3 must equal
     * the Java CPU backend's bit for bit (normals and exponentials too: gpu4j computes their log/sin/cos itself), and
     * the monte-carlo sample must print the same price.
     */
    private List<Row> random(Accelerator acc, Accelerator oracle) {
        List<Row> rows = new ArrayList<>();
        String id = acc.device().id();
        boolean isOracle = acc.device().backend().equals("cpu");
        try {
            int[] ctr = {0, 0, 0, 0, -1, -1, -1, -1, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344};
            int[] key = {0, 0, -1, -1, 0xa4093822, 0x299f31d0};
            int[] expect = {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8, 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd,
                    0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1};
            int[] got = new org.gpu4j.random.RandomOps(acc).philox(ctr, key, 10);
            int bad = 0;
            for (int i = 0; i < expect.length; i++) if (got[i] != expect[i]) bad++;
            rows.add(new Row(id, "random philox4x32-10 known answers", bad == 0 ? "PASS" : "FAIL", bad,
                    bad + " of 12 words differ from Random123's kat_vectors"));
        } catch (RuntimeException e) {
            rows.add(new Row(id, "random philox4x32-10 known answers", "FAIL", Double.NaN, e.toString()));
        }
        String[] kinds = {"bits(i32[])", "uniform(f32[])", "uniform(f64[])", "uniform(i32[],-5,12)", "uniform(i64[],MIN,MAX)",
                "normal(f32[],3,2)", "normal(f64[],0,1)", "exponential(f32[],2)", "exponential(f64[],0.5)"};
        for (String kind : kinds) {
            String name = "random." + kind;
            try {
                boolean dbl = kind.contains("f64");
                if (dbl && !acc.device().supports(org.gpu4j.Capability.FP64)) {
                    rows.add(new Row(id, name, "SKIP", Double.NaN, "no FP64 on this device"));
                    continue;
                }
                Object mine = randomFill(acc, kind);
                if (isOracle) {
                    rows.add(new Row(id, name, "ORACLE", Double.NaN, "ran; this backend is the reference"));
                    continue;
                }
                Object ref = randomFill(oracle, kind);
                int len = Array.getLength(ref), diff = 0;
                for (int i = 0; i < len; i++) if (!Array.get(ref, i).equals(Array.get(mine, i))) diff++;
                rows.add(new Row(id, name, diff == 0 ? "PASS" : "FAIL", diff,
                        diff + " of " + len + " elements differ in any bit from the Java CPU backend (seed " + seed + ")"));
            } catch (RuntimeException e) {
                rows.add(new Row(id, name, "FAIL", Double.NaN, e.toString()));
            }
        }
        String name = "sample monte-carlo (2^20 paths)";
        try {
            if (!acc.device().supports(org.gpu4j.Capability.FP64)) {
                rows.add(new Row(id, name, "SKIP", Double.NaN, "no FP64 on this device"));
            } else {
                MonteCarlo.Estimate e = MonteCarlo.price(acc, seed, 1 << 20);
                double sigmas = Math.abs(e.price() - MonteCarlo.blackScholes()) / e.standardError();
                if (isOracle) {
                    rows.add(new Row(id, name, sigmas <= 4 ? "PASS" : "FAIL", sigmas,
                            Fmt.f("price %.10f, within %.2f standard errors of the closed form (pass <= 4)", e.price(), sigmas)));
                } else {
                    MonteCarlo.Estimate o = MonteCarlo.price(oracle, seed, 1 << 20);
                    boolean same = Double.doubleToLongBits(o.price()) == Double.doubleToLongBits(e.price());
                    rows.add(new Row(id, name, same && sigmas <= 4 ? "PASS" : "FAIL", Math.abs(e.price() - o.price()),
                            Fmt.f("price %.10f vs the Java CPU backend's %.10f (must be identical), %.2f standard errors from the closed form",
                                    e.price(), o.price(), sigmas)));
                }
            }
        } catch (RuntimeException e) {
            rows.add(new Row(id, name, "FAIL", Double.NaN, e.toString()));
        }
        return rows;
    }

    /** One generator's --n elements from offset 3, as a Java array. */
    private Object randomFill(Accelerator acc, String kind) {
        org.gpu4j.DeviceRandom r = acc.random(seed).at(3);
        switch (kind.substring(0, kind.indexOf('('))) {
            case "bits" -> { try (IntArray x = acc.allocInts(n)) { r.bits(x); return x.toArray(); } }
            case "uniform" -> {
                if (kind.contains("f32")) { try (FloatArray x = acc.allocFloats(n)) { r.uniform(x); return x.toArray(); } }
                if (kind.contains("f64")) { try (DoubleArray x = acc.allocDoubles(n)) { r.uniform(x); return x.toArray(); } }
                if (kind.contains("i32")) { try (IntArray x = acc.allocInts(n)) { r.uniform(x, -5, 12); return x.toArray(); } }
                try (LongArray x = acc.allocLongs(n)) { r.uniform(x, Long.MIN_VALUE, Long.MAX_VALUE); return x.toArray(); }
            }
            case "normal" -> {
                if (kind.contains("f32")) { try (FloatArray x = acc.allocFloats(n)) { r.normal(x, 3f, 2f); return x.toArray(); } }
                try (DoubleArray x = acc.allocDoubles(n)) { r.normal(x, 0.0, 1.0); return x.toArray(); }
            }
            default -> {
                if (kind.contains("f32")) { try (FloatArray x = acc.allocFloats(n)) { r.exponential(x, 2f); return x.toArray(); } }
                try (DoubleArray x = acc.allocDoubles(n)) { r.exponential(x, 0.5); return x.toArray(); }
            }
        }
    }

    // ---------------------------------------------------------------- expression builders, checked against plain Java

    /**
     * acc.elementwise / reduction / scan, where this build has them (looked up by name, so the selftest compiles and
     * runs before the expression builders exist, and checks them once they do).
     */
    private List<Row> expressions(Accelerator acc) {
        List<Row> rows = new ArrayList<>();
        String id = acc.device().id();
        Random rnd = new Random(seed);
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) { x[i] = 0.5f + 1.5f * rnd.nextFloat(); y[i] = 0.5f + 1.5f * rnd.nextFloat(); }
        int[] k = new int[n];
        for (int i = 0; i < n; i++) k[i] = 1 + rnd.nextInt(99);
        rows.add(expression(acc, "expr.elementwise z=a*x+b*y (f32)", new Class<?>[] {String.class, String.class}, () -> {
            try (FloatArray dx = acc.upload(x); FloatArray dy = acc.upload(y); FloatArray dz = acc.allocFloats(n)) {
                Object kern = invoke(acc, "elementwise", new Class<?>[] {String.class, String.class},
                        "float a, float *x, float b, float *y, float *z", "z[i] = a*x[i] + b*y[i]");
                launch(kern, 2f, dx, 5f, dy, dz);
                float[] z = dz.toArray();
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    // a*x + b*y rounded once per operation, or fused: within 2 ulp of the exact value.
                    double exact = 2.0 * x[i] + 5.0 * y[i];
                    worst = Math.max(worst, Math.abs(z[i] - exact) / Math.ulp((float) exact));
                }
                return new double[] {worst, 2};
            }
        }));
        rows.add(expression(acc, "expr.reduction dot x.y (f32)", null, () -> {
            try (FloatArray dx = acc.upload(x); FloatArray dy = acc.upload(y)) {
                Object kern = invoke(acc, "reduction", new Class<?>[] {String.class, String.class, String.class, String.class, String.class},
                        "float", "0", "a+b", "x[i]*y[i]", "float *x, float *y");
                double got = ((Number) launch(kern, dx, dy)).doubleValue();
                double exact = 0;
                for (int i = 0; i < n; i++) exact += (double) x[i] * y[i];
                // Float sum of n products in any order: |error| <= (n + 1) 2^-24 sum|x y|; shown relative to that bound.
                return new double[] {Math.abs(got - exact) / ((n + 1) * 0x1p-24 * exact + Float.MIN_NORMAL), 1};
            }
        }));
        rows.add(expression(acc, "expr.reduction sum (i32, exact)", null, () -> {
            try (IntArray dk = acc.upload(k)) {
                Object kern = invoke(acc, "reduction", new Class<?>[] {String.class, String.class, String.class, String.class, String.class},
                        "int", "0", "a+b", "x[i]", "int *x");
                long got = ((Number) launch(kern, dk)).longValue();
                long exact = 0;
                for (int v : k) exact += v;
                return new double[] {Math.abs(got - exact), 0};
            }
        }));
        rows.add(expression(acc, "expr.scan exclusive sum (i32, exact)", null, () -> {
            try (IntArray dk = acc.upload(k); IntArray out = acc.allocInts(n)) {
                Object kern = invoke(acc, "scan", new Class<?>[] {String.class, String.class, String.class, String.class, String.class, String.class},
                        "int", "0", "a+b", "x[i]", "y[i] = prev_item", "int *x, int *y");
                launch(kern, dk, out);
                int[] got = out.toArray();
                int run = 0, bad = 0;
                for (int i = 0; i < n; i++) { if (got[i] != run) bad++; run += k[i]; }
                return new double[] {bad, 0};
            }
        }));
        return rows;
    }

    private interface Check { double[] run() throws ReflectiveOperationException; }

    /** One expression row: {@code check} returns {error, tolerance}. */
    private Row expression(Accelerator acc, String name, Class<?>[] unused, Check check) {
        String id = acc.device().id();
        try {
            double[] r = check.run();
            boolean ok = r[0] <= r[1];
            return new Row(id, name, ok ? "PASS" : "FAIL", r[0], "vs plain Java, tolerance " + r[1]
                    + (name.contains("f32") ? (name.contains("dot") ? " (of the error bound)" : " ulp") : ""));
        } catch (NoSuchMethodException e) {
            return new Row(id, name, "SKIP", Double.NaN, "this build has no acc." + e.getMessage());
        } catch (InvocationTargetException e) {
            return new Row(id, name, "FAIL", Double.NaN, String.valueOf(e.getCause()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Row(id, name, "FAIL", Double.NaN, e.toString());
        }
    }

    private static Object invoke(Accelerator acc, String method, Class<?>[] types, Object... args) throws ReflectiveOperationException {
        Method m;
        try {
            m = Accelerator.class.getMethod(method, types);
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException(method + "(...)");
        }
        return m.invoke(acc, args);
    }

    private static Object launch(Object kernel, Object... args) throws ReflectiveOperationException {
        return kernel.getClass().getMethod("launch", Object[].class).invoke(kernel, (Object) args);
    }

    // ---------------------------------------------------------------- user kernels, checked against plain Java

    private Row userKernel(Accelerator acc) {
        String id = acc.device().id();
        String name = "user kernel vector_add_int (1-D)";
        try {
            int[][] in = VectorAdd.inputs(seed, n);
            int[] got;
            try (var p = acc.program(VectorAdd.source());
                 IntArray a = acc.upload(in[0]); IntArray b = acc.upload(in[1]); IntArray c = acc.allocInts(n)) {
                p.kernel("vector_add_int").launch(Range.of(n), a, b, c, n);
                got = c.toArray();
            }
            int bad = 0;
            for (int i = 0; i < n; i++) if (got[i] != in[0][i] + in[1][i]) bad++;
            return new Row(id, name, bad == 0 ? "PASS" : "FAIL", bad == 0 ? 0 : 1, bad + " of " + n + " wrong (exact ints)");
        } catch (RuntimeException e) {
            return new Row(id, name, "FAIL", Double.NaN, e.toString());
        }
    }

    private Row userKernel2d(Accelerator acc) {
        String id = acc.device().id();
        String name = "user kernel matmul_tiled (2-D, local memory)";
        try {
            Random rnd = new Random(seed);
            float[] a = Fmt.gaussians(rnd, m * m), b = Fmt.gaussians(rnd, m * m);
            float[] got;
            try (var p = acc.program(Matmul.source());
                 FloatArray da = acc.upload(a); FloatArray db = acc.upload(b); FloatArray dc = acc.allocFloats((long) m * m)) {
                long g = Matmul.roundUp(m, Matmul.TILE);
                p.kernel("matmul_tiled").launch(Range.of(g, g).local(Matmul.TILE, Matmul.TILE), da, db, dc, m, m, m);
                got = dc.toArray();
            }
            double worst = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double exact = 0, mag = 0;
                    for (int k = 0; k < m; k++) {
                        exact += (double) a[i * m + k] * b[k * m + j];
                        mag += Math.abs((double) a[i * m + k] * b[k * m + j]);
                    }
                    // Float dot product of length m: |error| <= (m + 1) 2^-24 sum|a||b|; the error is shown relative to it.
                    double err = Math.abs(got[i * m + j] - exact) / ((m + 1) * 0x1p-24 * mag + Float.MIN_NORMAL);
                    worst = Math.max(worst, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
                }
            }
            return new Row(id, name, worst <= 1 ? "PASS" : "FAIL", worst, "error / float dot-product bound (pass <= 1)");
        } catch (RuntimeException e) {
            return new Row(id, name, "FAIL", Double.NaN, e.toString());
        }
    }

    // ---------------------------------------------------------------- discovered operations

    private List<Row> discovered(Accelerator acc, Accelerator oracle, String group,
                                 java.util.function.Function<Accelerator, Object> ops) {
        List<Row> rows = new ArrayList<>();
        Object deviceOps = ops.apply(acc);
        Method[] methods = deviceOps.getClass().getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(SelfTest::shortSignature));
        for (Method method : methods) {
            if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())) continue;
            if (method.getName().equals("accelerator") || method.getParameterCount() == 0) continue;
            rows.add(compare(acc, oracle, group, ops, method));
        }
        return rows;
    }

    static String shortSignature(Method m) {
        StringBuilder sb = new StringBuilder(m.getName()).append('(');
        Class<?>[] ps = m.getParameterTypes();
        for (int i = 0; i < ps.length; i++) sb.append(i == 0 ? "" : ",").append(abbrev(ps[i]));
        return sb.append(')').toString();
    }

    private static String abbrev(Class<?> c) {
        if (c == FloatArray.class) return "f32[]";
        if (c == DoubleArray.class) return "f64[]";
        if (c == IntArray.class) return "i32[]";
        if (c == LongArray.class) return "i64[]";
        if (c == float.class || c == Float.class) return "f32";
        if (c == double.class || c == Double.class) return "f64";
        if (c == int.class || c == Integer.class) return "i32";
        if (c == long.class || c == Long.class) return "i64";
        String s = c.getSimpleName();
        return s.replace("FloatMatrix", "f32M").replace("DoubleMatrix", "f64M").replace("LongMatrix", "i64M").replace("IntMatrix", "i32M");
    }

    private Row compare(Accelerator acc, Accelerator oracle, String group,
                        java.util.function.Function<Accelerator, Object> ops, Method method) {
        String id = acc.device().id();
        String name = group + "." + shortSignature(method);
        boolean isOracle = acc.device().backend().equals("cpu");
        if (!acc.device().fp64() && usesDouble(method)) return new Row(id, name, "SKIP", Double.NaN, "device has no fp64");
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            Object[] devArgs, refArgs;
            try {
                devArgs = arguments(acc, method, new Random(seed), owned);
                refArgs = arguments(oracle, method, new Random(seed), owned);
            } catch (UnsupportedOperationException e) {
                return new Row(id, name, "SKIP", Double.NaN, e.getMessage());
            }
            Object refResult;
            Throwable refError = null;
            Object devResult = null;
            Throwable devError = null;
            try {
                refResult = method.invoke(ops.apply(oracle), refArgs);
            } catch (InvocationTargetException e) {
                refResult = null;
                refError = e.getCause();
            }
            try {
                devResult = method.invoke(ops.apply(acc), devArgs);
            } catch (InvocationTargetException e) {
                devError = e.getCause();
            }
            if (refResult instanceof AutoCloseable c) owned.add(c);
            if (devResult instanceof AutoCloseable c) owned.add(c);
            if (refError != null && devError != null && refError.getClass() == devError.getClass()) {
                return new Row(id, name, "SKIP", Double.NaN, "random arguments rejected on both: " + refError.getMessage());
            }
            if (devError != null) return new Row(id, name, "FAIL", Double.NaN, devError.toString());
            if (refError != null) return new Row(id, name, "FAIL", Double.NaN, "the Java CPU oracle failed: " + refError);
            if (isOracle) return new Row(id, name, "ORACLE", Double.NaN, "ran; this backend is the reference");
            double worst = 0;
            String where = "";
            for (int i = 0; i < devArgs.length; i++) {
                double e = difference(read(devArgs[i]), read(refArgs[i]));
                if (e > worst || Double.isNaN(e)) { worst = e; where = "argument " + i; }
            }
            double e = difference(read(devResult), read(refResult));
            if (e > worst || Double.isNaN(e)) { worst = e; where = "result"; }
            double tol = tolerance(method);
            boolean ok = worst <= tol;
            return new Row(id, name, ok ? "PASS" : "FAIL", worst,
                    (ok ? "relative error, tolerance " : "worst at " + where + ", tolerance ") + Fmt.f("%.0e", tol));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Row(id, name, "FAIL", Double.NaN, e.toString());
        } finally {
            for (AutoCloseable c : owned) {
                try { c.close(); } catch (Exception ignored) { /* freed with the accelerator anyway */ }
            }
        }
    }

    private static boolean usesDouble(Method m) {
        return shortSignature(m).contains("f64");
    }

    private static double tolerance(Method m) {
        String s = shortSignature(m);
        if (s.contains("f32")) return FLOAT_TOL;
        if (s.contains("f64")) return DOUBLE_TOL;
        return 0; // integer operations are exact
    }

    /** Random arguments for {@code method}, built on {@code acc}; the same seed gives the same values on every device. */
    private Object[] arguments(Accelerator acc, Method method, Random rnd, List<AutoCloseable> owned) {
        Class<?>[] ps = method.getParameterTypes();
        Object[] args = new Object[ps.length];
        // With a matrix among the arguments (gemv), vectors are as long as the matrix's side.
        int n = Arrays.stream(ps).anyMatch(p -> p.getSimpleName().endsWith("Matrix")) ? m : this.n;
        for (int i = 0; i < ps.length; i++) {
            Class<?> p = ps[i];
            Object a;
            if (p == FloatArray.class) {
                float[] v = new float[n];
                for (int j = 0; j < n; j++) v[j] = 0.5f + 1.5f * rnd.nextFloat();
                a = acc.upload(v);
            } else if (p == DoubleArray.class) {
                double[] v = new double[n];
                for (int j = 0; j < n; j++) v[j] = 0.5 + 1.5 * rnd.nextDouble();
                a = acc.upload(v);
            } else if (p == IntArray.class) {
                int[] v = new int[n];
                for (int j = 0; j < n; j++) v[j] = 1 + rnd.nextInt(99);
                a = acc.upload(v);
            } else if (p == LongArray.class) {
                long[] v = new long[n];
                for (int j = 0; j < n; j++) v[j] = 1 + rnd.nextInt(99);
                a = acc.upload(v);
            } else if (p == float.class || p == Float.class) {
                a = 1.5f;
            } else if (p == double.class || p == Double.class) {
                a = 1.5;
            } else if (p == int.class || p == Integer.class) {
                a = 3;
            } else if (p == long.class || p == Long.class) {
                a = 3L;
            } else if (p == boolean.class || p == Boolean.class) {
                a = false;
            } else if (p.isEnum()) {
                a = p.getEnumConstants()[0];
            } else if (p.getSimpleName().endsWith("Matrix")) {
                a = matrix(acc, p, rnd);
            } else {
                throw new UnsupportedOperationException("no random argument of type " + p.getSimpleName());
            }
            if (a instanceof AutoCloseable c) owned.add(c);
            args[i] = a;
        }
        return args;
    }

    /** A random m x m matrix through the type's {@code of(Accelerator, T[][])} factory. */
    private Object matrix(Accelerator acc, Class<?> type, Random rnd) {
        for (Method f : type.getMethods()) {
            Class<?>[] ps = f.getParameterTypes();
            if (!Modifier.isStatic(f.getModifiers()) || !f.getName().equals("of") || ps.length != 2
                    || ps[0] != Accelerator.class || !ps[1].isArray() || !ps[1].getComponentType().isArray()) continue;
            Class<?> elem = ps[1].getComponentType().getComponentType();
            Object rowsArr = Array.newInstance(ps[1].getComponentType(), m);
            for (int r = 0; r < m; r++) {
                Object row = Array.newInstance(elem, m);
                for (int c = 0; c < m; c++) {
                    if (elem == float.class) Array.setFloat(row, c, 0.5f + 1.5f * rnd.nextFloat());
                    else if (elem == double.class) Array.setDouble(row, c, 0.5 + 1.5 * rnd.nextDouble());
                    else if (elem == long.class) Array.setLong(row, c, 1 + rnd.nextInt(99));
                    else if (elem == int.class) Array.setInt(row, c, 1 + rnd.nextInt(99));
                    else throw new UnsupportedOperationException("matrix of " + elem);
                }
                Array.set(rowsArr, r, row);
            }
            try {
                return f.invoke(null, acc, rowsArr);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + type.getSimpleName() + ": " + e, e);
            }
        }
        throw new UnsupportedOperationException("no " + type.getSimpleName() + ".of(Accelerator, T[][]) factory");
    }

    /** The values of an argument or result as doubles (arrays read back from the device), or null for none. */
    private static double[] read(Object o) {
        if (o == null) return null;
        if (o instanceof Number num) return new double[] {num.doubleValue()};
        if (o instanceof Boolean b) return new double[] {b ? 1 : 0};
        if (o instanceof FloatArray a) { float[] v = a.toArray(); double[] d = new double[v.length]; for (int i = 0; i < v.length; i++) d[i] = v[i]; return d; }
        if (o instanceof DoubleArray a) return a.toArray();
        if (o instanceof IntArray a) return Arrays.stream(a.toArray()).asDoubleStream().toArray();
        if (o instanceof LongArray a) return Arrays.stream(a.toArray()).asDoubleStream().toArray();
        if (o instanceof DeviceArray) return null;
        try {
            Method m = o.getClass().getMethod("toArray2D");
            Object rows = m.invoke(o);
            List<Double> all = new ArrayList<>();
            for (int r = 0; r < Array.getLength(rows); r++) {
                Object row = Array.get(rows, r);
                for (int c = 0; c < Array.getLength(row); c++) all.add(((Number) Array.get(row, c)).doubleValue());
            }
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (NoSuchMethodException e) {
            return null; // not a value we can compare (e.g. the ops object itself, for chaining)
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read back " + o + ": " + e, e);
        }
    }

    /** Largest relative difference max|d - r| / max(1, |r|); NaN/Inf must match exactly; shape mismatch is +Inf. */
    private static double difference(double[] dev, double[] ref) {
        if (dev == null && ref == null) return 0;
        if (dev == null || ref == null || dev.length != ref.length) return Double.POSITIVE_INFINITY;
        double worst = 0;
        for (int i = 0; i < dev.length; i++) {
            if (Double.isNaN(ref[i]) || Double.isInfinite(ref[i]) || Double.isNaN(dev[i]) || Double.isInfinite(dev[i])) {
                if (Double.compare(dev[i], ref[i]) != 0) return Double.POSITIVE_INFINITY;
                continue;
            }
            worst = Math.max(worst, Math.abs(dev[i] - ref[i]) / Math.max(1, Math.abs(ref[i])));
        }
        return worst;
    }
}
