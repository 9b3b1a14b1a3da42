package dev.portier.drivers.plugins;

import dev.portier.plugin.api.PluginHttpEndpoints.PluginConnection;
import java.util.List;

/**
 * The connections currently running on a plugin's drivers, in every account: what a plugin's HTTP
 * endpoints receive to find the connection a request is meant for. Thread-safe; never blocks on
 * plugin code.
 */
public interface RunningConnections {

    /** The running connections whose driver comes from {@code pluginId}; empty when there are none. */
    List<PluginConnection> of(String pluginId);
}
