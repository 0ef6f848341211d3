package org.gpu4j.spark;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * How a task's Spark resource address becomes a gpu4j device selector. Immutable and serializable: it is read from the
 * application's {@link SparkConf} on the driver and travels with each job's closure.
 *
 * <p>The rule, in order:
 * <ol>
 * <li>A task that holds addresses of the resource {@code spark.gpu4j.resource} (default {@code gpu}) uses the
 *     <b>first</b> of them (a task given {@code spark.task.resource.gpu.amount=2} gets two; gpu4j opens one).</li>
 * <li>If {@code spark.gpu4j.selector.<address>} is set, that selector is used for that address (a map, e.g.
 *     {@code spark.gpu4j.selector.1=opencl:0}).</li>
 * <li>Otherwise the template {@code spark.gpu4j.selector} (default {@code cuda:{address}}) with {@code {address}}
 *     replaced by the address: with NVIDIA's discovery script the addresses are {@code nvidia-smi} indices, which are
 *     CUDA ordinals when the executor runs with {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} and no {@code
 *     CUDA_VISIBLE_DEVICES}; {@code opencl:{address}} maps addresses to OpenCL device indices in gpu4j's order
 *     (platforms, then devices, as {@code gpu4j devices} lists them).</li>
 * <li>A task without such a resource (no GPU asked for, {@code local[N]} which never schedules GPUs, a CPU-only
 *     stage of a resource profile) uses {@code spark.gpu4j.fallback} (default {@code cpu}, the Java CPU backend), and
 *     says so: a log line and its entry in the {@link DeviceReport}.</li>
 * </ol>
 */
public final class DeviceRule implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Configuration keys (all under {@code spark.} so that {@code spark-submit --conf} passes them on). */
    public static final String RESOURCE_KEY = "spark.gpu4j.resource", SELECTOR_KEY = "spark.gpu4j.selector",
            FALLBACK_KEY = "spark.gpu4j.fallback";
    /** The defaults. */
    public static final String DEFAULT_RESOURCE = "gpu", DEFAULT_SELECTOR = "cuda:{address}", DEFAULT_FALLBACK = "cpu";
    /** The placeholder in {@link #SELECTOR_KEY}. */
    public static final String PLACEHOLDER = "{address}";

    private final String resource;
    private final String template;
    private final TreeMap<String, String> overrides;
    private final String fallback;

    /**
     * A rule from its parts.
     *
     * @throws IllegalArgumentException if a part is blank, or {@code template} lacks {@code {address}}
     */
    public DeviceRule(String resource, String template, Map<String, String> overrides, String fallback) {
        this.resource = nonBlank(RESOURCE_KEY, resource);
        this.template = nonBlank(SELECTOR_KEY, template);
        if (!template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException(SELECTOR_KEY + " must contain " + PLACEHOLDER + ", got '" + template
                    + "' (to map addresses one by one use " + SELECTOR_KEY + ".<address>)");
        }
        this.overrides = new TreeMap<>();
        overrides.forEach((a, s) -> this.overrides.put(nonBlank("address", a), nonBlank(SELECTOR_KEY + "." + a, s)));
        this.fallback = nonBlank(FALLBACK_KEY, fallback);
    }

    /** The default rule: resource {@code gpu}, {@code cuda:{address}}, fallback {@code cpu}. */
    public static DeviceRule defaults() { return new DeviceRule(DEFAULT_RESOURCE, DEFAULT_SELECTOR, Map.of(), DEFAULT_FALLBACK); }

    /** The rule an application's configuration sets (defaults for what it does not). */
    public static DeviceRule from(SparkConf conf) {
        Map<String, String> overrides = new TreeMap<>();
        String prefix = SELECTOR_KEY + ".";
        for (Tuple2<String, String> kv : conf.getAllWithPrefix(prefix)) overrides.put(kv._1(), kv._2());
        return new DeviceRule(conf.get(RESOURCE_KEY, DEFAULT_RESOURCE), conf.get(SELECTOR_KEY, DEFAULT_SELECTOR),
                overrides, conf.get(FALLBACK_KEY, DEFAULT_FALLBACK));
    }

    private static String nonBlank(String what, String v) {
        if (v == null || v.isBlank()) throw new IllegalArgumentException(what + " must not be blank, got '" + v + "'");
        return v.trim();
    }

    /** The Spark resource name whose addresses are mapped ({@code gpu}). */
    public String resource() { return resource; }

    /** The selector template. */
    public String template() { return template; }

    /** The per-address selectors. */
    public Map<String, String> overrides() { return java.util.Collections.unmodifiableMap(overrides); }

    /** The selector of tasks without the resource. */
    public String fallback() { return fallback; }

    /** The gpu4j selector for resource address {@code address}. */
    public String selectorFor(String address) {
        Objects.requireNonNull(address, "address");
        String o = overrides.get(address);
        return o != null ? o : template.replace(PLACEHOLDER, address.trim().toLowerCase(Locale.ROOT));
    }

    @Override public String toString() {
        return "DeviceRule[resource " + resource + ", " + template + (overrides.isEmpty() ? "" : ", " + overrides)
                + ", fallback " + fallback + "]";
    }
}
