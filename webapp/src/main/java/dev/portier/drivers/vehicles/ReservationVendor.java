package dev.portier.drivers.vehicles;

import java.util.Set;
import java.util.EnumSet;
import dev.portier.plugin.api.EndBookCondition;
import dev.portier.plugin.api.ReservationPrivilege;
import dev.portier.plugin.api.VehiclePermission;
import dev.portier.plugin.api.LimitExceededException;
import dev.portier.drivers.plugins.DriverRefusals;
import dev.portier.drivers.plugins.SpiValues;
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
 * caller's thread). A limit the driver enforces ({@code LimitExceededException}) comes back as a
 * {@link ValidationException} at the cards or the vehicle, built from its rule, limit and current
 * count; any other failure as a {@link VendorException}.
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
                sync -> sync.capacity(SpiValues.lockRef(vehicle))));
    }

    @Override
    public String store(Lock vehicle, String reservationId, String userReference, List<String> cardSerials, ReservationDraft d) {
        ReservationSync.ReservationRequest request = new ReservationSync.ReservationRequest(reservationId, SpiValues.lockRef(vehicle),
                userReference, cardSerials, d.begin(), d.end(), typed(d.permissions(), VehiclePermission.class),
                typed(d.privileges(), ReservationPrivilege.class), typed(d.endBookConditions(), EndBookCondition.class));
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
                    sync.cancel(SpiValues.lockRef(vehicle), vendorKeyId);
                    return null;
                });
        if (result instanceof DriverCallResult.Failed<Object> failed) {
            throw new VendorException("The vendor did not remove the stored key " + vendorKeyId + ", so the reservation is "
                    + "kept as it was: " + failed.message());
        }
    }

    /**
     * A vendor limit is shown at the cards when its rule is about cards or their serials, otherwise at the
     * vehicle; any other failure is the vendor's. Decided from the typed exception and its stable rule id.
     */
    private static RuntimeException refusal(DriverCallResult.Failed<?> failed) {
        String field = failed.cause() instanceof LimitExceededException limit && aboutCards(limit.rule()) ? "cardIds" : "lockId";
        return DriverRefusals.explain(failed, field,
                new VendorException("The vendor did not store the reservation, so nothing was created: " + failed.message()));
    }

    private static boolean aboutCards(String rule) {
        String id = rule.toLowerCase(Locale.ROOT);
        return id.contains("card") || id.contains("serial");
    }

    /** The booking's terms are kept in the vendor's words ("IgnitionEnable"); the SPI types them (IGNITION_ENABLE). */
    static <E extends Enum<E>> Set<E> typed(Set<String> names, Class<E> type) {
        Set<E> typed = EnumSet.noneOf(type);
        for (String name : names) {
            typed.add(Enum.valueOf(type, name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)));
        }
        return typed;
    }
}
