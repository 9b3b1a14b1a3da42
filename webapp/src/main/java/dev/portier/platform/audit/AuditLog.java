package dev.portier.platform.audit;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.SqlText;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Appends to and reads the audit log. Entries are written in the same transaction as the change
 * they describe (pass its {@link Handle}); there is no update or delete.
 */
@Singleton
public final class AuditLog {

    private static final int MAX_DETAILS = 2000;
    private static final ThreadLocal<List<String>> FOLDED = new ThreadLocal<>();

    private final Database database;
    private final Clock clock;

    @Inject
    AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void record(Handle handle, String accountId, Actor actor, AuditAction action, String target, String details) {
        List<String> folded = FOLDED.get();
        if (folded != null) {
            folded.add(action.label() + " " + target + (details == null ? "" : " (" + details + ")"));
            return;
        }
        handle.createUpdate("INSERT INTO audit_entries (id, account_id, actor_user_id, actor, action, target, details, occurred_at) "
                        + "VALUES (:id, :accountId, :actorUserId, :actor, :action, :target, :details, :at)")
                .bind("id", Ids.newId())
                .bind("accountId", accountId)
                .bind("actorUserId", actor.userId())
                .bind("actor", truncate(actor.label(), 254))
                .bind("action", action)
                .bind("target", truncate(target, 254))
                .bind("details", truncate(details, MAX_DETAILS))
                .bind("at", clock.instant())
                .execute();
    }

    /**
     * Runs {@code work} on this thread with every entry it records collected into {@code items} instead of written:
     * a change made of many (a bulk change) then writes one entry listing them.
     */
    public static <R> R folded(List<String> items, java.util.function.Supplier<R> work) {
        List<String> outer = FOLDED.get();
        FOLDED.set(items);
        try {
            return work.get();
        } finally {
            FOLDED.set(outer);
        }
    }

    /** Records in a transaction of its own, for events that change nothing else (a failed sign-in). */
    public void record(String accountId, Actor actor, AuditAction action, String target, String details) {
        database.jdbi().useTransaction(h -> record(h, accountId, actor, action, target, details));
    }

    public List<AuditEntry> page(String accountId, AuditFilter filter, int offset, int limit) {
        return database.jdbi().withHandle(h -> {
            Query query = h.createQuery("SELECT * FROM audit_entries WHERE " + where(filter)
                    + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset");
            bind(query, accountId, filter);
            return query.bind("limit", limit).bind("offset", offset)
                    .map(ConstructorMapper.of(AuditEntry.class)).list();
        });
    }

    public int count(String accountId, AuditFilter filter) {
        return database.jdbi().withHandle(h -> {
            Query query = h.createQuery("SELECT COUNT(*) FROM audit_entries WHERE " + where(filter));
            bind(query, accountId, filter);
            return query.mapTo(Integer.class).one();
        });
    }

    private static String where(AuditFilter filter) {
        StringBuilder sql = new StringBuilder("account_id = :accountId");
        if (filter.action() != null) {
            sql.append(" AND action = :action");
        } else if (filter.hideSignIns()) {
            sql.append(" AND action NOT IN ('" + AuditAction.SIGN_IN.name() + "', '" + AuditAction.SIGN_OUT.name() + "')");
        }
        if (!SqlText.isBlank(filter.text())) {
            sql.append(" AND (LOWER(actor) LIKE :text ESCAPE '!' OR LOWER(COALESCE(target, '')) LIKE :text ESCAPE '!'"
                    + " OR LOWER(COALESCE(details, '')) LIKE :text ESCAPE '!')");
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= :from");
        }
        if (filter.until() != null) {
            sql.append(" AND occurred_at < :until");
        }
        return sql.toString();
    }

    private static void bind(Query query, String accountId, AuditFilter filter) {
        query.bind("accountId", accountId);
        if (filter.action() != null) {
            query.bind("action", filter.action());
        }
        if (!SqlText.isBlank(filter.text())) {
            query.bind("text", SqlText.containsPattern(filter.text()));
        }
        if (filter.from() != null) {
            query.bind("from", filter.from());
        }
        if (filter.until() != null) {
            query.bind("until", filter.until());
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
