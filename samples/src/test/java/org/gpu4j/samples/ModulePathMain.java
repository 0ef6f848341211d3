package org.gpu4j.samples;

import org.gpu4j.Accelerator;
import org.gpu4j.FloatArray;
import org.gpu4j.Gpu4j;
import org.gpu4j.KernelSource;
import org.gpu4j.Range;

/**
 * Run by {@link ModulePathTest} with gpu4j on the module path and this class on the class path: checks that core is
 * the named module {@code org.gpu4j.core}, exports its API and not its internals, finds the backends through
 * {@link java.util.ServiceLoader} across modules, loads kernel files from the kernels module, and runs a kernel and
 * a built-in op on each selector given. Prints {@code MODULES OK} and exits 0, or exits 1 naming what failed.
 */
public final class ModulePathMain {
    private ModulePathMain() {}

    public static void main(String[] args) {
        Module core = Accelerator.class.getModule();
        check(core.isNamed() && core.getName().equals("org.gpu4j.core"), "core is not the named module org.gpu4j.core: " + core);
        for (String p : new String[] {"org.gpu4j", "org.gpu4j.expr", "org.gpu4j.spi"}) {
            check(core.isExported(p), "core does not export " + p);
        }
        for (String p : new String[] {"org.gpu4j.internal", "org.gpu4j.cpu", "org.gpu4j.vector", "org.gpu4j.matrix"}) {
            check(!core.isExported(p), "core exports its internal package " + p);
        }
        for (String selector : args) {
            try (Accelerator acc = Gpu4j.open(selector);
                 FloatArray x = acc.upload(new float[] {1, 2, 3});
                 FloatArray y = acc.allocFloats(3)) {
                // a kernel file from the kernels module, with a Java twin for the Java CPU backend
                KernelSource add = KernelSource.resource("vector_add").withJava("vector_add", (id, a) -> {
                    int i = (int) id.x();
                    a.floats(2)[a.offset(2) + i] = a.floats(0)[a.offset(0) + i] + a.floats(1)[a.offset(1) + i];
                });
                acc.program(add).kernel("vector_add").launch(Range.of(3), x, x, y, 3);
                float[] back = y.toArray();
                check(back[0] == 2 && back[1] == 4 && back[2] == 6, selector + ": vector_add gave " + java.util.Arrays.toString(back));
                acc.vectors().axpy(2f, x, y);
                check(acc.vectors().sum(y) == 24f, selector + ": axpy + sum gave " + acc.vectors().sum(y));
                System.out.println(selector + " -> " + acc.name() + " from module " + Gpu4j.class.getModule().getName()
                        + ": ok");
            }
        }
        System.out.println("MODULES OK");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("MODULES FAILED: " + what);
            System.exit(1);
        }
    }
}
