package org.gpu4j.spi;

import java.util.Map;
import java.util.StringJoiner;

/**
 * Environment hygiene for the programs gpu4j starts (nvcc, python3): the JVM's signal-chaining library, preloaded
 * with {@code LD_PRELOAD} for PoCL's sake (see the README), is meant for JVMs only. Inherited by another program it
 * prints "OpenJDK VM warning: the use of signal() and sigset() ..." for every signal() that program installs, which
 * nvcc does, and which a compile step that treats any output as a warning rightly rejects.
 *
 * {@snippet :
 * ProcessBuilder pb = Subprocesses.withoutSignalChaining(new ProcessBuilder("nvcc", "--version"));
 * }
 */
public final class Subprocesses {
    private Subprocesses() {}

    /** Removes libjsig from {@code pb}'s {@code LD_PRELOAD} (and the variable when nothing else is left); returns pb. */
    public static ProcessBuilder withoutSignalChaining(ProcessBuilder pb) {
        strip(pb.environment());
        return pb;
    }

    static void strip(Map<String, String> env) {
        String preload = env.get("LD_PRELOAD");
        if (preload == null || !preload.contains("libjsig")) return;
        StringJoiner kept = new StringJoiner(":");
        for (String lib : preload.split("[: ]")) {
            if (!lib.isEmpty() && !lib.contains("libjsig")) kept.add(lib);
        }
        if (kept.length() == 0) env.remove("LD_PRELOAD");
        else env.put("LD_PRELOAD", kept.toString());
    }
}
