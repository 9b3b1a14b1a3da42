package dev.portier.platform.webhooks;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.audit.Actor;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditLog;
import dev.portier.platform.crypto.SecretBox;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.EpochColumns;
import dev.portier.platform.db.Ids;
import dev.portier.platform.http.GuardedHttp;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.plugin.api.OutboundHttp.DestinationRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * An account's webhook endpoints: adding, changing, removing, rotating secrets, the delivery log, replay
 * and test events. Callers check roles (this layer knows none); every query is scoped to the account, and
 * another account's ids are not found. Changes are audited.
 */
@Singleton
public final class WebhookEndpoints {

    /** How long a rotated-out secret keeps signing beside the new one. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    static final int MAX_URL_LENGTH = 2000;

    private final Database database;
    private final SecretBox secretBox;
    private final GuardedHttp http;
    private final AuditLog audit;
    private final Clock clock;
    private final WebhookEvents events;

    @Inject
    WebhookEndpoints(Database database, SecretBox secretBox, GuardedHttp http, AuditLog audit, Clock clock, WebhookEvents events) {
        this.database = database;
        this.secretBox = secretBox;
        this.http = http;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    public NewWebhookSecret create(String accountId, Actor actor, WebhookDraft draft) {
        Checked checked = check(draft);
        String id = Ids.newId();
        String secret = WebhookSignature.newSecret();
        long now = clock.millis();
        database.jdbi().useTransaction(h -> {
            h.createUpdate("INSERT INTO webhook_endpoints (id, account_id, url, event_types, enabled, status, secret, "
                            + "consecutive_failures, created_at, updated_at) VALUES (:id, :accountId, :url, :events, :enabled, "
                            + "'HEALTHY', :secret, 0, :now, :now)")
                    .bind("id", id).bind("accountId", accountId).bind("url", checked.url()).bind("events", names(checked.events()))
                    .bind("enabled", draft.enabled()).bind("secret", seal(id, secret)).bind("now", now).execute();
            audit.record(h, accountId, actor, AuditAction.CREATED, "Webhook " + checked.url(), names(checked.events()));
        });
        return new NewWebhookSecret(get(accountId, id), secret);
    }

    public List<WebhookEndpoint> list(String accountId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM webhook_endpoints WHERE account_id = :accountId "
                        + "ORDER BY created_at, id")
                .bind("accountId", accountId).map((rs, ctx) -> endpoint(rs)).list());
    }

    /** @throws NotFoundException when the account has no such endpoint */
    public WebhookEndpoint get(String accountId, String id) {
        return database.jdbi().withHandle(h -> find(h, accountId, id));
    }

    /** Changes every field; enabling a disabled endpoint makes it healthy again (it is tried afresh). */
    public WebhookEndpoint update(String accountId, Actor actor, String id, WebhookDraft draft) {
        Checked checked = check(draft);
        database.jdbi().useTransaction(h -> {
            WebhookEndpoint current = find(h, accountId, id);
            boolean revive = draft.enabled() && current.status() == WebhookEndpoint.Status.DISABLED;
            h.createUpdate("UPDATE webhook_endpoints SET url = :url, event_types = :events, enabled = :enabled, updated_at = :now"
                            + (revive ? ", status = 'HEALTHY', consecutive_failures = 0, failing_since = NULL" : "")
                            + " WHERE id = :id AND account_id = :accountId")
                    .bind("url", checked.url()).bind("events", names(checked.events())).bind("enabled", draft.enabled())
                    .bind("now", clock.millis()).bind("id", id).bind("accountId", accountId).execute();
            if (revive) {
                // Enabled again: what waited is tried now, not at the end of its backoff.
                h.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :now WHERE endpoint_id = :id "
                                + "AND account_id = :accountId AND state = 'PENDING'")
                        .bind("now", clock.millis()).bind("id", id).bind("accountId", accountId).execute();
            }
            audit.record(h, accountId, actor, AuditAction.UPDATED, "Webhook " + checked.url(),
                    names(checked.events()) + (draft.enabled() ? "" : " (disabled)"));
        });
        return get(accountId, id);
    }

    /** Removes the endpoint and its delivery log; messages not yet delivered to it are not sent. */
    public void delete(String accountId, Actor actor, String id) {
        database.jdbi().useTransaction(h -> {
            WebhookEndpoint current = find(h, accountId, id);
            h.createUpdate("DELETE FROM webhook_deliveries WHERE endpoint_id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", accountId).execute();
            h.createUpdate("DELETE FROM webhook_endpoints WHERE id = :id AND account_id = :accountId")
                    .bind("id", id).bind("accountId", accountId).execute();
            audit.record(h, accountId, actor, AuditAction.DELETED, "Webhook " + current.url(), null);
        });
    }

    /**
     * A new secret, returned once; the current one keeps signing beside it for {@link #ROTATION_OVERLAP} so
     * receivers can switch without losing a message.
     */
    public NewWebhookSecret rotateSecret(String accountId, Actor actor, String id) {
        String secret = WebhookSignature.newSecret();
        Instant now = clock.instant();
        database.jdbi().useTransaction(h -> {
            WebhookEndpoint current = find(h, accountId, id);
            String sealedCurrent = h.createQuery("SELECT secret FROM webhook_endpoints WHERE id = :id")
                    .bind("id", id).mapTo(String.class).one();
            h.createUpdate("UPDATE webhook_endpoints SET previous_secret = :previous, previous_secret_expires_at = :until, "
                            + "secret = :secret, updated_at = :now WHERE id = :id AND account_id = :accountId")
                    .bind("previous", sealedCurrent).bind("until", now.plus(ROTATION_OVERLAP).toEpochMilli())
                    .bind("secret", seal(id, secret)).bind("now", now.toEpochMilli()).bind("id", id)
                    .bind("accountId", accountId).execute();
            audit.record(h, accountId, actor, AuditAction.UPDATED, "Webhook " + current.url(),
                    "Rotated the signing secret; the previous one signs too until " + now.plus(ROTATION_OVERLAP));
        });
        return new NewWebhookSecret(get(accountId, id), secret);
    }

    /** The endpoint's delivery log, newest first. */
    public List<WebhookDelivery> deliveries(String accountId, String endpointId, int limit) {
        return database.jdbi().withHandle(h -> {
            find(h, accountId, endpointId);
            return h.createQuery("SELECT d.*, m.type FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id "
                            + "WHERE d.endpoint_id = :endpointId AND d.account_id = :accountId "
                            + "ORDER BY d.created_at DESC, d.id DESC LIMIT :limit")
                    .bind("endpointId", endpointId).bind("accountId", accountId).bind("limit", limit)
                    .map((rs, ctx) -> delivery(rs)).list();
        });
    }

    /** Sends a delivered or failed message again, as a new delivery with the same {@code webhook-id}. */
    public WebhookDelivery replay(String accountId, String endpointId, String deliveryId) {
        String id = database.jdbi().inTransaction(h -> {
            find(h, accountId, endpointId);
            String messageId = h.createQuery("SELECT message_id FROM webhook_deliveries WHERE id = :id AND endpoint_id = :endpointId "
                            + "AND account_id = :accountId")
                    .bind("id", deliveryId).bind("endpointId", endpointId).bind("accountId", accountId)
                    .mapTo(String.class).findOne().orElseThrow(() -> new NotFoundException("Delivery " + deliveryId));
            String resourceKey = h.createQuery("SELECT resource_key FROM webhook_messages WHERE id = :id")
                    .bind("id", messageId).mapTo(String.class).one();
            return WebhookEvents.insertDelivery(h, accountId, endpointId, messageId, resourceKey, clock.millis());
        });
        return delivery(accountId, endpointId, id);
    }

    /** Queues a {@code webhook.test} event to this endpoint only (whatever it subscribes to). */
    public WebhookDelivery sendTest(String accountId, String endpointId) {
        String id = database.jdbi().inTransaction(h -> {
            WebhookEndpoint endpoint = find(h, accountId, endpointId);
            return events.publishTo(h, endpoint, WebhookEventType.WEBHOOK_TEST, "webhook:" + endpointId,
                    java.util.Map.of("webhookId", endpointId, "message", "A test event sent from Portier"));
        });
        return delivery(accountId, endpointId, id);
    }

    /** Endpoints of the account that are failing or disabled, for the dashboard. */
    public List<WebhookEndpoint> troubled(String accountId) {
        return list(accountId).stream().filter(e -> e.status() != WebhookEndpoint.Status.HEALTHY).toList();
    }

    private WebhookDelivery delivery(String accountId, String endpointId, String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT d.*, m.type FROM webhook_deliveries d "
                        + "JOIN webhook_messages m ON m.id = d.message_id WHERE d.id = :id AND d.endpoint_id = :endpointId "
                        + "AND d.account_id = :accountId")
                .bind("id", id).bind("endpointId", endpointId).bind("accountId", accountId)
                .map((rs, ctx) -> delivery(rs)).one());
    }

    /** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
    List<String> signingSecrets(Handle h, String endpointId, Instant now) {
        return h.createQuery("SELECT secret, previous_secret, previous_secret_expires_at FROM webhook_endpoints WHERE id = :id")
                .bind("id", endpointId).map((rs, ctx) -> {
                    List<String> secrets = new ArrayList<>();
                    secrets.add(open(endpointId, rs.getString("secret")));
                    Instant until = EpochColumns.instant(rs, "previous_secret_expires_at");
                    String previous = rs.getString("previous_secret");
                    if (previous != null && until != null && now.isBefore(until)) {
                        secrets.add(open(endpointId, previous));
                    }
                    return secrets;
                }).one();
    }

    private record Checked(String url, Set<WebhookEventType> events) {
    }

    private Checked check(WebhookDraft draft) {
        if (draft == null) {
            throw ValidationException.of("url", "Give the endpoint's url and the events it receives");
        }
        ValidationException.Collector problems = new ValidationException.Collector();
        String url = draft.url() == null ? "" : draft.url().strip();
        problems.check("url", urlProblem(url));
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        List<String> unknown = new ArrayList<>();
        for (String name : draft.events() == null ? List.<String>of() : draft.events()) {
            WebhookEventType.ofWireName(name == null ? "" : name.strip())
                    .filter(t -> t != WebhookEventType.WEBHOOK_TEST).ifPresentOrElse(types::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            problems.add("events", "Unknown event " + (unknown.size() == 1 ? "type " : "types ") + unknown + "; known are "
                    + subscribable());
        } else if (types.isEmpty()) {
            problems.add("events", "Choose at least one event; known are " + subscribable());
        }
        problems.throwIfAny();
        return new Checked(url, types);
    }

    private java.util.Optional<String> urlProblem(String url) {
        if (url.isEmpty()) {
            return java.util.Optional.of("Give the address Portier posts events to (https://…)");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return java.util.Optional.of("The address is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return java.util.Optional.of("Not a valid address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return java.util.Optional.of("The address must be an absolute http:// or https:// URL with a host name");
        }
        if (uri.getRawUserInfo() != null) {
            return java.util.Optional.of("The address must not contain a user name or password; authenticate by the signature");
        }
        try {
            http.check(uri);
        } catch (DestinationRefusedException e) {
            return java.util.Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return java.util.Optional.of(e.getMessage());
        } catch (IOException e) {
            return java.util.Optional.of("The address cannot be checked: " + e.getMessage());
        }
        return java.util.Optional.empty();
    }

    private static String subscribable() {
        return Arrays.stream(WebhookEventType.values()).filter(t -> t != WebhookEventType.WEBHOOK_TEST)
                .map(WebhookEventType::wireName).collect(Collectors.joining(", "));
    }

    static WebhookEndpoint find(Handle h, String accountId, String id) {
        return h.createQuery("SELECT * FROM webhook_endpoints WHERE id = :id AND account_id = :accountId")
                .bind("id", id).bind("accountId", accountId).map((rs, ctx) -> endpoint(rs)).findOne()
                .orElseThrow(() -> new NotFoundException("Webhook " + id));
    }

    static String names(Set<WebhookEventType> types) {
        return types.stream().sorted().map(WebhookEventType::wireName).collect(Collectors.joining(","));
    }

    static Set<WebhookEventType> parse(String names) {
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        for (String name : names.split(",")) {
            WebhookEventType.ofWireName(name).ifPresent(types::add);
        }
        return types;
    }

    static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
        return new WebhookEndpoint(rs.getString("id"), rs.getString("account_id"), rs.getString("url"),
                parse(rs.getString("event_types")), rs.getBoolean("enabled"), WebhookEndpoint.Status.valueOf(rs.getString("status")),
                rs.getInt("consecutive_failures"), EpochColumns.instant(rs, "failing_since"),
                EpochColumns.instant(rs, "previous_secret_expires_at"), EpochColumns.instant(rs, "created_at"),
                EpochColumns.instant(rs, "updated_at"));
    }

    static WebhookDelivery delivery(ResultSet rs) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer statusCode = rs.wasNull() ? null : code;
        long latency = rs.getLong("last_latency_ms");
        Long latencyMs = rs.wasNull() ? null : latency;
        return new WebhookDelivery(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("message_id"),
                rs.getString("type"), WebhookDelivery.State.valueOf(rs.getString("state")), rs.getInt("attempts"),
                EpochColumns.instant(rs, "next_attempt_at"), EpochColumns.instant(rs, "last_attempt_at"), statusCode, latencyMs,
                rs.getString("last_error"), EpochColumns.instant(rs, "created_at"));
    }

    private String seal(String endpointId, String secret) {
        return Base64.getEncoder().encodeToString(secretBox.seal(secret.getBytes(StandardCharsets.UTF_8), purpose(endpointId)));
    }

    private String open(String endpointId, String sealed) {
        return new String(secretBox.open(Base64.getDecoder().decode(sealed), purpose(endpointId)), StandardCharsets.UTF_8);
    }

    private static String purpose(String endpointId) {
        return "webhook:" + endpointId + ":secret";
    }
}
