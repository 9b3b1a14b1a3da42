package dev.portier.plugins.unloc.internal;

import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which connection a request to the deprecated {@code /api/plugins/unloc/check-access} (SPI 1.x; it
 * names no connection) is for: the one whose API header carries its API key. Every connection is
 * compared, whatever matched before, each in constant time ({@link ApiKeyCheck}). A key configured on
 * more than one connection routes nowhere: answering for either would hand one account's decision to
 * the other. Connections whose settings cannot work are never chosen. The path and method are not
 * looked at; the chosen connection's driver answers those.
 */
public final class LegacyRoute {

    private LegacyRoute() {
    }

    /** @param connections connection id → its settings, across every account */
    public static Optional<String> of(PluginHttpRequest request, Map<String, DriverConfiguration> connections) {
        List<String> matching = connections.entrySet().stream()
                .filter(connection -> UnlocSettings.read(connection.getValue()).settings()
                        .map(settings -> new ApiKeyCheck(settings).accepts(request))
                        .orElse(false))
                .map(Map.Entry::getKey)
                .toList();
        return matching.size() == 1 ? Optional.of(matching.getFirst()) : Optional.empty();
    }
}
