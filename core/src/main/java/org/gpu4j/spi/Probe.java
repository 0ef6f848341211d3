package org.gpu4j.spi;

import java.util.List;
import java.util.Objects;
import org.gpu4j.Device;

/**
 * What a backend found: its devices, or the one-line reason it has none.
 *
 * @param info    the backend's description
 * @param devices the devices found (empty when unavailable)
 * @param reason  why the backend is unavailable, or null when it has devices
 */
public record Probe(BackendInfo info, List<Device> devices, String reason) {
    public Probe {
        Objects.requireNonNull(info, "info");
        devices = List.copyOf(devices);
        if (devices.isEmpty() && reason == null) reason = "no device found";
    }

    public static Probe available(BackendInfo info, List<Device> devices) { return new Probe(info, devices, null); }

    public static Probe unavailable(BackendInfo info, String reason) { return new Probe(info, List.of(), reason); }

    /** The backend's id: {@code info().id()}. */
    public String backend() { return info.id(); }

    public boolean isAvailable() { return !devices.isEmpty(); }
}
