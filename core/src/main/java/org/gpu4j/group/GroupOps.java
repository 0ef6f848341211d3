package org.gpu4j.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.gpu4j.Accelerator;

/**
 * The device group's work splitting: contiguous parts of an index range in proportion to the members' weights, one
 * part per member run on a thread of the group's own, the first failure rethrown after every part ended. Used by
 * {@link org.gpu4j.DeviceGroup}; not part of the public API.
 */
public final class GroupOps {
    private GroupOps() {}

    /** One member's share: {@code count} items from {@code from} (in elements or rows). */
    @FunctionalInterface
    public interface Part<R> {
        R run(Accelerator acc, int member, int from, int count);
    }

    /**
     * Bounds of the parts of {@code [0, n)}: part i is {@code [b[i], b[i+1])}, sized in proportion to
     * {@code weights[i]} (cumulative rounding, so the sizes add up to n exactly). Parts may be empty.
     */
    public static int[] split(int n, double[] weights) {
        double total = 0;
        for (double w : weights) total += w;
        int[] b = new int[weights.length + 1];
        double cum = 0;
        for (int i = 0; i < weights.length; i++) {
            cum += weights[i];
            b[i + 1] = i == weights.length - 1 ? n : (int) Math.min(n, Math.round(n * (cum / total)));
        }
        return b;
    }

    /**
     * Runs {@code part} on every member with a non-empty share, concurrently, and returns the results by member (null
     * for an empty share). The first failure is rethrown (unchecked as it was; a checked one wrapped) once all parts
     * have ended, so no member is still writing into the caller's arrays when this returns.
     */
    public static <R> List<R> run(ExecutorService pool, List<Accelerator> members, double[] weights, int n, Part<R> part) {
        Objects.requireNonNull(part, "part");
        int[] b = split(n, weights);
        List<Future<R>> fs = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            int m = i, from = b[i], count = b[i + 1] - b[i];
            Accelerator acc = members.get(i);
            fs.add(count == 0 ? null : pool.submit(() -> part.run(acc, m, from, count)));
        }
        List<R> out = new ArrayList<>();
        Throwable first = null;
        boolean interrupted = false;
        for (Future<R> f : fs) {
            if (f == null) { out.add(null); continue; }
            for (;;) {
                try {
                    out.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // parts write into the caller's arrays: wait for them to end
                } catch (ExecutionException e) {
                    if (first == null) first = e.getCause();
                    out.add(null);
                    break;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (first instanceof RuntimeException r) throw r;
        if (first instanceof Error er) throw er;
        if (first != null) throw new IllegalStateException("a part failed: " + first, first);
        return out;
    }
}
