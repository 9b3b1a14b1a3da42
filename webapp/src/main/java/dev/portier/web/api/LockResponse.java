package dev.portier.web.api;

import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockState;
import dev.portier.drivers.connections.LockHealthReports;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A lock as the API shows it, with its site's name and time zone and the latest health its driver reported. */
public record LockResponse(String id, String siteId, String siteName, String siteTimeZone, String name, LockKind kind,
        String driverId, String vendorReference, LockState state, Instant createdAt, String connectionId,
        @Schema(description = "The latest health the lock's driver reported; null when it never reported any",
                nullable = true) Health health) {

    /** What the driver last said of the lock's condition; each part null when the driver does not know it. */
    @Schema(name = "LockHealth")
    public record Health(
            @Schema(description = "Whether the lock answers its vendor; null when unknown", nullable = true) Boolean online,
            @Schema(description = "Battery level, 0 to 100", nullable = true, example = "76") Integer batteryPercent,
            @Schema(description = "The driver's low-battery warning") boolean batteryLow,
            @Schema(description = "When the lock was last heard from", nullable = true) Instant lastSeen,
            @Schema(nullable = true, example = "2.4.1") String firmware,
            @Schema(description = "When Portier received this report") Instant reportedAt) {

        static Health of(LockHealthReports.Health health) {
            return health == null ? null : new Health(health.online(), health.batteryPercent(), health.batteryLow(),
                    health.lastSeen(), health.firmware(), health.reportedAt());
        }
    }

    static LockResponse of(Lock lock, LockHealthReports.Health health) {
        return new LockResponse(lock.id(), lock.siteId(), lock.siteName(), lock.siteTimeZone(), lock.name(), lock.kind(),
                lock.driverId(), lock.vendorReference(), lock.state(), lock.createdAt(), lock.connectionId(), Health.of(health));
    }
}
