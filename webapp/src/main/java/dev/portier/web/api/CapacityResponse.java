package dev.portier.web.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How full a vehicle's stored-key memory is at its vendor, as its driver counts it now. {@code limited}
 * is false (and the counts absent) when no driver stores the vehicle's reservations.
 */
public record CapacityResponse(String lockId, boolean limited,
        @Schema(description = "Stored keys active now (expired ones do not count)") Integer activeKeys,
        @Schema(example = "4") Integer maxActiveKeys,
        @Schema(description = "Tap-card serials on the device in total") Integer cardSerials,
        @Schema(example = "2024") Integer maxCardSerials) {
}
