package org.gpu4j.internal;

import java.util.function.Supplier;
import org.gpu4j.Accelerator;
import org.gpu4j.DeviceArray;
import org.gpu4j.ElementType;
import org.gpu4j.KernelSource;
import org.gpu4j.Program;

/**
 * What the op families (in their own packages) need from the API package beyond its public methods: shared programs,
 * scratch arrays, the launch plan, and the identity and offset of an array's storage. The API package installs the
 * one implementation when {@link Accelerator} is initialised (the JDK's "shared secrets" idiom); this package is not
 * exported (see {@code module-info.java}), so none of it is part of the public API.
 */
public abstract class CoreAccess {
    private static volatile CoreAccess instance;

    /** Called once, by {@link Accelerator}'s static initialiser. */
    public static void install(CoreAccess access) {
        if (instance != null) throw new IllegalStateException("CoreAccess is installed already");
        instance = access;
    }

    /** The implementation; initialises {@link Accelerator} first if needed. */
    public static CoreAccess get() {
        CoreAccess a = instance;
        if (a == null) {
            try {
                Class.forName(Accelerator.class.getName(), true, Accelerator.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    /** The accelerator's launch plan (built once). */
    public abstract LaunchPlan plan(Accelerator acc);

    /**
     * A program built once per accelerator and shared by every caller that passes an equal {@code key} and options;
     * closing it does nothing, the accelerator closes it.
     */
    public abstract Program sharedProgram(Accelerator acc, String key, Supplier<KernelSource> source, String options);

    /** An array whose contents are undefined until written: scratch that kernels overwrite whole. */
    public abstract DeviceArray allocUninitialized(Accelerator acc, ElementType type, long length);

    /** Checks that {@code a} is non-null, belongs to {@code acc} and is open; the exceptions name it {@code name}. */
    public abstract void owned(Accelerator acc, DeviceArray a, String name);

    /** An object identifying the storage behind {@code a} (slices share their parent's). */
    public abstract Object storage(DeviceArray a);

    /** The offset of {@code a} in its storage, in elements. */
    public abstract long offset(DeviceArray a);

    /** How messages name {@code a}, e.g. {@code FloatArray[10] slice@5}. */
    public abstract String describe(DeviceArray a);
}
