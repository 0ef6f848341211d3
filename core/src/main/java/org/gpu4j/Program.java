package org.gpu4j;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gpu4j.spi.NativeProgram;

/**
 * A program built for one accelerator: an OpenCL program, a CUDA module, or a set of Java kernels.
 * Its kernels live as long as it does. Close it when done, or let its accelerator close it: a program dropped
 * without {@code close()} (as in {@code acc.program(src).kernel("k").launch(...)}) is not a leak; the accelerator's
 * close or, once neither it nor any of its kernels is reachable, the Cleaner frees it, without a leak report.
 * Thread-safe: a close
 * while another thread launches one of its kernels takes effect after that launch is enqueued.
 */
public final class Program implements AutoCloseable {
    final Accelerator acc;
    final NativeProgram nat;
    final Allocation alloc;
    private final String name;
    private final boolean shared;
    private final Map<String, Kernel> kernels = new ConcurrentHashMap<>();

    Program(Accelerator acc, NativeProgram nat, Allocation alloc, String name, boolean shared) {
        this.acc = acc;
        this.nat = nat;
        this.alloc = alloc;
        this.name = name;
        this.shared = shared;
    }

    public String name() { return name; }

    public Accelerator accelerator() { return acc; }

    /** The names of its kernels, where the backend can list them. */
    public Set<String> kernelNames() {
        checkOpen();
        return nat.kernelNames();
    }

    /**
     * The kernel called {@code kernelName}.
     *
     * @throws IllegalArgumentException if there is none (the message lists the kernels the program has)
     */
    public Kernel kernel(String kernelName) {
        Objects.requireNonNull(kernelName, "kernelName");
        checkOpen();
        Kernel k = kernels.get(kernelName);
        if (k != null) return k;
        acc.enter();
        try {
            return kernels.computeIfAbsent(kernelName, n -> new Kernel(this, nat.kernel(n)));
        } finally {
            acc.exit();
        }
    }

    public boolean isClosed() { return alloc.released.get() || acc.isClosed(); }

    void checkOpen() {
        if (isClosed()) throw new IllegalStateException("program '" + name + "' is closed");
    }

    /** Releases the program; idempotent. A program shared through {@link Accelerator#sharedProgram} stays open. */
    @Override public void close() {
        if (!shared) alloc.close();
    }

    @Override public String toString() { return "Program[" + name + " on " + acc.device().id() + "]"; }
}
