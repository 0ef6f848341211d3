package org.gpu4j.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gpu4j.DeviceGroup;
import org.gpu4j.Gpu4j;
import org.gpu4j.testing.NoLeaks;
import org.gpu4j.testing.Require;
import org.gpu4j.testing.Seed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@link DeviceGroup} over the devices a subclass names, checked against the Java oracle (what one device gives):
 * element-wise and integer results identical, float reductions and products within their stated bounds, under
 * equal, declared, lopsided and measured weights and sizes from 0 to a large prime.
 */
@ExtendWith(NoLeaks.class)
public abstract class DeviceGroupContract {
    protected DeviceGroup group;

    /** The selectors of the members, e.g. {@code "opencl", "cpu"}. */
    protected abstract String[] selectors();

    @BeforeEach void openGroup() {
        for (String s : selectors()) Require.backend(s.contains(":") ? s.substring(0, s.indexOf(':')) : s);
        group = Gpu4j.openAll(selectors());
    }

    @AfterEach void closeGroup() {
        if (group != null) group.close();
    }

    /** Random floats with the specials every element-wise op must carry (no subnormals: devices may flush them). */
    private static float[] floats(Random r, int n) {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.MIN_NORMAL, 1f, -1f};
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = r.nextInt(50) == 0 ? specials[r.nextInt(specials.length)] : (r.nextFloat() - 0.5f) * 1e3f;
        return x;
    }

    private void weigh(int how) {
        int m = group.members().size();
        double[] w = new double[m];
        for (int i = 0; i < m; i++) w[i] = switch (how) {
            case 0 -> 1;
            case 1 -> i + 3;          // declared, unequal
            case 2 -> i == 0 ? 1 : 0; // everything on the first member
            default -> 1 + i * 0.01;
        };
        group.withWeights(w);
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 1, 2, 3, 65_537, 1_000_003})
    void elementwiseAndIntegerOpsEqualOneDevice(int n) {
        Seed seed = Require.seed();
        Random r = seed.random();
        float[] a = floats(r, n), b = floats(r, n);
        double[] da = new double[n], db = new double[n];
        int[] ia = new int[n], ib = new int[n];
        long[] la = new long[n], lb = new long[n];
        for (int i = 0; i < n; i++) {
            da[i] = a[i] * 1.000001; db[i] = b[i];
            ia[i] = r.nextInt(); ib[i] = r.nextInt();
            la[i] = r.nextLong(); lb[i] = r.nextLong();
        }
        for (int how = 0; how < 3; how++) {
            weigh(how);
            float[] fa = new float[n], fs = new float[n], fm = new float[n];
            double[] dad = new double[n], dm = new double[n];
            int[] iadd = new int[n], imul = new int[n];
            long[] lsub = new long[n], lmul = new long[n];
            for (int i = 0; i < n; i++) {
                fa[i] = a[i] + b[i]; fs[i] = a[i] - b[i]; fm[i] = a[i] * b[i];
                dad[i] = da[i] + db[i]; dm[i] = da[i] * db[i];
                iadd[i] = ia[i] + ib[i]; imul[i] = ia[i] * ib[i];
                lsub[i] = la[i] - lb[i]; lmul[i] = la[i] * lb[i];
            }
            String w = " with weights " + java.util.Arrays.toString(group.weights()) + " on " + group;
            assertArrayEquals(fa, group.add(a, b), seed.message("float add" + w));
            assertArrayEquals(fs, group.sub(a, b), seed.message("float sub" + w));
            assertArrayEquals(fm, group.mul(a, b), seed.message("float mul" + w));
            assertArrayEquals(dad, group.add(da, db), seed.message("double add" + w));
            assertArrayEquals(dm, group.mul(da, db), seed.message("double mul" + w));
            assertArrayEquals(iadd, group.add(ia, ib), seed.message("int add" + w));
            assertArrayEquals(imul, group.mul(ia, ib), seed.message("int mul" + w));
            assertArrayEquals(lsub, group.sub(la, lb), seed.message("long sub" + w));
            assertArrayEquals(lmul, group.mul(la, lb), seed.message("long mul" + w));
            int is = 0;
            long ls = 0;
            for (int i = 0; i < n; i++) { is += ia[i]; ls += la[i]; }
            assertEquals(is, group.sum(ia), seed.message("int sum (wrapping)" + w));
            assertEquals(ls, group.sum(la), seed.message("long sum (wrapping)" + w));
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 1, 7, 1_000_003})
    void reductionsStayWithinTheirBound(int n) {
        Seed seed = Require.seed();
        Random r = seed.random();
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) { x[i] = (r.nextFloat() - 0.3f) * 100; y[i] = r.nextFloat(); }
        double s = 0, abs = 0, d = 0, dabs = 0;
        for (int i = 0; i < n; i++) { s += x[i]; abs += Math.abs(x[i]); d += (double) x[i] * y[i]; dabs += Math.abs((double) x[i] * y[i]); }
        for (int how = 0; how < 3; how++) {
            weigh(how);
            int m = group.members().size();
            // The loosest member bound (a GPU's (n/P/256 + 9)·ε; 32·ε on CPUs, see Vectors) plus one rounding per member.
            double eps = Math.ulp(1f);
            double bound = (n / 256.0 + 33 + m) * eps;
            float gs = group.sum(x);
            assertTrue(Math.abs(gs - s) <= bound * abs + Math.ulp((float) s),
                    seed.message("sum " + gs + " vs " + s + " bound " + bound * abs));
            float gd = group.dot(x, y);
            assertTrue(Math.abs(gd - d) <= (bound + eps) * dabs + Math.ulp((float) d),
                    seed.message("dot " + gd + " vs " + d));
            double[] xd = new double[n];
            for (int i = 0; i < n; i++) xd[i] = x[i];
            assertEquals(s, group.sum(xd), (64 + m) * Math.ulp(1.0) * Math.max(abs, 1), seed.message("double sum"));
        }
    }

    @ParameterizedTest(name = "m = {0}")
    @ValueSource(ints = {0, 1, 2, 37, 129})
    void gemmByRowBlocksMatchesOneDevice(int m) {
        Seed seed = Require.seed();
        Random r = seed.random();
        int n = 33, k = 71;
        float[] a = new float[m * k], b = new float[k * n];
        long[] la = new long[m * k], lb = new long[k * n];
        for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat() - 0.5f; la[i] = r.nextLong(); }
        for (int i = 0; i < b.length; i++) { b[i] = r.nextFloat() - 0.5f; lb[i] = r.nextInt(1000); }
        double[] want = new double[m * n], wabs = new double[m * n];
        long[] lwant = new long[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double s = 0, sa = 0;
            long ls = 0;
            for (int q = 0; q < k; q++) {
                s += (double) a[i * k + q] * b[q * n + j];
                sa += Math.abs((double) a[i * k + q] * b[q * n + j]);
                ls += la[i * k + q] * lb[q * n + j];
            }
            want[i * n + j] = s;
            wabs[i * n + j] = sa;
            lwant[i * n + j] = ls;
        }
        for (int how = 0; how < 4; how++) {
            if (how == 3) group.calibrate();
            else weigh(how);
            float[] c = group.gemm(m, n, k, a, b);
            for (int i = 0; i < c.length; i++) {
                // k roundings of the running sum and one per product: the classic γ_k bound
                double tol = (k + 1) * Math.ulp(1f) * wabs[i];
                assertTrue(Math.abs(c[i] - want[i]) <= tol, seed.message("C[" + i + "] = " + c[i] + ", want " + want[i]
                        + " with weights " + java.util.Arrays.toString(group.weights())));
            }
            assertArrayEquals(lwant, group.gemm(m, n, k, la, lb), seed.message("long gemm, exact"));
        }
    }

    @Test void refusesBadInputBeforeAnyNativeCall() {
        assertThrows(IllegalArgumentException.class, () -> group.add(new float[3], new float[4]));
        assertThrows(IllegalArgumentException.class, () -> group.gemm(2, 2, 2, new float[3], new float[4]));
        assertThrows(IllegalArgumentException.class, () -> group.gemm(-1, 2, 2, new float[0], new float[4]));
        assertThrows(IllegalArgumentException.class, () -> group.withWeights(new double[group.members().size() + 1]));
        assertThrows(IllegalArgumentException.class, () -> group.withWeights(new double[group.members().size()]));
        double[] nan = new double[group.members().size()];
        nan[0] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> group.withWeights(nan));
        assertThrows(IllegalArgumentException.class, () -> Gpu4j.openAll());
        double[] w = group.calibrate();
        for (double x : w) assertTrue(x > 0 && Double.isFinite(x), () -> java.util.Arrays.toString(w));
    }
}
