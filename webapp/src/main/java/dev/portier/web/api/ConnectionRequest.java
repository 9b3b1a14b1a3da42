package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portier.drivers.connections.ConnectionDraft;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** A connection to create: a driver and its settings, secrets included (they are stored encrypted, never shown again). */
@JsonIgnoreProperties({"id", "storedSecrets", "status", "createdAt", "updatedAt"})
public record ConnectionRequest(
        @Schema(example = "Unloc production", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
        @Schema(description = "The driver's id, as the Plugins page lists it", example = "unloc",
                requiredMode = Schema.RequiredMode.REQUIRED) String driverId,
        @Schema(description = "The driver's settings by key, secret ones included (write-only)",
                example = "{\"baseUrl\": \"https://api.unloc.app\", \"apiKey\": \"…\"}") Map<String, String> settings) {

    ConnectionDraft toDraft() {
        return new ConnectionDraft(name, driverId, settings == null ? Map.of() : settings);
    }
}
