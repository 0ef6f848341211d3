/**
 * The OpenCL backend over JOCL ({@code opencl:N}, devices numbered across all platforms). Registered as a
 * {@link org.gpu4j.spi.BackendProvider}; a missing ICD loader or platform is reported as a reason. Programs are
 * built with {@code -cl-kernel-arg-info} and cached in memory and on disk; every native call's status is checked
 * and reported by name.
 *
 * <p><b>Program caches.</b> Each accelerator keeps at most {@code gpu4j.opencl.programCache.entries} (default 64)
 * built programs, evicting the least recently used (a program still in use keeps working). The disk cache under
 * {@code ~/.cache/gpu4j/opencl} ({@code $XDG_CACHE_HOME/gpu4j}, {@code -Dgpu4j.cache.dir}, off with
 * {@code -Dgpu4j.cache=off}) holds at most {@code gpu4j.cache.maxBytes} (default 256 MiB), least recently used entries
 * deleted first. An entry records its full key and its binary's checksum and is used only for exactly that key; only
 * a regular file (never a link, FIFO or device) of at most {@code gpu4j.cache.maxEntryBytes} (default 64 MiB) is read;
 * anything else is a reject, deleted with a warning and rebuilt. Writes go to a temporary file renamed into place.
 * {@link org.gpu4j.opencl.OpenClCacheStats#snapshot()} returns the hit, source-build, eviction and reject counters.
 */
package org.gpu4j.opencl;
