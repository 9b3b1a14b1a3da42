package dev.portier.plugin.api;

/**
 * What a driver can do beyond its lifecycle. Declaring a capability is a promise: the driver (or, for
 * {@link #HTTP_ENDPOINTS}, the factory) implements the matching interface. The conformance kit checks it.
 */
public enum Capability {
    /** Enrol a lock (provisioning code, key pair) — {@link LockEnrolment}. */
    ENROLMENT(LockEnrolment.class),
    /** Issue and withdraw keys for devices or cards — {@link KeyIssuing}. */
    KEY_ISSUING(KeyIssuing.class),
    /** Build signed revocation lists for offline locks — {@link RevocationPublishing}. */
    REVOCATION_LISTS(RevocationPublishing.class),
    /** Fetch lock logs from the vendor — {@link EventPulling}. */
    EVENT_PULLING(EventPulling.class),
    /** Send commands to connected locks — {@link RemoteCommands}. */
    REMOTE_COMMANDS(RemoteCommands.class),
    /** Turn reservations into stored keys on the vendor side — {@link ReservationSync}. */
    RESERVATIONS(ReservationSync.class),
    /** Push grants, contacts and cards to a vendor cloud — {@link GrantSync}. */
    GRANT_SYNC(GrantSync.class),
    /** Serve HTTP under /api/plugins/{pluginId}/… (webhooks, vendor callbacks) — {@link PluginHttpEndpoints}, on the factory. */
    HTTP_ENDPOINTS(PluginHttpEndpoints.class),
    /** Offer actions to try a sandbox connection from the host's Sandbox page — {@link SandboxActions}. */
    SANDBOX(SandboxActions.class);

    private final Class<?> type;

    Capability(Class<?> type) {
        this.type = type;
    }

    /** The interface that delivers this capability. */
    public Class<?> type() {
        return type;
    }

    /** Whether the capability lives on the factory rather than on each driver. */
    public boolean onFactory() {
        return this == HTTP_ENDPOINTS;
    }
}
