package org.gpu4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubprocessesTest {
    @Test void removesOnlyTheSignalChainingLibrary() {
        Map<String, String> env = new HashMap<>(Map.of("LD_PRELOAD", "/jdk/lib/libjsig.so"));
        Subprocesses.strip(env);
        assertFalse(env.containsKey("LD_PRELOAD"), env.toString());

        env = new HashMap<>(Map.of("LD_PRELOAD", "/a/libfoo.so:/jdk/lib/libjsig.so /b/libbar.so"));
        Subprocesses.strip(env);
        assertEquals("/a/libfoo.so:/b/libbar.so", env.get("LD_PRELOAD"));

        env = new HashMap<>(Map.of("LD_PRELOAD", "/a/libfoo.so", "PATH", "/bin"));
        Subprocesses.strip(env);
        assertEquals(Map.of("LD_PRELOAD", "/a/libfoo.so", "PATH", "/bin"), env);
    }
}
