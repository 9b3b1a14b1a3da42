package dev.portier.drivers.vehicles;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.reservations.ReservationRows;
import dev.portier.drivers.connections.DriverEventListener;
import dev.portier.platform.db.Database;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.platform.webhooks.WebhookEventType;
import dev.portier.platform.webhooks.WebhookEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What a vehicle's driver reports about its bookings moves them (Geotab Keyless: the events its webhook
 * records). An approved online CheckIn naming a booking checks that booking in under the new key, so
 * the vehicle stays held and the no-overlap rule sees it; a tap check-in under a booking's stored key
 * checks it in; a check-out under either key completes it. A CheckIn or CheckOut the vendor ACCEPTED for
 * that booking becomes COMPLETED when its completion arrives.
 */
@Singleton
final class VehicleReports implements DriverEventListener {

    /** The event types and detail names the Geotab plugin records (its Notifications). */
    static final String CHECK_IN_APPROVED = "CHECK_IN_APPROVED";
    static final String TAP_CHECK_IN_COMPLETE = "TAP_CHECK_IN_COMPLETE";
    static final String CHECK_OUT_COMPLETE = "CHECK_OUT_COMPLETE";
    static final String RESERVATION_ID = "reservationId";
    static final String VIRTUAL_KEY_ID = "virtualKeyId";

    private final Database database;
    private final WebhookEvents webhooks;

    @Inject
    VehicleReports(Database database, WebhookEvents webhooks) {
        this.database = database;
        this.webhooks = webhooks;
    }

    @Override
    public void recorded(String accountId, String connectionId, LockEvent event) {
        String keyId = event.details().get(VIRTUAL_KEY_ID);
        if (keyId == null || keyId.isBlank()) {
            return;
        }
        switch (event.type()) {
            case CHECK_IN_APPROVED -> {
                String reservationId = event.details().get(RESERVATION_ID);
                if (reservationId != null) {
                    database.jdbi().useTransaction(h -> {
                        ReservationRows.checkedInOnline(h, accountId, event.lockId(), reservationId, keyId);
                        moved(h, accountId, event.lockId(), reservationId, List.of());
                    });
                }
            }
            case TAP_CHECK_IN_COMPLETE -> database.jdbi().useTransaction(h -> booking(h, accountId, event, keyId)
                    .ifPresent(id -> {
                        ReservationRows.checkedIn(h, id);
                        moved(h, accountId, event.lockId(), id, completeAccepted(h, id, CommandType.CHECK_IN));
                    }));
            case CHECK_OUT_COMPLETE -> database.jdbi().useTransaction(h -> booking(h, accountId, event, keyId)
                    .ifPresent(id -> {
                        ReservationRows.checkedOut(h, id);
                        moved(h, accountId, event.lockId(), id, completeAccepted(h, id, CommandType.CHECK_OUT));
                    }));
            default -> {
            }
        }
    }

    private static Optional<String> booking(Handle h, String accountId, LockEvent event, String keyId) {
        return ReservationRows.byVendorKey(h, accountId, event.lockId(), keyId);
    }

    /**
     * Tells the account's webhooks, in the transaction that moved the booking: {@code reservation.updated} with its
     * state now, and {@code command.completed} for each accepted command the report completed.
     */
    private void moved(Handle h, String accountId, String lockId, String reservationId, List<String> completedCommands) {
        ReservationRows.state(h, reservationId).ifPresent(state -> webhooks.publish(h, accountId,
                WebhookEventType.RESERVATION_UPDATED, "reservation:" + reservationId,
                Map.of("reservationId", reservationId, "lockId", lockId, "state", state.name(), "change", "VEHICLE_REPORT")));
        for (String commandId : completedCommands) {
            webhooks.publish(h, accountId, WebhookEventType.COMMAND_COMPLETED, "lock:" + lockId,
                    Map.of("commandId", commandId, "lockId", lockId, "reservationId", reservationId, "status", "COMPLETED"));
        }
    }

    /** The booking's commands of {@code type} the vendor accepted are done: the vehicle reported it. Returns their ids. */
    static List<String> completeAccepted(Handle h, String reservationId, CommandType type) {
        List<String> ids = h.createQuery("SELECT id FROM lock_commands WHERE reservation_id = :reservationId AND type = :type "
                        + "AND status = 'ACCEPTED' ORDER BY requested_at, id")
                .bind("reservationId", reservationId).bind("type", type).mapTo(String.class).list();
        h.createUpdate("UPDATE lock_commands SET status = 'COMPLETED' WHERE reservation_id = :reservationId AND type = :type "
                + "AND status = 'ACCEPTED'").bind("reservationId", reservationId).bind("type", type).execute();
        return ids;
    }
}
