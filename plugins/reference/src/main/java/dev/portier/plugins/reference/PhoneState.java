package dev.portier.plugins.reference;

import dev.portier.plugins.reference.LockProtocol.LogEntry;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a simulated phone keeps: its private keys, its registration, the keys and lock identities
 * Portier sent it, the revocation lists it carries, and what it collected from locks for its next sync.
 *
 * @param collectedUpTo     per lock, the highest log entry number this phone has collected
 * @param pendingEvents     per lock, collected entries not uploaded yet
 * @param confirmationsToReport per lock, the lock's signed confirmation of the list version it holds, to report at the next sync
 */
public record PhoneState(URI portierBaseUrl, String name, byte[] signingKey, byte[] encryptionKey, String deviceId,
        String deviceToken, String personId, List<HeldKey> keys, List<KnownLock> locks, Map<String, byte[]> lists,
        Map<String, Long> collectedUpTo, Map<String, List<LogEntry>> pendingEvents, Map<String, byte[]> confirmationsToReport) {

    public PhoneState {
        keys = List.copyOf(keys);
        locks = List.copyOf(locks);
        lists = Map.copyOf(lists);
        collectedUpTo = Map.copyOf(collectedUpTo);
        pendingEvents = Map.copyOf(pendingEvents);
        confirmationsToReport = Map.copyOf(confirmationsToReport);
    }

    /** A key the phone holds: the opened credential and what Portier said about it. */
    public record HeldKey(String keyId, String lockId, Instant notBefore, Instant notAfter, Instant issuedAt, byte[] credential) {
    }

    /** A lock the phone may meet: its identity key (to tell fakes) and the issuer key it trusts. */
    public record KnownLock(String lockId, String name, byte[] publicKey, byte[] issuerKey) {
    }
}
