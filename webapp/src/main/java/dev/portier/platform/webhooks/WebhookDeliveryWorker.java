package dev.portier.platform.webhooks;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.EpochColumns;
import dev.portier.platform.db.LeasedWork;
import dev.portier.platform.db.Leases;
import dev.portier.platform.http.GuardedHttp;
import dev.portier.platform.lifecycle.LifecycleListener;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: every {@value #POLL_MILLIS} ms it looks for due deliveries and posts each, signed, through
 * the guarded HTTP client (no private addresses unless the operator allowed them, also after redirects; 5 s to
 * connect, 10 s in all). An endpoint's deliveries go out one at a time, and of the same resource in the order
 * they were published: a later one waits while an earlier one is pending. 2xx is success; anything else is
 * retried on {@link RetrySchedule}. After {@value #FAILING_AFTER} failures in a row the endpoint is FAILING,
 * after {@link #DISABLE_AFTER} of nothing but failures DISABLED. A delivery is marked only after its attempt,
 * so one in flight when the process dies is sent again (at least once, with the same {@code webhook-id}).
 * With several instances only the holder of the {@code webhook-delivery} lease sends. Every hour it forgets
 * finished deliveries older than {@link #KEEP} and the messages nothing refers to any more.
 */
@Singleton
public final class WebhookDeliveryWorker implements LifecycleListener {

    static final long POLL_MILLIS = 250;
    static final int FAILING_AFTER = 3;
    static final Duration DISABLE_AFTER = Duration.ofDays(5);
    /** How long the delivery log keeps a delivery that succeeded or failed for good. */
    static final Duration KEEP = Duration.ofDays(30);
    private static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryWorker.class);

    private final Database database;
    private final WebhookEndpoints endpoints;
    private final GuardedHttp http;
    private final Clock clock;
    private final Leases leases;
    private final Set<String> busyEndpoints = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private ExecutorService senders;
    private LeasedWork work;

    @Inject
    WebhookDeliveryWorker(Database database, WebhookEndpoints endpoints, GuardedHttp http, Clock clock, Leases leases) {
        this.database = database;
        this.endpoints = endpoints;
        this.http = http;
        this.clock = clock;
        this.leases = leases;
    }

    @Override
    public void start() {
        work = leases.work("webhook-delivery");
        senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-sender-", 0).factory());
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("webhook-delivery").daemon().factory());
        timer.scheduleWithFixedDelay(() -> work.runIfHeld(this::dispatchQuietly), POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> work.runIfHeld(this::pruneQuietly), 1, 60, TimeUnit.MINUTES);
    }

    /** Deletes finished deliveries older than {@link #KEEP}, then messages without deliveries; answers how many deliveries. */
    int prune() {
        long before = clock.instant().minus(KEEP).toEpochMilli();
        return database.jdbi().inTransaction(h -> {
            int deliveries = h.createUpdate("DELETE FROM webhook_deliveries WHERE state IN ('SUCCEEDED', 'FAILED') "
                            + "AND COALESCE(last_attempt_at, created_at) < :before")
                    .bind("before", before).execute();
            h.createUpdate("DELETE FROM webhook_messages WHERE created_at < :before AND NOT EXISTS "
                            + "(SELECT 1 FROM webhook_deliveries d WHERE d.message_id = webhook_messages.id)")
                    .bind("before", before).execute();
            return deliveries;
        });
    }

    private void pruneQuietly() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("Pruning the webhook delivery log failed; the next hour tries again", e);
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (senders != null) {
            senders.shutdownNow();
        }
        if (work != null) {
            work.close();
        }
    }

    private void dispatchQuietly() {
        try {
            for (Map.Entry<String, List<Due>> endpoint : due().entrySet()) {
                if (busyEndpoints.add(endpoint.getKey())) {
                    senders.execute(() -> {
                        try {
                            endpoint.getValue().forEach(this::attempt);
                        } finally {
                            busyEndpoints.remove(endpoint.getKey());
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            log.warn("Looking for webhook deliveries failed; the next poll tries again", e);
        }
    }

    record Due(String id, String endpointId, String messageId, String url, String payload, int attempts) {
    }

    /** Due deliveries by endpoint, only the earliest pending one of each resource. */
    private Map<String, List<Due>> due() {
        List<Due> due = database.jdbi().withHandle(h -> h.createQuery("SELECT d.id, d.endpoint_id, d.message_id, e.url, "
                        + "m.payload, d.attempts FROM webhook_deliveries d "
                        + "JOIN webhook_endpoints e ON e.id = d.endpoint_id JOIN webhook_messages m ON m.id = d.message_id "
                        + "WHERE d.state = 'PENDING' AND d.next_attempt_at <= :now AND e.enabled = :enabled "
                        + "AND e.status <> 'DISABLED' AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p "
                        + "WHERE p.endpoint_id = d.endpoint_id AND p.resource_key = d.resource_key AND p.state = 'PENDING' "
                        + "AND (p.message_id < d.message_id OR (p.message_id = d.message_id AND p.id < d.id))) "
                        + "ORDER BY d.message_id, d.id LIMIT :limit")
                .bind("now", clock.millis()).bind("enabled", true).bind("limit", BATCH)
                .map((rs, ctx) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6)))
                .list());
        Map<String, List<Due>> byEndpoint = new LinkedHashMap<>();
        due.forEach(d -> byEndpoint.computeIfAbsent(d.endpointId(), k -> new java.util.ArrayList<>()).add(d));
        return byEndpoint;
    }

    private void attempt(Due delivery) {
        Instant now = clock.instant();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        Integer statusCode = null;
        String error = null;
        long started = System.nanoTime();
        try {
            List<String> secrets = database.jdbi().withHandle(h -> endpoints.signingSecrets(h, delivery.endpointId(), now));
            long timestamp = now.getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Portier-Webhooks/1")
                    .header("webhook-id", delivery.messageId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.header(delivery.messageId(), timestamp, body, secrets))
                    .build();
            HttpResponse<byte[]> response = http.send(request);
            statusCode = response.statusCode();
            if (statusCode / 100 != 2) {
                error = "The endpoint answered HTTP " + statusCode;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping: the delivery stays due and is sent again
        } catch (Exception e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        long latencyMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        record(delivery, now, statusCode, latencyMs, error);
    }

    private void record(Due delivery, Instant now, Integer statusCode, long latencyMs, String error) {
        int attempts = delivery.attempts() + 1;
        boolean succeeded = error == null;
        Optional<Duration> retry = succeeded ? Optional.empty() : RetrySchedule.afterFailedAttempt(attempts);
        String state = succeeded ? "SUCCEEDED" : retry.isPresent() ? "PENDING" : "FAILED";
        database.jdbi().useTransaction(h -> {
            int updated = h.createUpdate("UPDATE webhook_deliveries SET state = :state, attempts = :attempts, "
                            + "next_attempt_at = :next, last_attempt_at = :now, last_status_code = :code, last_latency_ms = :latency, "
                            + "last_error = :error WHERE id = :id AND state = 'PENDING'")
                    .bind("state", state).bind("attempts", attempts)
                    .bind("next", retry.map(d -> now.plus(d).toEpochMilli()).orElse(null))
                    .bind("now", now.toEpochMilli()).bind("code", statusCode).bind("latency", latencyMs)
                    .bind("error", error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error)
                    .bind("id", delivery.id()).execute();
            if (updated == 0) {
                return; // the endpoint was deleted meanwhile
            }
            if (succeeded) {
                h.createUpdate("UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL, status = 'HEALTHY' "
                                + "WHERE id = :id AND status <> 'DISABLED'")
                        .bind("id", delivery.endpointId()).execute();
                return;
            }
            h.createQuery("SELECT consecutive_failures, failing_since, status FROM webhook_endpoints WHERE id = :id")
                    .bind("id", delivery.endpointId())
                    .map((rs, ctx) -> {
                        Instant since = EpochColumns.instant(rs, "failing_since");
                        return new Object[] {rs.getInt("consecutive_failures") + 1,
                                since == null ? now.toEpochMilli() : since.toEpochMilli(), rs.getString("status")};
                    })
                    .findOne().ifPresent(row -> {
                        int failures = (int) row[0];
                        long failingSince = (long) row[1];
                        String status = (String) row[2];
                        if (!status.equals("DISABLED")) {
                            status = now.toEpochMilli() - failingSince >= DISABLE_AFTER.toMillis() ? "DISABLED"
                                    : failures >= FAILING_AFTER ? "FAILING" : status;
                        }
                        h.createUpdate("UPDATE webhook_endpoints SET consecutive_failures = :failures, failing_since = :since, "
                                        + "status = :status WHERE id = :id")
                                .bind("failures", failures).bind("since", failingSince).bind("status", status)
                                .bind("id", delivery.endpointId()).execute();
                        if (status.equals("DISABLED")) {
                            log.warn("Webhook endpoint {} disabled after failing since {}", delivery.endpointId(),
                                    Instant.ofEpochMilli(failingSince));
                        }
                    });
        });
        if (!succeeded) {
            log.info("Webhook delivery {} of {} to endpoint {} failed (attempt {}): {}", delivery.id(), delivery.messageId(),
                    delivery.endpointId(), attempts, error);
        }
    }
}
