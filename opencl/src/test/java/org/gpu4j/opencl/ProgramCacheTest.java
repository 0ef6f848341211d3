package org.gpu4j.opencl;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gpu4j.Accelerator;
import org.gpu4j.IntArray;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;
import org.gpu4j.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenCL program caches cannot lie (an entry is used only for the key it records, only a bounded regular file is
 * read, a partial write is never read) and cannot grow without bound (LRU in memory by count, on disk by bytes).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ProgramCacheTest {
    /** A build from source on PoCL takes well under a second; a blocked read would take forever. */
    static final Duration QUICK = Duration.ofSeconds(60);
    private static final AtomicLong NONCE = new AtomicLong(System.nanoTime());

    @TempDir static Path cacheDir;
    static String previousDir;
    static Accelerator acc;
    static Path dir;

    @BeforeAll static void open() {
        previousDir = System.getProperty("gpu4j.cache.dir");
        System.setProperty("gpu4j.cache.dir", cacheDir.toString());
        acc = OpenClTests.open();
        dir = ProgramCache.directory();
        assertTrue(dir.startsWith(cacheDir), dir.toString());
    }

    @AfterAll static void close() {
        if (acc != null) acc.close();
        restore("gpu4j.cache.dir", previousDir);
    }

    static void restore(String property, String value) {
        if (value == null) System.clearProperty(property);
        else System.setProperty(property, value);
    }

    /** A one-kernel program named {@code k} writing {@code value}; the nonce makes its cache key new to this run. */
    static KernelSource source(int value) {
        return KernelSource.opencl("cached", "__kernel void k(__global int* x) { x[0] = " + value + "; } // "
                + NONCE.incrementAndGet() + "\n");
    }

    /** Builds {@code src} on {@code a}, runs its kernel and returns what it wrote. */
    static int run(Accelerator a, KernelSource src) {
        try (Program p = a.program(src); IntArray x = a.allocInts(1)) {
            p.kernel("k").launch(Range.of(1), x);
            return x.get(0);
        }
    }

    static List<Path> files(Path d, String suffix) throws IOException {
        if (!Files.isDirectory(d)) return List.of();
        try (var s = Files.list(d)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Builds {@code src} (a miss) and returns the one disk entry that build wrote. */
    static Path buildAndFindEntry(KernelSource src, int expected) throws IOException {
        List<Path> before = files(dir, ".bin");
        assertEquals(expected, run(acc, src));
        List<Path> added = new ArrayList<>(files(dir, ".bin"));
        added.removeAll(before);
        assertEquals(1, added.size(), "one entry written to " + dir + ": " + added);
        return added.get(0);
    }

    static void clearMemory() { OpenClTests.backendOf(acc).clearMemoryCache(); }

    static long bytes(Path d) throws IOException {
        long total = 0;
        try (var s = Files.list(d)) {
            for (Path f : s.toList()) {
                total += Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
            }
        }
        return total;
    }

    // ------------------------------------------------------------------ cannot lie

    @Test void anotherKeysEntryIsRejectedAndTheRightKernelRuns() throws IOException {
        KernelSource one = source(1);
        KernelSource two = source(2);
        Path entryOne = buildAndFindEntry(one, 1);
        Path entryTwo = buildAndFindEntry(two, 2);
        // Same kernel name and signature: only the recorded key tells the binaries apart.
        Files.copy(entryOne, entryTwo, StandardCopyOption.REPLACE_EXISTING);
        clearMemory();
        OpenClCacheStats before = OpenClCacheStats.snapshot();
        assertEquals(2, run(acc, two), "the kernel of the key asked for runs, not the copied entry's");
        OpenClCacheStats d = OpenClCacheStats.snapshot().since(before);
        assertEquals(1, d.rejects(), d.toString());
        assertEquals(0, d.diskHits(), d.toString());
        assertEquals(1, d.sourceBuilds(), d.toString());

        // The rejected entry was replaced by the right one: the next build is a disk hit and still runs 2.
        clearMemory();
        before = OpenClCacheStats.snapshot();
        assertEquals(2, run(acc, two));
        d = OpenClCacheStats.snapshot().since(before);
        assertEquals(1, d.diskHits(), d.toString());
        assertEquals(0, d.rejects(), d.toString());
        assertEquals(1, run(acc, one));
    }

    @Test void entryRecordsItsKeyAndChecksum() throws IOException {
        KernelSource src = source(3);
        Path entry = buildAndFindEntry(src, 3);
        byte[] all = Files.readAllBytes(entry);
        String name = entry.getFileName().toString().replace(".bin", "");
        // Find the recorded key: it hashes to the entry's name.
        int keyLength = java.nio.ByteBuffer.wrap(all, 8, 4).getInt();
        String key = new String(all, 12, keyLength, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(name, ProgramCache.name(key));
        assertTrue(key.contains(src.hash(org.gpu4j.Dialect.OPENCL)), key);
        byte[] binary = ProgramCache.parse(all, key);
        assertThrows(ProgramCache.CorruptEntryException.class, () -> ProgramCache.parse(all, key + " "));
        byte[] flipped = all.clone();
        flipped[flipped.length - 1] ^= 1;
        var e = assertThrows(ProgramCache.CorruptEntryException.class, () -> ProgramCache.parse(flipped, key));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertArrayEquals(binary, ProgramCache.parse(ProgramCache.format(key, binary), key));
    }

    /** Puts something at the entry path of {@code src}, then builds it: a reject, rebuilt from source, quickly. */
    private void rejectedQuickly(int value, String what, IOAction plant) throws IOException {
        KernelSource src = source(value);
        Path entry = buildAndFindEntry(src, value);
        byte[] valid = Files.readAllBytes(entry);
        Files.delete(entry);
        plant.at(entry, valid);
        clearMemory();
        OpenClCacheStats before = OpenClCacheStats.snapshot();
        int got = assertTimeoutPreemptively(QUICK, () -> run(acc, src), what + " at the entry path blocks the build");
        assertEquals(value, got);
        OpenClCacheStats d = OpenClCacheStats.snapshot().since(before);
        assertEquals(1, d.rejects(), what + ": " + d);
        assertEquals(1, d.sourceBuilds(), what + ": " + d);
        assertEquals(0, d.diskHits(), what + ": " + d);
        // The rebuild replaced the thing with a regular entry that the next build uses.
        assertTrue(Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS), what + " replaced by an entry");
        clearMemory();
        before = OpenClCacheStats.snapshot();
        assertEquals(value, run(acc, src));
        assertEquals(1, OpenClCacheStats.snapshot().since(before).diskHits());
    }

    interface IOAction { void at(Path p, byte[] validEntry) throws IOException; }

    @Test void fifoAtAnEntryPathIsRejectedWithoutBlocking() throws IOException {
        rejectedQuickly(11, "a FIFO", (p, valid) -> {
            try {
                Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
                assertTrue(mk.waitFor(30, TimeUnit.SECONDS), "mkfifo finished");
                assertEquals(0, mk.exitValue(), "mkfifo " + p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            assertTrue(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther());
        });
    }

    @Test void symlinkToDevZeroIsRejected() throws IOException {
        rejectedQuickly(12, "a link to /dev/zero", (p, valid) -> Files.createSymbolicLink(p, Path.of("/dev/zero")));
        assertTrue(Files.exists(Path.of("/dev/zero")), "the link was removed, never its target");
    }

    @Test void symlinkToAValidEntryIsNotFollowed(@TempDir Path elsewhere) throws IOException {
        Path[] copy = new Path[1];
        rejectedQuickly(13, "a link to a valid copy of the entry", (p, valid) -> {
            copy[0] = elsewhere.resolve("copy.bin");
            Files.write(copy[0], valid); // the very bytes the entry had: only following the link could use them
            Files.createSymbolicLink(p, copy[0]);
        });
        assertTrue(Files.exists(copy[0]), "the link's target is left alone");
    }

    @Test void oversizedFileIsRejectedWithoutReadingIt() throws IOException {
        rejectedQuickly(14, "a sparse 3 GiB file", (p, valid) -> {
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                f.setLength(3L << 30);
            }
        });
    }

    @Test void validEntryOverTheEntryBoundIsRejected() throws IOException {
        KernelSource src = source(15);
        Path entry = buildAndFindEntry(src, 15);
        long size = Files.size(entry);
        String previous = System.getProperty(ProgramCache.MAX_ENTRY_BYTES_PROPERTY);
        System.setProperty(ProgramCache.MAX_ENTRY_BYTES_PROPERTY, Long.toString(size - 1));
        try {
            clearMemory();
            OpenClCacheStats before = OpenClCacheStats.snapshot();
            assertEquals(15, run(acc, src));
            OpenClCacheStats d = OpenClCacheStats.snapshot().since(before);
            assertEquals(1, d.rejects(), d.toString());
            assertEquals(0, d.diskWrites(), "an entry over the bound is not written either: " + d);
            assertFalse(Files.exists(entry, LinkOption.NOFOLLOW_LINKS));
        } finally {
            restore(ProgramCache.MAX_ENTRY_BYTES_PROPERTY, previous);
        }
    }

    @Test void partialTemporaryFilesAreNeverReadAndStaleOnesAreRemoved() throws IOException {
        KernelSource src = source(21);
        Path entry = buildAndFindEntry(src, 21);
        byte[] whole = Files.readAllBytes(entry);
        Files.delete(entry);
        // What a crash leaves: a temporary file beside the entry, whole (crashed before the rename) or cut short.
        String name = entry.getFileName().toString().replace(".bin", "");
        Path partial = dir.resolve(name + "-1" + ProgramCache.TEMP_SUFFIX);
        Path complete = dir.resolve(name + "-2" + ProgramCache.TEMP_SUFFIX);
        Files.write(partial, Arrays.copyOf(whole, whole.length / 3));
        Files.write(complete, whole);
        clearMemory();
        OpenClCacheStats before = OpenClCacheStats.snapshot();
        assertEquals(21, run(acc, src));
        OpenClCacheStats d = OpenClCacheStats.snapshot().since(before);
        assertEquals(0, d.diskHits(), "a temporary file is never read: " + d);
        assertEquals(0, d.rejects(), d.toString());
        assertEquals(1, d.sourceBuilds(), d.toString());
        assertTrue(Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS), "the rebuild wrote the entry");
        clearMemory();
        before = OpenClCacheStats.snapshot();
        assertEquals(21, run(acc, src));
        assertEquals(1, OpenClCacheStats.snapshot().since(before).diskHits(), "the entry is whole and used");

        // The next size check deletes temporary files once they are stale, and only those.
        Path fresh = dir.resolve(name + "-3" + ProgramCache.TEMP_SUFFIX);
        Files.write(fresh, new byte[] {1, 2, 3});
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - ProgramCache.STALE_TEMP_MILLIS - 60_000);
        Files.setLastModifiedTime(partial, old);
        Files.setLastModifiedTime(complete, old);
        long removed = ProgramCache.STALE_TEMPS_REMOVED.get();
        ProgramCache.trim(dir, Long.MAX_VALUE, null);
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(complete));
        assertTrue(Files.exists(fresh), "a temporary file of a write in progress is kept");
        assertTrue(Files.exists(entry));
        assertEquals(removed + 2, ProgramCache.STALE_TEMPS_REMOVED.get());
        Files.delete(fresh);
    }

    @Test void writesLeaveNoTemporaryFiles() throws IOException {
        List<Path> before = files(dir, ProgramCache.TEMP_SUFFIX);
        for (int i = 0; i < 3; i++) buildAndFindEntry(source(22 + i), 22 + i);
        assertEquals(before, files(dir, ProgramCache.TEMP_SUFFIX));
    }

    // ------------------------------------------------------------------ cannot grow without bound

    @Test void memoryCacheIsLruBoundedAndEvictedProgramsInUseStillRun() {
        String previous = System.getProperty(ProgramCache.MEMORY_ENTRIES_PROPERTY);
        System.setProperty(ProgramCache.MEMORY_ENTRIES_PROPERTY, "3");
        Accelerator small;
        try {
            small = OpenClTests.open();
        } finally {
            restore(ProgramCache.MEMORY_ENTRIES_PROPERTY, previous);
        }
        OpenClCacheStats start = OpenClCacheStats.snapshot();
        try (small) {
            KernelSource[] src = new KernelSource[6];
            for (int i = 0; i < src.length; i++) src[i] = source(100 + i);
            try (Program inUse = small.program(src[0])) {
                for (int i = 1; i < src.length; i++) assertEquals(100 + i, run(small, src[i]));
                OpenClCacheStats d = OpenClCacheStats.snapshot().since(start);
                assertEquals(6, d.sourceBuilds(), d.toString());
                assertEquals(3, d.memoryEvictions(), d.toString());
                assertEquals(3, d.memoryPrograms(), "the cache holds its bound of cl_programs: " + d);
                // src[0] was evicted first, but the program built from it holds its own reference.
                try (IntArray x = small.allocInts(1)) {
                    inUse.kernel("k").launch(Range.of(1), x);
                    assertEquals(100, x.get(0));
                }
            }
            // The most recent is a memory hit; using src[3] makes it the most recent, so src[4] goes next.
            OpenClCacheStats before = OpenClCacheStats.snapshot();
            assertEquals(105, run(small, src[5]));
            assertEquals(103, run(small, src[3]));
            OpenClCacheStats d = OpenClCacheStats.snapshot().since(before);
            assertEquals(2, d.memoryHits(), d.toString());
            assertEquals(0, d.memoryEvictions(), d.toString());
            before = OpenClCacheStats.snapshot();
            assertEquals(100, run(small, src[0])); // evicted: from disk, and it evicts src[4]
            assertEquals(103, run(small, src[3]));
            assertEquals(105, run(small, src[5]));
            d = OpenClCacheStats.snapshot().since(before);
            assertEquals(1, d.diskHits(), d.toString());
            assertEquals(2, d.memoryHits(), d.toString());
            assertEquals(1, d.memoryEvictions(), d.toString());
            before = OpenClCacheStats.snapshot();
            assertEquals(104, run(small, src[4]));
            assertEquals(1, OpenClCacheStats.snapshot().since(before).diskHits(), "src[4] was the one evicted");
        }
        assertEquals(0, OpenClCacheStats.snapshot().since(start).memoryPrograms(),
                "closing the accelerator released its cached programs");
    }

    @Test void memoryBoundOfZeroCachesNothing() {
        String previous = System.getProperty(ProgramCache.MEMORY_ENTRIES_PROPERTY);
        System.setProperty(ProgramCache.MEMORY_ENTRIES_PROPERTY, "0");
        Accelerator none;
        try {
            none = OpenClTests.open();
        } finally {
            restore(ProgramCache.MEMORY_ENTRIES_PROPERTY, previous);
        }
        try (none) {
            KernelSource src = source(200);
            OpenClCacheStats before = OpenClCacheStats.snapshot();
            assertEquals(200, run(none, src));
            assertEquals(200, run(none, src));
            OpenClCacheStats d = OpenClCacheStats.snapshot().since(before);
            assertEquals(0, d.memoryHits(), d.toString());
            assertEquals(1, d.diskHits(), d.toString());
            assertEquals(0, d.memoryPrograms(), d.toString());
            assertEquals(2, d.memoryEvictions(), d.toString());
        }
    }

    @Test void diskCacheStaysUnderItsByteBoundEvictingLeastRecentlyUsed(@TempDir Path bounded) throws IOException {
        String previousMax = System.getProperty(ProgramCache.MAX_BYTES_PROPERTY);
        System.setProperty("gpu4j.cache.dir", bounded.toString());
        try {
            Path d = ProgramCache.directory();
            KernelSource first = source(300);
            assertEquals(300, run(acc, first));
            long entryBytes = Files.size(files(d, ".bin").get(0));
            long max = 3 * entryBytes + entryBytes / 2; // room for three entries
            System.setProperty(ProgramCache.MAX_BYTES_PROPERTY, Long.toString(max));
            OpenClCacheStats start = OpenClCacheStats.snapshot();
            KernelSource[] src = new KernelSource[8];
            for (int i = 0; i < src.length; i++) {
                src[i] = source(301 + i);
                assertEquals(301 + i, run(acc, src[i]));
                long bytes = bytes(d);
                assertTrue(bytes <= max, "after " + (i + 1) + " builds the cache holds " + bytes + " > " + max
                        + " bytes");
            }
            OpenClCacheStats delta = OpenClCacheStats.snapshot().since(start);
            assertEquals(src.length + 1 - 3, delta.diskEvictions(), "nine written, three kept: " + delta);
            assertEquals(3, files(d, ".bin").size());

            // A hit touches its entry: the one used last survives the next eviction, the least recent goes.
            clearMemory();
            OpenClCacheStats before = OpenClCacheStats.snapshot();
            assertEquals(306, run(acc, src[5])); // the oldest of the three left
            assertEquals(1, OpenClCacheStats.snapshot().since(before).diskHits());
            assertEquals(309, run(acc, source(309))); // a fourth: evicts src[6], not src[5]
            clearMemory();
            before = OpenClCacheStats.snapshot();
            assertEquals(306, run(acc, src[5]));
            assertEquals(308, run(acc, src[7]));
            assertEquals(307, run(acc, src[6]));
            OpenClCacheStats after = OpenClCacheStats.snapshot().since(before);
            assertEquals(2, after.diskHits(), after.toString());
            assertEquals(1, after.sourceBuilds(), "src[6] was evicted: " + after);
            assertTrue(bytes(d) <= max);
        } finally {
            restore(ProgramCache.MAX_BYTES_PROPERTY, previousMax);
            System.setProperty("gpu4j.cache.dir", cacheDir.toString());
        }
    }

    @Test void byteBoundsParse() {
        String p = "gpu4j.test.bytes";
        try {
            System.setProperty(p, "3m");
            assertEquals(3L << 20, ProgramCache.byteProperty(p, 7));
            System.setProperty(p, "64 MiB");
            assertEquals(64L << 20, ProgramCache.byteProperty(p, 7));
            System.setProperty(p, "1g");
            assertEquals(1L << 30, ProgramCache.byteProperty(p, 7));
            System.setProperty(p, "12345");
            assertEquals(12345, ProgramCache.byteProperty(p, 7));
            System.setProperty(p, "lots");
            assertEquals(7, ProgramCache.byteProperty(p, 7));
            System.setProperty(p, "-1");
            assertEquals(7, ProgramCache.byteProperty(p, 7));
        } finally {
            System.clearProperty(p);
        }
    }

    @Test void statsReadLikeASentence() {
        String s = new OpenClCacheStats(1, 2, 3, 4, 5, 6, 7, 0, 9).toString();
        assertEquals("OpenCL program cache: memory 1 hits, 5 evictions, 9 held; disk 2 hits, 7 writes, 6 evictions, "
                + "4 rejects; 3 source builds", s);
        OpenClCacheStats now = OpenClCacheStats.snapshot();
        assertEquals(ProgramCache.stats().corruptEntries(), now.rejects());
        assertEquals(0, now.since(now).sourceBuilds());
    }
}
