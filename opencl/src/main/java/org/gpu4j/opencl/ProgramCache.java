package org.gpu4j.opencl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gpu4j.KernelSource;

/**
 * The on-disk cache of compiled OpenCL program binaries, and the counters of both program caches.
 *
 * <p><b>Where.</b> Entries live in {@code $XDG_CACHE_HOME/gpu4j/opencl} (default {@code ~/.cache/gpu4j/opencl}; the
 * system property {@code gpu4j.cache.dir} overrides the {@code gpu4j} folder). {@code -Dgpu4j.cache=off} disables
 * the disk cache.
 *
 * <p><b>Keys.</b> A build's full key ({@link #key}) is the device name, driver version, platform version and device
 * version, the source hash and the build options. An entry's file name is the key's SHA-256 ({@link #name}); the
 * file itself records the full key, so an entry is used only when the key it records equals the one asked for
 * byte for byte: a file copied over another key's entry is never loaded as the wrong program.
 *
 * <p><b>Format.</b> {@code "GPU4JCL2"} (8 bytes), the key's UTF-8 length (int) and bytes, the binary's length (int),
 * the binary's SHA-256 (32 bytes), the binary. The file's length must be exactly that.
 *
 * <p><b>Reading</b> never trusts the path: its attributes are read without following links before anything is
 * opened, and only a regular file of at most {@code gpu4j.cache.maxEntryBytes} (default 64 MiB) is opened (again
 * without following links) and read, at most that many bytes. A symbolic link, FIFO, device, directory, oversized
 * file, a file of another format or another key, a truncated file or a checksum mismatch is a <em>reject</em>
 * ({@link CorruptEntryException}): the caller deletes it, logs a warning and rebuilds from source.
 *
 * <p><b>Writing</b> is atomic: an entry is written to a temporary file ({@code *.tmp}) in the same folder and renamed
 * over the entry with {@link StandardCopyOption#ATOMIC_MOVE}, so a reader sees the old entry or the whole new one. A
 * temporary file left by a crash is never read; one older than ten minutes is deleted by the next size check.
 *
 * <p><b>Size.</b> The folder is bounded by {@code gpu4j.cache.maxBytes} (default 256 MiB; a plain number of bytes or
 * one with a {@code k}, {@code m} or {@code g} suffix). This JVM counts what it writes; when the count passes the
 * bound it lists the folder and deletes the least recently used entries (oldest last-modified time; a hit touches
 * its entry) until the folder is at 90% of the bound.
 *
 * <p><b>Counters</b> for both caches are the static fields here; users read them through
 * {@link OpenClCacheStats#snapshot()}.
 */
final class ProgramCache {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.opencl");
    private static final long MAGIC = 0x4750_5534_4A43_4C32L; // "GPU4JCL2"
    private static final long OLD_MAGIC = 0x4750_5534_4A43_4C31L; // "GPU4JCL1": entries without their key
    /** Magic, key length, binary length, checksum. */
    private static final int FIXED_HEADER = 8 + 4 + 4 + 32;

    static final String MAX_BYTES_PROPERTY = "gpu4j.cache.maxBytes";
    static final String MAX_ENTRY_BYTES_PROPERTY = "gpu4j.cache.maxEntryBytes";
    static final String MEMORY_ENTRIES_PROPERTY = "gpu4j.opencl.programCache.entries";
    static final long DEFAULT_MAX_BYTES = 256L << 20;
    static final long DEFAULT_MAX_ENTRY_BYTES = 64L << 20;
    static final int DEFAULT_MEMORY_ENTRIES = 64;
    /** A temporary file this old is a leftover of a crashed write, not one in progress. */
    static final long STALE_TEMP_MILLIS = TimeUnit.MINUTES.toMillis(10);
    static final String ENTRY_SUFFIX = ".bin";
    static final String TEMP_SUFFIX = ".tmp";

    /** Builds answered by a program already built on the same accelerator. */
    static final AtomicLong MEMORY_HITS = new AtomicLong();
    /** Builds answered by a binary from the disk cache. */
    static final AtomicLong DISK_HITS = new AtomicLong();
    /** Builds compiled from source: misses of both caches. */
    static final AtomicLong SOURCE_BUILDS = new AtomicLong();
    /** Disk entries that existed but were not used (see the class comment); each was deleted and rebuilt. */
    static final AtomicLong CORRUPT = new AtomicLong();
    /** Programs dropped from an accelerator's in-memory cache to keep it within its bound. */
    static final AtomicLong MEMORY_EVICTIONS = new AtomicLong();
    /** Disk entries deleted to keep the folder within its byte bound. */
    static final AtomicLong DISK_EVICTIONS = new AtomicLong();
    /** Entries written to disk. */
    static final AtomicLong DISK_WRITES = new AtomicLong();
    /** Temporary files of crashed writes deleted. */
    static final AtomicLong STALE_TEMPS_REMOVED = new AtomicLong();
    /** cl_programs held by in-memory caches now, over all open accelerators. */
    static final AtomicLong MEMORY_PROGRAMS = new AtomicLong();

    /** Guards the byte count below; shared by every writer in this JVM. */
    private static final Object USAGE_LOCK = new Object();
    private static Path usageDir;
    /** Bytes in {@link #usageDir} as last listed plus what was written since; -1 when not yet listed. */
    private static long usageBytes = -1;

    private ProgramCache() {}

    static ProgramCacheStats stats() {
        return new ProgramCacheStats(MEMORY_HITS.get(), DISK_HITS.get(), SOURCE_BUILDS.get(), CORRUPT.get());
    }

    /** Thrown by {@link #load} for an entry that exists but must not be used: a reject. */
    static final class CorruptEntryException extends IOException {
        CorruptEntryException(String message) { super(message); }
    }

    // ------------------------------------------------------------------ configuration

    /** The folder of cache entries, or null when the disk cache is off. */
    static Path directory() {
        if ("off".equalsIgnoreCase(System.getProperty("gpu4j.cache", "on"))) return null;
        String override = System.getProperty("gpu4j.cache.dir");
        Path base;
        if (override != null && !override.isBlank()) {
            base = Path.of(override);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            base = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("gpu4j");
        }
        return base.resolve("opencl");
    }

    /** The disk cache's byte bound ({@code gpu4j.cache.maxBytes}). */
    static long maxBytes() { return byteProperty(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES); }

    /** The largest entry read or written ({@code gpu4j.cache.maxEntryBytes}). */
    static long maxEntryBytes() {
        return Math.min(byteProperty(MAX_ENTRY_BYTES_PROPERTY, DEFAULT_MAX_ENTRY_BYTES), Integer.MAX_VALUE - 64);
    }

    /** How many programs one accelerator keeps built ({@code gpu4j.opencl.programCache.entries}, at least 0). */
    static int memoryEntries() {
        String v = System.getProperty(MEMORY_ENTRIES_PROPERTY);
        if (v == null || v.isBlank()) return DEFAULT_MEMORY_ENTRIES;
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        LOG.log(System.Logger.Level.WARNING, "gpu4j: " + MEMORY_ENTRIES_PROPERTY + "=" + v
                + " is not a count of programs; using " + DEFAULT_MEMORY_ENTRIES);
        return DEFAULT_MEMORY_ENTRIES;
    }

    /** A non-negative byte count with an optional k/m/g (binary) suffix, else the default with a warning. */
    static long byteProperty(String property, long dflt) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) return dflt;
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("ib")) s = s.substring(0, s.length() - 2);
        else if (s.endsWith("b")) s = s.substring(0, s.length() - 1);
        int shift = 0;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                default -> shift = 0;
            }
            if (shift != 0) s = s.substring(0, s.length() - 1).trim();
        }
        try {
            long n = Long.parseLong(s);
            if (n >= 0 && n <= (Long.MAX_VALUE >> shift)) return n << shift;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        LOG.log(System.Logger.Level.WARNING, "gpu4j: " + property + "=" + v + " is not a byte count; using " + dflt);
        return dflt;
    }

    // ------------------------------------------------------------------ keys

    /** The full cache key of one program build on one device: every fact the binary depends on. */
    static String key(String deviceKey, String sourceHash, String options) {
        return deviceKey + "\u0000" + sourceHash + "\u0000" + options;
    }

    /** An entry's file name (without suffix) for a full key: its SHA-256 in hex. */
    static String name(String key) { return KernelSource.sha256(key); }

    static Path file(Path dir, String name) { return dir.resolve(name + ENTRY_SUFFIX); }

    // ------------------------------------------------------------------ reading

    /**
     * The cached binary for {@code key}, stored under {@code name}; null when there is none or the cache is off.
     *
     * @throws CorruptEntryException when something is at the entry's path but must not be used (a reject)
     */
    static byte[] load(String name, String key) throws CorruptEntryException {
        Path dir = directory();
        if (dir == null) return null;
        Path f = file(dir, name);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "gpu4j: cannot stat program cache entry " + f, e);
            return null;
        }
        if (!a.isRegularFile()) throw new CorruptEntryException("not a regular file but " + kind(a));
        long max = maxEntryBytes();
        if (a.size() > max) {
            throw new CorruptEntryException(a.size() + " bytes, more than the bound of " + max + " ("
                    + MAX_ENTRY_BYTES_PROPERTY + ")");
        }
        byte[] all;
        try {
            all = readBounded(f, (int) a.size());
        } catch (NoSuchFileException e) {
            return null; // deleted since (another JVM's eviction): a miss
        } catch (CorruptEntryException e) {
            throw e;
        } catch (IOException e) {
            // With NOFOLLOW_LINKS, a link swapped in since the check fails here (ELOOP).
            throw new CorruptEntryException("cannot read: " + e);
        }
        byte[] binary = parse(all, key);
        touch(f);
        return binary;
    }

    /**
     * Reads a file checked to be a regular file of {@code expected} bytes, without following links and never more
     * than {@code expected} bytes: a file that has changed since it was checked is a reject.
     */
    private static byte[] readBounded(Path f, int expected) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(f,
                Set.<OpenOption>of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buf = ByteBuffer.allocate(expected + 1);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) break;
            }
            if (buf.position() != expected) {
                throw new CorruptEntryException("changed while read: " + expected + " bytes when checked, "
                        + (buf.position() > expected ? "more" : buf.position()) + " when read");
            }
            return Arrays.copyOf(buf.array(), expected);
        }
    }

    /** The binary in an entry's bytes, checked against the key it must record. */
    static byte[] parse(byte[] all, String key) throws CorruptEntryException {
        if (all.length < FIXED_HEADER) throw new CorruptEntryException("truncated: " + all.length + " bytes");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            long magic = in.readLong();
            if (magic == OLD_MAGIC) throw new CorruptEntryException("an entry of an older format, without its key");
            if (magic != MAGIC) throw new CorruptEntryException("not a gpu4j program cache entry (bad magic)");
            int keyLength = in.readInt();
            if (keyLength < 0 || keyLength > all.length - FIXED_HEADER) {
                throw new CorruptEntryException("truncated: header says the key has " + keyLength + " bytes, file has "
                        + all.length);
            }
            byte[] recorded = in.readNBytes(keyLength);
            if (!Arrays.equals(recorded, key.getBytes(StandardCharsets.UTF_8))) {
                throw new CorruptEntryException("written for another key (" + describe(recorded) + ")");
            }
            int length = in.readInt();
            byte[] sum = in.readNBytes(32);
            long rest = (long) all.length - FIXED_HEADER - keyLength;
            if (length < 0 || length != rest) {
                throw new CorruptEntryException("truncated: header says " + length + " bytes, file has " + rest);
            }
            byte[] binary = in.readNBytes(length);
            if (!Arrays.equals(sum, sha256(binary))) throw new CorruptEntryException("checksum mismatch");
            return binary;
        } catch (CorruptEntryException e) {
            throw e;
        } catch (IOException e) {
            throw new CorruptEntryException(e.toString());
        }
    }

    /** The bytes of an entry recording {@code key}. */
    static byte[] format(String key, byte[] binary) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(FIXED_HEADER + k.length + binary.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(MAGIC);
            out.writeInt(k.length);
            out.write(k);
            out.writeInt(binary.length);
            out.write(sha256(binary));
            out.write(binary);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static String describe(byte[] recordedKey) {
        String s = new String(recordedKey, StandardCharsets.UTF_8).replace('\u0000', '|');
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    private static String kind(BasicFileAttributes a) {
        if (a.isSymbolicLink()) return "a symbolic link";
        if (a.isDirectory()) return "a directory";
        return "a FIFO, socket or device";
    }

    /** Marks an entry as just used, for the least-recently-used eviction. */
    private static void touch(Path f) {
        try {
            Files.getFileAttributeView(f, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(System.currentTimeMillis()), null, null);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "gpu4j: cannot touch program cache entry " + f, e);
        }
    }

    // ------------------------------------------------------------------ writing

    /** Writes the entry of {@code key} under {@code name} atomically; failures are logged, never thrown. */
    static void store(String name, String key, byte[] binary) {
        Path dir = directory();
        if (dir == null || binary == null || binary.length == 0) return;
        byte[] entry = format(key, binary);
        long bound = Math.min(maxEntryBytes(), maxBytes());
        if (entry.length > bound) {
            LOG.log(System.Logger.Level.DEBUG, "gpu4j: not caching a " + entry.length + "-byte OpenCL program entry (bound "
                    + bound + ")");
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, name + "-", TEMP_SUFFIX);
            Files.write(tmp, entry);
            Path target = file(dir, name);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            DISK_WRITES.incrementAndGet();
            account(dir, entry.length, target);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: " + dir + " cannot rename atomically; OpenCL programs are not "
                    + "cached on disk there: " + e);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: cannot write OpenCL program cache entry in " + dir + ": " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort; a later size check removes it once stale
                }
            }
        }
    }

    /**
     * Writes {@code binary} under {@code name} recording the name itself as its key: such an entry never matches
     * a real key and is rejected when loaded (tests plant entries with it).
     */
    static void store(String name, byte[] binary) { store(name, name, binary); }

    /** Removes an entry (a reject); a symbolic link is removed, never its target. */
    static void delete(String name) {
        Path dir = directory();
        if (dir == null) return;
        try {
            Files.deleteIfExists(file(dir, name));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "gpu4j: cannot delete program cache entry " + name, e);
        }
    }

    // ------------------------------------------------------------------ size bound

    /** Counts {@code added} bytes written to {@code dir}; lists and trims the folder when over the bound. */
    private static void account(Path dir, long added, Path keep) {
        long max = maxBytes();
        synchronized (USAGE_LOCK) {
            if (!dir.equals(usageDir)) {
                usageDir = dir;
                usageBytes = -1;
            }
            if (usageBytes >= 0) {
                usageBytes += added;
                if (usageBytes <= max) return;
            }
            usageBytes = trim(dir, max, keep);
        }
    }

    /**
     * Lists {@code dir}: deletes stale temporary files and, when the total is over {@code max}, the least recently
     * used entries (never {@code keep}) until it is at 90% of {@code max}.
     *
     * @return the bytes left in the folder
     */
    static long trim(Path dir, long max, Path keep) {
        record Entry(Path path, long bytes, long modified) {}
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String fn = p.getFileName().toString();
                boolean temp = fn.endsWith(TEMP_SUFFIX);
                if (!temp && !fn.endsWith(ENTRY_SUFFIX)) continue;
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // deleted meanwhile
                }
                if (temp) {
                    if (now - a.lastModifiedTime().toMillis() > STALE_TEMP_MILLIS) {
                        if (deleteQuietly(p)) STALE_TEMPS_REMOVED.incrementAndGet();
                    } else if (a.isRegularFile()) {
                        total += a.size(); // a write in progress
                    }
                    continue;
                }
                if (!a.isRegularFile()) continue; // never counted; a load rejects and deletes it
                entries.add(new Entry(p, a.size(), a.lastModifiedTime().toMillis()));
                total += a.size();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "gpu4j: cannot list the OpenCL program cache " + dir, e);
            return -1; // listed again on the next write
        }
        if (total <= max) return total;
        long target = max - max / 10;
        entries.sort(Comparator.comparingLong(Entry::modified).thenComparing(e -> e.path().getFileName().toString()));
        int evicted = 0;
        for (Entry e : entries) {
            if (total <= target) break;
            if (e.path().equals(keep)) continue;
            try {
                boolean deleted = Files.deleteIfExists(e.path());
                total -= e.bytes(); // gone either way (another JVM may have evicted it first)
                if (deleted) {
                    evicted++;
                    DISK_EVICTIONS.incrementAndGet();
                }
            } catch (IOException ex) {
                LOG.log(System.Logger.Level.DEBUG, "gpu4j: cannot evict " + e.path(), ex);
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "gpu4j: evicted " + evicted + " OpenCL program cache entries from " + dir
                + "; " + total + " bytes left (bound " + max + ")");
        return total;
    }

    private static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
