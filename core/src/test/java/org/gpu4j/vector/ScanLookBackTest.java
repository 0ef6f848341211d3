package org.gpu4j.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.junit.jupiter.api.Test;

/**
 * Device-free: the Java twin's carry of {@code scan_chunked_T} is the same left fold whatever its predecessors have
 * published — inclusive prefixes, sums only, or nothing (a descheduled owner: the waiter sums that chunk itself after
 * its bounded spin, and publishes that sum for the chunks after it). Entries of the prefix array that are not published hold NaN (or a marker) so reading one fails.
 * The OpenCL twin's fold is checked the same way by {@code ScanLookBackOpenClTest}.
 */
class ScanLookBackTest {
    private static final int C = VectorKernels.SCAN_CHUNK, CHUNKS = 7;

    @Test void floatCarryIsTheFoldForEveryPublishedState() {
        Seed seed = Require.seed();
        Random r = seed.random();
        int n = CHUNKS * C - 77;   // a ragged last chunk
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() * 100);
        float[] agg = new float[CHUNKS], inc = new float[CHUNKS];
        float fold = 0;
        for (int k = 0; k < CHUNKS; k++) {
            agg[k] = VectorKernels.chunkSumF32(x, 0, k * C, Math.min((k + 1) * C, n));
            fold = fold + agg[k];
            inc[k] = fold;
        }
        for (int trial = 0; trial < 200; trial++) {
            int c = 1 + r.nextInt(CHUNKS - 1);
            int[] s = new int[1 + CHUNKS];
            float[] p = new float[2 * CHUNKS];
            java.util.Arrays.fill(p, Float.NaN);
            StringBuilder pattern = new StringBuilder();
            for (int k = 0; k < c; k++) {
                int st = r.nextInt(3);
                s[1 + k] = st;
                if (st >= 1) p[2 * k] = agg[k];
                if (st == 2) p[2 * k + 1] = inc[k];
                pattern.append(st);
            }
            float got = VectorKernels.scanCarryF32(x, 0, p, 0, s, 0, c, n);
            assertEquals(Float.floatToRawIntBits(inc[c - 1]), Float.floatToRawIntBits(got),
                    "carry of chunk " + c + " with statuses " + pattern + ": expected " + inc[c - 1] + " but was " + got + " [" + seed + "]");
            // the chunks it summed itself (status 0 after the last one with a prefix) are published for later chunks
            int last2 = -1;
            for (int k = 0; k < c; k++) if (pattern.charAt(k) == '2') last2 = k;
            for (int k = last2 + 1; k < c; k++) {
                assertEquals(1, s[1 + k], "status of chunk " + k + " after the fold (" + pattern + ")");
                assertEquals(Float.floatToRawIntBits(agg[k]), Float.floatToRawIntBits(p[2 * k]), "published sum of chunk " + k);
            }
        }
    }

    @Test void doubleAndIntegerCarriesToo() {
        Seed seed = Require.seed();
        Random r = seed.random(1);
        int n = CHUNKS * C;
        double[] d = new double[n];
        long[] l = new long[n];
        for (int i = 0; i < n; i++) { d[i] = r.nextGaussian(); l[i] = r.nextLong(); }
        double dfold = 0;
        long lfold = 0;
        double[] dinc = new double[CHUNKS], dagg = new double[CHUNKS];
        long[] linc = new long[CHUNKS], lagg = new long[CHUNKS];
        for (int k = 0; k < CHUNKS; k++) {
            dagg[k] = VectorKernels.chunkSumF64(d, 0, k * C, (k + 1) * C);
            lagg[k] = VectorKernels.chunkSumI64(l, 0, k * C, (k + 1) * C);
            dfold += dagg[k]; lfold += lagg[k];
            dinc[k] = dfold; linc[k] = lfold;
        }
        for (int trial = 0; trial < 100; trial++) {
            int c = 1 + r.nextInt(CHUNKS - 1);
            int[] s = new int[1 + CHUNKS];
            double[] dp = new double[2 * CHUNKS];
            long[] lp = new long[2 * CHUNKS];
            java.util.Arrays.fill(dp, Double.NaN);
            java.util.Arrays.fill(lp, 0x5A5A5A5A5A5A5A5AL);
            for (int k = 0; k < c; k++) {
                int st = r.nextInt(3);
                s[1 + k] = st;
                if (st >= 1) { dp[2 * k] = dagg[k]; lp[2 * k] = lagg[k]; }
                if (st == 2) { dp[2 * k + 1] = dinc[k]; lp[2 * k + 1] = linc[k]; }
            }
            int[] s2 = s.clone();   // each call publishes the sums it computed into its statuses
            assertEquals(Double.doubleToRawLongBits(dinc[c - 1]), Double.doubleToRawLongBits(VectorKernels.scanCarryF64(d, 0, dp, 0, s2, 0, c, n)),
                    "double carry of chunk " + c + " [" + seed + "]");
            assertEquals(linc[c - 1], VectorKernels.scanCarryI64(l, 0, lp, 0, s, 0, c, n), "long carry of chunk " + c + " [" + seed + "]");
        }
    }
}
