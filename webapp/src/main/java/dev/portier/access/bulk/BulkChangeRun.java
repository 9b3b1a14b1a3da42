package dev.portier.access.bulk;

import java.time.Instant;
import java.util.List;

/**
 * An applied bulk change: RUNNING (with {@code done} of {@code subjects} people and cards handled so far), DONE (its
 * grants committed, {@code items} one line per grant created or revoked, or membership change; {@code grantsChanged} the grants created or
 * revoked, or for {@link BulkAction#ADD_TO_GROUP} the people added) or FAILED ({@code error}; nothing of it
 * was saved).
 */
public record BulkChangeRun(String id, BulkAction action, String summary, State state, int subjects, int done, int grantsChanged,
        List<String> items, String error, String createdBy, Instant createdAt, Instant finishedAt) {

    public enum State { RUNNING, DONE, FAILED }
}
