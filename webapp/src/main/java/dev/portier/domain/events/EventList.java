package dev.portier.domain.events;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.db.SqlText;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import java.util.List;
import org.jdbi.v3.core.statement.Query;

/** The account's lock events, newest first (by the lock's clock), filtered, a page at a time. VIEWERs read. */
@Singleton
public final class EventList {

    /** Types offered by the filter: far more than locks report in practice. */
    private static final int MAX_TYPES = 200;
    private static final String FROM = " FROM lock_events e JOIN locks l ON l.id = e.lock_id WHERE ";

    private final Database database;
    private final Authorization authorization;

    @Inject
    EventList(Database database, Authorization authorization) {
        this.database = database;
        this.authorization = authorization;
    }

    public List<RecordedEvent> list(SignedInUser who, EventFilter filter, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> bind(h.createQuery("SELECT e.*, l.name AS lock_name" + FROM + where(filter)
                        + " ORDER BY e.occurred_at DESC, e.id DESC LIMIT :limit OFFSET :offset"), who, filter)
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map(RecordedEventMapper.INSTANCE).list());
    }

    public int count(SignedInUser who, EventFilter filter) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> bind(h.createQuery("SELECT COUNT(*)" + FROM + where(filter)), who, filter)
                .mapTo(Integer.class).one());
    }

    /**
     * The next {@code limit} events after {@code after} in list order (the first ones when null): the
     * export walks the whole list this way, each step as cheap as the first, unlike a growing offset.
     */
    public List<RecordedEvent> after(SignedInUser who, EventFilter filter, RecordedEvent after, int limit) {
        return after == null ? after(who, filter, null, null, limit) : after(who, filter, after.occurredAt(), after.id(), limit);
    }

    /** As {@link #after(SignedInUser, EventFilter, RecordedEvent, int)}, after the event that occurred at {@code afterAt} with id {@code afterId}. */
    public List<RecordedEvent> after(SignedInUser who, EventFilter filter, java.time.Instant afterAt, String afterId, int limit) {
        authorization.require(who, Role.VIEWER);
        String keyset = afterId == null ? "" : " AND (e.occurred_at < :afterAt OR (e.occurred_at = :afterAt AND e.id < :afterId))";
        return database.jdbi().withHandle(h -> {
            Query query = bind(h.createQuery("SELECT e.*, l.name AS lock_name" + FROM + where(filter) + keyset
                    + " ORDER BY e.occurred_at DESC, e.id DESC LIMIT :limit"), who, filter).bind("limit", limit);
            if (afterId != null) {
                query.bind("afterAt", afterAt).bind("afterId", afterId);
            }
            return query.map(RecordedEventMapper.INSTANCE).list();
        });
    }

    /** The types the account's locks have reported, for the type filter. */
    public List<String> types(SignedInUser who) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT type FROM lock_events WHERE account_id = :accountId "
                        + "ORDER BY type LIMIT " + MAX_TYPES)
                .bind("accountId", who.accountId()).mapTo(String.class).list());
    }

    private static String where(EventFilter filter) {
        StringBuilder sql = new StringBuilder("e.account_id = :accountId");
        if (!SqlText.isBlank(filter.lockId())) {
            sql.append(" AND e.lock_id = :lockId");
        }
        if (!SqlText.isBlank(filter.type())) {
            sql.append(" AND e.type = :type");
        }
        if (filter.from() != null) {
            sql.append(" AND e.occurred_at >= :from");
        }
        if (filter.until() != null) {
            sql.append(" AND e.occurred_at < :until");
        }
        if (!SqlText.isBlank(filter.text())) {
            sql.append(" AND (LOWER(e.type) LIKE :text ESCAPE '!' OR LOWER(e.details) LIKE :text ESCAPE '!'"
                    + " OR LOWER(l.name) LIKE :text ESCAPE '!')");
        }
        return sql.toString();
    }

    private static Query bind(Query query, SignedInUser who, EventFilter filter) {
        query.bind("accountId", who.accountId());
        if (!SqlText.isBlank(filter.lockId())) {
            query.bind("lockId", filter.lockId().strip());
        }
        if (!SqlText.isBlank(filter.type())) {
            query.bind("type", filter.type().strip());
        }
        if (filter.from() != null) {
            query.bind("from", filter.from());
        }
        if (filter.until() != null) {
            query.bind("until", filter.until());
        }
        if (!SqlText.isBlank(filter.text())) {
            query.bind("text", SqlText.containsPattern(filter.text()));
        }
        return query;
    }
}
