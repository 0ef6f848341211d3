package org.gpu4j.kernels.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the source generators of this folder share: finding the repository root, writing their files, and the
 * comparison {@link GeneratedFilesAreFreshTest} makes. A generator returns its files as a map from the path relative
 * to the repository root to the full text; nothing but the JDK is needed to run one.
 *
 * <p>Regenerate after editing a generator (from anywhere inside the repository):
 * <pre>
 * mvn -B -q -pl kernels test-compile
 * java -cp kernels/target/test-classes org.gpu4j.kernels.gen.VectorOpsGenerator
 * java -cp kernels/target/test-classes org.gpu4j.kernels.gen.VectorGemmGenerator
 * </pre>
 */
public final class GeneratedFiles {
    /** How to run {@code generator} from the repository root, for messages. */
    static String how(Class<?> generator) {
        return "mvn -B -q -pl kernels test-compile && java -cp kernels/target/test-classes " + generator.getName();
    }

    private GeneratedFiles() {}

    /**
     * The repository root: the nearest folder at or above the working directory whose pom.xml lists
     * {@code <module>kernels</module>}.
     */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>kernels</module>")) return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + pom, e);
            }
        }
        throw new IllegalStateException("no pom.xml with <module>kernels</module> at or above " + start
                + ": run the generator from inside the gpu4j repository");
    }

    /** Writes each file (path relative to {@code root}) as UTF-8, printing the paths that changed. */
    public static void write(Path root, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            byte[] text = f.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(p) && Arrays.equals(Files.readAllBytes(p), text)) {
                System.out.println("unchanged " + f.getKey());
            } else {
                Files.createDirectories(p.getParent());
                Files.write(p, text);
                System.out.println("wrote     " + f.getKey());
            }
        }
    }

    /**
     * Null when {@code committed} equals {@code generated}; otherwise a message naming {@code file}, the first line
     * (1-based) where they differ, both versions of it, and how to run {@code generator}.
     */
    static String firstDifference(String file, String committed, String generated, Class<?> generator) {
        if (committed.equals(generated)) return null;
        List<String> c = lines(committed), g = lines(generated);
        int i = 0;
        while (i < c.size() && i < g.size() && c.get(i).equals(g.get(i))) i++;
        boolean lineDiffers = i < c.size() || i < g.size();
        String what = lineDiffers
                ? "  committed: " + line(c, i) + "\n  generator: " + line(g, i)
                : "  committed: " + (committed.endsWith("\n") ? "" : "no ") + "newline at the end\n  generator: "
                        + (generated.endsWith("\n") ? "" : "no ") + "newline at the end";
        return file + " differs from what " + generator.getSimpleName() + " writes, first at line " + (lineDiffers ? i + 1 : Math.max(i, 1)) + ":\n" + what + "\n"
                + "Edit the generator, not the file, then regenerate: " + how(generator);
    }

    /** The lines of text, without the empty one a final newline would leave. */
    private static List<String> lines(String text) {
        List<String> l = new ArrayList<>(List.of(text.split("\n", -1)));
        if (l.get(l.size() - 1).isEmpty()) l.remove(l.size() - 1);
        return l;
    }

    private static String line(List<String> lines, int i) {
        return i < lines.size() ? show(lines.get(i)) : "(end of file)";
    }

    private static String show(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) + "\\r" : line;
    }
}
