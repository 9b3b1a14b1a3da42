package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.web.api.ApiClient.Answer;
import dev.portier.domain.events.EventLog;
import dev.portier.plugin.api.LockEvent;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.RunningServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock timeline and the event list over real HTTP, read with a Viewer token. */
class EventsApiIT {

    static final Instant START = Instant.parse("2026-11-02T07:00:00Z");

    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static ApiClient manager;
    static ApiClient viewer;
    static ApiClient beta;
    static String door;
    static String gate;
    static String betaLock;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        viewer = new ApiClient(server, ApiFixtures.token(server, admin, Role.VIEWER, "Viewer token"));
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        String site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC")).id();
        door = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Front door")).id();
        gate = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Gate")).id();
        String betaSite = beta.post("/api/v1/sites", ApiCrudIT.site("Beta site", "UTC")).id();
        betaLock = beta.post("/api/v1/locks", ApiCrudIT.lock(betaSite, "Beta door")).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theTimelineShowsGapItemsThatDisappearWhenTheEntriesArrive() {
        record(door, 1, 2, 5, 9);
        Answer first = viewer.get("/api/v1/locks/" + door + "/events");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(items(first)).containsExactly("1", "2", "gap 3-4", "5", "gap 6-8", "9");
        assertThat(first.json().get("total").asInt()).isEqualTo(6);
        JsonNode entry = first.json().get("items").get(0);
        assertThat(entry.get("type").asText()).isEqualTo("UNLOCKED");
        assertThat(entry.get("occurredAt").asText()).isEqualTo("2026-11-02T07:01:00Z");
        assertThat(entry.get("details").get("card").asText()).isEqualTo("04A11");
        assertThat(entry.get("source").asText()).isEqualTo("mobile");
        assertThat(entry.get("lockId").asText()).isEqualTo(door);
        assertThat(entry.has("gap")).isFalse();
        assertThat(first.json().get("items").get(2).toString()).isEqualTo("{\"gap\":{\"from\":3,\"to\":4}}");

        Answer page = viewer.get("/api/v1/locks/" + door + "/events?offset=2&limit=2");
        assertThat(items(page)).containsExactly("gap 3-4", "5");

        record(door, 4, 3, 6, 7, 8);
        assertThat(items(viewer.get("/api/v1/locks/" + door + "/events"))).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void theEventListFiltersByLockTypeAndTimeAndPages() {
        record(gate, LongStream.rangeClosed(1, 30).toArray());
        Answer all = viewer.get("/api/v1/events?lockId=" + gate + "&limit=10");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().get("total").asInt()).isEqualTo(30);
        assertThat(items(all)).hasSize(10).first().isEqualTo("30");
        Answer denied = viewer.get("/api/v1/events?lockId=" + gate + "&type=ACCESS_DENIED&from=2026-11-02T07:10:00Z"
                + "&to=2026-11-02T08:20:00%2B01:00");
        // Entries 10..19 by time, of which every third is a denial: 12, 15, 18.
        assertThat(items(denied)).containsExactly("18", "15", "12");
        assertThat(items(viewer.get("/api/v1/events?lockId=" + gate + "&search=04a127"))).containsExactly("27");
    }

    @Test
    void badQueryParametersAre400() {
        Answer from = viewer.get("/api/v1/events?from=yesterday");
        assertThat(from.status()).isEqualTo(400);
        assertThat(from.field()).isEqualTo("from");
        assertThat(from.error()).isEqualTo("from is an ISO-8601 instant like 2026-05-01T08:00:00Z, not yesterday");
        assertThat(viewer.get("/api/v1/locks/" + door + "/events?limit=5000").status()).isEqualTo(400);
    }

    @Test
    void anotherAccountsLockIsNotFoundAndItsEventsNeverShow() {
        server.get(EventLog.class).recordAll(beta(), betaLock, "api", List.of(event(1)));
        Answer timeline = manager.get("/api/v1/locks/" + betaLock + "/events");
        assertThat(timeline.status()).as(timeline.toString()).isEqualTo(404);
        assertThat(timeline.error()).isEqualTo("No such lock");
        assertThat(manager.get("/api/v1/events?lockId=" + betaLock).status()).isEqualTo(404);
        assertThat(manager.get("/api/v1/events?search=Beta").json().get("total").asInt()).isZero();
        assertThat(beta.get("/api/v1/events").json().get("total").asInt()).isEqualTo(1);
        assertThat(manager.get("/api/v1/locks/no-such-lock/events").status()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentDescribesTimelineItemsAndTheListsFilters() {
        JsonNode doc = viewer.get("/api/openapi.json").json();
        JsonNode timeline = doc.get("paths").get("/api/v1/locks/{lockId}/events").get("get");
        assertThat(timeline.get("parameters").findValuesAsText("name")).contains("lockId", "offset", "limit");
        assertThat(timeline.get("responses").get("200").toString()).contains("PageTimelineItem");
        JsonNode item = doc.get("components").get("schemas").get("TimelineItem").get("properties");
        // Flat, as the items are sent: an event's fields beside gap, no nested "event".
        List<String> properties = new ArrayList<>();
        item.fieldNames().forEachRemaining(properties::add);
        assertThat(properties).contains("gap", "entryNumber", "occurredAt", "type", "details").doesNotContain("event");
        JsonNode list = doc.get("paths").get("/api/v1/events").get("get");
        assertThat(list.get("parameters").findValuesAsText("name")).contains("lockId", "type", "from", "to", "search", "offset", "limit");
    }

    private static String beta() {
        return server.get(dev.portier.platform.db.Database.class).jdbi().withHandle(h -> h.createQuery(
                "SELECT account_id FROM locks WHERE id = :id").bind("id", betaLock).mapTo(String.class).one());
    }

    private static void record(String lockId, long... entries) {
        server.get(EventLog.class).recordAll(admin.accountId(), lockId, "mobile", LongStream.of(entries).mapToObj(EventsApiIT::event).toList());
    }

    /** Entry n, n minutes after the start; every third a denial. */
    private static LockEvent event(long n) {
        return new LockEvent(null, n, START.plusSeconds(60 * n), n % 3 == 0 ? "ACCESS_DENIED" : "UNLOCKED", Map.of("card", "04A1" + n));
    }

    /** Entry numbers and "gap from-to". */
    private static List<String> items(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> items = new ArrayList<>();
        answer.json().get("items").forEach(item -> items.add(item.has("gap")
                ? "gap " + item.get("gap").get("from").asText() + "-" + item.get("gap").get("to").asText()
                : item.get("entryNumber").asText()));
        return items;
    }
}
