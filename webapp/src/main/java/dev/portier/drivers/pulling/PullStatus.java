package dev.portier.drivers.pulling;

import java.time.Instant;

/**
 * How a connection's event pulling goes, as the Connections page shows it.
 *
 * @param lastPullAt     when the host last asked the driver (successfully or not); {@code null} before the first pull
 * @param lastSuccessAt  when a pull last succeeded, or {@code null}
 * @param failures       failed pulls in a row since the last success (0: the last pull worked)
 * @param lastError      why the last pull failed, or {@code null} when it worked
 * @param eventsReceived events recorded from pulls so far (new ones; repeated entries are not counted)
 */
public record PullStatus(Instant lastPullAt, Instant lastSuccessAt, int failures, String lastError, long eventsReceived) {

    /** Whether the last pull failed. */
    public boolean failing() {
        return failures > 0;
    }
}
