package org.gpu4j.cuda;

import org.gpu4j.Accelerator;
import org.gpu4j.Gpu4j;
import org.gpu4j.spi.Probe;
import org.gpu4j.testing.Require;

/**
 * How this module runs core's op contracts (vector, matrix, expression) on CUDA. Those contracts open their
 * accelerator once, in {@code @BeforeAll}; a skip thrown there skips the class as a whole, which Surefire reports as
 * 0 tests and no reason. So where CUDA is unavailable {@link #openOrStandIn()} gives the contract a stand-in (the
 * Java CPU backend) that no test uses: each subclass's {@code @BeforeEach} calls {@link #require()} first, which
 * skips that test with the backend's reason, or fails it when {@code GPU4J_REQUIRE} names cuda. The report then
 * lists every test that runs on a CUDA device, and why it did not run here.
 */
final class CudaTests {
    private CudaTests() {}

    /** Whether the CUDA backend has a device here. */
    static boolean available() {
        return Gpu4j.probes().stream().anyMatch(p -> p.backend().equals(CudaProvider.ID) && p.isAvailable());
    }

    /** The first CUDA device, or where there is none the stand-in that {@link #require()} keeps every test from using. */
    static Accelerator openOrStandIn() {
        return available() ? Require.open(CudaProvider.ID) : Gpu4j.open("cpu");
    }

    /** Skips the test with CUDA's reason when it has no device (fails instead under GPU4J_REQUIRE=cuda). */
    static Probe require() {
        return Require.backend(CudaProvider.ID);
    }
}
