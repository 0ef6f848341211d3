package org.gpu4j.bench;

import java.util.concurrent.TimeUnit;
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
 * The JMH benchmark behind every row: one (backend, op, size) per trial. {@code backend} is a gpu4j backend
 * ({@code cpu}, {@code opencl}, {@code cuda}) or a reference ({@code java-1t}, {@code java-par}, {@code jocl});
 * {@code op} an {@link Op} id; {@code size} elements, or N for matrices (sgemm, dgemm: N x N times N x N, 2*N^3
 * flops; transpose: N x N floats). One invocation is one complete operation
 * (it ends with the device work finished). {@link JmhMain} runs only the combinations that exist here and turns the
 * scores into GB/s, GFLOP/s or microseconds per launch; run directly, an unavailable backend fails its trial with
 * the reason.
 *
 * {@snippet :
 * // java -cp ... org.openjdk.jmh.Main OpBench -p backend=opencl -p op=add-kernel -p size=16777216
 * // java -cp ... org.openjdk.jmh.Main OpBench -p backend=cpu,opencl -p op=sgemm,dgemm -p size=512,1024,2048
 * // java -cp ... org.openjdk.jmh.Main OpBench -p backend=opencl -p op=transpose -p size=4096
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx6g"})
public class OpBench {
    @Param({"cpu"})
    public String backend;

    @Param({"add-kernel"})
    public String op;

    @Param({"16777216"})
    public long size;

    private BenchContext ctx;
    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() {
        Op o = Op.byId(op);
        if (!backend.startsWith("java") && !backend.equals(BenchContext.JOCL)) {
            String why = BenchContext.unavailable(backend);
            if (why != null) throw new IllegalStateException("backend " + backend + " is unavailable: " + why);
        }
        ctx = new BenchContext(42);
        workload = Workloads.create(ctx, backend, o, o.unit == Op.Unit.LAUNCHES ? 0 : size);
    }

    @Benchmark
    public void run() {
        workload.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (workload != null) workload.close();
        if (ctx != null) ctx.close();
    }
}
