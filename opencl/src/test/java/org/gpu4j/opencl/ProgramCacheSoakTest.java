package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.gpu4j.Accelerator;
import org.gpu4j.IntArray;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many distinct tiny programs built and closed on one accelerator with small cache bounds: the in-memory cache
 * holds its bound of programs, the disk cache its bound of bytes, and the process does not keep growing.
 *
 * <p>CI builds {@code gpu4j.soak.programs} (default 150) programs, about a second each on a loaded two-core PoCL
 * machine (the program binary PoCL hands back is compiled to native code); the measurement of the issue is
 * {@code -Dgpu4j.soak.programs=10000}. Bounds: {@code gpu4j.soak.entries} (default 8) programs in memory,
 * {@code gpu4j.soak.maxBytes} (default 2 MiB) on disk. The figures (RSS from /proc/self/status, disk bytes,
 * counters) are printed; only the bounds, and a loose limit on RSS growth after a warm-up, are asserted.
 *
 * <p>Run the long soak with a fixed, pre-touched heap, so that RSS growth is native memory rather than the Java heap
 * filling up (without {@code -Xmx} a test JVM may grow its heap to a quarter of the machine's memory):
 * <pre>
 * mvn -B -pl opencl -am test -Dtest=ProgramCacheSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgpu4j.soak.programs=10000 -Dgpu4j.testJvmArgs="-Xms256m -Xmx256m -XX:+AlwaysPreTouch"
 * </pre>
 */
@Timeout(value = 6, unit = TimeUnit.HOURS)
class ProgramCacheSoakTest {
    /**
     * RSS growth allowed after the warm-up: 32 MiB plus 64 KiB per program. Unbounded caches grew about 390 KiB per
     * program (262 MiB for 672). PoCL itself keeps some memory per program: raw JOCL, with no gpu4j, building, fetching
     * the binary of and releasing 1,000 such programs (launching every 97th, as here) grew RssAnon by 12 KiB per
     * program on PoCL 3.1 (build and release alone: 1.4 KiB); the 10,000-program run with gpu4j grew 12-26 KiB per
     * program after the first 2,000.
     */
    static final long RSS_GROWTH_LIMIT = 32L << 20, RSS_GROWTH_PER_PROGRAM = 64L << 10;

    @TempDir Path cacheDir;

    @Test void distinctProgramsBuiltAndClosedStayWithinTheBounds() throws IOException {
        int programs = Integer.getInteger("gpu4j.soak.programs", 150);
        int report = Integer.getInteger("gpu4j.soak.report", 500);
        int entries = Integer.getInteger("gpu4j.soak.entries", 8);
        long maxBytes = ProgramCache.byteProperty("gpu4j.soak.maxBytes", 2L << 20);
        int warmUp = Math.min(100, programs / 3); // LLVM's and the JIT's own growth, and the caches filling
        String[] props = {"gpu4j.cache.dir", ProgramCache.MEMORY_ENTRIES_PROPERTY, ProgramCache.MAX_BYTES_PROPERTY};
        String[] previous = new String[props.length];
        for (int i = 0; i < props.length; i++) previous[i] = System.getProperty(props[i]);
        System.setProperty("gpu4j.cache.dir", cacheDir.toString());
        System.setProperty(ProgramCache.MAX_BYTES_PROPERTY, Long.toString(maxBytes));
        System.setProperty(ProgramCache.MEMORY_ENTRIES_PROPERTY, Integer.toString(entries));
        try {
            Path dir = ProgramCache.directory();
            long rssStart = rss();
            OpenClCacheStats start = OpenClCacheStats.snapshot();
            long rssWarm = -1;
            long nonce = System.nanoTime();
            long t0 = System.nanoTime();
            long maxDisk = 0;
            OpenClCacheStats end;
            try (Accelerator acc = OpenClTests.open(); IntArray x = acc.allocInts(1)) {
                for (int i = 0; i < programs; i++) {
                    KernelSource src = KernelSource.opencl("soak", "__kernel void k(__global int* x) { x[0] = " + i
                            + "; } // " + nonce + "\n");
                    try (Program p = acc.program(src)) {
                        if (i % 97 == 0) { // now and then, check the program is the one asked for
                            p.kernel("k").launch(Range.of(1), x);
                            assertEquals(i, x.get(0));
                        }
                    }
                    if (i + 1 == warmUp) rssWarm = rss();
                    if (i % 50 == 0) maxDisk = Math.max(maxDisk, bytes(dir));
                    if ((i + 1) % report == 0 && i + 1 < programs) {
                        System.out.printf("ProgramCacheSoakTest: %d programs, %d s, VmRSS %d KiB, disk %d bytes; %s%n",
                                i + 1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0), rss() >> 10, bytes(dir),
                                OpenClCacheStats.snapshot().since(start));
                    }
                }
                end = OpenClCacheStats.snapshot().since(start);
                assertTrue(end.memoryPrograms() <= entries, "at most " + entries + " programs held: " + end);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            long rssEnd = rss();
            long disk = bytes(dir);
            maxDisk = Math.max(maxDisk, disk);
            long files;
            try (var s = Files.list(dir)) {
                files = s.count();
            }
            System.out.printf("ProgramCacheSoakTest: %d distinct programs built and closed in %d s; bounds %d programs"
                    + " in memory, %d bytes on disk%n", programs, seconds, entries, maxBytes);
            System.out.printf("  VmRSS start %d KiB, after %d warm-up programs %d KiB, end %d KiB (growth after"
                    + " warm-up %d KiB)%n", rssStart >> 10, warmUp, rssWarm >> 10, rssEnd >> 10, (rssEnd - rssWarm) >> 10);
            System.out.printf("  disk cache %d bytes in %d files at the end, at most %d bytes seen%n", disk, files,
                    maxDisk);
            System.out.printf("  %s%n", end);

            assertEquals(programs, end.sourceBuilds(), end.toString());
            assertEquals(Math.max(0, programs - entries), end.memoryEvictions(), end.toString());
            assertEquals(0, end.rejects(), end.toString());
            assertTrue(maxDisk <= maxBytes, "disk cache " + maxDisk + " bytes > bound " + maxBytes);
            if (programs >= 3 * warmUp && warmUp > 0 && rssWarm > 0) {
                assertTrue(rssEnd - rssWarm < RSS_GROWTH_LIMIT + RSS_GROWTH_PER_PROGRAM * (programs - warmUp), "RSS grew by " + ((rssEnd - rssWarm) >> 10)
                        + " KiB after the warm-up, building " + (programs - warmUp) + " programs");
            }
        } finally {
            for (int i = 0; i < props.length; i++) ProgramCacheTest.restore(props[i], previous[i]);
        }
    }

    /** VmRSS of this process in bytes; -1 without /proc (not Linux). */
    static long rss() throws IOException {
        if (!Files.isReadable(Path.of("/proc/self/status"))) return -1;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    static long bytes(Path dir) throws IOException {
        return Files.isDirectory(dir) ? ProgramCacheTest.bytes(dir) : 0;
    }
}
