package dev.portier.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.platform.audit.Actor;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.Leases;
import dev.portier.platform.http.GuardedHttp;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.RunningServer;
import dev.portier.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery worker against a real receiver on loopback, on a clock the test moves: the retry schedule, an
 * endpoint becoming failing and then disabled, the order of one resource's events, and a redirect into a
 * private range refused at delivery.
 */
class WebhookDeliveryIT {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    RunningServer server;
    WebhookReceiver receiver;
    String account;
    WebhookEndpoints endpoints;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.start();
        server = RunningServer.withAdminAndPrivateHttp(dir, clock);
        account = server.admin().accountId();
        endpoints = server.get(WebhookEndpoints.class);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        receiver.close();
    }

    @Test
    void failedAttemptsAreRetriedOnTheScheduleUntilTheyFailAndAnEndpointFailingForDaysIsDisabled() throws Exception {
        receiver.answer(500);
        Instant start = clock.instant();
        WebhookEndpoint hook = endpoints.create(account, Actor.SYSTEM, new WebhookDraft(receiver.url("/hook"),
                List.of("grant.created"), true)).endpoint();
        publish("grant:1", Map.of("grantId", "1"));

        List<Duration> expected = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        for (int attempt = 1; attempt <= 8; attempt++) {
            int n = attempt;
            WebhookReceiver.await("attempt " + n + " recorded", Duration.ofSeconds(15), () -> latest(hook).attempts() == n);
            WebhookDelivery delivery = latest(hook);
            assertThat(receiver.received()).hasSize(n);
            assertThat(delivery.lastStatusCode()).isEqualTo(500);
            assertThat(delivery.lastError()).isEqualTo("The endpoint answered HTTP 500");
            if (n == 1) {
                Thread.sleep(1000); // not due yet on the test's clock: nothing is sent again
                assertThat(receiver.received()).hasSize(1);
                assertThat(endpoints.get(account, hook.id()).status()).isEqualTo(WebhookEndpoint.Status.HEALTHY);
            }
            if (n >= 3) {
                assertThat(endpoints.get(account, hook.id()).status()).as("after %d failures", n)
                        .isEqualTo(WebhookEndpoint.Status.FAILING);
            }
            if (n < 8) {
                assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.PENDING);
                assertThat(Duration.between(delivery.lastAttemptAt(), delivery.nextAttemptAt())).isEqualTo(expected.get(n - 1));
                clock.advance(expected.get(n - 1));
            } else {
                assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.FAILED);
                assertThat(delivery.nextAttemptAt()).isNull();
            }
        }
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsOnly(latest(hook).messageId());
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(5 + 300 + 1800 + 7200 + 18000 + 36000 + 36000));

        // Five days after the first failure, with nothing but failures since: disabled, and told on the dashboard.
        clock.set(start.plus(Duration.ofDays(5)));
        publish("grant:2", Map.of("grantId", "2"));
        WebhookReceiver.await("the endpoint is disabled", Duration.ofSeconds(15),
                () -> endpoints.get(account, hook.id()).status() == WebhookEndpoint.Status.DISABLED);
        assertThat(endpoints.troubled(account)).extracting(WebhookEndpoint::id).containsExactly(hook.id());
        int sent = receiver.received().size();
        publish("grant:3", Map.of("grantId", "3"));
        clock.advance(Duration.ofHours(1));
        Thread.sleep(1000);
        assertThat(receiver.received()).as("a disabled endpoint gets nothing").hasSize(sent);

        receiver.answer(204);
        endpoints.update(account, Actor.SYSTEM, hook.id(), new WebhookDraft(receiver.url("/hook"), List.of("grant.created"), true));
        assertThat(endpoints.get(account, hook.id()).status()).isEqualTo(WebhookEndpoint.Status.HEALTHY);
        WebhookReceiver.await("the pending retry of grant 2 arrives at once when enabled again", Duration.ofSeconds(15),
                () -> receiver.received().stream().anyMatch(r -> r.body().contains("\"grantId\":\"2\""))
                        && endpoints.deliveries(account, hook.id(), 10).getFirst().state() == WebhookDelivery.State.SUCCEEDED);
        assertThat(endpoints.troubled(account)).isEmpty();
    }

    @Test
    void aLaterEventOfTheSameResourceWaitsWhileAnEarlierOneIsPendingOthersGoOn() throws Exception {
        receiver.answer(503);
        WebhookEndpoint hook = endpoints.create(account, Actor.SYSTEM, new WebhookDraft(receiver.url("/hook"),
                List.of("grant.created", "grant.updated", "grant.revoked"), true)).endpoint();
        publish(WebhookEventType.GRANT_CREATED, "grant:A", Map.of("grantId", "A", "step", 1));
        publish(WebhookEventType.GRANT_UPDATED, "grant:A", Map.of("grantId", "A", "step", 2));
        publish(WebhookEventType.GRANT_CREATED, "grant:B", Map.of("grantId", "B", "step", 1));
        publish(WebhookEventType.GRANT_REVOKED, "grant:A", Map.of("grantId", "A", "step", 3));

        WebhookReceiver.await("the first of A and of B tried", Duration.ofSeconds(15), () -> receiver.received().size() >= 2);
        Thread.sleep(1500);
        assertThat(receiver.received()).extracting(r -> step(r.body())).containsExactlyInAnyOrder("A1", "B1");

        receiver.answer(200);
        clock.advance(Duration.ofSeconds(5));
        WebhookReceiver.await("everything delivered", Duration.ofSeconds(15), () -> endpoints.deliveries(account, hook.id(), 10)
                .stream().allMatch(d -> d.state() == WebhookDelivery.State.SUCCEEDED));
        assertThat(receiver.received().stream().map(r -> step(r.body())).filter(s -> s.startsWith("A")).toList())
                .containsExactly("A1", "A1", "A2", "A3");
        assertThat(receiver.received().stream().map(r -> step(r.body())).filter(s -> s.startsWith("B")).toList())
                .containsExactly("B1", "B1");
    }

    @Test
    void aRedirectIntoAPrivateRangeIsRefusedAtDeliveryAndTheLogSaysWhy() throws Exception {
        WebhookEndpoint hook = endpoints.create(account, Actor.SYSTEM, new WebhookDraft(
                receiver.url("/hook").replace("127.0.0.1", "localhost"), List.of("grant.created"), true)).endpoint();
        // The server lets everything reach loopback (for the receiver); this worker allows the host "localhost" only,
        // as an operator's policy would allow a public host: the redirect's target is checked on its own.
        WebhookDeliveryWorker serversWorker = server.get(WebhookDeliveryWorker.class);
        serversWorker.stop();
        GuardedHttp strict = GuardedHttp.allowing(Set.of("localhost"));
        WebhookDeliveryWorker worker = new WebhookDeliveryWorker(server.get(Database.class), endpoints, strict, clock,
                server.get(Leases.class));
        worker.start();
        try {
            receiver.redirectTo(receiver.url("/hook").replace("127.0.0.1", "127.0.0.2"));
            publish("grant:R", Map.of("grantId", "R"));
            WebhookReceiver.await("the attempt recorded", Duration.ofSeconds(15), () -> latest(hook).attempts() == 1);
            WebhookDelivery delivery = latest(hook);
            assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.PENDING);
            assertThat(delivery.lastStatusCode()).isNull();
            assertThat(delivery.lastError()).startsWith("Refused http://127.0.0.2:")
                    .contains("127.0.0.2 is a loopback (127.0.0.0/8) address")
                    .contains("unless PORTIER_HTTP_ALLOW_PRIVATE=true");
            assertThat(receiver.received()).as("only the first hop was sent").hasSize(1);
        } finally {
            worker.stop();
            strict.close();
        }
    }

    @Test
    void finishedDeliveriesAreForgottenAfterThirtyDaysPendingOnesAreKept() throws Exception {
        receiver.answer(204);
        WebhookEndpoint hook = endpoints.create(account, Actor.SYSTEM, new WebhookDraft(receiver.url("/hook"),
                List.of("grant.created"), true)).endpoint();
        publish("grant:old", Map.of("grantId", "old"));
        WebhookReceiver.await("delivered", Duration.ofSeconds(15), () -> latest(hook).state() == WebhookDelivery.State.SUCCEEDED);
        receiver.answer(500);
        clock.advance(Duration.ofDays(29));
        publish("grant:new", Map.of("grantId", "new"));
        WebhookReceiver.await("tried", Duration.ofSeconds(15), () -> latest(hook).attempts() == 1);
        WebhookDeliveryWorker worker = server.get(WebhookDeliveryWorker.class);

        assertThat(worker.prune()).as("29 days: kept").isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(worker.prune()).isEqualTo(1);
        assertThat(endpoints.deliveries(account, hook.id(), 10)).extracting(WebhookDelivery::state)
                .containsExactly(WebhookDelivery.State.PENDING);
        int messages = server.get(Database.class).jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM webhook_messages WHERE account_id = :a").bind("a", account).mapTo(Integer.class).one());
        assertThat(messages).as("the pending delivery's message stays").isEqualTo(1);
    }

    private static String step(String body) {
        String grant = body.replaceAll(".*\"grantId\":\"([A-Z])\".*", "$1");
        String step = body.replaceAll(".*\"step\":([0-9]+).*", "$1");
        return grant + step;
    }

    private WebhookDelivery latest(WebhookEndpoint hook) {
        List<WebhookDelivery> log = endpoints.deliveries(account, hook.id(), 1);
        return log.isEmpty() ? new WebhookDelivery(null, null, null, null, null, 0, null, null, null, null, null, null) : log.getFirst();
    }

    private void publish(String key, Map<String, ?> data) {
        publish(WebhookEventType.GRANT_CREATED, key, data);
    }

    private void publish(WebhookEventType type, String key, Map<String, ?> data) {
        server.get(Database.class).jdbi().useTransaction(h -> server.get(WebhookEvents.class).publish(h, account, type, key, data));
    }
}
