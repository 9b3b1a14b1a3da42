package dev.portier.plugins.geotab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.AccessDecider.AccessQuestion;
import dev.portier.plugin.api.AccessDecider.Subject;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EndBookCondition;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.PluginHttpEndpoints.PluginHttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook's work for one connection, after its security token matched: a NotificationId is handled
 * once; a CheckIn request from an unknown tap card is decided by the core's one access decision and,
 * when allowed, answered with the recommended CheckIn response (commands CheckIn, Unlock,
 * IgnitionEnable and a virtualKeyRequest) well inside the device's one-minute timer, else left to
 * lapse and recorded as refused with the reasons; TapCheckInComplete and CheckOutComplete become lock
 * events at their own time, however late they arrive after the vehicle was offline.
 *
 * <p>The key of an online CheckIn ends when what allowed it ends: the booking, or the grant's
 * validity or schedule window (for a grant that never ends, its on-demand key duration). A grant's key
 * also ends when the vehicle's next booking stored here begins, and a vehicle whose booking runs now
 * is not handed to a grant's card (the device only asks when it is not booked; the booking may not be
 * checked in yet).
 */
final class Notifications {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(50);
    /** Event types the host follows (a check-in moves its booking); keep in step with the host's VehicleReports. */
    static final String CHECK_IN_APPROVED = "CHECK_IN_APPROVED";
    static final String CHECK_IN_REFUSED = "CHECK_IN_REFUSED";
    static final String TAP_CHECK_IN_COMPLETE = "TAP_CHECK_IN_COMPLETE";
    static final String CHECK_OUT_COMPLETE = "CHECK_OUT_COMPLETE";

    private final GeotabDriver driver;
    private final DriverContext context;
    private final HandledNotifications handled;

    Notifications(GeotabDriver driver, DriverContext context, HandledNotifications handled) {
        this.driver = driver;
        this.context = context;
        this.handled = handled;
    }

    PluginHttpResponse handle(byte[] body) {
        JsonNode notification;
        try {
            notification = KeylessJson.object(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return answer(400, Map.of("error", "The notification is not a JSON object: " + e.getMessage()));
        }
        String id = Optional.ofNullable(KeylessJson.text(notification, "NotificationId"))
                .orElse(KeylessJson.text(notification, "notificationId"));
        if (id == null || id.isBlank()) {
            return answer(400, Map.of("error", "The notification has no NotificationId"));
        }
        String database = KeylessJson.text(notification, "Database");
        if (database != null && !database.equals(driver.settings().database())) {
            return answer(400, Map.of("error", "The notification is for another database"));
        }
        if (!handled.claim(id)) {
            return answer(200, Map.of("result", "ignored", "reason", "NotificationId " + id + " was handled before"));
        }
        try {
            return dispatch(notification);
        } catch (RuntimeException e) {
            handled.release(id);
            throw e;
        }
    }

    private PluginHttpResponse dispatch(JsonNode notification) {
        String type = KeylessJson.text(notification, "Type");
        if (type == null && KeylessJson.number(notification, "type") != null) {
            // Sent when the subscription is created or modified: the webhook works.
            driver.report(DriverStatus.online());
            return answer(200, Map.of("result", "subscription confirmed"));
        }
        Long timestamp = KeylessJson.number(notification, "Timestamp");
        JsonNode data;
        try {
            data = KeylessJson.object(Optional.ofNullable(KeylessJson.text(notification, "Data")).orElse("{}"));
        } catch (IllegalArgumentException e) {
            return answer(400, Map.of("error", "The notification's Data is not a JSON object"));
        }
        String serial = KeylessJson.text(data, "deviceSerialNumber");
        if (type == null || timestamp == null || serial == null) {
            return answer(400, Map.of("error", "A notification needs Type, Timestamp and Data.deviceSerialNumber"));
        }
        Optional<LockRef> vehicle = context.locks().byVendorReference(serial);
        if (vehicle.isEmpty()) {
            return answer(200, Map.of("result", "ignored", "reason", "no vehicle with GO serial " + serial + " in this connection"));
        }
        Instant at = Instant.ofEpochMilli(timestamp);
        String card = KeylessJson.text(data, "tapCardSerialNumber");
        String keyId = KeylessJson.text(data, "virtualKeyId");
        return switch (type) {
            case "CheckIn" -> checkIn(vehicle.get(), card, at);
            case "TapCheckInComplete" -> recorded(vehicle.get(), TAP_CHECK_IN_COMPLETE, at, card, keyId);
            case "CheckOutComplete" -> recorded(vehicle.get(), CHECK_OUT_COMPLETE, at, card, keyId);
            default -> answer(200, Map.of("result", "ignored", "reason", "notification type " + type + " is not used"));
        };
    }

    private PluginHttpResponse recorded(LockRef vehicle, String event, Instant at, String card, String keyId) {
        Map<String, String> details = new LinkedHashMap<>();
        if (card != null) {
            details.put("cardSerial", card);
        }
        if (keyId != null) {
            details.put("virtualKeyId", keyId);
        }
        context.events().record(new LockEvent(vehicle.lockId(), null, at, event, details));
        return answer(200, Map.of("result", "recorded", "event", event));
    }

    private PluginHttpResponse checkIn(LockRef vehicle, String card, Instant requestedAt) {
        if (card == null) {
            return answer(400, Map.of("error", "A CheckIn notification needs Data.tapCardSerialNumber"));
        }
        Instant now = context.clock().instant();
        if (driver.onlineCheckInDisabled(vehicle.vendorReference())) {
            // The device should not have asked; until its parameter is set, Portier answers as it would.
            return refused(vehicle, card, requestedAt, List.of("ONLINE_CHECK_IN_DISABLED"));
        }
        AccessAnswer verdict = context.access().decide(new AccessQuestion(vehicle.lockId(), Subject.cardSerial(card),
                Permission.UNLOCK, now));
        if (!verdict.allowed()) {
            List<String> reasons = verdict.reasons().stream().map(Enum::name).toList();
            return refused(vehicle, card, requestedAt, reasons.isEmpty() ? List.of("DENIED") : reasons);
        }
        if (context.clock().instant().isAfter(requestedAt.plus(ANSWER_WITHIN))) {
            return refused(vehicle, card, requestedAt, List.of("CHECK_IN_TIMER_LAPSING"));
        }
        List<KeyLedger.Entry> bookings = driver.storedKeys().activeKeys(vehicle.vendorReference()).stream()
                .filter(k -> k.reservationId() == null || !k.reservationId().equals(verdict.reservationId())).toList();
        if (verdict.reservationId() == null && bookings.stream().anyMatch(k -> k.begin() <= now.toEpochMilli())) {
            return refused(vehicle, card, requestedAt, List.of("VEHICLE_BOOKED"));
        }
        Instant end = keyEnd(verdict, now);
        if (end == null) {
            return refused(vehicle, card, requestedAt, List.of("NO_KEY_END"));
        }
        for (KeyLedger.Entry next : bookings) {
            Instant begins = Instant.ofEpochMilli(next.begin());
            if (begins.isBefore(end)) {
                end = begins;
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("tapCardSerialNumber", card);
        request.put("userReference", verdict.grantId() == null ? card : "portier-grant:" + verdict.grantId());
        request.put("beginningTimestamp", now.toEpochMilli());
        request.put("endingTimestamp", end.toEpochMilli());
        request.put("endBookConditions", List.of(VendorNames.of(EndBookCondition.IGNITION_OFF)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commands", List.of("CheckIn", "Unlock", "IgnitionEnable"));
        body.put("virtualKeyRequest", request);
        try {
            KeylessClient.Answer sent = driver.client().commands(vehicle.vendorReference(), body);
            if (!sent.ok()) {
                context.events().record(new LockEvent(vehicle.lockId(), null, requestedAt, "CHECK_IN_FAILED",
                        Map.of("cardSerial", card, "reason", sent.error())));
                return answer(200, Map.of("result", "failed", "reason", sent.error()));
            }
            String keyId = String.valueOf(KeylessJson.text(sent.json(), "virtualKeyId"));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("cardSerial", card);
            details.put("virtualKeyId", keyId);
            details.put("until", end.toString());
            if (verdict.grantId() != null) {
                details.put("grantId", verdict.grantId());
            }
            if (verdict.reservationId() != null) {
                details.put("reservationId", verdict.reservationId());
            }
            context.events().record(new LockEvent(vehicle.lockId(), null, requestedAt, CHECK_IN_APPROVED, details));
            return answer(200, Map.of("result", "approved", "virtualKeyId", keyId, "until", end.toString()));
        } catch (IOException e) {
            context.events().record(new LockEvent(vehicle.lockId(), null, requestedAt, "CHECK_IN_FAILED",
                    Map.of("cardSerial", card, "reason", "Keyless Service unreachable")));
            return answer(200, Map.of("result", "failed", "reason", "The Keyless Service could not be reached"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer(503, Map.of("error", "Interrupted"));
        }
    }

    /** No answer is the refusal: the device rejects the attempt when its timer ends. */
    private PluginHttpResponse refused(LockRef vehicle, String card, Instant requestedAt, List<String> reasons) {
        context.events().record(new LockEvent(vehicle.lockId(), null, requestedAt, CHECK_IN_REFUSED,
                Map.of("cardSerial", card, "reasons", String.join(",", reasons))));
        return answer(200, Map.of("result", "refused", "reasons", reasons));
    }

    /**
     * When what allowed the card ends: the booking, or the grant's validity or current schedule window;
     * a grant that never ends gives its on-demand key duration. {@code null} when the answer names neither.
     */
    private static Instant keyEnd(AccessAnswer verdict, Instant now) {
        if (verdict.openUntil() != null) {
            return verdict.openUntil();
        }
        return verdict.onDemandDuration() == null ? null : now.plus(verdict.onDemandDuration());
    }

    static PluginHttpResponse answer(int status, Map<String, Object> json) {
        return PluginHttpResponse.json(status, KeylessJson.write(json));
    }
}
