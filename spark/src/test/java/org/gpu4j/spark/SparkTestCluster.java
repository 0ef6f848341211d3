package org.gpu4j.spark;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.gpu4j.testing.Require;

/**
 * A real Spark standalone cluster in the test: {@code local-cluster[2,2,1024]} (a master and two workers in this JVM,
 * each worker starting its executor as a separate JVM), from a test-only {@code SPARK_HOME} built here from the Maven
 * class path: {@code jars/} holds links to the class path's jars (directories of the reactor are packed into jars),
 * {@code RELEASE} is empty (the launcher then takes {@code jars/} as the class path), and the module's own classes and
 * test classes travel as the application jar in {@code spark.jars}. Surefire sets {@code SPARK_HOME} to
 * {@code target/spark-home} and {@code SPARK_SCALA_VERSION=2.13}.
 */
final class SparkTestCluster {
    /** Bounds every Spark action of the tests. */
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(150);

    private SparkTestCluster() {}

    /** target/ of this module. */
    static Path target() {
        Path classes = Path.of(System.getProperty("gpu4j.spark.target", "target")).toAbsolutePath();
        return classes;
    }

    /** Fails (under GPU4J_REQUIRE=spark) or skips when this machine cannot run a local cluster, with the reason. */
    static void requireLocalCluster() {
        String home = System.getenv("SPARK_HOME");
        String why = null;
        if (home == null) why = "SPARK_HOME is not set (the module's Surefire configuration sets it to target/spark-home)";
        else if (!Path.of(home).toAbsolutePath().normalize().equals(target().resolve("spark-home").normalize())) {
            why = "SPARK_HOME=" + home + " is not this module's test-only " + target().resolve("spark-home");
        } else if (!Files.isExecutable(Path.of("/bin/sh"))) why = "no /bin/sh for the GPU discovery script";
        else if (!Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "java"))) {
            why = "no java executable in " + System.getProperty("java.home") + " to start executors";
        }
        Require.tool("spark", why);
    }

    /**
     * Builds target/spark-home and the application jar; returns the configuration of a 2-executor local cluster
     * whose executors have the fake GPU addresses 0 and 1, mapped by the rule 0 -> cpu, 1 -> opencl:0.
     */
    static SparkConf localClusterConf(String appName) {
        return localClusterConf(appName, "local-cluster[2,2,1024]", "1g", List.of("0", "1"))
                .set(DeviceRule.SELECTOR_KEY + ".0", "cpu")
                .set(DeviceRule.SELECTOR_KEY + ".1", "opencl:0");
    }

    /**
     * Builds target/spark-home and the application jar; returns the configuration of a local cluster whose executors
     * each discover the GPU {@code addresses} (all of them per executor, one per task), with no device rule set.
     */
    static SparkConf localClusterConf(String appName, String master, String executorMemory, List<String> addresses) {
        Path home = target().resolve("spark-home");
        try {
            deleteTree(home.resolve("jars"));
            Files.createDirectories(home.resolve("jars"));
            Files.writeString(home.resolve("RELEASE"), "");
            Path classes = target().resolve("classes").toAbsolutePath().normalize();
            Path testClasses = target().resolve("test-classes").toAbsolutePath().normalize();
            int links = 0, packed = 0;
            for (String e : classPath()) {
                Path p = Path.of(e).toAbsolutePath().normalize();
                if (p.equals(classes) || p.equals(testClasses) || !Files.exists(p)) continue;
                if (Files.isDirectory(p)) {
                    // a reactor module's target/classes: name the jar after the module directory
                    String name = p.getParent().getParent().getFileName() + "-" + p.getFileName() + ".jar";
                    packJar(home.resolve("jars").resolve(name), List.of(p));
                    packed++;
                } else if (p.toString().endsWith(".jar")) {
                    Path link = home.resolve("jars").resolve(p.getFileName());
                    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, p);
                        links++;
                    }
                }
            }
            Path app = target().resolve("gpu4j-spark-test-app.jar");
            packJar(app, List.of(classes, testClasses));
            Path script = home.resolve("gpu-discovery.sh");
            // fake GPU addresses: every worker and executor "has" these devices
            String json = "{\"name\":\"gpu\",\"addresses\":[" + String.join(",", addresses.stream().map(a -> "\"" + a + "\"").toList()) + "]}";
            Files.writeString(script, "#!/bin/sh\necho '" + json + "'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            System.out.println("spark-home: " + home + " (" + links + " jar links, " + packed + " reactor jars), application jar " + app);
            String jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so").toString();
            return new SparkConf()
                    .setMaster(master)
                    .setAppName(appName)
                    .set("spark.jars", app.toString())
                    .set("spark.executor.memory", executorMemory)
                    .set("spark.worker.resource.gpu.amount", String.valueOf(addresses.size()))
                    .set("spark.worker.resource.gpu.discoveryScript", script.toString())
                    .set("spark.executor.resource.gpu.amount", String.valueOf(addresses.size()))
                    .set("spark.executor.resource.gpu.discoveryScript", script.toString())
                    .set("spark.task.resource.gpu.amount", "1")
                    .set("spark.plugins", Gpu4jSparkPlugin.class.getName())
                    // PoCL's LLVM in the executors: chain signals through the JVM's handlers
                    .set("spark.executorEnv.LD_PRELOAD", jsig)
                    .set("spark.executor.extraJavaOptions", "-Xss4m --add-modules jdk.incubator.vector -Dgpu4j.leaks="
                            + System.getProperty("gpu4j.leaks", "report"))
                    .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                    .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.sql.shuffle.partitions", "4");
        } catch (IOException e) {
            throw new UncheckedIOException("building the test SPARK_HOME in " + home, e);
        }
    }

    /** The test class path, as Surefire passes it. */
    static List<String> classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(java.io.File.pathSeparator));
    }

    /** A jar of the given class directories (the first holding a name wins). */
    static void packJar(Path jar, List<Path> dirs) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, mf)) {
            seen.add("META-INF/MANIFEST.MF");
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) continue;
                List<Path> files;
                try (Stream<Path> s = Files.walk(dir)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String name = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                    if (!seen.add(name)) continue;
                    jos.putNextEntry(new JarEntry(name));
                    Files.copy(f, jos);
                    jos.closeEntry();
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** collect() bounded by {@link #JOB_TIMEOUT}: cancels the job and fails the test when it runs out. */
    static <T> List<T> collect(JavaSparkContext jsc, JavaRDD<T> rdd) {
        JavaFutureAction<List<T>> f = rdd.collectAsync();
        try {
            return f.get(JOB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            jsc.cancelAllJobs();
            return fail("Spark job did not finish in " + JOB_TIMEOUT + " (cancelled)" + executorLogs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jsc.cancelAllJobs();
            return fail("interrupted waiting for a Spark job", e);
        } catch (java.util.concurrent.ExecutionException e) {
            return fail("Spark job failed: " + e.getCause() + executorLogs(), e.getCause());
        }
    }

    /** The tail of each executor's stderr in SPARK_HOME/work (for failure messages). */
    static String executorLogs() {
        Path work = target().resolve("spark-home").resolve("work");
        if (!Files.isDirectory(work)) return "";
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(work)) {
            List<Path> errs = new ArrayList<>(s.filter(p -> p.getFileName().toString().equals("stderr")).toList());
            errs.sort(Comparator.comparing(Path::toString));
            for (Path e : errs) {
                List<String> lines = Files.readAllLines(e);
                sb.append("\n--- ").append(e).append(" (last 30 lines)\n");
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        } catch (IOException | UncheckedIOException ex) {
            sb.append("\n(could not read executor logs: ").append(ex).append(')');
        }
        return sb.toString();
    }
}
