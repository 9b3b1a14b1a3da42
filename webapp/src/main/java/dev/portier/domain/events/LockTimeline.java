package dev.portier.domain.events;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.NotFoundException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * One lock's timeline, read a page at a time: its numbered log in entry-number order, with a gap row
 * wherever entries between two received ones are missing, then its events without entry number in
 * the order they occurred.
 *
 * <p>Why unnumbered events come after and are not merged in by time: the entry number is the lock's
 * own order, and an offline lock's clock drifts, so placing a cloud event between two entries by
 * timestamps would claim an order nobody observed. Kept apart, each part is in its true order.
 *
 * <p>Gaps are computed when read (the previous entry number of each entry, {@code LAG}), so an entry
 * that arrives late closes its gap at once and nothing has to be kept up to date. Each page runs
 * over the lock's entry-number index only; the rows of the page alone are read in full.
 */
@Singleton
public final class LockTimeline {

    /** Every row of the lock's timeline, positioned by (section, pos, sub, event id). */
    private static final String ROWS = "WITH numbered AS ("
            + " SELECT id, entry_number, LAG(entry_number) OVER (ORDER BY entry_number) AS previous"
            + " FROM lock_events WHERE lock_id = :lockId AND entry_number IS NOT NULL),"
            + " timeline AS ("
            + " SELECT 0 AS section, entry_number AS pos, 1 AS sub, id AS event_id, NULL AS gap_from, NULL AS gap_to FROM numbered"
            + " UNION ALL"
            + " SELECT 0, entry_number, 0, NULL, previous + 1, entry_number - 1 FROM numbered WHERE entry_number - previous > 1"
            + " UNION ALL"
            + " SELECT 1, occurred_at, 1, id, NULL, NULL FROM lock_events WHERE lock_id = :lockId AND entry_number IS NULL) ";

    private final Database database;
    private final Authorization authorization;

    @Inject
    LockTimeline(Database database, Authorization authorization) {
        this.database = database;
        this.authorization = authorization;
    }

    /** The lock whose timeline is asked for. */
    public Lock lock(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> LockService.find(h, who.accountId(), lockId));
    }

    /** @throws NotFoundException the lock is not the account's */
    public List<TimelineRow> page(SignedInUser who, String lockId, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            LockService.find(h, who.accountId(), lockId);
            return rows(h, lockId, page);
        });
    }

    /** Events and gap rows together. */
    public int count(SignedInUser who, String lockId) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            LockService.find(h, who.accountId(), lockId);
            return h.createQuery(ROWS + "SELECT COUNT(*) FROM timeline").bind("lockId", lockId).mapTo(Integer.class).one();
        });
    }

    /** Where a row stands in the timeline's order; {@code eventId} is empty for a gap row. */
    public record Position(int section, long pos, int sub, String eventId) {
    }

    /** A timeline row with its position, for keyset paging. */
    public record PositionedRow(TimelineRow row, Position position) {
    }

    /**
     * The next {@code limit} rows after {@code after} in timeline order (the first ones when null): keyset
     * paging, which neither repeats nor skips a stored event when others arrive meanwhile.
     *
     * @throws NotFoundException the lock is not the account's
     */
    public List<PositionedRow> after(SignedInUser who, String lockId, Position after, int limit) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            LockService.find(h, who.accountId(), lockId);
            String keyset = after == null ? "" : " WHERE section > :s OR (section = :s AND (pos > :p OR (pos = :p AND (sub > :sub"
                    + " OR (sub = :sub AND COALESCE(event_id, '') > :id)))))";
            var query = h.createQuery(ROWS + ", page AS (SELECT * FROM timeline" + keyset
                            + " ORDER BY section, pos, sub, COALESCE(event_id, '') LIMIT :limit)"
                            + " SELECT page.section, page.pos, page.sub, page.event_id, page.gap_from, page.gap_to, e.*, l.name AS lock_name"
                            + " FROM page LEFT JOIN lock_events e ON e.id = page.event_id LEFT JOIN locks l ON l.id = e.lock_id"
                            + " ORDER BY page.section, page.pos, page.sub, COALESCE(page.event_id, '')")
                    .bind("lockId", lockId).bind("limit", limit);
            if (after != null) {
                query.bind("s", after.section()).bind("p", after.pos()).bind("sub", after.sub()).bind("id", after.eventId());
            }
            return query.map((rs, ctx) -> {
                Position position = new Position(rs.getInt("section"), rs.getLong("pos"), rs.getInt("sub"),
                        rs.getString("event_id") == null ? "" : rs.getString("event_id"));
                long from = rs.getLong("gap_from");
                TimelineRow row = rs.wasNull() ? new TimelineRow.Event(RecordedEventMapper.INSTANCE.map(rs, ctx))
                        : new TimelineRow.Gap(from, rs.getLong("gap_to"));
                return new PositionedRow(row, position);
            }).list();
        });
    }

    static List<TimelineRow> rows(Handle h, String lockId, PageRequest page) {
        return h.createQuery(ROWS + ", page AS (SELECT * FROM timeline ORDER BY section, pos, sub, event_id"
                        + " LIMIT :limit OFFSET :offset)"
                        + " SELECT page.gap_from, page.gap_to, e.*, l.name AS lock_name FROM page"
                        + " LEFT JOIN lock_events e ON e.id = page.event_id LEFT JOIN locks l ON l.id = e.lock_id"
                        + " ORDER BY page.section, page.pos, page.sub, page.event_id")
                .bind("lockId", lockId).bind("limit", page.limit()).bind("offset", page.offset())
                .map((rs, ctx) -> {
                    long from = rs.getLong("gap_from");
                    return rs.wasNull() ? (TimelineRow) new TimelineRow.Event(RecordedEventMapper.INSTANCE.map(rs, ctx))
                            : new TimelineRow.Gap(from, rs.getLong("gap_to"));
                })
                .list();
    }
}
