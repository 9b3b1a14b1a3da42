package dev.portier.plugin.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a driver can do beyond its lifecycle. A driver has a capability exactly when its class
 * ({@link LockDriverFactory#driverType()}) implements the capability's interface: there is nothing
 * to declare separately, so declaration and implementation cannot disagree. The host reads
 * {@link #of} once per plugin for the UI and to know which calls it may make; the conformance kit
 * checks that the drivers a factory creates really are of its driver type. Pure value; any thread.
 */
public enum Capability {
    /** Enrol a lock with inputs people or phones supply — {@link LockEnrolment}. */
    ENROLMENT(LockEnrolment.class),
    /** Issue and withdraw keys for devices or cards — {@link KeyIssuing}. */
    KEY_ISSUING(KeyIssuing.class),
    /** Build signed revocation lists for offline locks — {@link RevocationPublishing}. */
    REVOCATION_LISTS(RevocationPublishing.class),
    /** Fetch the connection's lock logs from the vendor with a cursor — {@link EventPulling}. */
    EVENT_PULLING(EventPulling.class),
    /** Send commands to connected locks — {@link RemoteCommands}. */
    REMOTE_COMMANDS(RemoteCommands.class),
    /** Turn reservations into stored keys on the vendor side — {@link ReservationSync}. */
    RESERVATIONS(ReservationSync.class),
    /** Mirror grants to a vendor cloud, driven by the host's outbox — {@link GrantSync}. */
    GRANT_SYNC(GrantSync.class),
    /** Serve HTTP under /api/plugins/{pluginId}/connections/{connectionId}/… — {@link PluginHttpEndpoints}. */
    HTTP_ENDPOINTS(PluginHttpEndpoints.class),
    /** Offer actions to try a sandbox connection from the host's Sandbox page — {@link SandboxActions}. */
    SANDBOX(SandboxActions.class),
    /** List the locks the vendor account holds, for the host to import and keep in step — {@link LockDiscovery}. Since 2.2.0. */
    LOCK_DISCOVERY(LockDiscovery.class);

    private final Class<?> type;

    Capability(Class<?> type) {
        this.type = type;
    }

    /** The interface that delivers this capability. */
    public Class<?> type() {
        return type;
    }

    /** The capabilities whose interfaces {@code driverType} implements, in declaration order. */
    public static Set<Capability> of(Class<?> driverType) {
        EnumSet<Capability> found = EnumSet.noneOf(Capability.class);
        for (Capability capability : values()) {
            if (capability.type.isAssignableFrom(driverType)) {
                found.add(capability);
            }
        }
        return Collections.unmodifiableSet(found);
    }
}
