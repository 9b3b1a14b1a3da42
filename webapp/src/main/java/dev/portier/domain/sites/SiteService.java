package dev.portier.domain.sites;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.TimeZones;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.db.SqlText;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Sites of the signed-in user's account: VIEWERs read, MANAGERs and OWNERs change. */
@Singleton
public final class SiteService {

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    SiteService(Database database, Authorization authorization, AuditLog audit, Clock clock) {
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Site> list(SignedInUser who, String search, PageRequest page) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM sites WHERE account_id = :accountId"
                        + searchClause(search) + " ORDER BY name, id LIMIT :limit OFFSET :offset")
                .bind("accountId", who.accountId())
                .bind("search", SqlText.isBlank(search) ? "" : SqlText.containsPattern(search))
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map(ConstructorMapper.of(Site.class)).list());
    }

    public int count(SignedInUser who, String search) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sites WHERE account_id = :accountId"
                        + searchClause(search))
                .bind("accountId", who.accountId())
                .bind("search", SqlText.isBlank(search) ? "" : SqlText.containsPattern(search))
                .mapTo(Integer.class).one());
    }

    public Site get(SignedInUser who, String id) {
        authorization.require(who, Role.VIEWER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), id));
    }

    public Site create(SignedInUser who, SiteDraft draft) {
        authorization.require(who, Role.MANAGER);
        return create(who.accountId(), Audited.by(who), draft);
    }

    /** Creates a site for work the host does on the account's behalf (importing a vendor's locks); {@code actor} is audited. */
    public Site create(String accountId, Actor actor, SiteDraft draft) {
        validate(draft);
        String id = Ids.newId();
        return database.jdbi().inTransaction(h -> {
            h.createUpdate("INSERT INTO sites (id, account_id, name, address, time_zone, created_at) "
                            + "VALUES (:id, :accountId, :name, :address, :timeZone, :at)")
                    .bind("id", id).bind("accountId", accountId).bind("name", draft.name().strip())
                    .bind("address", blankToNull(draft.address())).bind("timeZone", draft.timeZone())
                    .bind("at", clock.instant()).execute();
            audit.record(h, accountId, actor, AuditAction.CREATED, "Site " + draft.name().strip(),
                    "time zone " + draft.timeZone());
            return find(h, accountId, id);
        });
    }

    /** The distinct time zones of the account's sites, e.g. to tell in which country a local phone number is. */
    public java.util.List<String> timeZones(String accountId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT time_zone FROM sites WHERE account_id = :accountId "
                + "ORDER BY time_zone LIMIT 50").bind("accountId", accountId).mapTo(String.class).list());
    }

    /** The account's site, if it still exists (for the host's own work; no signed-in user). */
    public java.util.Optional<Site> find(String accountId, String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM sites WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", accountId).mapTo(String.class).findOne().map(found -> find(h, accountId, found)));
    }

    public Site update(SignedInUser who, String id, SiteDraft draft) {
        authorization.require(who, Role.MANAGER);
        validate(draft);
        return database.jdbi().inTransaction(h -> {
            Site before = find(h, who.accountId(), id);
            h.createUpdate("UPDATE sites SET name = :name, address = :address, time_zone = :timeZone "
                            + "WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).bind("name", draft.name().strip())
                    .bind("address", blankToNull(draft.address())).bind("timeZone", draft.timeZone()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.UPDATED, "Site " + draft.name().strip(),
                    before.timeZone().equals(draft.timeZone()) ? null : "time zone " + before.timeZone() + " → " + draft.timeZone());
            return find(h, who.accountId(), id);
        });
    }

    /** Deletes an empty site; one with locks or grants is a conflict (move or delete those first). */
    public void delete(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            Site site = find(h, who.accountId(), id);
            int locks = h.createQuery("SELECT COUNT(*) FROM locks WHERE site_id = :id").bind("id", id).mapTo(Integer.class).one();
            int grants = h.createQuery("SELECT COUNT(*) FROM grants WHERE site_id = :id").bind("id", id).mapTo(Integer.class).one();
            if (locks > 0 || grants > 0) {
                throw new ConflictException("id", site.name() + " still has " + locks + " lock(s) and " + grants
                        + " grant(s): delete or move them first");
            }
            h.createUpdate("DELETE FROM sites WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", who.accountId()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.DELETED, "Site " + site.name(), null);
        });
    }

    public static Site find(Handle h, String accountId, String id) {
        return h.createQuery("SELECT * FROM sites WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", accountId)
                .map(ConstructorMapper.of(Site.class)).findOne()
                .orElseThrow(() -> new NotFoundException("site"));
    }

    private static void validate(SiteDraft draft) {
        ValidationException.Collector problems = new ValidationException.Collector()
                .check("name", TextRules.validateName(draft.name(), "a site name", 100))
                .check("timeZone", TimeZones.validate(draft.timeZone()));
        if (draft.address() != null && !draft.address().isBlank()) {
            problems.check("address", TextRules.validateText(draft.address(), "The address", 500));
        }
        problems.throwIfAny();
    }

    private static String searchClause(String search) {
        return SqlText.isBlank(search) ? "" : " AND (LOWER(name) LIKE :search ESCAPE '!' OR LOWER(COALESCE(address, '')) LIKE :search ESCAPE '!')";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
