package org.gpu4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceRandom;
import org.gpu4j.FloatArray;
import org.gpu4j.Kernel;
import org.gpu4j.Range;

/**
 * Builds the {@link Workload} of one (backend, operation, size). gpu4j backends ({@code cpu}, {@code opencl},
 * {@code cuda}) run through the public API; the references are {@code java-1t}/{@code java-par} (plain loops) and
 * {@code jocl} (raw JOCL launches). Every run ends with the work complete ({@code acc.finish()} or a host read).
 */
final class Workloads {
    private Workloads() {}

    /** The gpu4j operations this build can run (those of branches not merged yet are absent). */
    static List<Op> gpu4jOps() {
        List<Op> ops = new ArrayList<>(List.of(Op.ADD_KERNEL, Op.ADD, Op.AXPY, Op.AXPBY, Op.DOT, Op.SUM, Op.SCAN, Op.EXPR, Op.EXPR_SUM));
        ops.addAll(List.of(Op.SGEMM, Op.DGEMM, Op.TRANSPOSE, Op.GEMV, Op.MATRIX_ADD, Op.MATRIX_SCALE));
        ops.addAll(List.of(Op.UPLOAD, Op.DOWNLOAD, Op.UPDOWN, Op.LAUNCH, Op.LAUNCH_BATCHED));
        ops.addAll(List.of(Op.FILL, Op.RAND_UNIFORM, Op.RAND_NORMAL));
        ops.addAll(List.of(Op.DEV_COPY, Op.FMA_PEAK));
        return ops;
    }

    static List<Op> javaOps() { return List.of(Op.COPY, Op.ADD, Op.TRIAD, Op.DOT, Op.SUM, Op.RAND_UNIFORM, Op.RAND_NORMAL); }

    static List<Op> joclOps() { return List.of(Op.LAUNCH, Op.LAUNCH_BATCHED); }

    static boolean supports(String backend, Op op) {
        return switch (backend) {
            case BenchContext.JAVA_1T, BenchContext.JAVA_PAR -> javaOps().contains(op);
            case BenchContext.JOCL -> joclOps().contains(op);
            default -> gpu4jOps().contains(op);
        };
    }

    static Workload create(BenchContext ctx, String backend, Op op, long size) {
        if (!supports(backend, op)) throw new IllegalArgumentException(backend + " does not run " + op.id);
        switch (backend) {
            case BenchContext.JAVA_1T, BenchContext.JAVA_PAR -> {
                int n = Math.toIntExact(size);
                return new JavaStreams(op, backend.equals(BenchContext.JAVA_PAR),
                        ctx.floats("x", n), ctx.floats("y", n), new float[n]);
            }
            case BenchContext.JOCL -> {
                return new JoclLatency(op);
            }
            default -> {
                return gpu4j(ctx, ctx.acc(backend), op, size);
            }
        }
    }

    private static Workload gpu4j(BenchContext ctx, Accelerator acc, Op op, long size) {
        boolean javaCpu = acc.device().backend().equals("cpu");
        return switch (op) {
            case ADD_KERNEL -> {
                int n = Math.toIntExact(size);
                FloatArray x = acc.upload(ctx.floats("x", n)), y = acc.upload(ctx.floats("y", n)), z = acc.allocFloats(n);
                Kernel k = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "gpu4j-bench", BenchKernels::source, "").kernel("bench_add");
                Range r = javaCpu ? Range.of(BenchKernels.chunks(n)) : Range.of(n);
                Integer nn = n;
                yield of(() -> {
                    k.launch(r, x, y, z, nn);
                    acc.finish();
                }, x, y, z);
            }
            case EXPR -> ExprWorkloads.create(ctx, acc, size);
            case EXPR_SUM -> ExprWorkloads.sum(ctx, acc, size);
            case ADD, AXPY, AXPBY, DOT, SUM, SCAN -> VectorWorkloads.create(ctx, acc, op, size);
            case SGEMM, DGEMM, TRANSPOSE, GEMV, MATRIX_ADD, MATRIX_SCALE -> MatrixWorkloads.create(ctx, acc, op, size);
            case UPLOAD, DOWNLOAD, UPDOWN -> {
                int n = Math.toIntExact(size);
                float[] src = ctx.floats("x", n);
                float[] dst = new float[n];
                FloatArray d = acc.allocFloats(n);
                d.copyFrom(src);
                yield of(() -> {
                    if (op != Op.DOWNLOAD) d.copyFrom(src);
                    if (op != Op.UPLOAD) d.copyTo(dst);
                    acc.finish();
                }, d);
            }
            case FILL, RAND_UNIFORM, RAND_NORMAL -> {
                FloatArray x = acc.allocFloats(size);
                DeviceRandom rng = acc.random(ctx.seed());
                Runnable body = switch (op) {
                    case FILL -> () -> acc.vectors().fill(x, 1f);
                    case RAND_UNIFORM -> () -> rng.uniform(x);
                    default -> () -> rng.normal(x, 0f, 1f);
                };
                yield of(() -> {
                    body.run();
                    acc.finish();
                }, x);
            }
            case DEV_COPY -> {
                int n = Math.toIntExact(size);
                FloatArray x = acc.upload(ctx.floats("x", n)), y = acc.allocFloats(n);
                yield of(() -> {
                    acc.vectors().copy(x, y);
                    acc.finish();
                }, x, y);
            }
            case FMA_PEAK -> {
                if (javaCpu) throw new IllegalArgumentException("fma-peak does not run on the Java CPU backend (scalar twins)");
                FloatArray out = acc.allocFloats(size);
                Kernel k = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "gpu4j-bench", BenchKernels::source, "").kernel("bench_fma");
                // groups of 256: the kernel has no index check, and 2^20 is a multiple
                Range r = Range.of(size).local(256);
                Float m = 0.999f, c = 1e-3f;
                yield of(() -> {
                    k.launch(r, out, m, c);
                    acc.finish();
                }, out);
            }
            case LAUNCH, LAUNCH_BATCHED -> {
                Kernel k = org.gpu4j.internal.CoreAccess.get().sharedProgram(acc, "gpu4j-bench", BenchKernels::source, "").kernel("bench_empty");
                Range r = Range.of(1);
                Integer one = 1;
                int count = op == Op.LAUNCH ? 1 : Op.BATCH;
                yield of(() -> {
                    for (int i = 0; i < count; i++) k.launch(r, one);
                    acc.finish();
                });
            }
            default -> throw new IllegalArgumentException("gpu4j does not run " + op.id + " in this build");
        };
    }

    static Workload of(Runnable body, AutoCloseable... owned) {
        return new Workload() {
            @Override public void run() { body.run(); }

            @Override public void close() {
                for (AutoCloseable c : owned) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("closing " + c, e);
                    }
                }
            }
        };
    }
}
