package org.gpu4j.expr;

import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.IntArray;
import org.gpu4j.LaunchException;

/**
 * The host side of the bounds guard of generated kernels ({@link Codegen#guarded}): the hidden arguments (every
 * array's length, then the error word) and the check after the launch. A launch of a guarded kernel therefore waits
 * for the device: reading the error word back is a synchronisation.
 */
final class Guard {
    /** Ints in the error word: the 1-based parameter of the array (0: no error), i (low, high), the index (low, high). */
    static final int WORDS = 5;

    private Guard() {}

    /** A zeroed error word on {@code acc}. */
    static IntArray errorWord(Accelerator acc) { return acc.upload(new int[WORDS]); }

    /** {@code launchArgs} followed by the length of every array among {@code userArgs} and the error word. */
    static Object[] append(Arguments decl, Object[] userArgs, Object[] launchArgs, IntArray err) {
        int arrays = 0;
        for (Sym s : decl.params) if (s.isArray()) arrays++;
        Object[] extra = new Object[arrays + 1];
        int k = 0;
        for (Sym s : decl.params) if (s.isArray()) extra[k++] = ((DeviceArray) userArgs[s.param]).length();
        extra[k] = err;
        return Launching.append(launchArgs, extra);
    }

    /**
     * Reads the error word (waiting for the kernels that write it) and throws when a work-item went out of bounds.
     *
     * @throws LaunchException naming the array, the index, its length and the work-item's {@code i}
     */
    static void check(IntArray err, Arguments decl, Object[] userArgs, String kernel) {
        int[] w = err.toArray();
        if (w[0] == 0) return;
        Sym s = decl.params.get(w[0] - 1);
        long i = (w[1] & 0xffffffffL) | ((long) w[2] << 32);
        long j = (w[3] & 0xffffffffL) | ((long) w[4] << 32);
        long length = ((DeviceArray) userArgs[s.param]).length();
        throw new LaunchException("kernel " + kernel + ": " + Evaluator.outOfBounds(s.name, j, length, i).getMessage()
                + " (found by the bounds guard on the device; the access was skipped)");
    }
}
