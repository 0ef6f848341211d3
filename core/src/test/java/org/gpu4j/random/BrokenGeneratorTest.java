package org.gpu4j.random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statistical tests of {@link RandomContract} can tell a broken generator from a good one: the same battery
 * (on uniform floats, 2^24 of them for the chi-square) passes on Philox4x32-10 and fails on Philox4x32 with one round,
 * which leaves two of the four words of each block independent of the counter. Runs on the Java reference only: the
 * backends are shown to equal it bit for bit.
 */
class BrokenGeneratorTest {
    private static final long SEED = 0x5eed_1234_abcdL;

    /** The uniform-float battery of the contract on a generator with {@code rounds} rounds. */
    static List<RandomStats.Verdict> battery(int rounds) {
        List<RandomStats.Verdict> out = new ArrayList<>();
        RandomReference r = new RandomReference(SEED, rounds);
        float[] u = r.uniformF32(0, 1 << 24);
        out.add(RandomStats.chiSquareUniform("uniform floats", u, 1 << 10));
        double[] d = RandomStats.toDoubles(u);
        out.add(RandomStats.mean("uniform floats", d, 0.5, Math.sqrt(1 / 12.0)));
        out.add(RandomStats.variance("uniform floats", d, 0.5, 1 / 12.0, 1 / 80.0));
        int n = 1 << 22;
        double[] a = RandomStats.toDoubles(r.uniformF32(0, n + 4));
        for (int lag = 1; lag <= 4; lag++) {
            double[] b = java.util.Arrays.copyOfRange(a, lag, lag + n);
            out.add(RandomStats.correlation("offsets k and k+" + lag, java.util.Arrays.copyOf(a, n), b));
        }
        double[] s1 = RandomStats.toDoubles(new RandomReference(SEED + 1, rounds).uniformF32(0, n));
        out.add(RandomStats.correlation("seeds s and s+1", java.util.Arrays.copyOf(a, n), s1));
        return out;
    }

    @Test void philox10PassesTheBattery() {
        for (RandomStats.Verdict v : battery(Philox.ROUNDS)) assertTrue(v.pass(), v.toString());
    }

    @Test void oneRoundPhiloxFailsIt() {
        List<RandomStats.Verdict> verdicts = battery(1);
        verdicts.forEach(v -> System.out.println("[philox4x32-1] " + v));
        RandomStats.Verdict chi = verdicts.get(0);
        assertFalse(chi.pass(), "the chi-square should reject one-round Philox: " + chi);
        assertTrue(verdicts.stream().filter(v -> !v.pass()).count() >= 1);
    }
}
