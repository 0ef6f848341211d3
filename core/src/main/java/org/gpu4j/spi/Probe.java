package org.gpu4j.spi;

import java.util.List;
import java.util.Objects;
import org.gpu4j.Device;

/**
 * What a backend found: its devices, or the one-line reason it has none.
 *
 * @param backend the backend id
 * @param devices the devices found (empty when unavailable)
 * @param reason  why the backend is unavailable, or null when it has devices
 */
public record Probe(String backend, List<Device> devices, String reason) {
    public Probe {
        Objects.requireNonNull(backend, "backend");
        devices = List.copyOf(devices);
        if (devices.isEmpty() && reason == null) reason = "no device found";
    }

    public static Probe available(String backend, List<Device> devices) { return new Probe(backend, devices, null); }

    public static Probe unavailable(String backend, String reason) { return new Probe(backend, List.of(), reason); }

    public boolean isAvailable() { return !devices.isEmpty(); }
}
