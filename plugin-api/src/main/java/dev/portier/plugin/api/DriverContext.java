package dev.portier.plugin.api;

import java.time.Clock;

/**
 * What the host gives one connection's driver. All of it is scoped to that connection and its
 * account: a driver can see and change nothing of other accounts. Every collaborator is thread-safe;
 * each method's Javadoc (and its type's) says whether it blocks.
 */
public interface DriverContext {

    /** The connection's id, stable across restarts. */
    String connectionId();

    DriverConfiguration configuration();

    /** The time source; tests move it. */
    Clock clock();

    /** Outbound HTTP with time limits and destination checks. */
    OutboundHttp http();

    /** Encrypted storage for values the driver creates or receives at run time. */
    SecretStore secrets();

    /** Signing with keys that never leave the host. */
    Signer signer();

    /** Background work, cancelled when the connection is disposed. */
    DriverScheduler scheduler();

    /** The core's one access decision, for vendor check-in requests and on-demand keys. */
    AccessDecider access();

    /** Where lock events (log entries, webhooks) go. */
    EventSink events();

    /** The locks of this connection. */
    LockDirectory locks();

    /** Tells the host the connection's status; call whenever it changes. Never blocks. */
    void reportStatus(DriverStatus status);

    /**
     * Puts material on the phones of people who may use the connection's locks. Blocks briefly on
     * the database: call from capability methods or scheduled work, not {@code initialize()}.
     */
    PhoneMaterialPublisher phoneMaterial();

    /** Tells the host what the driver learnt about a lock's condition. Never blocks; any thread. */
    void reportHealth(LockHealth health);
}
