package dev.portier.plugin.api;

import java.util.List;
import java.util.Optional;

/**
 * Keeps SPI 1.x vendor-facing URLs working for one release ({@code /api/plugins/unloc/check-access},
 * Geotab's webhook path), which name no connection. Implemented by the factory: the host hands it
 * each request under {@code /api/plugins/{pluginId}/…} that is not a connection URL, with the plugin's
 * connections, and passes the request to the chosen connection's {@link PluginHttpEndpoints} driver.
 * Called on a host worker; must not block (it only compares settings). Compare secrets in constant
 * time over equal-length values (e.g. {@code MessageDigest.isEqual} of SHA-256 digests).
 *
 * @deprecated vendors should be moved to {@code /api/plugins/{pluginId}/connections/{connectionId}/…};
 *             this goes away in SPI 3.0.
 */
@Deprecated(since = "2.0.0", forRemoval = true)
public interface LegacyEndpointRouting {

    /**
     * Which of the plugin's connections an old-style request is for, e.g. by its API key header.
     *
     * @return the connection's id, or empty when none matches (the host answers 404)
     */
    Optional<String> route(PluginHttpEndpoints.PluginHttpRequest request, List<ConnectionSettings> connections);

    /** One connection of the plugin, in whichever account: only what routing needs. */
    record ConnectionSettings(String connectionId, DriverConfiguration configuration) {
    }
}
