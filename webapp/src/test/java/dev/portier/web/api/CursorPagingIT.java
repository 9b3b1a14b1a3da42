package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.domain.events.EventLog;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.api.LockEvent;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cursor paging over real HTTP while another thread keeps adding rows: every row that existed when paging
 * began is seen exactly once, none twice — for the account's events, a lock's timeline and grants. The same
 * walk by offset repeats rows, which is what the cursor is for.
 */
class CursorPagingIT {

    static final Instant START = Instant.parse("2026-11-02T07:00:00Z");

    @TempDir
    static Path dir;
    static RunningServer server;
    static SignedInUser admin;
    static ApiClient manager;
    static String site;
    static String door;
    static String gate;
    static String person;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        admin = ApiFixtures.admin(server);
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Manager token"));
        site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour", "UTC")).id();
        door = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Front door")).id();
        gate = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Gate")).id();
        person = manager.post("/api/v1/people", ApiCrudIT.person("Ada", "ada@example.com")).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theEventListByCursorNeitherRepeatsNorSkipsWhileNewerEventsArrive() throws Exception {
        // 90 events on the gate, a minute apart; newer ones keep arriving on the gate while we page.
        record(gate, LongStream.rangeClosed(1, 90).toArray());
        Set<String> before = ids(manager.get("/api/v1/events?lockId=" + gate + "&limit=1000"));
        assertThat(before).hasSize(90);
        AtomicInteger next = new AtomicInteger(1000);
        List<String> seen = walk("/api/v1/events?lockId=" + gate + "&limit=7", true,
                page -> record(gate, next.getAndIncrement(), next.getAndIncrement()));
        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
        assertThat(next.get()).as("events were added during the walk").isGreaterThan(1010);

        List<String> byOffset = walk("/api/v1/events?lockId=" + gate + "&limit=7", false,
                page -> record(gate, next.getAndIncrement(), next.getAndIncrement()));
        assertThat(byOffset).as("offset paging under the same inserts repeats rows").hasSizeGreaterThan(new HashSet<>(byOffset).size());
    }

    @Test
    void theGrantListByCursorNeitherRepeatsNorSkipsWhileAnotherThreadCreatesGrants() throws Exception {
        for (int i = 0; i < 40; i++) {
            assertThat(manager.post("/api/v1/grants", ApiCrudIT.grant(person, site)).status()).isEqualTo(201);
        }
        Set<String> before = ids(manager.get("/api/v1/grants?limit=1000"));
        AtomicBoolean paging = new AtomicBoolean(true);
        AtomicInteger created = new AtomicInteger();
        Thread creator = Thread.ofPlatform().name("grant-creator").start(() -> {
            while (paging.get() && created.get() < 200) {
                if (manager.post("/api/v1/grants", ApiCrudIT.grant(person, site)).status() == 201) {
                    created.incrementAndGet();
                }
            }
        });
        List<String> seen;
        try {
            seen = walk("/api/v1/grants?limit=6", true, page -> {
                long until = System.nanoTime() + 200_000_000L;
                int at = created.get();
                while (created.get() == at && System.nanoTime() < until) {
                    Thread.onSpinWait(); // let at least one grant be created between pages
                }
            });
        } finally {
            paging.set(false);
            creator.join();
        }
        assertThat(created.get()).as("grants were created while paging").isPositive();
        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    void aLocksTimelineByCursorKeepsItsOrderAndNeitherRepeatsNorSkips() {
        record(door, 1, 2, 5, 6, 7, 9);
        record(door, LongStream.rangeClosed(12, 60).toArray());
        List<String> whole = items(manager.get("/api/v1/locks/" + door + "/events?limit=1000"));
        AtomicInteger next = new AtomicInteger(100);
        List<String> seen = new ArrayList<>();
        Answer page = manager.get("/api/v1/locks/" + door + "/events?limit=5");
        while (true) {
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            seen.addAll(items(page));
            String cursor = page.text("next_cursor");
            if (cursor == null) {
                break;
            }
            record(door, next.getAndIncrement());
            page = manager.get("/api/v1/locks/" + door + "/events?limit=5&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            assertThat(page.json().get("offset").isNull()).isTrue();
        }
        assertThat(seen.subList(0, whole.size())).as("the timeline as it was, in order").isEqualTo(whole);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.size()).isGreaterThan(whole.size());
    }

    @Test
    void aCursorThatIsNotOneOfThisListIsA400() {
        Answer grants = manager.get("/api/v1/grants?limit=1");
        String grantCursor = grants.text("next_cursor");
        for (String bad : List.of("%25%25%25", "bm90LWpzb24", "WyJldmVudHMiXQ", URLEncoder.encode(grantCursor, StandardCharsets.UTF_8),
                "x".repeat(2000))) {
            Answer answer = manager.get("/api/v1/events?cursor=" + bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().get("code").asText()).isEqualTo("invalid_cursor");
            assertThat(answer.field()).isEqualTo("cursor");
        }
        assertThat(manager.get("/api/v1/locks/" + door + "/events?cursor=" + URLEncoder.encode(grantCursor, StandardCharsets.UTF_8))
                .status()).isEqualTo(400);
        Answer both = manager.get("/api/v1/grants?offset=1&cursor=" + URLEncoder.encode(grantCursor, StandardCharsets.UTF_8));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.field()).isEqualTo("offset");
    }

    /** Walks a list to its end by cursor (or by offset), calling {@code between} after each page. */
    private static List<String> walk(String first, boolean byCursor, IntConsumer between) {
        List<String> seen = new ArrayList<>();
        Answer page = manager.get(first);
        int pages = 0;
        AtomicBoolean more = new AtomicBoolean(true);
        while (more.get()) {
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            seen.addAll(idList(page));
            between.accept(pages++);
            String cursor = page.text("next_cursor");
            int offset = seen.size();
            if (byCursor) {
                more.set(cursor != null);
                if (cursor != null) {
                    page = manager.get(first + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                }
            } else {
                more.set(page.json().get("items").size() > 0 && offset < page.json().get("total").asInt() && pages < 100);
                page = manager.get(first + "&offset=" + offset);
            }
        }
        return seen;
    }

    private static void record(String lockId, long... entries) {
        server.get(EventLog.class).recordAll(admin.accountId(), lockId, "mobile",
                LongStream.of(entries).mapToObj(n -> new LockEvent(null, n, START.plusSeconds(60 * n), "UNLOCKED", Map.of())).toList());
    }

    private static Set<String> ids(Answer answer) {
        return new HashSet<>(idList(answer));
    }

    private static List<String> idList(Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    /** Entry numbers and "gap from-to". */
    private static List<String> items(Answer answer) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : answer.json().get("items")) {
            items.add(item.has("gap") ? "gap " + item.get("gap").get("from").asText() + "-" + item.get("gap").get("to").asText()
                    : item.get("entryNumber").asText());
        }
        return items;
    }
}
