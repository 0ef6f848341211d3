package org.gpu4j.testing;

import java.util.Random;
import java.util.function.Supplier;

/**
 * The seed of a test's random data. Obtain one from {@link Require#seed()}; put {@link #message(String)} into every
 * assertion that checks data made from it, so a failure prints the seed and how to rerun with it.
 *
 * {@snippet :
 * Seed seed = Require.seed();
 * Random r = seed.random();
 * float[] xs = new float[n];
 * for (int i = 0; i < n; i++) xs[i] = r.nextFloat();
 * assertArrayEquals(xs, acc.upload(xs).toArray(), seed.message("round trip of " + n + " floats"));
 * }
 */
public final class Seed {
    /** The system property that fixes every seed of a run: {@code -Dgpu4j.seed=1234}. */
    public static final String PROPERTY = "gpu4j.seed";

    private final long value;

    Seed(long value) { this.value = value; }

    public long value() { return value; }

    /** A new generator starting from this seed (each call starts the same sequence again). */
    public Random random() { return new Random(value); }

    /** A generator for the {@code stream}-th independent stream of this seed (one per thread, say). */
    public Random random(int stream) { return new Random(value * 0x9E3779B97F4A7C15L + stream); }

    /** An assertion message naming {@code what} and this seed. */
    public Supplier<String> message(String what) { return () -> what + " [" + this + "]"; }

    @Override public String toString() { return "seed " + value + "; rerun with -D" + PROPERTY + "=" + value; }
}
