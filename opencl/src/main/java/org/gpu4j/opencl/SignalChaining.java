package org.gpu4j.opencl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the JVM's signal handlers are protected from native libraries, and a one-time warning when they are not.
 *
 * <p>PoCL compiles kernels with LLVM, and LLVM installs its own handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE and
 * others while it writes files (so that it can delete them on a crash). HotSpot raises SIGSEGV on purpose all the
 * time (safepoint polls, implicit null checks), so while LLVM's handler is installed a garbage collection can run
 * LLVM's cleanup, which deletes PoCL's temporary files (the build then fails with "unable to rename temporary ...")
 * and, depending on timing, leaves SIGSEGV with no handler at all: the JVM then dies with "Segmentation fault" and no
 * hs_err file. Measured here: fresh PoCL builds next to a thread forcing collections failed within 5 builds; with
 * signal chaining, 120 of 120 succeeded. The JVM's remedy is its signal-chaining library, preloaded:
 * {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}, which keeps the JVM's handlers in place and hands other libraries'
 * signals on to them. The {@code gpu4j} launcher, the image and the build's tests preload it.
 *
 * <p>LLVM's handlers are in place as soon as PoCL is loaded, which the OpenCL probe does: a JVM that only ever uses
 * the {@code cpu} backend, with gpu4j-opencl on its class path and PoCL installed, is exposed as well (seen here: such
 * JVMs, started without libjsig, were killed at a safepoint poll three times in an hour; none with it). So the
 * warning is given when the probe finds a PoCL platform.
 */
final class SignalChaining {
    private static final System.Logger LOG = System.getLogger("org.gpu4j.opencl");
    private static volatile boolean warned;

    private SignalChaining() {}

    /** True when libjsig is mapped into this process (Linux: /proc/self/maps), or the check does not apply here. */
    static boolean active() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return true; // not Linux: nothing known to check
        try {
            return Files.readString(maps).contains("libjsig");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** The path of this JVM's libjsig, for the advice in the warning. */
    static String library() {
        return Path.of(System.getProperty("java.home"), "lib", "libjsig.so").toString();
    }

    /** Logs one warning per JVM when a PoCL (LLVM-compiling) platform is found without signal chaining. */
    static void warnIfNeeded(String platformName) {
        if (warned || platformName == null || !platformName.toLowerCase(java.util.Locale.ROOT).contains("portable computing")) {
            return;
        }
        if (!active()) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "gpu4j: PoCL compiles kernels with LLVM, whose signal handlers can "
                    + "take over the JVM's: builds may then fail and the JVM may die with SIGSEGV. Start the JVM with "
                    + "LD_PRELOAD=" + library() + " (the gpu4j launcher does).");
        }
    }
}
