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

    /**
     * A page of the timeline by keyset: the {@code limit} rows after {@code cursor} (from the start when
     * null), read over the lock's indexes from that position on — the last page of a million events costs
     * what the first does (no OFFSET, no window over the whole log). The cursor of a page's last row
     * ({@link #cursor(TimelineRow)}) asks for the next page.
     *
     * @throws NotFoundException   the lock is not the account's
     * @throws IllegalArgumentException the cursor is not one this timeline gave out
     */
    public List<TimelineRow> pageAfter(SignedInUser who, String lockId, String cursor, int limit) {
        authorization.require(who, Role.VIEWER);
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_LIMIT);
        }
        Position after = cursor == null ? null : Position.parse(cursor);
        return database.jdbi().withHandle(h -> {
            LockService.find(h, who.accountId(), lockId);
            return rowsAfter(h, lockId, after, limit);
        });
    }

    /** A timeline row with its position, for keyset paging. */
    public record PositionedRow(TimelineRow row, Position position) {
    }

    /**
     * {@link #pageAfter} with typed positions: the next {@code limit} rows after {@code after} (the first ones
     * when null), each with the position that asks for the rows after it.
     *
     * @throws NotFoundException the lock is not the account's
     */
    public List<PositionedRow> after(SignedInUser who, String lockId, Position after, int limit) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> {
            LockService.find(h, who.accountId(), lockId);
            return rowsAfter(h, lockId, after, limit).stream().map(row -> new PositionedRow(row, positionAfter(row))).toList();
        });
    }

    /** The cursor that asks for the rows after {@code row}. */
    public static String cursor(TimelineRow row) {
        return positionAfter(row).text();
    }

    private static Position positionAfter(TimelineRow row) {
        return switch (row) {
            case TimelineRow.Gap gap -> new Position(0, gap.to() + 1, 0, "");
            case TimelineRow.Event e when e.event().entryNumber() != null -> new Position(0, e.event().entryNumber(), 1, e.event().id());
            case TimelineRow.Event e -> new Position(1, e.event().occurredAt().toEpochMilli(), 1, e.event().id());
        };
    }

    /**
     * A place in the timeline order: (section, pos, sub, event id), as the ROWS query orders it; a gap row's
     * is the entry it stands before, with sub 0.
     */
    public record Position(int section, long pos, int sub, String eventId) {
        String text() {
            return section + "." + pos + "." + sub + "." + eventId;
        }

        static Position parse(String text) {
            String[] parts = text.split("\\.", 4);
            try {
                Position p = new Position(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]),
                        parts.length > 3 ? parts[3] : "");
                if ((p.section == 0 || p.section == 1) && (p.sub == 0 || p.sub == 1) && p.eventId.length() <= 36) {
                    return p;
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // below
            }
            throw new IllegalArgumentException("Not a timeline cursor: " + text);
        }
    }

    private static List<TimelineRow> rowsAfter(Handle h, String lockId, Position after, int limit) {
        List<TimelineRow> rows = new java.util.ArrayList<>(limit);
        List<String> eventIds = new java.util.ArrayList<>(limit);
        if (after == null || after.section() == 0) {
            // After an entry: the next ones, a gap before the first if entries are missing in between. After a
            // gap row (sub 0): the entry that gap stood before, with no second gap.
            long from = after == null ? Long.MIN_VALUE : after.sub() == 0 ? after.pos() : after.pos() + 1;
            Long previous = after == null || after.sub() == 0 ? null : after.pos();
            record Entry(long number, String id) {
            }
            List<Entry> entries = h.createQuery("SELECT entry_number, id FROM lock_events WHERE lock_id = :lockId"
                            + " AND entry_number IS NOT NULL AND entry_number >= :from ORDER BY entry_number LIMIT :limit")
                    .bind("lockId", lockId).bind("from", from).bind("limit", limit + 1)
                    .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getString(2))).list();
            for (int i = 0; i < entries.size() && rows.size() < limit; i++) {
                long entry = entries.get(i).number();
                if (previous != null && entry - previous > 1) {
                    rows.add(new TimelineRow.Gap(previous + 1, entry - 1));
                    if (rows.size() == limit) {
                        break;
                    }
                }
                rows.add(null); // the event, filled in below
                eventIds.add(entries.get(i).id());
                previous = entry;
            }
            if (rows.size() == limit || entries.size() > limit) {
                return fill(h, rows, eventIds);
            }
            after = null;
        }
        // Events without entry number, in the order they occurred.
        long fromTime = after == null ? Long.MIN_VALUE : after.pos();
        String fromId = after == null ? "" : after.eventId();
        List<String> unnumbered = h.createQuery("SELECT id FROM lock_events WHERE lock_id = :lockId AND entry_number IS NULL"
                        + " AND (occurred_at > :fromTime OR (occurred_at = :fromTime AND id > :fromId)) ORDER BY occurred_at, id LIMIT :limit")
                .bind("lockId", lockId).bind("fromTime", fromTime).bind("fromId", fromId).bind("limit", limit - rows.size())
                .mapTo(String.class).list();
        for (String id : unnumbered) {
            rows.add(null);
            eventIds.add(id);
        }
        return fill(h, rows, eventIds);
    }

    /** Replaces the null placeholders of {@code rows}, in order, by the events {@code ids} names. */
    private static List<TimelineRow> fill(Handle h, List<TimelineRow> rows, List<String> ids) {
        java.util.Map<String, RecordedEvent> events = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            h.createQuery("SELECT e.*, l.name AS lock_name FROM lock_events e JOIN locks l ON l.id = e.lock_id WHERE e.id IN (<ids>)")
                    .bindList("ids", ids).map(RecordedEventMapper.INSTANCE).forEach(e -> events.put(e.id(), e));
        }
        java.util.Iterator<String> next = ids.iterator();
        List<TimelineRow> filled = new java.util.ArrayList<>(rows.size());
        for (TimelineRow row : rows) {
            filled.add(row != null ? row : new TimelineRow.Event(events.get(next.next())));
        }
        return filled;
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
