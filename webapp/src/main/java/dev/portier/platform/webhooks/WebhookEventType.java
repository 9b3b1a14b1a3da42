package dev.portier.platform.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** The events an endpoint may subscribe to, by their dotted lower-case names (the payload's {@code type}). */
public enum WebhookEventType {
    GRANT_CREATED("grant.created", "A grant was created"),
    GRANT_UPDATED("grant.updated", "A grant was changed"),
    GRANT_REVOKED("grant.revoked", "A grant was revoked"),
    GRANT_SYNC_APPLIED("grant.sync_applied", "A grant's change reached its lock's vendor"),
    GRANT_SYNC_FAILED("grant.sync_failed", "A grant's change could not be applied at the vendor"),
    KEY_ISSUED("key.issued", "A key was issued to a phone or card"),
    KEY_REVOKED("key.revoked", "A key was revoked"),
    LOCK_EVENT("lock.event", "A lock reported an event (access granted or denied, …)"),
    REVOCATION_CONFIRMED("revocation.confirmed", "A lock confirmed a revocation list"),
    RESERVATION_UPDATED("reservation.updated", "A reservation was created or its state changed"),
    COMMAND_COMPLETED("command.completed", "A lock command completed"),
    COMMAND_FAILED("command.failed", "A lock command failed"),
    CONNECTION_STATUS_CHANGED("connection.status_changed", "A connection's status changed"),
    CERTIFICATE_EXPIRING("certificate.expiring", "A connection's certificate expires soon or has expired"),
    WEBHOOK_TEST("webhook.test", "A test event sent by hand");

    private final String wireName;
    private final String description;

    WebhookEventType(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    /** The dotted name, e.g. {@code grant.created}. */
    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    public static Optional<WebhookEventType> ofWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
