package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.audit.AuditEntry;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.testing.RunningServer;
import dev.portier.testing.StandardWebhooksVerifier;
import dev.portier.testing.StandardWebhooksVerifier.Verdict;
import dev.portier.testing.WebhookReceiver;
import dev.portier.testing.WebhookReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks through the REST API over real HTTP, delivered to a receiver on loopback (the server allows private
 * addresses) and verified there by the Standard Webhooks library for JavaScript, not by Portier's code: signatures,
 * secret rotation with both secrets signing, replay with the same webhook-id, the test event, the delivery log,
 * refusals and another account's ids.
 */
class WebhooksApiIT {

    static final List<String> GRANT_EVENTS = List.of("grant.created", "grant.updated", "grant.revoked");

    @TempDir
    Path dir;
    RunningServer server;
    WebhookReceiver receiver;
    ApiClient api;
    SignedInUser admin;
    Person ada;
    Lock door;

    @BeforeAll
    static void installVerifier() throws Exception {
        StandardWebhooksVerifier.install();
    }

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.start();
        server = RunningServer.withAdminAndPrivateHttp(dir);
        admin = server.admin();
        Site site = server.get(SiteService.class).create(admin, new SiteDraft("Harbour", null, "UTC"));
        door = server.get(LockService.class).create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, null,
                LockState.ACTIVE));
        ada = server.get(PersonService.class).create(admin, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
        api = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "webhooks"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        receiver.close();
    }

    @Test
    void deliveriesVerifyWithAnIndependentStandardWebhooksImplementationAlsoDuringARotation() throws Exception {
        ApiClient.Answer created = api.post("/api/v1/webhooks", hook(receiver.url("/hooks/portier"), GRANT_EVENTS));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.id();
        String secret = created.text("secret");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/webhooks/" + id));
        ApiClient.Answer read = api.get("/api/v1/webhooks/" + id);
        assertThat(read.json().has("secret")).as("the secret is shown once").isFalse();
        assertThat(read.text("status")).isEqualTo("HEALTHY");
        assertThat(api.get("/api/v1/webhooks").json()).hasSize(1);

        String grant = api.post("/api/v1/grants", grant()).id();
        assertThat(api.put("/api/v1/grants/" + grant, grant().put("validUntil", Instant.now().plus(Duration.ofDays(3)).toString()))
                .status()).isEqualTo(200);
        assertThat(api.post("/api/v1/grants/" + grant + "/revoke", Map.of("reason", "Left")).status()).isEqualTo(200);
        ApiClient.Answer test = api.post("/api/v1/webhooks/" + id + "/test", null);
        assertThat(test.status()).as(test.toString()).isEqualTo(202);
        assertThat(test.text("type")).isEqualTo("webhook.test");

        WebhookReceiver.await("four deliveries", Duration.ofSeconds(20), () -> receiver.received().size() >= 4);
        List<Received> received = receiver.received();
        assertThat(received).hasSize(4);
        List<Verdict> verdicts = StandardWebhooksVerifier.verify(secret, received);
        assertThat(verdicts).extracting(Verdict::ok).containsOnly(true);
        assertThat(verdicts.stream().map(Verdict::type).filter(t -> t.startsWith("grant.")).toList())
                .as("one grant's events in the order they happened").containsExactlyElementsOf(GRANT_EVENTS);
        assertThat(verdicts).extracting(Verdict::type).contains("webhook.test");
        received = received.stream().sorted(java.util.Comparator.comparing((Received r) -> !r.body().contains("grant.created"))).toList();
        JsonNode first = ApiClient.JSON.readTree(received.getFirst().body());
        assertThat(first.get("type").asText()).isEqualTo("grant.created");
        assertThat(Instant.parse(first.get("timestamp").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(first.get("data").get("grantId").asText()).isEqualTo(grant);
        assertThat(api.get("/api/v1/grants/" + first.get("data").get("grantId").asText()).status()).isEqualTo(200);
        assertThat(first.get("data").get("personId").asText()).isEqualTo(ada.id());
        assertThat(received.getFirst().header("content-type")).isEqualTo("application/json");
        assertThat(received.getFirst().header("webhook-signature")).startsWith("v1,").doesNotContain(" ");

        // The verifier can fail: an altered body, a wrong secret.
        Received altered = new Received("/", received.getFirst().body().replace("grant.created", "grant.revoked"),
                received.getFirst().headers(), Instant.now());
        assertThat(StandardWebhooksVerifier.verify(secret, List.of(altered)).getFirst().ok()).isFalse();
        String otherSecret = api.post("/api/v1/webhooks", hook(receiver.url("/other"), GRANT_EVENTS)).text("secret");
        assertThat(StandardWebhooksVerifier.verify(otherSecret, received.subList(0, 1)).getFirst().ok()).isFalse();

        JsonNode log = awaitLog(id, 4);
        for (JsonNode delivery : log) {
            assertThat(delivery.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(204);
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.get("lastLatencyMs").isNumber()).isTrue();
        }
        assertThat(log.findValuesAsText("messageId")).containsExactlyInAnyOrderElementsOf(received.stream().map(Received::id).toList());

        // Rotation: a new secret, once; both sign until the overlap ends, and either alone verifies.
        ApiClient.Answer rotated = api.post("/api/v1/webhooks/" + id + "/rotate-secret", null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String newSecret = rotated.text("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(Instant.parse(rotated.text("previousSecretExpiresAt")))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(api.post("/api/v1/webhooks/" + id + "/test", null).status()).isEqualTo(202);
        WebhookReceiver.await("the test event after rotating", Duration.ofSeconds(20), () -> receiver.received().size() >= 5);
        Received afterRotation = receiver.received().get(4);
        assertThat(afterRotation.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(StandardWebhooksVerifier.verify(secret, List.of(afterRotation)).getFirst().ok()).as("old secret alone").isTrue();
        assertThat(StandardWebhooksVerifier.verify(newSecret, List.of(afterRotation)).getFirst().ok()).as("new secret alone").isTrue();
        assertThat(StandardWebhooksVerifier.verify(otherSecret, List.of(afterRotation)).getFirst().ok()).isFalse();

        // Replay: the same message again, same webhook-id, signed now.
        String firstDelivery = log.get(log.size() - 1).get("id").asText();
        String firstMessage = log.get(log.size() - 1).get("messageId").asText();
        ApiClient.Answer replay = api.post("/api/v1/webhooks/" + id + "/deliveries/" + firstDelivery + "/replay", null);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertThat(replay.text("messageId")).isEqualTo(firstMessage);
        WebhookReceiver.await("the replay", Duration.ofSeconds(20), () -> receiver.received().size() >= 6);
        Received replayed = receiver.received().get(5);
        assertThat(replayed.id()).isEqualTo(firstMessage);
        assertThat(replayed.body()).isEqualTo(received.stream().filter(r -> r.id().equals(firstMessage)).findFirst().orElseThrow().body());
        assertThat(StandardWebhooksVerifier.verify(newSecret, List.of(replayed)).getFirst().ok()).isTrue();

        List<AuditEntry> audit = server.get(AuditLog.class).page(admin.accountId(), AuditFilter.NONE, 0, 100);
        assertThat(audit).filteredOn(e -> e.target() != null && e.target().startsWith("Webhook "))
                .extracting(e -> e.action().name()).contains("CREATED", "UPDATED");
        assertThat(api.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(server.get(AuditLog.class).page(admin.accountId(), AuditFilter.NONE, 0, 100))
                .anyMatch(e -> e.action().name().equals("DELETED") && e.target().startsWith("Webhook "));
    }

    @Test
    void badInputIsA400AtItsFieldAndAnotherAccountsWebhooksAreNotFound() throws Exception {
        ApiClient.Answer unknown = api.post("/api/v1/webhooks", hook(receiver.url("/h"), List.of("grant.created", "grant.exploded")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.field()).isEqualTo("events");
        assertThat(unknown.error()).contains("grant.exploded").contains("grant.sync_failed");
        ApiClient.Answer none = api.post("/api/v1/webhooks", hook(receiver.url("/h"), List.of()));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.field()).isEqualTo("events");
        for (String bad : List.of("ftp://example.com/hook", "not a url", "/relative/hook", "http://user:pw@127.0.0.1/hook")) {
            ApiClient.Answer answer = api.post("/api/v1/webhooks", hook(bad, GRANT_EVENTS));
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.field()).as(bad).isEqualTo("url");
        }
        assertThat(api.get("/api/v1/webhooks").json()).as("nothing was created").isEmpty();

        String id = api.post("/api/v1/webhooks", hook(receiver.url("/h"), GRANT_EVENTS)).id();
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        ApiClient beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        assertThat(beta.get("/api/v1/webhooks").json()).isEmpty();
        assertThat(beta.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(beta.put("/api/v1/webhooks/" + id, hook(receiver.url("/stolen"), GRANT_EVENTS)).status()).isEqualTo(404);
        assertThat(beta.post("/api/v1/webhooks/" + id + "/rotate-secret", null).status()).isEqualTo(404);
        assertThat(beta.post("/api/v1/webhooks/" + id + "/test", null).status()).isEqualTo(404);
        assertThat(beta.get("/api/v1/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
        assertThat(beta.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        String delivery = api.post("/api/v1/webhooks/" + id + "/test", null).id();
        assertThat(beta.post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/replay", null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks/" + id).text("url")).isEqualTo(receiver.url("/h"));

        ApiClient viewer = api.withToken(ApiFixtures.token(server, admin, Role.VIEWER, "viewer"));
        assertThat(viewer.get("/api/v1/webhooks/" + id).status()).isEqualTo(200);
        assertThat(viewer.post("/api/v1/webhooks", hook(receiver.url("/v"), GRANT_EVENTS)).status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/webhooks/" + id + "/rotate-secret", null).status()).isEqualTo(403);
        assertThat(api.get("/api/openapi.json").body()).contains("/v1/webhooks/{id}/rotate-secret");
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedWithTheRuleAndHowTheOperatorAllowsThem(@TempDir Path other) {
        try (RunningServer strict = RunningServer.withAdmin(other)) {
            ApiClient strictApi = new ApiClient(strict, ApiFixtures.token(strict, strict.admin(), Role.MANAGER, "strict"));
            for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                    "http://[::1]/hook", "http://169.254.169.254/latest")) {
                ApiClient.Answer refused = strictApi.post("/api/v1/webhooks", hook(url, GRANT_EVENTS));
                assertThat(refused.status()).as(url).isEqualTo(400);
                assertThat(refused.field()).isEqualTo("url");
                assertThat(refused.error()).as(url).startsWith("Refused http://").contains(" address; Portier ");
            }
            ApiClient.Answer loopback = strictApi.post("/api/v1/webhooks", hook("http://127.0.0.1:8080/hook", GRANT_EVENTS));
            assertThat(loopback.error()).isEqualTo("Refused http://127.0.0.1:8080: 127.0.0.1 is a loopback (127.0.0.0/8) address; "
                    + "Portier does not send requests there unless PORTIER_HTTP_ALLOW_PRIVATE=true");
            assertThat(strictApi.get("/api/v1/webhooks").json()).isEmpty();
        }
    }

    private JsonNode awaitLog(String id, int size) throws InterruptedException {
        WebhookReceiver.await("the log shows " + size + " delivered", Duration.ofSeconds(20), () -> {
            JsonNode log = api.get("/api/v1/webhooks/" + id + "/deliveries").json();
            int done = 0;
            for (JsonNode d : log) {
                done += d.get("state").asText().equals("SUCCEEDED") ? 1 : 0;
            }
            return done >= size;
        });
        return api.get("/api/v1/webhooks/" + id + "/deliveries").json();
    }

    static ObjectNode hook(String url, List<String> events) {
        ObjectNode hook = ApiClient.object().put("url", url).put("enabled", true);
        events.forEach(hook.putArray("events")::add);
        return hook;
    }

    private ObjectNode grant() {
        ObjectNode grant = ApiClient.object().put("personId", ada.id()).put("lockId", door.id()).put("delivery", "PRE_ISSUED");
        grant.putArray("permissions").add("UNLOCK");
        return grant;
    }
}
