package org.gpu4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Java Philox4x32 (the CPU backend's generator and the oracle of the others) against Random123's vectors. */
class PhiloxKatTest {
    @Test void javaPhiloxMatchesRandom123() {
        int checked = 0;
        for (KatVectors v : KatVectors.load()) {
            int[] out = new int[4];
            int[] c = v.counter(), k = v.key();
            Philox.block(c[0], c[1], c[2], c[3], k[0], k[1], v.rounds(), out);
            assertArrayEquals(v.expected(), out, v.line());
            checked++;
        }
        assertEquals(6, checked);
    }

    /** KAT row 1 (zero counter, zero key) is block 0 of the bits stream of seed 0: the public API reaches it. */
    @Test void bitsOfSeedZeroStartWithTheZeroVector() {
        RandomReference r = new RandomReference(0);
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, r.bits(0, 4));
    }
}
