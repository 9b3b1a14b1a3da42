package dev.portier.identity.apitokens;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Ids;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.TextRules;
import dev.portier.platform.validation.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * API tokens of the signed-in user's account. MANAGERs and OWNERs list, create and revoke them: a
 * token acts as MANAGER or VIEWER and never above its creator's role, so creating one gives nobody
 * more than they could already do by hand, and any manager can stop a leaked one at once.
 */
@Singleton
public final class ApiTokenService {

    /** How stale the stored last-used time may get: one write per token per minute at most. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final String COLUMNS = "id, account_id, name, role, secret_hint, created_by_user_id, created_by, "
            + "created_at, last_used_at, revoked_at, revoked_by";

    private final Database database;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    ApiTokenService(Database database, Authorization authorization, AuditLog audit, Clock clock) {
        this.database = database;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
    }

    /** Active tokens first, newest first; revoked ones stay listed as history. */
    public List<ApiToken> list(SignedInUser who, PageRequest page) {
        authorization.require(who, Role.MANAGER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE account_id = :accountId "
                        + "ORDER BY CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("accountId", who.accountId()).bind("limit", page.limit()).bind("offset", page.offset())
                .map(ConstructorMapper.of(ApiToken.class)).list());
    }

    public int count(SignedInUser who) {
        authorization.require(who, Role.MANAGER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE account_id = :accountId")
                .bind("accountId", who.accountId()).mapTo(Integer.class).one());
    }

    public ApiToken get(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        return database.jdbi().withHandle(h -> find(h, who.accountId(), id));
    }

    /** A new token acting as {@code role}; the returned secret is never available again. */
    public NewApiToken create(SignedInUser who, String name, Role role) {
        Role creatorRole = authorization.require(who, Role.MANAGER);
        if (who.isApiToken()) {
            throw new ForbiddenException("API tokens cannot create API tokens");
        }
        ValidationException.Collector problems = new ValidationException.Collector()
                .check("name", TextRules.validateName(name, "a name", 100));
        if (role == null) {
            problems.add("role", "Choose the role the token acts as");
        } else if (role == Role.OWNER) {
            problems.add("role", "A token acts as Manager or Viewer; owners' work stays with people");
        } else if (!creatorRole.includes(role)) {
            problems.add("role", "A token cannot have more rights than you have");
        }
        problems.throwIfAny();
        String cleanName = name.strip();
        String secret = TokenSecrets.newSecret();
        String id = Ids.newId();
        return database.jdbi().inTransaction(h -> {
            boolean taken = h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE account_id = :accountId AND name = :name "
                            + "AND revoked_at IS NULL")
                    .bind("accountId", who.accountId()).bind("name", cleanName).mapTo(Integer.class).one() > 0;
            if (taken) {
                throw new ConflictException("name", "An active token is already named " + cleanName);
            }
            h.createUpdate("INSERT INTO api_tokens (id, account_id, name, role, secret_hash, secret_hint, created_by_user_id, "
                            + "created_by, created_at) VALUES (:id, :accountId, :name, :role, :hash, :hint, :userId, :by, :at)")
                    .bind("id", id).bind("accountId", who.accountId()).bind("name", cleanName).bind("role", role)
                    .bind("hash", TokenSecrets.hash(secret)).bind("hint", TokenSecrets.hint(secret))
                    .bind("userId", who.userId()).bind("by", who.email()).bind("at", clock.instant()).execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.CREATED, "API token " + cleanName,
                    "acts as " + role.label());
            return new NewApiToken(find(h, who.accountId(), id), secret);
        });
    }

    /** Stops the token at once; revoking twice keeps the first revocation. */
    public ApiToken revoke(SignedInUser who, String id) {
        authorization.require(who, Role.MANAGER);
        return database.jdbi().inTransaction(h -> {
            ApiToken token = find(h, who.accountId(), id);
            if (token.isRevoked()) {
                return token;
            }
            h.createUpdate("UPDATE api_tokens SET revoked_at = :at, revoked_by = :by WHERE id = :id AND account_id = :accountId")
                    .bind("at", clock.instant()).bind("by", who.actorLabel()).bind("id", id).bind("accountId", who.accountId())
                    .execute();
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.REVOKED, "API token " + token.name(), null);
            return find(h, who.accountId(), id);
        });
    }

    /**
     * The caller a bearer secret stands for, or empty when it names no active token. Records the use,
     * writing at most once per {@link #LAST_USED_PRECISION} per token.
     */
    public Optional<SignedInUser> authenticate(String secret) {
        if (!TokenSecrets.looksLikeSecret(secret)) {
            return Optional.empty();
        }
        String hash = TokenSecrets.hash(secret);
        Optional<ApiToken> token = database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens "
                        + "WHERE secret_hash = :hash AND revoked_at IS NULL")
                .bind("hash", hash).map(ConstructorMapper.of(ApiToken.class)).findOne());
        token.ifPresent(this::recordUse);
        return token.map(t -> SignedInUser.viaApiToken(t.id(), t.name(), t.createdByUserId(), t.createdBy(), t.accountId()));
    }

    private void recordUse(ApiToken token) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(LAST_USED_PRECISION);
        if (token.lastUsedAt() != null && token.lastUsedAt().isAfter(staleBefore)) {
            return;
        }
        // The condition repeats the check so concurrent first uses write once.
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id "
                        + "AND (last_used_at IS NULL OR last_used_at <= :staleBefore)")
                .bind("now", now).bind("id", token.id()).bind("staleBefore", staleBefore).execute());
    }

    private static ApiToken find(Handle h, String accountId, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", accountId).map(ConstructorMapper.of(ApiToken.class)).findOne()
                .orElseThrow(() -> new NotFoundException("API token"));
    }
}
