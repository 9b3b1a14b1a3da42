package dev.portier.domain.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class WeeklyScheduleTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    final WeeklySchedule office = WeeklySchedule.parse("MO-FR 07:00-12:00; mo,tu,we,th,fr 13:00-18:00");

    @Test
    void parsesAndFormatsTheCompactForm() {
        assertThat(office.windows()).hasSize(2);
        assertThat(office.format()).isEqualTo("MO,TU,WE,TH,FR 07:00-12:00; MO,TU,WE,TH,FR 13:00-18:00");
        assertThat(WeeklySchedule.parse(office.format())).isEqualTo(office);
        assertThat(WeeklySchedule.parse("SA-MO 22:00-02:00").format()).isEqualTo("MO,SA,SU 22:00-02:00");
        assertThat(WeeklySchedule.rrule(office.windows().getFirst())).isEqualTo("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    }

    @Test
    void refusesNonsenseWithAMessageForPeople() {
        assertThatThrownBy(() -> WeeklySchedule.parse("")).hasMessageContaining("at least one window");
        assertThatThrownBy(() -> WeeklySchedule.parse("XX 07:00-08:00")).hasMessageContaining("'XX' is not a day");
        assertThatThrownBy(() -> WeeklySchedule.parse("MO 7-8")).hasMessageContaining("is not a time");
        assertThatThrownBy(() -> WeeklySchedule.parse("MO 25:00-26:00")).hasMessageContaining("is not a time");
        assertThatThrownBy(() -> WeeklySchedule.parse("MO")).hasMessageContaining("days and times");
        assertThatThrownBy(() -> WeeklySchedule.parse("MO 07:00-08:00;".repeat(29))).hasMessageContaining("at most 28");
    }

    @Test
    void severalWindowsADayWithALunchBreak() {
        assertThat(office.isOpen(at("2026-03-02T06:59", OSLO), OSLO)).isFalse(); // Monday
        assertThat(office.isOpen(at("2026-03-02T07:00", OSLO), OSLO)).isTrue();
        assertThat(office.isOpen(at("2026-03-02T11:59", OSLO), OSLO)).isTrue();
        assertThat(office.isOpen(at("2026-03-02T12:00", OSLO), OSLO)).isFalse();
        assertThat(office.isOpen(at("2026-03-02T13:00", OSLO), OSLO)).isTrue();
        assertThat(office.isOpen(at("2026-03-02T18:00", OSLO), OSLO)).isFalse();
        assertThat(office.isOpen(at("2026-03-07T10:00", OSLO), OSLO)).as("Saturday").isFalse();
        assertThat(office.openUntil(at("2026-03-02T08:00", OSLO), OSLO)).contains(at("2026-03-02T12:00", OSLO));
        assertThat(office.nextOpening(at("2026-03-02T12:30", OSLO), OSLO)).contains(at("2026-03-02T13:00", OSLO));
        assertThat(office.nextOpening(at("2026-03-06T19:00", OSLO), OSLO)).as("Friday evening → Monday")
                .contains(at("2026-03-09T07:00", OSLO));
    }

    @Test
    void aWindowCrossingMidnightBelongsToItsStartDay() {
        WeeklySchedule night = WeeklySchedule.parse("FR 22:00-02:00");
        assertThat(night.isOpen(at("2026-03-06T23:30", OSLO), OSLO)).as("Friday night").isTrue();
        assertThat(night.isOpen(at("2026-03-07T01:59", OSLO), OSLO)).as("early Saturday").isTrue();
        assertThat(night.isOpen(at("2026-03-07T02:00", OSLO), OSLO)).isFalse();
        assertThat(night.isOpen(at("2026-03-06T01:00", OSLO), OSLO)).as("early Friday belongs to Thursday").isFalse();
        assertThat(night.openUntil(at("2026-03-06T23:00", OSLO), OSLO)).contains(at("2026-03-07T02:00", OSLO));
    }

    @Test
    void viennaSpringForwardSkipsTheMissingHour() {
        // 2026-03-29: 02:00 → 03:00 in Europe/Vienna (a Sunday).
        WeeklySchedule early = WeeklySchedule.parse("SU 01:00-04:00");
        Instant oneThirty = at("2026-03-29T01:30", VIENNA);
        assertThat(early.isOpen(oneThirty, VIENNA)).isTrue();
        assertThat(early.isOpen(oneThirty.plusSeconds(3600), VIENNA)).as("01:30 + 1h is 03:30 on the wall").isTrue();
        assertThat(early.openUntil(oneThirty, VIENNA)).as("only two real hours long")
                .contains(Instant.parse("2026-03-29T02:00:00Z"));
        WeeklySchedule missing = WeeklySchedule.parse("SU 02:00-03:00");
        for (Instant t = Instant.parse("2026-03-28T22:00:00Z"); t.isBefore(Instant.parse("2026-03-29T06:00:00Z")); t = t.plusSeconds(300)) {
            assertThat(missing.isOpen(t, VIENNA)).as("the hour that does not exist is never open, %s", t).isFalse();
        }
        WeeklySchedule morning = WeeklySchedule.parse("SU 07:00-08:00");
        assertThat(morning.isOpen(Instant.parse("2026-03-29T05:30:00Z"), VIENNA)).as("07:30 CEST").isTrue();
        assertThat(morning.isOpen(Instant.parse("2026-03-29T06:30:00Z"), VIENNA)).as("08:30 CEST").isFalse();
    }

    @Test
    void viennaFallBackOpensTheRepeatedHourTwice() {
        // 2026-10-25: 03:00 → 02:00 in Europe/Vienna; 02:00–03:00 happens twice.
        WeeklySchedule repeated = WeeklySchedule.parse("SU 02:00-03:00");
        assertThat(repeated.isOpen(Instant.parse("2026-10-25T00:30:00Z"), VIENNA)).as("02:30 CEST").isTrue();
        assertThat(repeated.isOpen(Instant.parse("2026-10-25T01:30:00Z"), VIENNA)).as("02:30 CET").isTrue();
        assertThat(repeated.isOpen(Instant.parse("2026-10-25T02:30:00Z"), VIENNA)).as("03:30 CET").isFalse();
        WeeklySchedule day = WeeklySchedule.parse("SU 09:00-17:00");
        assertThat(day.isOpen(Instant.parse("2026-10-25T08:00:00Z"), VIENNA)).as("09:00 CET").isTrue();
        assertThat(day.isOpen(Instant.parse("2026-10-25T07:30:00Z"), VIENNA)).as("08:30 CET").isFalse();
    }

    @Test
    void newYorkDstChangesKeepWallClockWindows() {
        // 2026-03-08 spring forward, 2026-11-01 fall back in America/New_York.
        WeeklySchedule weekday = WeeklySchedule.parse("MO-FR 09:00-17:00");
        assertThat(weekday.isOpen(Instant.parse("2026-03-06T14:00:00Z"), NEW_YORK)).as("Fri 09:00 EST").isTrue();
        assertThat(weekday.isOpen(Instant.parse("2026-03-09T13:00:00Z"), NEW_YORK)).as("Mon 09:00 EDT").isTrue();
        assertThat(weekday.isOpen(Instant.parse("2026-03-09T21:30:00Z"), NEW_YORK)).as("Mon 17:30 EDT").isFalse();
        assertThat(weekday.isOpen(Instant.parse("2026-11-02T14:00:00Z"), NEW_YORK)).as("Mon 09:00 EST").isTrue();
        assertThat(weekday.isOpen(Instant.parse("2026-11-02T13:30:00Z"), NEW_YORK)).as("Mon 08:30 EST").isFalse();
        WeeklySchedule overnight = WeeklySchedule.parse("SA 23:00-03:00");
        assertThat(overnight.openUntil(at("2026-10-31T23:30", NEW_YORK), NEW_YORK)).as("an extra hour that night")
                .contains(Instant.parse("2026-11-01T08:00:00Z"));
    }

    private static Instant at(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone).toInstant();
    }
}
