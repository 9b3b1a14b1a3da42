package dev.portier.web.api;

import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockState;
import java.time.Instant;

/** A lock as the API shows it, with its site's name and time zone. */
public record LockResponse(String id, String siteId, String siteName, String siteTimeZone, String name, LockKind kind,
        String driverId, String vendorReference, LockState state, Instant createdAt, String connectionId) {

    static LockResponse of(Lock lock) {
        return new LockResponse(lock.id(), lock.siteId(), lock.siteName(), lock.siteTimeZone(), lock.name(), lock.kind(),
                lock.driverId(), lock.vendorReference(), lock.state(), lock.createdAt(), lock.connectionId());
    }
}
