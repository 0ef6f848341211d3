package org.gpu4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table, JSON and chart writers on tiny configurations; no timing is asserted. */
class QuickBenchTest {

    @Test
    void tinyRunWritesTableJsonAndChart(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = QuickBench.run(new String[] {"--backends", "cpu", "--ops", "add-kernel,upload", "--stream", "1000",
                "--runs", "2", "--warmups", "1", "--no-numpy", "--out", dir.toString()},
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        assertTrue(out.contains("[1/"), "progress lines: " + out);
        String md = Files.readString(dir.resolve("results.md"));
        // the gpu4j row and its Java references (add -> add, upload -> copy), each naming the device that ran it
        assertTrue(md.contains("| add-kernel | 1000 | cpu | CPU '"), md);
        assertTrue(md.contains("| add | 1000 | java-1t | CPU (host, 1 thread)"), md);
        assertTrue(md.contains("| copy | 1000 | java-par |"), md);
        assertTrue(md.contains("## Targets (issues 8 and 16)"), md);
        String json = Files.readString(dir.resolve("results.json"));
        assertTrue(json.contains("\"op\": \"add-kernel\", \"size\": 1000, \"backend\": \"cpu\""), json);
        assertTrue(json.contains("\"ratios\": {\"java-1t\": "), json);
        assertTrue(Files.size(dir.resolve("throughput.png")) > 1000, "chart written");
        byte[] png = Files.readAllBytes(dir.resolve("throughput.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void ratiosAndTargetsComeFromTheSameRunsReferences() {
        Report r = new Report();
        long n = Report.STREAM_N;
        // 12 bytes per element moved in 1 ms -> 12n/1e6 ns = GB/s figures chosen so the ratios are exact
        r.rows.add(Row.of(Op.TRIAD, BenchContext.JAVA_PAR, "CPU (host)", n, 10e6, 3));
        r.rows.add(Row.of(Op.TRIAD, BenchContext.NUMPY, "CPU (numpy)", n, 20e6, 3));
        r.rows.add(Row.of(Op.ADD, BenchContext.JAVA_PAR, "CPU (host)", n, 8e6, 3));
        r.rows.add(Row.of(Op.ADD_KERNEL, "opencl", "CPU 'pocl'", n, 11e6, 3));
        r.rows.add(Row.of(Op.LAUNCH, BenchContext.JOCL, "CPU 'pocl'", 0, 40e3, 3));
        r.rows.add(Row.of(Op.LAUNCH, "opencl", "CPU 'pocl'", 0, 50e3, 3));
        r.rows.add(Row.of(Op.LAUNCH, "cpu", "CPU 'java'", 0, 5e3, 3));
        Row kernel = r.rows.get(3);
        assertEquals(8.0 / 11.0, r.ratio(kernel, BenchContext.JAVA_PAR).orElseThrow(), 1e-12); // vs add, same size
        assertTrue(r.ratio(kernel, BenchContext.NUMPY).isEmpty(), "numpy measured no add");
        assertEquals(1.25, r.ratio(r.rows.get(5), BenchContext.JOCL).orElseThrow(), 1e-12); // time ratio
        assertTrue(r.ratio(r.rows.get(6), BenchContext.JOCL).isEmpty(), "JOCL is no reference for the Java backend");
        Report.Target add = r.targets().get(0);
        assertEquals("vector add-kernel 2^24, opencl", add.name());
        assertEquals(10.0 / 11.0, add.ratio(), 1e-12); // best triad is Java's 10 ms, not numpy's 20 ms
        assertEquals("HIT", add.result());
        Report.Target launch = r.targets().stream().filter(t -> t.name().startsWith("empty kernel enqueue")).findFirst().orElseThrow();
        assertEquals("MISS", launch.result()); // 1.25 > 1.2
        Report.Target axpby = r.targets().get(1);
        assertEquals("not measured", axpby.result());
        String md = r.markdown();
        assertTrue(md.contains("| add-kernel | 2^24 | opencl | CPU 'pocl' | 11.00 ms | 18.30 GB/s |  | 0.73 |  |  |  |"), md);
        assertFalse(r.json().contains("NaN"));
    }

    @Test
    void matrixWorkloadsRunOnTheJavaBackend(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        // odd sizes (not multiples of any tile); tiny so the unit test stays short
        int rc = QuickBench.run(new String[] {"--backends", "cpu", "--ops", "sgemm,dgemm,transpose", "--sgemm", "33",
                "--dgemm", "17", "--transpose", "31", "--runs", "2", "--warmups", "1", "--no-numpy", "--no-chart",
                "--out", dir.toString()}, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| sgemm | N=33 | cpu | CPU '"), md);
        assertTrue(md.contains("| dgemm | N=17 | cpu | CPU '"), md);
        assertTrue(md.contains("| transpose | N=31 | cpu | CPU '"), md);
        assertTrue(md.contains("GFLOP/s"), md);
        assertFalse(md.contains("FAILED"), md);
    }

    @Test
    void matrixRatiosUseNumpyGemmAndCopyOfNSquaredFloats() {
        Report r = new Report();
        // sgemm N=2048: 2*2048^3 = 17.18e9 flops; numpy in 100 ms, opencl in 80 ms, cpu in 250 ms
        r.rows.add(Row.of(Op.SGEMM, BenchContext.NUMPY, "CPU (numpy)", 2048, 100e6, 3));
        r.rows.add(Row.of(Op.SGEMM, "opencl", "CPU 'pocl'", 2048, 80e6, 3));
        r.rows.add(Row.of(Op.SGEMM, "cpu", "CPU 'java'", 2048, 250e6, 3));
        r.rows.add(Row.of(Op.SGEMM, "cpu", "CPU 'java'", 1024, 25e6, 3)); // no numpy row at 1024: no ratio
        r.rows.add(Row.of(Op.COPY, BenchContext.JAVA_PAR, "CPU (host)", 64L * 64, 1e3, 3));
        r.rows.add(Row.of(Op.TRANSPOSE, "cpu", "CPU 'java'", 64, 4e3, 3));
        assertEquals(2.0 * 2048 * 2048 * 2048 / 80e6, r.rows.get(1).value(), 1e-9); // GFLOP/s = 2*N^3 / t(ns)
        assertEquals(1.25, r.ratio(r.rows.get(1), BenchContext.NUMPY).orElseThrow(), 1e-12);
        assertEquals(0.4, r.ratio(r.rows.get(2), BenchContext.NUMPY).orElseThrow(), 1e-12);
        assertTrue(r.ratio(r.rows.get(3), BenchContext.NUMPY).isEmpty(), "numpy measured no sgemm at 1024");
        assertEquals(0.25, r.ratio(r.rows.get(5), BenchContext.JAVA_PAR).orElseThrow(), 1e-12); // same bytes, 4x time
        Report.Target ocl = r.targets().stream().filter(t -> t.name().equals("sgemm N=2048, opencl")).findFirst().orElseThrow();
        assertEquals("HIT", ocl.result());
        Report.Target cpu = r.targets().stream().filter(t -> t.name().equals("sgemm N=2048, cpu")).findFirst().orElseThrow();
        assertEquals(0.4, cpu.ratio(), 1e-12);
        assertEquals("MISS", cpu.result());
        assertTrue(r.markdown().contains("| sgemm | N=2048 | opencl | CPU 'pocl' | 80.00 ms | 214.75 GFLOP/s |  |  | 1.25 |  |  |"),
                r.markdown());
    }

    @Test
    void parseRejectsBadOptionsByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuickBench.parse(new String[] {"--backends", "gpu"}));
        assertTrue(e.getMessage().contains("--backends"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QuickBench.parse(new String[] {"--stream", "-5"}));
        assertTrue(e.getMessage().contains("--stream"), e.getMessage());
        assertNull(QuickBench.parse(new String[] {"--help"}));
        Suite.Config q = QuickBench.parse(new String[] {"--quick", "--out", "x"});
        assertEquals(List.of(1L << 24), q.stream());
        assertTrue(q.sgemm().contains(2048L));
        assertEquals(2, QuickBench.run(new String[] {"--nope"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    @Test
    void jsonEscapesStrings() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Report.q("a\"b\\c\n\u0001"));
    }
}
