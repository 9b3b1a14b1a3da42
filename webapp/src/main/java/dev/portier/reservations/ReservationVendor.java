package dev.portier.reservations;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.connections.ConnectionRuntime;
import dev.portier.locks.Lock;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.ReservationSync;
import dev.portier.plugins.DriverCallResult;
import dev.portier.validation.ValidationException;
import dev.portier.validation.VendorException;
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
public final class ReservationVendor {

    private final ConnectionRuntime runtime;

    @Inject
    ReservationVendor(ConnectionRuntime runtime) {
        this.runtime = runtime;
    }

    /** Whether the vehicle's connection runs a driver that stores reservations. */
    public boolean keepsReservations(Lock vehicle) {
        return vehicle.connectionId() != null && runtime.offers(vehicle.connectionId(), ReservationSync.class);
    }

    /** How full the vehicle's stored-key memory is; empty when no driver stores its reservations. */
    public Optional<DriverCallResult<ReservationSync.Capacity>> capacity(Lock vehicle) {
        if (!keepsReservations(vehicle)) {
            return Optional.empty();
        }
        return Optional.of(runtime.callCapability(vehicle.connectionId(), ReservationSync.class, "read stored-key capacity",
                sync -> sync.capacity(ref(vehicle))));
    }

    /** Stores the reservation at the vendor and returns the vendor's key id. */
    String store(Lock vehicle, String reservationId, String userReference, List<String> cardSerials, ReservationDraft d) {
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

    /** Removes the vendor's stored key; a key already gone is fine (the driver says so by returning). */
    void cancel(Lock vehicle, String vendorKeyId) {
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
