package dev.portier.drivers.vehicles;

import dev.portier.domain.reservations.ReservationKeys;
import dev.portier.domain.locks.LockService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.Database;
import dev.portier.domain.reservations.ReservationDraft;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.domain.locks.Lock;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.validation.VendorException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The vehicle's driver, when it keeps reservations as stored keys ({@link ReservationSync}): every
 * call goes through {@link ConnectionRuntime#callCapability} (a worker with a time limit, never the
 * caller's thread). A limit the driver enforces comes back as a {@link ValidationException} with the
 * driver's message (which names the rule); any other failure as a {@link VendorException}.
 */
@Singleton
public final class ReservationVendor implements ReservationKeys {

    private final ConnectionRuntime runtime;
    private final Database database;
    private final Authorization authorization;

    @Inject
    ReservationVendor(ConnectionRuntime runtime, Database database, Authorization authorization) {
        this.runtime = runtime;
        this.database = database;
        this.authorization = authorization;
    }

    @Override
    public boolean keepsReservations(Lock vehicle) {
        return vehicle.connectionId() != null && runtime.offers(vehicle.connectionId(), ReservationSync.class);
    }

    /**
     * How full the vehicle's stored-key memory is, asked of its driver now; empty when its driver
     * does not store reservations (then there is no vendor limit).
     */
    public Optional<DriverCallResult<ReservationSync.Capacity>> capacity(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        Lock vehicle = database.jdbi().withHandle(h -> LockService.find(h, who.accountId(), lockId));
        if (!keepsReservations(vehicle)) {
            return Optional.empty();
        }
        return Optional.of(runtime.callCapability(vehicle.connectionId(), ReservationSync.class, "read stored-key capacity",
                sync -> sync.capacity(ref(vehicle))));
    }

    @Override
    public String store(Lock vehicle, String reservationId, String userReference, List<String> cardSerials, ReservationDraft d) {
        ReservationSync.ReservationRequest request = new ReservationSync.ReservationRequest(reservationId, ref(vehicle),
                userReference, cardSerials, d.begin(), d.end(), d.permissions(), d.privileges(), d.endBookConditions());
        DriverCallResult<ReservationSync.StoredReservation> result = runtime.callCapability(vehicle.connectionId(),
                ReservationSync.class, "store reservation", sync -> sync.store(request));
        return switch (result) {
            case DriverCallResult.Succeeded<ReservationSync.StoredReservation> ok -> {
                if (ok.value() == null || ok.value().vendorKeyId() == null || ok.value().vendorKeyId().isBlank()) {
                    throw new VendorException("The driver stored the reservation but named no key id");
                }
                yield ok.value().vendorKeyId();
            }
            case DriverCallResult.Failed<ReservationSync.StoredReservation> failed -> throw refusal(failed);
        };
    }

    @Override
    public void cancel(Lock vehicle, String vendorKeyId) {
        DriverCallResult<Object> result = runtime.callCapability(vehicle.connectionId() == null ? "" : vehicle.connectionId(),
                ReservationSync.class, "cancel stored key", sync -> {
                    sync.cancel(ref(vehicle), vendorKeyId);
                    return null;
                });
        if (result instanceof DriverCallResult.Failed<Object> failed) {
            throw new VendorException("The vendor did not remove the stored key " + vendorKeyId + ", so the reservation is "
                    + "kept as it was: " + failed.message());
        }
    }

    static LockRef ref(Lock lock) {
        return new LockRef(lock.id(), lock.vendorReference(), lock.name(), lock.siteTimeZone());
    }

    /** A limit the driver enforces names its rule: shown at the cards or the vehicle; anything else is the vendor's failure. */
    private static RuntimeException refusal(DriverCallResult.Failed<?> failed) {
        if (failed.reason() == DriverCallResult.Reason.EXCEPTION && failed.cause() instanceof IllegalArgumentException rule
                && rule.getMessage() != null && !rule.getMessage().isBlank()) {
            String message = rule.getMessage();
            boolean aboutCards = message.toLowerCase(Locale.ROOT).contains("card") || message.toLowerCase(Locale.ROOT).contains("serial");
            return ValidationException.of(aboutCards ? "cardIds" : "lockId", message);
        }
        return new VendorException("The vendor did not store the reservation, so nothing was created: " + failed.message());
    }
}
