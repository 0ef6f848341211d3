package org.gpu4j.spark;

import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Closes the executor's accelerators when the executor stops: configure it with
 * {@code spark.plugins=org.gpu4j.spark.Gpu4jSparkPlugin}. Without it, a JVM shutdown hook closes them when the
 * executor's JVM exits (which also ends every device context); the plugin does it while Spark shuts the executor
 * down, and in {@code local} mode when the {@code SparkContext} stops.
 */
public final class Gpu4jSparkPlugin implements SparkPlugin {
    @Override public DriverPlugin driverPlugin() { return null; }

    @Override public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override public void init(PluginContext ctx, Map<String, String> extraConf) {}

            @Override public void shutdown() { ExecutorAccelerators.closeAll(); }
        };
    }
}
