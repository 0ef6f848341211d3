package org.gpu4j.bench;

import java.util.Locale;

/**
 * One measured line: an operation at a size on one backend (or reference), the device that ran it, and the median
 * time of its timed runs. {@link #value()} is GB/s, GFLOP/s or microseconds per launch, per the operation's unit.
 */
record Row(Op op, String backend, String device, long size, double medianNs, int runs) {
    static Row of(Op op, String backend, String device, long size, double medianNs, int runs) {
        return new Row(op, backend, device, op.unit == Op.Unit.LAUNCHES ? 0 : size, medianNs, runs);
    }

    double value() { return op.value(size, medianNs); }

    boolean isReference() {
        return switch (backend) {
            case BenchContext.JAVA_1T, BenchContext.JAVA_PAR, BenchContext.NUMPY, BenchContext.NUMPY_ENV, BenchContext.JOCL -> true;
            default -> false;
        };
    }

    String sizeLabel() { return Op.sizeLabel(op, size); }

    String formatValue() {
        return String.format(Locale.ROOT, op.unit == Op.Unit.LAUNCHES ? "%.2f %s" : "%.2f %s", value(), op.unit.label);
    }

    static String formatTime(double ns) {
        if (ns < 1e3) return String.format(Locale.ROOT, "%.0f ns", ns);
        if (ns < 1e6) return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
        if (ns < 1e9) return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
    }
}
