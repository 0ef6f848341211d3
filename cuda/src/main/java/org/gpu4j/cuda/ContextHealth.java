package org.gpu4j.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gpu4j.LaunchException;

/**
 * Whether a device's primary context is still usable. Every gpu4j accelerator on a device shares that device's
 * primary context. A sticky error ({@code CUDA_ERROR_ILLEGAL_ADDRESS}, {@code CUDA_ERROR_LAUNCH_FAILED}, ...) ruins
 * the context for all of them: every later driver call on it fails. The first such status is remembered per device,
 * and every later call on any accelerator of that device fails at once, before any native call, with a
 * {@link LaunchException} that says the context is lost, which accelerators share it, and what brings it back:
 * closing all of them (the driver resets a primary context when its last user releases it), after which the device
 * opens afresh. Other CUDA code in the process that retains the same primary context (the user's own JCuda code, a
 * library) must release it too.
 */
final class ContextHealth {
    private static final Map<Integer, ContextHealth> BY_DEVICE = new ConcurrentHashMap<>();

    private final String device;
    private final List<String> open = new ArrayList<>();
    private int opened;
    private volatile String lost;

    private static final ThreadLocal<ContextHealth> CURRENT = new ThreadLocal<>();

    private ContextHealth(String device) { this.device = device; }

    /** Notes the context this thread is about to use, so a sticky status found by a driver call is charged to it. */
    static void enter(ContextHealth h) { CURRENT.set(h); }

    static ContextHealth current() { return CURRENT.get(); }

    /** Registers an accelerator that retained device {@code ordinal}'s primary context; returns its label. */
    static ContextHealth register(int ordinal, String deviceId, Object[] label) {
        ContextHealth h = BY_DEVICE.computeIfAbsent(ordinal, o -> new ContextHealth(deviceId));
        synchronized (h) {
            if (h.open.isEmpty()) h.lost = null; // the context was released by every gpu4j user: it is fresh again
            String l = deviceId + " accelerator #" + (++h.opened);
            h.open.add(l);
            label[0] = l;
        }
        return h;
    }

    synchronized void unregister(String label) { open.remove(label); }

    static boolean sticky(int rc) {
        return switch (rc) {
            case jcuda.driver.CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, jcuda.driver.CUresult.CUDA_ERROR_LAUNCH_FAILED,
                 jcuda.driver.CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION, jcuda.driver.CUresult.CUDA_ERROR_MISALIGNED_ADDRESS,
                 jcuda.driver.CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR, jcuda.driver.CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE,
                 jcuda.driver.CUresult.CUDA_ERROR_INVALID_PC, jcuda.driver.CUresult.CUDA_ERROR_ASSERT,
                 jcuda.driver.CUresult.CUDA_ERROR_ECC_UNCORRECTABLE, jcuda.driver.CUresult.CUDA_ERROR_CONTEXT_IS_DESTROYED -> true;
            default -> false;
        };
    }

    /** Remembers the first sticky status on this device's context (later ones say nothing new). */
    synchronized void markLost(String statusName, String where) {
        if (lost == null) lost = statusName + " in " + where;
    }

    /** Throws the context-lost exception when a sticky error was seen; else nothing. */
    void check() {
        String why = lost;
        if (why != null) throw new LaunchException(message(why));
    }

    boolean isLost() { return lost != null; }

    synchronized String message(String why) {
        return "the CUDA context of " + device + " is lost: " + why + " (a kernel faulted, e.g. an out-of-bounds access)."
                + " Every accelerator on " + device + " shares that context and fails from now on: " + open.size() + " open ("
                + String.join(", ", open) + "). To recover, close all of them: the driver resets the device's primary"
                + " context when its last user releases it (CUDA code outside gpu4j that retains it must release it too),"
                + " then open " + device + " again";
    }

    /** For tests: the message a lost context gives. */
    static String messageFor(String device, List<String> open, String why) {
        ContextHealth h = new ContextHealth(device);
        h.open.addAll(open);
        return h.message(why);
    }
}
