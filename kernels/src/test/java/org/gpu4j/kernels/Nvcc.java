package org.gpu4j.kernels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Finds nvcc the way the build does ({@code $CUDA_HOME/bin}, {@code /usr/local/cuda/bin}, PATH) and lists the .cu files. */
final class Nvcc {
    static final Path SOURCES = Path.of("src/main/resources/org/gpu4j/kernels");

    private Nvcc() {}

    /** The nvcc executable, or null. */
    static Path find() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getenv("CUDA_HOME");
        if (home != null && !home.isBlank()) candidates.add(Path.of(home, "bin", "nvcc"));
        candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
        String path = System.getenv("PATH");
        if (path != null) for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) candidates.add(Path.of(dir, "nvcc"));
        }
        for (Path p : candidates) if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        return null;
    }

    static List<Path> cuFiles() throws java.io.IOException {
        try (var s = Files.list(SOURCES)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".cu")).sorted().toList();
        }
    }

    /** True when GPU4J_REQUIRE (comma list) names {@code what}: a missing tool then fails the test instead of skipping it. */
    static boolean required(String what) {
        String req = System.getenv("GPU4J_REQUIRE");
        if (req == null) return false;
        for (String r : req.split(",")) if (r.trim().toLowerCase(Locale.ROOT).equals(what)) return true;
        return false;
    }
}
