package org.gpu4j.cpu;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gpu4j.Dialect;
import org.gpu4j.JavaKernel;
import org.gpu4j.KernelParam;
import org.gpu4j.KernelSource;
import org.gpu4j.LaunchException;
import org.gpu4j.Range;
import org.gpu4j.spi.BufferRef;
import org.gpu4j.spi.KernelSignatures;
import org.gpu4j.spi.NativeEvent;
import org.gpu4j.spi.NativeKernel;
import org.gpu4j.spi.NativeProgram;

/**
 * The Java kernels of a source. Parameters are the ones declared with
 * {@link KernelSource#withJava(String, String, JavaKernel)}, else read from its OpenCL (else CUDA) text; when both
 * exist they must agree.
 *
 * <p>Java kernels see bounded views of their slices (see {@link org.gpu4j.KernelArgs}): each slice argument is copied
 * into an array of exactly its length before the launch and, unless its parameter is read-only, back after it. The
 * kernels of gpu4j's own operations ({@code org.gpu4j.vector}, {@code org.gpu4j.matrix}) are exempt: they are
 * generated, compute their bounds from the lengths their operation checked, and must not pay for the copies.
 */
final class CpuProgram implements NativeProgram {
    private final CpuAccelerator acc;
    private final KernelSource source;
    private final Map<String, List<KernelParam>> signatures;

    CpuProgram(CpuAccelerator acc, KernelSource source) {
        this.acc = acc;
        this.source = source;
        Map<String, List<KernelParam>> sig = KernelSignatures.parse(source.text(Dialect.OPENCL));
        Dialect from = Dialect.OPENCL;
        if (sig.isEmpty()) {
            sig = KernelSignatures.parse(source.text(Dialect.CUDA));
            from = Dialect.CUDA;
        }
        this.signatures = sig;
        for (String k : source.javaKernels().keySet()) {
            List<KernelParam> declared = source.javaParams(k);
            List<KernelParam> text = sig.get(k);
            if (declared != null && text != null && !agree(declared, text)) {
                throw new IllegalArgumentException("Java kernel '" + k + "' of '" + source.name() + "' is declared "
                        + show(declared) + " but the " + from + " source declares " + show(text)
                        + "; the Java declaration must match it (count, types, const)");
            }
        }
    }

    private static boolean agree(List<KernelParam> a, List<KernelParam> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            KernelParam x = a.get(i), y = b.get(i);
            if (x.isPointer() != y.isPointer() || x.local() != y.local() || x.elementType() != y.elementType()) return false;
            if (!x.local() && x.isPointer() && x.readOnly() != y.readOnly()) return false;
        }
        return true;
    }

    private static String show(List<KernelParam> ps) {
        StringBuilder sb = new StringBuilder("(");
        for (KernelParam p : ps) sb.append(sb.length() > 1 ? ", " : "").append(p.declaration());
        return sb.append(')').toString();
    }

    @Override public Set<String> kernelNames() { return source.javaKernels().keySet(); }

    @Override public NativeKernel kernel(String name) {
        JavaKernel k = source.javaKernels().get(name);
        if (k == null) {
            throw new IllegalArgumentException("program '" + source.name() + "' has no Java kernel '" + name
                    + "'; it has " + source.javaKernels().keySet());
        }
        List<KernelParam> declared = source.javaParams(name);
        List<KernelParam> params = declared != null ? declared : signatures.getOrDefault(name, List.of());
        return new Bounded(new CpuKernel(acc, name, k, params), params, builtIn(k));
    }

    /** The kernels of gpu4j's built-in operations, which index their slices' parents directly (see the class doc). */
    static boolean builtIn(JavaKernel k) {
        String pkg = k.getClass().getPackageName();
        return pkg.equals("org.gpu4j.vector") || pkg.equals("org.gpu4j.matrix");
    }

    /**
     * A launch with bounded views: slices staged in copies of their own length (shared between identical slices),
     * written back after the kernel, both on the launching thread (splitting the copies over the pool measured no
     * faster on the 2-core CI machine); and a kernel's misreading of an argument thrown as the misuse it is.
     */
    private static final class Bounded implements NativeKernel {
        private final CpuKernel kernel;
        private final List<KernelParam> params;
        private final boolean direct;

        Bounded(CpuKernel kernel, List<KernelParam> params, boolean direct) {
            this.kernel = kernel;
            this.params = params;
            this.direct = direct;
        }

        @Override public String name() { return kernel.name(); }

        @Override public List<KernelParam> params() { return params; }

        @Override public NativeEvent launch(Range range, Object[] args) {
            Object[] view = direct ? args : stage(args);
            try {
                return kernel.launch(range, view);
            } catch (LaunchException e) {
                if (e.getCause() instanceof CpuKernel.Args.Mismatch m) {
                    throw new IllegalArgumentException("Java kernel " + kernel.name() + ": " + m.getMessage(), e);
                }
                throw e;
            } finally {
                if (view != args) unstage(args, view);
            }
        }

        /** True when the kernel would otherwise see more than the view: a slice, or a zero-length array's one element. */
        private static boolean partial(BufferRef r) {
            return r.offset() != 0 || r.length() != java.lang.reflect.Array.getLength(r.handle());
        }

        private boolean written(int i) {
            return params.isEmpty() || !params.get(i).readOnly();
        }

        private Object[] stage(Object[] args) {
            Object[] view = args;
            for (int i = 0; i < args.length; i++) {
                if (!(args[i] instanceof BufferRef r) || !partial(r)) continue;
                if (view == args) view = args.clone();
                Object shared = null;
                for (int j = 0; j < i; j++) {
                    if (args[j] instanceof BufferRef o && o.equals(r)) {
                        shared = view[j];
                        break;
                    }
                }
                if (shared != null) {
                    view[i] = shared; // identical slices: one copy, so an in-place kernel reads what it writes
                    continue;
                }
                int len = (int) r.length();
                view[i] = new BufferRef(copyOf(r.handle(), (int) r.offset(), len), r.type(), 0, len);
            }
            return view;
        }

        private void unstage(Object[] args, Object[] view) {
            for (int i = 0; i < args.length; i++) {
                if (view[i] == args[i] || !(args[i] instanceof BufferRef r)) continue;
                boolean write = false;
                for (int j = 0; j < args.length; j++) {
                    if (view[j] == view[i] && written(j)) write = true; // any alias of one copy that is written
                }
                boolean first = true;
                for (int j = 0; j < i; j++) if (view[j] == view[i]) first = false;
                if (write && first) {
                    System.arraycopy(((BufferRef) view[i]).handle(), 0, r.handle(), (int) r.offset(), (int) r.length());
                }
            }
        }

        /** Arrays.copyOfRange: intrinsic, and it skips zeroing the new array (one pass over memory, not two). */
        private static Object copyOf(Object a, int from, int len) {
            if (a instanceof float[] f) return java.util.Arrays.copyOfRange(f, from, from + len);
            if (a instanceof double[] d) return java.util.Arrays.copyOfRange(d, from, from + len);
            if (a instanceof int[] n) return java.util.Arrays.copyOfRange(n, from, from + len);
            return java.util.Arrays.copyOfRange((long[]) a, from, from + len);
        }

        @Override public String toString() { return kernel.toString(); }
    }

    @Override public void release() {
    }
}
