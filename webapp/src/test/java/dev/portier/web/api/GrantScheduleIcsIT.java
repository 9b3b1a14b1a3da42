package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.grants.CalendarCases;
import dev.portier.domain.grants.CalendarCases.Occurrence;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Calendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/grants/{id}/schedule.ics} over real HTTP with an API token: the grant's calendar
 * as {@code text/calendar}, strictly valid, whose events open exactly where {@code POST
 * /api/v1/access-decisions} allows — checked at every event edge around both DST changes — and the
 * API's 404 JSON for another account's grant and for ids that name nothing.
 */
class GrantScheduleIcsIT {

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient alpha;
    static ApiClient beta;
    static String person;
    static String lock;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        SignedInUser admin = ApiFixtures.admin(server);
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        alpha = new ApiClient(server, ApiFixtures.token(server, admin, Role.VIEWER, "Calendar reader"));
        ApiClient manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Calendar writer"));
        beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        String site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour Offices", "Europe/Oslo")).id();
        lock = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Front door")).id();
        person = manager.post("/api/v1/people", ApiCrudIT.person("Ada Lovelace", "ada@example.com")).id();
        grantId = manager.post("/api/v1/grants", ApiCrudIT.grant(person, null).put("lockId", lock)
                .put("validFrom", "2026-03-25T08:30:00Z").put("validUntil", "2026-11-08T03:15:00Z")
                .put("schedule", "MO-FR 07:00-12:00; MO-FR 13:00-18:00; SA 22:00-06:00; SU 00:00-00:00")).id();
    }

    static String grantId;

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesTheGrantsCalendarAsStrictlyValidICalendar() throws Exception {
        Answer answer = alpha.get("/api/v1/grants/" + grantId + "/schedule.ics");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/calendar;charset=utf-8"));
        String ics = answer.body();
        String unfolded = ics.replace("\r\n ", "");
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(unfolded).contains("TZID:Europe/Oslo",
                "UID:portier-grant-" + grantId + "-MOTUWETHFR-0700-1200", "Access: Ada Lovelace · Front door");
        Calendar calendar = CalendarCases.parse(ics);
        assertThat(calendar.validate(true).getEntries()).isEmpty();
    }

    @Test
    void itsEventsOpenExactlyWhereTheApisAccessDecisionAllows() {
        String ics = alpha.get("/api/v1/grants/" + grantId + "/schedule.ics").body();
        // The weeks around both DST changes of the validity (29 March and 25 October 2026).
        for (Instant[] weeks : new Instant[][] {
                {Instant.parse("2026-03-24T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")},
                {Instant.parse("2026-10-22T00:00:00Z"), Instant.parse("2026-10-28T00:00:00Z")},
                {Instant.parse("2026-11-05T00:00:00Z"), Instant.parse("2026-11-10T00:00:00Z")}}) {
            List<Occurrence> occurrences = CalendarCases.expandWithIcal4j(ics, weeks[0], weeks[1]);
            assertThat(occurrences).isNotEmpty();
            TreeSet<Instant> probes = new TreeSet<>();
            for (Occurrence o : occurrences) {
                probes.addAll(List.of(o.start(), o.start().minusSeconds(1), o.end(), o.end().minusSeconds(1)));
            }
            for (Instant at : probes.subSet(weeks[0], weeks[1])) {
                boolean inEvent = occurrences.stream().anyMatch(o -> !at.isBefore(o.start()) && at.isBefore(o.end()));
                Answer decision = alpha.post("/api/v1/access-decisions", ApiCrudIT.decision(person, lock, at.toString()));
                assertThat(decision.status()).as(decision.toString()).isEqualTo(200);
                assertThat(decision.json().get("allowed").asBoolean()).as("allowed at %s, the calendar says %s", at, inEvent)
                        .isEqualTo(inEvent);
            }
        }
    }

    @Test
    void anotherAccountsGrantAndIdsThatNameNothingAreNotFound() {
        String before = ApiFixtures.storedData(server);
        for (String id : List.of(grantId, "no-such-grant", "00000000-0000-0000-0000-000000000000", "x".repeat(300), "%20",
                "%27%20OR%201%3D1--")) {
            Answer answer = beta.get("/api/v1/grants/" + id + "/schedule.ics");
            assertThat(answer.status()).as(id + ": " + answer).isEqualTo(404);
            assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(answer.error()).as(answer.toString()).isNotBlank();
            assertThat(answer.body()).doesNotContain("BEGIN:VCALENDAR", "Ada");
        }
        assertThat(beta.get("/api/v1/grants/" + grantId + "/schedule.ics").error()).startsWith("No such");
        assertThat(ApiFixtures.storedData(server)).isEqualTo(before);
    }

    @Test
    void needsAToken() {
        Answer answer = alpha.send("GET", "/api/v1/grants/" + grantId + "/schedule.ics", null, null, null, null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isNotBlank();
        assertThat(alpha.send("GET", "/api/v1/grants/" + grantId + "/schedule.ics", null, null, null, "Bearer ptr_wrong").status())
                .isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDescribesIt() {
        Answer document = alpha.get("/api/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        var operation = document.json().get("paths").get("/api/v1/grants/{id}/schedule.ics").get("get");
        assertThat(operation.get("operationId").asText()).isEqualTo("getGrantSchedule");
        assertThat(operation.get("responses").get("200").get("content").fieldNames()).toIterable()
                .containsExactly("text/calendar; charset=utf-8");
    }
}
