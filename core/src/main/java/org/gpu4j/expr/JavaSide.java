package org.gpu4j.expr;

import org.gpu4j.ElementType;
import org.gpu4j.KernelArgs;
import org.gpu4j.WorkItem;

/** Frames for the Java CPU backend: creation, binding of kernel arguments, and typed moves between slots and arrays. */
final class JavaSide {
    /** Elements per Java work-item: large enough that per-chunk set-up vanishes, small enough to balance cores. */
    static final int CHUNK = 4096;

    private final int floats, doubles, ints, longs;
    private final Arguments args;

    JavaSide(Scope scope, Arguments args) {
        this.floats = scope.slots(ElementType.FLOAT);
        this.doubles = scope.slots(ElementType.DOUBLE);
        this.ints = scope.slots(ElementType.INT);
        this.longs = scope.slots(ElementType.LONG);
        this.args = args;
    }

    /** A frame with the user's arguments bound (arrays and scalar slots) and {@code n} set. */
    Frame frame(KernelArgs ka, long n) {
        Frame f = new Frame(floats, doubles, ints, longs, args == null ? 0 : args.params.size());
        f.n = n;
        if (args == null) return f;
        for (Sym s : args.params) {
            int p = s.param;
            if (s.isArray()) {
                f.off[p] = ka.offset(p);
                f.len[p] = ka.length(p);
                switch (s.type) {
                    case FLOAT -> f.fa[p] = ka.floats(p);
                    case DOUBLE -> f.da[p] = ka.doubles(p);
                    case INT -> f.ia[p] = ka.ints(p);
                    case LONG -> f.la[p] = ka.longs(p);
                }
            } else {
                switch (s.type) {
                    case FLOAT -> f.f[s.slot] = ka.floatValue(p);
                    case DOUBLE -> f.d[s.slot] = ka.doubleValue(p);
                    case INT -> f.iv[s.slot] = ka.intValue(p);
                    case LONG -> f.l[s.slot] = ka.longValue(p);
                }
            }
        }
        return f;
    }

    /** [from, to) of this work-item's chunk when {@code n} indices are split over the launch's work-items. */
    static long[] chunk(WorkItem id, long n) {
        long items = id.globalSize(0);
        long chunk = (n + items - 1) / items;
        long from = Math.min(n, id.x() * chunk);
        return new long[] {from, Math.min(n, from + chunk)};
    }

    static void slotToArray(Frame f, Sym s, KernelArgs ka, int param, long index) {
        int at = ka.offset(param) + (int) index;
        switch (s.type) {
            case FLOAT -> ka.floats(param)[at] = f.f[s.slot];
            case DOUBLE -> ka.doubles(param)[at] = f.d[s.slot];
            case INT -> ka.ints(param)[at] = f.iv[s.slot];
            case LONG -> ka.longs(param)[at] = f.l[s.slot];
        }
    }

    static void arrayToSlot(Frame f, Sym s, KernelArgs ka, int param, long index) {
        int at = ka.offset(param) + (int) index;
        switch (s.type) {
            case FLOAT -> f.f[s.slot] = ka.floats(param)[at];
            case DOUBLE -> f.d[s.slot] = ka.doubles(param)[at];
            case INT -> f.iv[s.slot] = ka.ints(param)[at];
            case LONG -> f.l[s.slot] = ka.longs(param)[at];
        }
    }

    static Number slotValue(Frame f, Sym s) {
        return switch (s.type) {
            case FLOAT -> f.f[s.slot];
            case DOUBLE -> f.d[s.slot];
            case INT -> f.iv[s.slot];
            case LONG -> f.l[s.slot];
        };
    }
}
