package dev.portier.plugins;

import dev.portier.plugin.api.PluginHttpEndpoints.PluginConnection;
import java.util.List;

/** Until accounts can configure connections, no plugin has a running one. */
final class NoRunningConnections implements RunningConnections {

    @Override
    public List<PluginConnection> of(String pluginId) {
        return List.of();
    }
}
