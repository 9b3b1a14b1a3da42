package dev.portier.plugins.reference;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one sync of a {@link PhoneSimulator} did, in the order it did it.
 *
 * @param keysReceived     key ids fetched and opened (new or renewed)
 * @param keysUnopened     key ids whose sealed credential did not open with this phone's encryption key, with why
 * @param keysDeleted      key ids deleted because Portier said so
 * @param keysExpired      key ids dropped because they expired (on Portier's server time)
 * @param listsFetched     revocation list version now carried, by lock (only lists newer than the carried one)
 * @param eventsUploaded   per lock: entries sent, accepted, duplicates
 * @param versionsReported list version reported, by lock
 * @param serverTime       Portier's time as it answered the key fetch
 */
public record SyncReport(List<String> keysReceived, Map<String, String> keysUnopened, List<String> keysDeleted,
        List<String> keysExpired, Map<String, Long> listsFetched, Map<String, EventUpload> eventsUploaded,
        Map<String, Long> versionsReported, Instant serverTime) {

    public SyncReport {
        keysReceived = List.copyOf(keysReceived);
        keysUnopened = Map.copyOf(keysUnopened);
        keysDeleted = List.copyOf(keysDeleted);
        keysExpired = List.copyOf(keysExpired);
        listsFetched = Map.copyOf(listsFetched);
        eventsUploaded = Map.copyOf(eventsUploaded);
        versionsReported = Map.copyOf(versionsReported);
    }

    /** One lock's log upload. */
    public record EventUpload(int sent, int accepted, int duplicates) {
    }
}
