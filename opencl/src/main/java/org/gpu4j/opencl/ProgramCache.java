package org.gpu4j.opencl;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.gpu4j.KernelSource;

/**
 * The on-disk cache of compiled OpenCL program binaries.
 *
 * <p>Entries live in {@code $XDG_CACHE_HOME/gpu4j/opencl} (default {@code ~/.cache/gpu4j/opencl}; the system
 * property {@code gpu4j.cache.dir} overrides the {@code gpu4j} folder). {@code -Dgpu4j.cache=off} disables the disk
 * cache. An entry's name is the SHA-256 of the device name, driver version, platform version, device version,
 * source hash and build options, so a driver or device change never reuses a stale binary. Each file holds a magic
 * number, the binary's length and its SHA-256, then the binary; files are written to a temporary name and moved into
 * place, so readers never see a partial entry. A file that fails its checks is reported as corrupt (the caller
 * rebuilds from source and rewrites it).
 */
final class ProgramCache {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.opencl");
    private static final long MAGIC = 0x4750_5534_4A43_4C31L; // "GPU4JCL1"

    static final AtomicLong MEMORY_HITS = new AtomicLong();
    static final AtomicLong DISK_HITS = new AtomicLong();
    static final AtomicLong SOURCE_BUILDS = new AtomicLong();
    static final AtomicLong CORRUPT = new AtomicLong();

    private ProgramCache() {}

    static ProgramCacheStats stats() {
        return new ProgramCacheStats(MEMORY_HITS.get(), DISK_HITS.get(), SOURCE_BUILDS.get(), CORRUPT.get());
    }

    /** Thrown by {@link #load} for an entry that exists but cannot be used. */
    static final class CorruptEntryException extends IOException {
        CorruptEntryException(String message) { super(message); }
    }

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

    /** The cache key of one program build on one device. */
    static String key(String deviceKey, String sourceHash, String options) {
        return KernelSource.sha256(deviceKey + "\u0000" + sourceHash + "\u0000" + options);
    }

    static Path file(Path dir, String key) { return dir.resolve(key + ".bin"); }

    /**
     * The cached binary for {@code key}, or null when there is none (or the cache is off).
     *
     * @throws CorruptEntryException when an entry exists but is truncated or fails its checksum
     */
    static byte[] load(String key) throws CorruptEntryException {
        Path dir = directory();
        if (dir == null) return null;
        byte[] all;
        try {
            all = Files.readAllBytes(file(dir, key));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "gpu4j: cannot read program cache entry " + key, e);
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all))) {
            if (all.length < 8 + 4 + 32 || in.readLong() != MAGIC) throw new CorruptEntryException("bad header");
            int length = in.readInt();
            byte[] sum = in.readNBytes(32);
            if (length < 0 || length != all.length - 8 - 4 - 32) {
                throw new CorruptEntryException("truncated: header says " + length + " bytes, file has "
                        + (all.length - 44));
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

    /** Writes an entry atomically; failures are logged, never thrown (the cache is an optimisation). */
    static void store(String key, byte[] binary) {
        Path dir = directory();
        if (dir == null || binary == null || binary.length == 0) return;
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(binary.length + 44);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(MAGIC);
                out.writeInt(binary.length);
                out.write(sha256(binary));
                out.write(binary);
            }
            tmp = Files.createTempFile(dir, key, ".tmp");
            Files.write(tmp, bytes.toByteArray());
            Path target = file(dir, key);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gpu4j: cannot write OpenCL program cache entry in " + dir + ": " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Removes an entry (after the driver rejected it). */
    static void delete(String key) {
        Path dir = directory();
        if (dir == null) return;
        try {
            Files.deleteIfExists(file(dir, key));
        } catch (IOException ignored) {
            // rewritten on the next successful build anyway
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
