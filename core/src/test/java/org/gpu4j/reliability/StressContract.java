package org.gpu4j.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stress suite of the lifetime model on one backend: every scenario of {@link StressMain} runs in a JVM of its
 * own, so a crash or a hang fails the test instead of the build's JVM; its heap is fixed and pre-touched (384 MiB) so that RSS figures show native memory. Bounded in time: the churn, races and gc
 * scenarios run for {@code -Dgpu4j.stress.seconds} (default 10) each; a forked JVM that has not exited 60 s after
 * that is killed and the test fails. The {@code STRESS} line each prints (threads, cycles, rounds, outcomes by
 * exception type) is copied to the console.
 */
public abstract class StressContract {
    /** The selector of the device under test, e.g. {@code cpu} or {@code opencl:0}. */
    protected abstract String selector();

    protected double seconds() { return Double.parseDouble(System.getProperty("gpu4j.stress.seconds", "10")); }

    @Test void churnOpenUseClose() throws Exception { fork("churn", seconds(), "count"); }

    @Test void closeRacesEveryUse() throws Exception { fork("races", seconds(), "count"); }

    /** Inline uploads are leaks on purpose: reports are off so the console is not flooded (the Cleaner still frees). */
    @Test void gcPressureWithInlineArguments() throws Exception { fork("gc", seconds() * 0.6, "off"); }

    @Test void oversizeLocalMemoryAndOverflowingRanges() throws Exception { fork("sizes", 0, "count"); }

    @Test void runawayKernelEndedByTimeoutAndClose() throws Exception { fork("runaway", 0, "count"); }

    @Test void javaKernelFailuresInterruptsAndSelfClose() throws Exception { fork("twins", 0, "count"); }

    /** Two queues, cross-queue dependencies and async downloads from four threads while a queue and the accelerator close. */
    @Test void queuesFromThreadsWhileClosing() throws Exception { fork("queues", seconds() * 0.6, "count"); }

    private void fork(String scenario, double secs, String leaks) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Xms384m", "-Xmx384m", "-XX:+AlwaysPreTouch", "-Dgpu4j.leaks=" + leaks, StressMain.class.getName(), selector(), scenario,
                String.valueOf(secs)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder text = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                text.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                text.append("(output lost: ").append(e).append(')');
            }
        });
        reader.start();
        long bound = (long) secs + 60;
        if (!p.waitFor(bound, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5_000);
            fail("stress scenario " + scenario + " on " + selector() + " did not exit within " + bound + " s (a hang)\n" + text);
        }
        reader.join(10_000);
        int exit = p.exitValue();
        String line = text.toString().lines().filter(l -> l.startsWith("STRESS")).reduce((a, b) -> b).orElse("(no STRESS line)");
        System.out.println("[stress] " + line + " (exit " + exit + ")");
        assertEquals(0, exit, "stress JVM exit " + exit + (exit > 128 ? " (killed by signal " + (exit - 128) + ")" : "")
                + "\n" + text);
    }
}
