package dev.portier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portier.domain.grants.CalendarCases;
import dev.portier.domain.grants.CalendarCases.Occurrence;
import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.RunningServer;
import dev.portier.web.api.ApiClient.Answer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holiday calendars over real HTTP: CRUD, yearly and one-off holidays, the .ics import (a bad file imports
 * nothing), a site observing a calendar, and a grant closed on holidays — denied on 17 May by the API's
 * access decision with the holiday named, open again at once when the holiday is removed, and its
 * schedule.ics without the holiday when ical4j expands it. Another account's ids answer 404.
 */
class HolidaysApiIT {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final String ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Holidays//EN\r\n"
            + "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260517\r\nRRULE:FREQ=YEARLY\r\n"
            + "SUMMARY:Constitution Day\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\n"
            + "SUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    @TempDir
    static Path dir;
    static RunningServer server;
    static ApiClient manager;
    static ApiClient beta;
    static String site;
    static String lock;
    static String person;

    @BeforeAll
    static void start() {
        server = RunningServer.withAdmin(dir);
        SignedInUser admin = ApiFixtures.admin(server);
        SignedInUser inBeta = server.get(AccountService.class).create(admin, "Beta", "UTC");
        manager = new ApiClient(server, ApiFixtures.token(server, admin, Role.MANAGER, "Holiday writer"));
        beta = new ApiClient(server, ApiFixtures.token(server, inBeta, Role.MANAGER, "Beta token"));
        site = manager.post("/api/v1/sites", ApiCrudIT.site("Harbour Offices", "Europe/Oslo")).id();
        lock = manager.post("/api/v1/locks", ApiCrudIT.lock(site, "Front door")).id();
        person = manager.post("/api/v1/people", ApiCrudIT.person("Ada Lovelace", "ada@example.com")).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aGrantClosedOnHolidaysIsDeniedOnTheHolidayWithItsName() {
        String calendar = manager.post("/api/v1/holiday-calendars", ApiClient.object().put("name", "Norway")).id();
        Answer imported = manager.send("POST", "/api/v1/holiday-calendars/" + calendar + "/holidays/import", ICS, "text/calendar", null);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).as("17 May yearly, 24–26 December").isEqualTo(4);
        Answer again = manager.send("POST", "/api/v1/holiday-calendars/" + calendar + "/holidays/import", ICS, "text/calendar", null);
        assertThat(again.json().get("imported").asInt()).as("the same file again adds nothing").isZero();
        JsonNode listed = manager.get("/api/v1/holiday-calendars/" + calendar + "/holidays").json();
        assertThat(listed.get("total").asInt()).isEqualTo(4);
        JsonNode yearly = null;
        for (JsonNode item : listed.get("items")) {
            if (item.get("name").asText().equals("Constitution Day")) {
                yearly = item;
            }
        }
        assertThat(yearly).as(listed.toString()).isNotNull();
        assertThat(yearly.get("yearly").asBoolean()).isTrue();
        assertThat(yearly.get("month").asInt()).isEqualTo(5);
        assertThat(yearly.get("day").asInt()).isEqualTo(17);

        Answer observed = manager.put("/api/v1/sites/" + site, ApiCrudIT.site("Harbour Offices", "Europe/Oslo").put("holidayCalendarId", calendar));
        assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
        assertThat(manager.get("/api/v1/sites/" + site).text("holidayCalendarId")).isEqualTo(calendar);

        String grant = manager.post("/api/v1/grants", ApiCrudIT.grant(person, null).put("lockId", lock)
                .put("schedule", "MO-SU 07:00-17:00; holidays closed")).id();
        assertThat(manager.get("/api/v1/grants/" + grant).text("schedule")).isEqualTo("MO,TU,WE,TH,FR,SA,SU 07:00-17:00; holidays closed");

        JsonNode onHoliday = decide(at("2027-05-17T10:00")).json();
        assertThat(onHoliday.get("allowed").asBoolean()).isFalse();
        assertThat(onHoliday.get("reasons").get(0).get("code").asText()).isEqualTo("HOLIDAY_CLOSED");
        assertThat(onHoliday.get("summary").asText()).isEqualTo("Denied: closed 17 May: holiday 'Constitution Day'");
        assertThat(onHoliday.get("reasons").get(0).get("description").asText()).isEqualTo("Closed 17 May: holiday 'Constitution Day'");
        assertThat(decide(at("2027-05-18T10:00")).json().get("allowed").asBoolean()).isTrue();
        assertThat(decide(at("2026-12-25T10:00")).json().get("summary").asText()).contains("holiday 'Christmas'");

        // The calendar export leaves the holidays out, as ical4j expands it.
        String ics = manager.get("/api/v1/grants/" + grant + "/schedule.ics").body();
        assertThat(ics.replace("\r\n ", "")).contains("EXDATE;TZID=Europe/Oslo:");
        List<Occurrence> may = CalendarCases.expandWithIcal4j(ics, at("2027-05-15T00:00"), at("2027-05-20T00:00"));
        assertThat(may).extracting(o -> LocalDateTime.ofInstant(o.start(), OSLO).toLocalDate().getDayOfMonth())
                .containsExactly(15, 16, 18, 19);

        // A holiday removed opens at once.
        String constitutionDay = yearly.get("id").asText();
        assertThat(manager.delete("/api/v1/holiday-calendars/" + calendar + "/holidays/" + constitutionDay).status()).isEqualTo(204);
        assertThat(decide(at("2027-05-17T10:00")).json().get("allowed").asBoolean()).isTrue();
    }

    @Test
    void badInputAndBadFilesChangeNothing() {
        String calendar = manager.post("/api/v1/holiday-calendars", ApiClient.object().put("name", "Empty")).id();
        String holidays = "/api/v1/holiday-calendars/" + calendar + "/holidays";
        Answer notIcs = manager.send("POST", holidays + "/import", "hello, world", "text/calendar", null);
        assertThat(notIcs.status()).as(notIcs.toString()).isEqualTo(400);
        assertThat(notIcs.field()).isEqualTo("file");
        String timed = ICS.replace("DTSTART;VALUE=DATE:20261224", "DTSTART:20261224T080000Z");
        Answer notAllDay = manager.send("POST", holidays + "/import", timed, "text/calendar", null);
        assertThat(notAllDay.status()).isEqualTo(400);
        assertThat(notAllDay.json().toString()).contains("'Christmas' is not an all-day event");
        Answer weekly = manager.send("POST", holidays + "/import", ICS.replace("FREQ=YEARLY", "FREQ=WEEKLY"), "text/calendar", null);
        assertThat(weekly.status()).isEqualTo(400);
        assertThat(weekly.json().toString()).contains("FREQ=WEEKLY");
        assertThat(manager.get(holidays).json().get("total").asInt()).as("nothing imported from a bad file").isZero();

        assertThat(manager.post(holidays, ApiClient.object().put("name", "No date")).status()).isEqualTo(400);
        assertThat(manager.post(holidays, ApiClient.object().put("name", "").put("date", "2026-05-17")).status()).isEqualTo(400);
        assertThat(manager.post(holidays, "{\"name\":\"X\",\"date\":\"17 May\"}").status()).isEqualTo(400);
        assertThat(manager.post("/api/v1/holiday-calendars", ApiClient.object().put("name", " ")).status()).isEqualTo(400);
        assertThat(manager.get(holidays).json().get("total").asInt()).isZero();

        Answer badSchedule = manager.post("/api/v1/grants", ApiCrudIT.grant(person, site).put("schedule", "MO-FR 07:00-12:00; holidays shut"));
        assertThat(badSchedule.status()).isEqualTo(400);
        assertThat(badSchedule.json().toString()).contains("'shut' should be 'closed'");
    }

    @Test
    void anotherAccountsCalendarIsNotFound() {
        String calendar = manager.post("/api/v1/holiday-calendars", ApiClient.object().put("name", "Alpha only")).id();
        String path = "/api/v1/holiday-calendars/" + calendar;
        assertThat(beta.get(path).status()).isEqualTo(404);
        assertThat(beta.get(path + "/holidays").status()).isEqualTo(404);
        assertThat(beta.post(path + "/holidays", ApiClient.object().put("name", "X").put("date", "2026-05-17")).status()).isEqualTo(404);
        assertThat(beta.send("POST", path + "/holidays/import", ICS, "text/calendar", null).status()).isEqualTo(404);
        assertThat(beta.put(path, ApiClient.object().put("name", "Taken")).status()).isEqualTo(404);
        assertThat(beta.delete(path).status()).isEqualTo(404);
        assertThat(beta.get("/api/v1/holiday-calendars").json().get("total").asInt()).isZero();
        // A site of the other account cannot observe it either.
        Answer site = beta.post("/api/v1/sites", ApiCrudIT.site("Beta site", "UTC").put("holidayCalendarId", calendar));
        assertThat(site.status()).as(site.toString()).isEqualTo(400);
        assertThat(site.field()).isEqualTo("holidayCalendarId");
        assertThat(beta.get("/api/v1/sites").json().get("total").asInt()).as("no site created").isZero();
        assertThat(manager.get(path).text("name")).isEqualTo("Alpha only");
    }

    private static Answer decide(Instant at) {
        Answer answer = manager.post("/api/v1/access-decisions", ApiCrudIT.decision(person, lock, at.toString()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(OSLO).toInstant();
    }
}
