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
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.RunningServer;
import dev.portier.testing.TestDatabase;
import dev.portier.testing.WebhookReceiver;
import dev.portier.testing.WebhookReceiver.Received;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox survives {@code kill -9}: Portier runs as a process of its own (as in {@code SeveralInstancesIT}, whose
 * {@code Main} it starts), delivers to a slow receiver, is killed while a delivery is in flight and started again on
 * the same data. Every event arrives at least once with the webhook-id it was published with; the one cut off is
 * sent again (a duplicate, which receivers must expect), none is lost.
 */
class WebhooksKillIT {

    static final int GRANTS = 6;
    /** One Portier process on the given data directory and database, private addresses allowed (prints its port). */
    static final String INSTANCE_MAIN = "dev.portier.platform.db.SeveralInstancesIT$Main";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    final List<Process> instances = new ArrayList<>();
    WebhookReceiver receiver;

    @AfterEach
    void stop() {
        instances.forEach(Process::destroyForcibly);
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void everyEventArrivesAtLeastOnceWithItsWebhookIdAfterAKillMidDelivery() throws Exception {
        receiver = WebhookReceiver.start();
        receiver.delay(Duration.ofMillis(700));
        String token;
        String personId;
        String lockId;
        try (RunningServer setup = RunningServer.withAdminAndPrivateHttp(dir)) {
            SignedInUser admin = setup.admin();
            Site site = setup.get(SiteService.class).create(admin, new SiteDraft("Harbour", null, "UTC"));
            Lock door = setup.get(LockService.class).create(admin, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, null,
                    LockState.ACTIVE));
            Person ada = setup.get(PersonService.class).create(admin, new PersonDraft("Ada Lovelace", "ada@example.com", null, null));
            token = ApiFixtures.token(setup, admin, Role.MANAGER, "kill");
            personId = ada.id();
            lockId = door.id();
        }
        String dbUrl = TestDatabase.config(dir).dbUrl();

        Process first = launch(dbUrl);
        int port = port(first);
        String hook = call(port, token, "POST", "/api/v1/webhooks", WebhooksApiIT.hook(receiver.url("/hook"),
                List.of("grant.created", "grant.updated"))).get("id").asText();
        for (int i = 0; i < GRANTS; i++) {
            ObjectNode grant = ApiClient.object().put("personId", personId).put("lockId", lockId).put("delivery", "PRE_ISSUED");
            grant.putArray("permissions").add("UNLOCK");
            String id = call(port, token, "POST", "/api/v1/grants", grant).get("id").asText();
            grant.put("validUntil", Instant.now().plus(Duration.ofDays(1 + i)).toString());
            call(port, token, "PUT", "/api/v1/grants/" + id, grant);
        }
        Set<String> published = messageIds(call(port, token, "GET", "/api/v1/webhooks/" + hook + "/deliveries?limit=500", null));
        assertThat(published).hasSize(2 * GRANTS);

        // Kill while a delivery is in flight: the receiver has its body but has not answered.
        WebhookReceiver.await("a delivery in flight after some arrived", Duration.ofSeconds(30),
                () -> receiver.received().size() >= 2 && receiver.started() > receiver.received().size());
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Instant killed = Instant.now();
        Thread.sleep(1000); // the cut-off request finishes at the receiver (it still counts as received)
        Set<String> beforeRestart = receiver.received().stream().map(Received::id).collect(Collectors.toSet());
        assertThat(beforeRestart.size()).as("not everything was delivered before the kill").isLessThan(published.size());
        Set<String> inFlight = receiver.received().stream().filter(r -> r.at().isAfter(killed.minusMillis(1)))
                .map(Received::id).collect(Collectors.toSet());

        Process second = launch(dbUrl);
        int again = port(second);
        WebhookReceiver.await("every event arrived", Duration.ofSeconds(60),
                () -> receiver.received().stream().map(Received::id).collect(Collectors.toSet()).containsAll(published));
        JsonNode log = call(again, token, "GET", "/api/v1/webhooks/" + hook + "/deliveries?limit=500", null);
        WebhookReceiver.await("the log shows all delivered", Duration.ofSeconds(30), () -> {
            try {
                JsonNode now = call(again, token, "GET", "/api/v1/webhooks/" + hook + "/deliveries?limit=500", null);
                for (JsonNode d : now) {
                    if (!d.get("state").asText().equals("SUCCEEDED")) {
                        return false;
                    }
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(messageIds(log)).isEqualTo(published);
        Set<String> arrived = new HashSet<>();
        receiver.received().forEach(r -> arrived.add(r.id()));
        assertThat(arrived).as("nothing but what was published").isEqualTo(published);
        List<Received> afterRestart = receiver.received().stream().filter(r -> r.at().isAfter(killed.plusMillis(1000))).toList();
        assertThat(afterRestart.stream().map(Received::id).collect(Collectors.toSet()))
                .as("the delivery cut off by the kill is sent again, with the same webhook-id").containsAll(inFlight);
        System.out.println("Webhooks across kill -9: " + published.size() + " events, " + receiver.received().size()
                + " requests received (" + (receiver.received().size() - published.size()) + " duplicates), in flight at the kill: "
                + inFlight.size());
    }

    private Process launch(String dbUrl) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                INSTANCE_MAIN, dir.toString(), dbUrl))
                .redirectError(dir.resolve("instance-" + instances.size() + ".log").toFile()).start();
        instances.add(process);
        return process;
    }

    private static int port(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith("started ")) {
            line = out.readLine();
        }
        assertThat(line).as("the instance started").isNotNull();
        return Integer.parseInt(line.split(" ")[1]);
    }

    private static Set<String> messageIds(JsonNode log) {
        Set<String> ids = new HashSet<>();
        log.forEach(d -> ids.add(d.get("messageId").asText()));
        return ids;
    }

    private static JsonNode call(int port, String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return ApiClient.JSON.readTree(response.body());
    }
}
