package org.gpu4j.cpu;

import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.gpu4j.Accelerator;
import org.gpu4j.Event;
import org.gpu4j.FloatArray;
import org.gpu4j.LaunchException;
import org.gpu4j.Queue;
import org.gpu4j.Range;
import org.gpu4j.Kernel;
import org.gpu4j.KernelSource;
import org.gpu4j.contract.QueuesContract;
import org.gpu4j.testing.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The queue contract on the Java CPU backend: task lanes. */
@ParameterizedClass(name = "{0}")
@MethodSource("targets")
class CpuQueuesTest extends QueuesContract {
    static List<String> targets() { return Require.targets(CpuProvider.ID); }

    @Parameter String selector;

    @Override protected Accelerator open() { return Require.open(selector); }

    /** A Java kernel that throws (the one backend where a kernel can fail on purpose) fails its event and future only. */
    @Test void aFailedCommandFailsItsEventAndItsFutureOnly() {
        Kernel failing = acc.program(KernelSource.named("failing").withJava("fail", "float* x", (id, a) -> {
            throw new ArithmeticException("on purpose at " + id.x());
        })).kernel("fail");
        try (Queue q = acc.newQueue(); FloatArray a = acc.upload(new float[] {1, 2, 3, 4, 5, 6, 7, 8})) {
            Event bad = failing.launch(q, Range.of(8), a);
            CompletableFuture<Event> fb = bad.toFuture();
            CompletableFuture<float[]> after = a.toArrayAsync(q);
            LaunchException le = assertThrows(LaunchException.class, bad::waitFor);
            assertTrue(String.valueOf(le.getMessage()).contains("on purpose"), le::getMessage);
            ExecutionException e = assertThrows(ExecutionException.class, () -> fb.get(30, TimeUnit.SECONDS));
            assertInstanceOf(LaunchException.class, e.getCause());
            assertEquals(8, after.join().length, "the queue goes on after a failed command");
            assertEquals(1f, after.join()[0]);
        }
    }
}
