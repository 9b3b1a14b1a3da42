package dev.portier.domain.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Grants whose calendars the consumer tests read back: two zones with DST (changes in March and in
 * October/November 2026), windows twice a day, past midnight (over the night the clocks change), whole
 * days, edges in the skipped and the repeated hour, a window wholly in the skipped hour, no schedule;
 * each with a validity that cuts a window at both ends, and without an end.
 */
public final class CalendarCases {

    public static final Instant STAMP = Instant.parse("2026-01-02T08:00:00Z");

    static final List<String> ZONES = List.of("Europe/Oslo", "America/New_York");
    static final List<String> SCHEDULES = List.of(
            "MO-FR 07:00-12:00; MO-FR 13:00-18:00",
            "FR 22:00-06:00; SA 22:00-06:00",
            "SA-SU 00:00-00:00",
            "SU 01:30-03:30",
            "SU 02:30-05:00",
            "SU 02:00-02:30; SA 23:00-00:00",
            "");

    private CalendarCases() {
    }

    /** One grant: the terms the calendar is written from and the Grant record the access decision reads. */
    public record Case(String name, Grant grant, ZoneId zone) {

        public GrantCalendar.Terms terms() {
            return GrantCalendar.terms(grant, zone);
        }

        public String write() {
            return GrantCalendar.write(terms(), STAMP);
        }

        /** The access decision's rule for one grant: valid now, and inside a window when it has a schedule. */
        public boolean opens(Instant at) {
            return grant.status(at) == GrantStatus.ACTIVE && grant.scheduleIfAny().map(s -> s.isOpen(at, zone)).orElse(true);
        }

        /** A year and a few days from before the start: both DST changes of 2026. */
        public Instant checkFrom() {
            return grant.validFrom().minusSeconds(3 * 86_400);
        }

        public Instant checkUntil() {
            return ZonedDateTime.of(2027, 1, 12, 0, 0, 0, 0, zone).toInstant();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static Stream<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (String zoneId : ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            // A Wednesday 09:30 (inside 07:00-12:00) to a Saturday 01:15 (inside Friday's 22:00-06:00).
            Instant from = ZonedDateTime.of(2026, 1, 7, 9, 30, 0, 0, zone).toInstant();
            Instant until = ZonedDateTime.of(2027, 1, 9, 1, 15, 0, 0, zone).toInstant();
            for (String schedule : SCHEDULES) {
                for (boolean ends : new boolean[] {true, false}) {
                    WeeklySchedule weekly = schedule.isEmpty() ? null : WeeklySchedule.parse(schedule);
                    String name = zoneId + " [" + (schedule.isEmpty() ? "no schedule" : schedule) + "] " + (ends ? "until 2027-01-09" : "no end");
                    cases.add(new Case(name, grant("g-" + cases.size(), weekly, from, ends ? until : null, GrantState.ACTIVE), zone));
                }
            }
        }
        return cases.stream();
    }

    public static Grant grant(String id, WeeklySchedule schedule, Instant from, Instant until, GrantState state) {
        return new Grant(id, "account", "person", "Ada Lovelace", null, null, "lock", "Front door", "site", "Oslo HQ", from, until,
                schedule, EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, 30, state, from.minusSeconds(86_400), "admin@example.com",
                state == GrantState.REVOKED ? from : null, state == GrantState.REVOKED ? "admin@example.com" : null,
                state == GrantState.REVOKED ? "Left" : null, null);
    }

    /** An occurrence as instants: start inclusive, end exclusive. */
    public record Occurrence(Instant start, Instant end) {

        boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }

    /** Parses strictly with ical4j's CalendarBuilder. */
    public static Calendar parse(String ics) {
        try {
            return new CalendarBuilder().build(new StringReader(ics));
        } catch (Exception e) {
            throw new AssertionError("ical4j cannot parse the calendar: " + e.getMessage() + "\n" + ics, e);
        }
    }

    /** Every occurrence of every event that intersects [from, until), as ical4j expands them. */
    public static List<Occurrence> expandWithIcal4j(String ics, Instant from, Instant until) {
        List<Occurrence> occurrences = new ArrayList<>();
        for (VEvent event : parse(ics).<VEvent>getComponents(VEvent.VEVENT)) {
            for (Period<Temporal> period : event.<Temporal>calculateRecurrenceSet(
                    new Period<>(from.atZone(ZoneOffset.UTC), until.atZone(ZoneOffset.UTC)))) {
                occurrences.add(new Occurrence(Instant.from(period.getStart()), Instant.from(period.getEnd())));
            }
        }
        return occurrences;
    }

    /**
     * Asks the decision and the occurrences at every quarter hour in [from, until) and at every
     * occurrence's edges (and a second before them): they must agree everywhere. Returns how many
     * instants were compared.
     */
    public static int assertSameInstants(Case c, List<Occurrence> occurrences, Instant from, Instant until) {
        TreeSet<Instant> probes = new TreeSet<>();
        for (Instant t = from; t.isBefore(until); t = t.plusSeconds(15 * 60)) {
            probes.add(t);
        }
        for (Occurrence o : occurrences) {
            for (Instant edge : List.of(o.start(), o.end())) {
                probes.add(edge);
                probes.add(edge.minusSeconds(1));
            }
        }
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Instant at : probes.subSet(from, until)) {
            compared++;
            boolean calendar = occurrences.stream().anyMatch(o -> o.contains(at));
            if (calendar != c.opens(at)) {
                differences.add(at.atZone(c.zone()) + ": Portier " + (c.opens(at) ? "opens" : "stays shut") + ", the calendar "
                        + (calendar ? "has an event" : "has none"));
            }
        }
        assertThat(differences).as("%s: instants where the calendar and the access decision differ", c).isEmpty();
        assertThat(compared).as("instants compared").isGreaterThan(35_000);
        return compared;
    }
}
