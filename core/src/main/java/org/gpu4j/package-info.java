/**
 * gpu4j: GPU computing from plain Java, on OpenCL, CUDA or the pure-Java CPU backend, with one API.
 *
 * {@snippet :
 * try (Accelerator acc = Gpu4j.open();                      // GPU4J_DEVICE=opencl:0 | cuda | cpu overrides
 *      FloatArray x = acc.upload(xs); FloatArray y = acc.upload(ys)) {
 *     acc.vectors().axpy(2f, x, y);                          // y = 2x + y, on the device
 *     float d = acc.vectors().dot(x, y);                     // reading a scalar synchronizes
 * }
 * }
 *
 * <h2>Contracts that hold for every type in this package</h2>
 * <ul>
 * <li><b>Ordering.</b> Commands on one {@link org.gpu4j.Accelerator} run in the order they were enqueued. Anything
 *     that returns data to the host waits for the commands before it; device errors surface there at the latest.</li>
 * <li><b>Checks before native calls.</b> Sizes, ranges, kernel arguments and open/closed state are checked in Java
 *     first: {@link java.lang.IllegalArgumentException}, {@link java.lang.IndexOutOfBoundsException},
 *     {@link java.lang.NullPointerException} (naming the argument) or {@link java.lang.IllegalStateException} (naming
 *     the closed object). What the device reports is a {@link org.gpu4j.Gpu4jException}, with the failed native routine
 *     and its status as fields ({@code routine()}, {@code status()}, {@code statusName()}); a feature the device
 *     lacks (double precision, local memory) is an {@link org.gpu4j.UnsupportedCapabilityException} naming the
 *     {@link org.gpu4j.Capability}.</li>
 * <li><b>Lifetime.</b> Arrays, programs and accelerators are {@link java.lang.AutoCloseable}; closing an
 *     accelerator closes what it owns; a {@link java.lang.ref.Cleaner} frees what was forgotten and reports it
 *     ({@link org.gpu4j.Leaks}). {@code close()} never throws.</li>
 * <li><b>Threads.</b> An accelerator and everything it owns may be used from several threads at once.</li>
 * </ul>
 *
 * <h2>Vocabulary, per backend</h2>
 * <table class="striped">
 * <caption>gpu4j terms and what they are on each backend</caption>
 * <tr><th>gpu4j</th><th>OpenCL</th><th>CUDA</th><th>Java CPU</th></tr>
 * <tr><td>{@link org.gpu4j.Accelerator}</td><td>context + in-order profiling queue</td><td>primary context + stream</td><td>the heap + a ForkJoin pool</td></tr>
 * <tr><td>{@link org.gpu4j.DeviceArray}</td><td>{@code cl_mem} buffer</td><td>{@code CUdeviceptr}</td><td>a Java array</td></tr>
 * <tr><td>{@link org.gpu4j.Program}</td><td>program</td><td>module (from PTX)</td><td>the {@link org.gpu4j.JavaKernel}s of a source</td></tr>
 * <tr><td>{@link org.gpu4j.Kernel}</td><td>kernel</td><td>function ({@code extern "C" __global__})</td><td>a {@link org.gpu4j.JavaKernel}</td></tr>
 * <tr><td>{@link org.gpu4j.Range} global / local</td><td>global / local work size</td><td>grid × block / block</td><td>work-items / (ignored)</td></tr>
 * <tr><td>{@link org.gpu4j.LocalMemory}</td><td>{@code __local} argument</td><td>dynamic shared memory</td><td>(ignored)</td></tr>
 * <tr><td>{@link org.gpu4j.Event}</td><td>{@code cl_event} with profiling</td><td>a pair of {@code CUevent}s</td><td>wall-clock times</td></tr>
 * </table>
 */
package org.gpu4j;
