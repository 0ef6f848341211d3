package org.gpu4j;

import java.util.Objects;

/**
 * The device lacks a feature the operation needs: double precision, local memory... One type for every such case,
 * so a caller can fall back (to {@code float}, to another device) by catching it.
 *
 * {@snippet :
 * try {
 *     acc.vectors().axpy(2.0, xd, yd);
 * } catch (UnsupportedCapabilityException e) {
 *     if (e.capability() != Capability.FP64) throw e;
 *     // this device has no double precision: use floats, or another device
 * }
 * }
 */
public class UnsupportedCapabilityException extends Gpu4jException {
    private final Capability capability;
    private final String device;

    /**
     * @param capability what is missing
     * @param device     the device that lacks it
     * @param what       the operation that needed it, for the message
     */
    public UnsupportedCapabilityException(Capability capability, Device device, String what) {
        super(what + ": device " + device.id() + " (" + device.name() + ") has no " + describe(capability));
        this.capability = Objects.requireNonNull(capability, "capability");
        this.device = device.id();
    }

    private static String describe(Capability c) {
        return switch (c) {
            case FP64 -> "double precision (fp64)";
            case LOCAL_MEMORY -> "local memory";
        };
    }

    /** The missing capability. */
    public Capability capability() { return capability; }

    /** The id of the device that lacks it ({@code opencl:0}). */
    public String device() { return device; }
}
