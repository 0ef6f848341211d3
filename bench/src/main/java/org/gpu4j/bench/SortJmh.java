package org.gpu4j.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.IntArray;
import org.gpu4j.Sorting;
import org.gpu4j.internal.CoreAccess;
import org.gpu4j.internal.LaunchPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the sort rows of issue 17, one (side, kind) per trial. {@code side} is a gpu4j backend with its launch plan's
 * default sort method ({@code cpu}, {@code opencl}, {@code cuda}), the same with a method forced ({@code cpu:merge},
 * {@code opencl:radix}, ...: {@link LaunchPlan#SORT_METHOD_PROPERTY}), or the reference {@code java} ({@link
 * Arrays#parallelSort}; pairs as packed {@code key<<32|value} longs, as {@link SortBench} does). {@code kind} is
 * {@code int} (2^24 random int keys by default), {@code float} or {@code pairs} (int keys, int values,
 * {@code sortByKey}). The input is restored before every invocation, outside the timing; one invocation is one whole
 * sort, finished. JMH runs in forked JVMs, so the ratios between sides of one run are the figures to quote
 * ({@code gpu4j bench --sort} pairs them per round).
 *
 * {@snippet :
 * // mvn -B -o -pl samples,bench -am package -DskipTests
 * // java -cp "bench/target/gpu4j-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openjdk.jmh.Main SortJmh \
 * //      -p side=java,cpu,cpu:merge,opencl,opencl:merge -p kind=int,float,pairs -wi 2 -i 3 -f 1
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx6g"})
public class SortJmh {
    @Param({"java", "cpu", "cpu:merge"})
    public String side;

    @Param({"int", "float", "pairs"})
    public String kind;

    @Param({"16777216"})
    public int size;

    private int[] ik, iv, wi;
    private float[] fk, wf;
    private long[] wl;
    private Accelerator acc;
    private Sorting sorting;
    private IntArray ikSrc, ivSrc, ikDev, ivDev;
    private FloatArray fkSrc, fkDev;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        ik = new int[size];
        iv = new int[size];
        fk = new float[size];
        for (int i = 0; i < size; i++) { ik[i] = r.nextInt(); fk[i] = (float) r.nextDouble(-1e6, 1e6); iv[i] = i; }
        if (side.equals("java")) {
            wi = new int[size];
            wf = new float[size];
            wl = new long[size];
            return;
        }
        String[] parts = side.split(":", 2);
        String why = BenchContext.unavailable(parts[0]);
        if (why != null) throw new IllegalStateException("backend " + parts[0] + " is unavailable: " + why);
        if (parts.length > 1) System.setProperty(LaunchPlan.SORT_METHOD_PROPERTY, parts[1].toLowerCase(Locale.ROOT));
        LaunchPlan plan;
        try {
            acc = Gpu4j.open(parts[0]);
            plan = CoreAccess.get().plan(acc); // the plan (and its sort method) is built on first use: while the property is set
        } finally {
            System.clearProperty(LaunchPlan.SORT_METHOD_PROPERTY);
        }
        if (parts.length > 1 && !plan.sortMethod().name().equalsIgnoreCase(parts[1])) {
            throw new IllegalStateException(side + ": the plan sorts by " + plan.sortMethod() + " on " + plan);
        }
        sorting = acc.sorting();
        switch (kind) {
            case "int" -> { ikSrc = acc.upload(ik); ikDev = acc.allocInts(size); }
            case "float" -> { fkSrc = acc.upload(fk); fkDev = acc.allocFloats(size); }
            default -> { ikSrc = acc.upload(ik); ivSrc = acc.upload(iv); ikDev = acc.allocInts(size); ivDev = acc.allocInts(size); }
        }
    }

    @Setup(Level.Invocation)
    public void restore() {
        if (acc == null) {
            switch (kind) {
                case "int" -> System.arraycopy(ik, 0, wi, 0, size);
                case "float" -> System.arraycopy(fk, 0, wf, 0, size);
                default -> { }
            }
            return;
        }
        switch (kind) {
            case "int" -> ikDev.copyFrom(ikSrc);
            case "float" -> fkDev.copyFrom(fkSrc);
            default -> { ikDev.copyFrom(ikSrc); ivDev.copyFrom(ivSrc); }
        }
        acc.finish();
    }

    @Benchmark
    public Object sort() {
        if (acc == null) {
            switch (kind) {
                case "int" -> { Arrays.parallelSort(wi); return wi; }
                case "float" -> { Arrays.parallelSort(wf); return wf; }
                default -> {
                    for (int i = 0; i < size; i++) wl[i] = ((long) ik[i] << 32) | (iv[i] & 0xffffffffL);
                    Arrays.parallelSort(wl);
                    for (int i = 0; i < size; i++) wi[i] = (int) wl[i];
                    return wi;
                }
            }
        }
        switch (kind) {
            case "int" -> sorting.sort(ikDev);
            case "float" -> sorting.sort(fkDev);
            default -> sorting.sortByKey(ikDev, ivDev);
        }
        acc.finish();
        return kind;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (AutoCloseable a : new AutoCloseable[] {ikSrc, ivSrc, ikDev, ivDev, fkSrc, fkDev}) {
            if (a == null) continue;
            try {
                a.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (acc != null) acc.close();
        acc = null;
    }
}
