package org.gpu4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gpu4j.junit.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the README's "Use gpu4j in your project" example as an outside Maven project in a temporary folder: its
 * pom imports gpu4j-bom and depends on gpu4j-core, gpu4j-opencl and gpu4j-junit; its test runs once per device.
 *
 * <p>The outside build must not touch the shared local repository and must not need the network: gpu4j's artifacts
 * (the poms, and the jars this reactor just packaged) are laid out in a fresh local repository in the temporary
 * folder, and that build's settings replace Maven Central by the local repository of the running build, read as a
 * {@code file:} repository, for every third-party artifact and plugin (CI built the reactor online first, so they are
 * there). The outside run gets {@code GPU4J_REQUIRE=cpu} plus this JVM's {@code GPU4J_REQUIRE}: a required backend
 * that does not run fails it.
 */
class ExternalProjectIT {
    static final Path ROOT = Path.of(System.getProperty("gpu4j.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("gpu4j.version", "0.1.0-SNAPSHOT");
    /** gpu4j's modules the outside project needs, with their folders; the parent and the BOM are poms only. */
    static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("gpu4j-parent", ".");
        MODULES.put("gpu4j-bom", "bom");
        MODULES.put("gpu4j-core", "core");
        MODULES.put("gpu4j-kernels", "kernels");
        MODULES.put("gpu4j-opencl", "opencl");
        MODULES.put("gpu4j-cuda", "cuda");
        MODULES.put("gpu4j-junit", "junit");
    }

    /** The README's files of the outside project: {@code <!-- outside-project: PATH -->} then a fenced block. */
    static Map<String, String> readmeFiles() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = Pattern.compile("<!-- outside-project: (\\S+) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        Map<String, String> files = new LinkedHashMap<>();
        while (m.find()) files.put(m.group(1), m.group(2));
        return files;
    }

    /** The jar of {@code artifactId} that this JVM's class path holds (the reactor's, after its package phase). */
    static Path jar(String artifactId) {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (p.getFileName().toString().equals(artifactId + "-" + VERSION + ".jar")) return p;
        }
        throw new AssertionError(artifactId + "-" + VERSION + ".jar is not on the class path (" + System.getProperty("java.class.path")
                + "): this test runs in the integration-test phase of a reactor build (mvn verify)");
    }

    /** Lays out {@code artifactId} as `mvn install` would, so that the outside build resolves it locally. */
    static void install(Path repo, String artifactId, String folder) throws IOException {
        Path dir = repo.resolve("org/gpu4j/" + artifactId + "/" + VERSION);
        Files.createDirectories(dir);
        Files.copy(ROOT.resolve(folder).resolve("pom.xml"), dir.resolve(artifactId + "-" + VERSION + ".pom"),
                StandardCopyOption.REPLACE_EXISTING);
        if (!artifactId.equals("gpu4j-parent") && !artifactId.equals("gpu4j-bom")) {
            Path jar = jar(artifactId);
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            // every published module ships its sources and javadoc beside the jar (mvn package made them)
            for (String classifier : List.of("sources", "javadoc")) {
                Path extra = jar.resolveSibling(artifactId + "-" + VERSION + "-" + classifier + ".jar");
                assertTrue(Files.isRegularFile(extra) && Files.size(extra) > 0, "missing " + extra);
                Files.copy(extra, dir.resolve(extra.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static String settings(Path thirdParty) {
        String url = thirdParty.toUri().toString();
        String repo = "<id>central</id><url>" + url + "</url><releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy>"
                + "</releases><snapshots><enabled>false</enabled></snapshots>";
        return "<settings><profiles><profile><id>local-cache</id>"
                + "<repositories><repository>" + repo + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repo + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>local-cache</activeProfile></activeProfiles>"
                + "<mirrors><mirror><id>no-network</id><mirrorOf>external:*,!central</mirrorOf><url>" + url + "</url></mirror></mirrors>"
                + "</settings>";
    }

    @Test
    void theReadmeProjectBuildsOutsideTheTreeAndRunsItsTestOnEveryDevice(@TempDir Path tmp) throws Exception {
        Map<String, String> files = readmeFiles();
        assertEquals(Set.of("pom.xml", "src/main/java/demo/Hello.java", "src/test/java/demo/HelloTest.java"), files.keySet(),
                "the README's outside-project files");
        assertTrue(files.get("pom.xml").contains("<version>" + VERSION + "</version>"),
                "the README's pom imports the BOM of this version, " + VERSION);
        Path project = tmp.resolve("hello-gpu4j");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = project.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Path repo = tmp.resolve("repository");
        for (Map.Entry<String, String> m : MODULES.entrySet()) install(repo, m.getKey(), m.getValue());
        Path thirdParty = Path.of(System.getProperty("gpu4j.localRepository", System.getProperty("user.home") + "/.m2/repository"));
        Files.writeString(tmp.resolve("settings.xml"), settings(thirdParty));

        String mvn = Path.of(System.getProperty("gpu4j.mavenHome", "/usr/share/maven"), "bin", "mvn").toString();
        List<String> cmd = new ArrayList<>(List.of(mvn, "-B", "--no-transfer-progress", "-Dstyle.color=never",
                "-s", tmp.resolve("settings.xml").toString(), "-Dmaven.repo.local=" + repo, "test"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("build.log").toFile());
        Set<String> required = new LinkedHashSet<>(List.of("cpu"));
        required.addAll(Requirements.required());
        required.remove("nvcc");
        pb.environment().put(Requirements.ENV, String.join(",", required));
        pb.environment().remove("LD_PRELOAD"); // the outside pom sets it for its tests, as the README says
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(8, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String log = Files.readString(tmp.resolve("build.log"));
        System.out.println("[gpu4j] the outside project's build (mvn test, " + Requirements.ENV + "=" + String.join(",", required)
                + ") took " + ms + " ms");
        assertTrue(done, "the outside build did not finish in 8 minutes:\n" + log);
        assertEquals(0, p.exitValue(), "the outside build failed:\n" + log);

        Path report = project.resolve("target/surefire-reports/TEST-demo.HelloTest.xml");
        assertTrue(Files.isRegularFile(report), "no test report: " + report + "\n" + log);
        String xml = Files.readString(report, StandardCharsets.UTF_8);
        Matcher tc = Pattern.compile("<testcase name=\"([^\"]*)\"[^>]*?(/>|>(.*?)</testcase>)", Pattern.DOTALL).matcher(xml);
        Map<String, String> outcome = new LinkedHashMap<>();
        while (tc.find()) {
            String body = tc.group(3) == null ? "" : tc.group(3);
            outcome.put(tc.group(1), body.contains("<skipped") ? "skipped" : body.contains("<failure") || body.contains("<error") ? "failed" : "passed");
        }
        assertTrue(outcome.entrySet().stream().anyMatch(e -> e.getKey().contains("[cpu:0]") && e.getValue().equals("passed")),
                "the test ran on cpu:0: " + outcome);
        for (String backend : required) {
            assertFalse(outcome.entrySet().stream().anyMatch(e -> e.getKey().contains("[" + backend) && !e.getValue().equals("passed")),
                    backend + " is required but did not pass on every device: " + outcome);
        }
        System.out.println("[gpu4j] the outside project's test on each device: " + outcome);
        try (Stream<Path> s = Files.list(repo.resolve("org/gpu4j/gpu4j-core/" + VERSION))) {
            assertTrue(s.findAny().isPresent());
        }
    }
}
