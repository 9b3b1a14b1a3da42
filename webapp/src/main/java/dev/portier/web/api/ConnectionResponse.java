package dev.portier.web.api;

import dev.portier.drivers.connections.Connection;
import dev.portier.plugin.api.DriverStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A connection as the API shows it: its non-secret settings, which secrets are stored (never their values), its status. */
public record ConnectionResponse(String id, String name, String driverId, Map<String, String> settings,
        @Schema(description = "Keys of the secret settings that have a stored value; the values are never returned")
        List<String> storedSecrets, StatusResponse status, Instant createdAt, Instant updatedAt) {

    /** What the connection's driver last reported, or why it does not run. */
    public record StatusResponse(@Schema(description = "UNKNOWN, ONLINE or OFFLINE") String state,
            @Schema(description = "NONE, INITIALIZING, CONFIGURATION_ERROR, AUTHENTICATION_ERROR, COMMUNICATION_ERROR, …") String detail,
            String message) {

        static StatusResponse of(DriverStatus status) {
            return new StatusResponse(status.state().name(), status.detail().name(), status.message());
        }
    }

    static ConnectionResponse of(Connection connection, DriverStatus status) {
        return new ConnectionResponse(connection.id(), connection.name(), connection.driverId(), connection.settings(),
                connection.storedSecrets().stream().sorted().toList(), StatusResponse.of(status), connection.createdAt(),
                connection.updatedAt());
    }
}
