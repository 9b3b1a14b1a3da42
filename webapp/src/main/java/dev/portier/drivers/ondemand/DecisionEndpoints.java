package dev.portier.drivers.ondemand;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.identity.accounts.Audited;
import dev.portier.platform.crypto.SecretBox;
import dev.portier.platform.db.Database;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Each account's optional external decision endpoint (URL, API header, key). MANAGERs and OWNERs
 * read and change it; the key is sealed with the master key and never leaves this class except to
 * {@link ExternalDecisions}. Every change is audited, without the key.
 */
@Singleton
public final class DecisionEndpoints {

    static final int MAX_URL_LENGTH = 2000;
    static final int MAX_KEY_LENGTH = 500;
    // HTTP framing and routing headers: a key sent in one of them would not arrive as sent.
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "content-type", "transfer-encoding",
            "connection", "cookie", "accept", "user-agent", "expect", "te", "upgrade");

    private final Database database;
    private final SecretBox box;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    DecisionEndpoints(Database database, SecretBox box, Authorization authorization, AuditLog audit, Clock clock) {
        this.database = database;
        this.box = box;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account's endpoint, if it has one. */
    public Optional<DecisionEndpoint> get(SignedInUser who) {
        authorization.require(who, Role.MANAGER);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM on_demand_endpoints WHERE account_id = :accountId")
                .bind("accountId", who.accountId())
                .map((rs, ctx) -> new DecisionEndpoint(rs.getString("account_id"), rs.getString("url"), rs.getString("header_name"),
                        Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getString("updated_by")))
                .findOne());
    }

    /** Creates or changes the account's endpoint; a blank key keeps the stored one. */
    public DecisionEndpoint save(SignedInUser who, DecisionEndpointDraft draft) {
        authorization.require(who, Role.MANAGER);
        boolean exists = get(who).isPresent();
        String url = draft.url() == null ? "" : draft.url().strip();
        String header = draft.headerName() == null ? "" : draft.headerName().strip();
        String key = draft.key() == null ? "" : draft.key();
        ValidationException.Collector problems = new ValidationException.Collector();
        problems.check("url", urlProblem(url));
        problems.check("headerName", headerProblem(header));
        if (key.isEmpty() && !exists) {
            problems.add("key", "Enter the API key the endpoint expects");
        } else if (!key.isEmpty()) {
            problems.check("key", keyProblem(key));
        }
        problems.throwIfAny();
        Instant now = clock.instant();
        database.jdbi().useTransaction(h -> {
            if (exists) {
                // COALESCE keeps the stored key when none was typed.
                h.createUpdate("UPDATE on_demand_endpoints SET url = :url, header_name = :header, updated_at = :at, updated_by = :by, "
                                + "sealed_key = COALESCE(:sealed, sealed_key) WHERE account_id = :accountId")
                        .bind("url", url).bind("header", header).bind("at", now).bind("by", who.actorLabel())
                        .bind("sealed", key.isEmpty() ? null : seal(who.accountId(), key)).bind("accountId", who.accountId())
                        .execute();
            } else {
                h.createUpdate("INSERT INTO on_demand_endpoints (account_id, url, header_name, sealed_key, updated_at, updated_by) "
                                + "VALUES (:accountId, :url, :header, :sealed, :at, :by)")
                        .bind("accountId", who.accountId()).bind("url", url).bind("header", header)
                        .bind("sealed", seal(who.accountId(), key)).bind("at", now).bind("by", who.actorLabel()).execute();
            }
            audit.record(h, who.accountId(), Audited.by(who), exists ? AuditAction.UPDATED : AuditAction.CREATED,
                    "External decision endpoint", URI.create(url).getHost() + (key.isEmpty() ? "" : ", API key set"));
        });
        return get(who).orElseThrow();
    }

    /** Removes the account's endpoint: from then on Portier's grants decide alone. */
    public void remove(SignedInUser who) {
        authorization.require(who, Role.MANAGER);
        database.jdbi().useTransaction(h -> {
            int removed = h.createUpdate("DELETE FROM on_demand_endpoints WHERE account_id = :accountId")
                    .bind("accountId", who.accountId()).execute();
            if (removed == 0) {
                throw new NotFoundException("external decision endpoint");
            }
            audit.record(h, who.accountId(), Audited.by(who), AuditAction.DELETED, "External decision endpoint", null);
        });
    }

    /** What {@link ExternalDecisions} needs to call the endpoint, key decrypted. */
    record Target(URI url, String headerName, String key) {
        @Override
        public String toString() {
            return "Target[" + url.getHost() + ", " + headerName + "]";
        }
    }

    Optional<Target> target(String accountId) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT url, header_name, sealed_key FROM on_demand_endpoints WHERE account_id = :accountId")
                .bind("accountId", accountId)
                .map((rs, ctx) -> new Target(URI.create(rs.getString("url")), rs.getString("header_name"),
                        new String(box.open(Base64.getDecoder().decode(rs.getString("sealed_key")), purpose(accountId)),
                                StandardCharsets.UTF_8)))
                .findOne());
    }

    private String seal(String accountId, String key) {
        return Base64.getEncoder().encodeToString(box.seal(key.getBytes(StandardCharsets.UTF_8), purpose(accountId)));
    }

    /** A sealed key copied into another account's row does not open. */
    private static String purpose(String accountId) {
        return "account:" + accountId + ":on-demand-endpoint:key";
    }

    static Optional<String> urlProblem(String url) {
        if (url.isEmpty()) {
            return Optional.of("Enter the endpoint's address, like https://tasks.example.com/check-access");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("The address is longer than " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return Optional.of("Enter an absolute http:// or https:// address");
            }
            if (uri.getRawUserInfo() != null) {
                return Optional.of("Put credentials in the API key, not in the address");
            }
            if (uri.getRawFragment() != null) {
                return Optional.of("The address must not have a #fragment");
            }
            // What the HTTP client will not send to (odd authorities like http://127.1:8080/) is refused now, not on use.
            java.net.http.HttpRequest.newBuilder(uri);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("This address cannot be called over HTTP; write the host name or a full IP address");
        } catch (URISyntaxException e) {
            return Optional.of("This is not a valid address: " + e.getReason());
        }
    }

    static Optional<String> headerProblem(String header) {
        if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}")) {
            return Optional.of("Enter an HTTP header name (letters, digits and dashes), like X-Api-Key");
        }
        if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
            return Optional.of(header + " is used by HTTP itself; choose another, like X-Api-Key");
        }
        return Optional.empty();
    }

    static Optional<String> keyProblem(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            return Optional.of("The API key is longer than " + MAX_KEY_LENGTH + " characters");
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of("The API key must be printable ASCII without spaces: HTTP headers carry nothing else reliably");
        }
        return Optional.empty();
    }
}
