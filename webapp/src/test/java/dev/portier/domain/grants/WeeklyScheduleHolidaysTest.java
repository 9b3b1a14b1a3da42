package dev.portier.domain.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Holidays in the schedule: whole local days of Europe/Oslo, 23 and 25 hours long on the DST Sundays. */
class WeeklyScheduleHolidaysTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    // Sunday 29 March 2026 (clocks spring forward 02:00 → 03:00) and Sunday 25 October 2026 (03:00 → 02:00).
    static final LocalDate SPRING_FORWARD = LocalDate.of(2026, 3, 29);
    static final LocalDate FALL_BACK = LocalDate.of(2026, 10, 25);
    static final LocalDate CONSTITUTION_DAY = LocalDate.of(2026, 5, 17);
    static final Predicate<LocalDate> DAYS = Set.of(SPRING_FORWARD, FALL_BACK, LocalDate.of(2026, 5, 14))::contains;
    static final Predicate<LocalDate> EVERY_17_MAY = day -> MonthDay.from(day).equals(MonthDay.of(5, 17));

    final WeeklySchedule exceptHolidays = WeeklySchedule.parse("holidays closed");

    @Test
    void parsesAndFormatsTheHolidayClause() {
        WeeklySchedule closed = WeeklySchedule.parse("MO-FR 07:00-12:00; Holidays Closed");
        assertThat(closed.holidays()).isEqualTo(HolidayRule.CLOSED);
        assertThat(closed.format()).isEqualTo("MO,TU,WE,TH,FR 07:00-12:00; holidays closed");
        assertThat(WeeklySchedule.parse(closed.format())).isEqualTo(closed);

        WeeklySchedule hours = WeeklySchedule.parse("MO-SU 06:00-22:00; holidays 09:00-13:00, 15:00-24:00");
        assertThat(hours.holidays().kind()).isEqualTo(HolidayRule.Kind.HOURS);
        assertThat(hours.format()).isEqualTo("MO,TU,WE,TH,FR,SA,SU 06:00-22:00; holidays 09:00-13:00, 15:00-24:00");
        assertThat(WeeklySchedule.parse(hours.format())).isEqualTo(hours);

        assertThat(exceptHolidays.windows()).hasSize(1);
        assertThat(exceptHolidays.format()).as("any time except holidays").isEqualTo("holidays closed");
        assertThat(WeeklySchedule.parse("MO-FR 07:00-12:00").holidays()).as("no clause: holidays ignored").isEqualTo(HolidayRule.IGNORED);
    }

    @Test
    void refusesABadHolidayClauseWithAMessageForPeople() {
        assertThatThrownBy(() -> WeeklySchedule.parse("MO 07:00-08:00; holidays")).hasMessageContaining("'holidays closed'");
        assertThatThrownBy(() -> WeeklySchedule.parse("MO 07:00-08:00; holidays shut")).hasMessageContaining("'shut' should be 'closed'");
        assertThatThrownBy(() -> WeeklySchedule.parse("holidays 13:00-09:00")).hasMessageContaining("must end after they start");
        assertThatThrownBy(() -> WeeklySchedule.parse("holidays 09:00-25:00")).hasMessageContaining("is not a time");
        assertThatThrownBy(() -> WeeklySchedule.parse("holidays closed; holidays 09:00-10:00")).hasMessageContaining("second holiday clause");
    }

    @Test
    void aHolidayStartsAtLocalMidnight() {
        assertThat(exceptHolidays.isOpen(at("2026-05-13T23:59:59"), OSLO, DAYS)).as("23:59:59 the day before").isTrue();
        assertThat(exceptHolidays.isOpen(at("2026-05-14T00:00:00"), OSLO, DAYS)).as("00:00 on the holiday").isFalse();
        assertThat(exceptHolidays.closedForHoliday(at("2026-05-14T00:00:00"), OSLO, DAYS)).isTrue();
        assertThat(exceptHolidays.isOpen(at("2026-05-14T23:59:59"), OSLO, DAYS)).isFalse();
        assertThat(exceptHolidays.isOpen(at("2026-05-15T00:00:00"), OSLO, DAYS)).as("00:00 the day after").isTrue();
        assertThat(exceptHolidays.isOpen(at("2026-05-14T12:00:00"), OSLO)).as("without the site's holidays").isTrue();
        assertThat(exceptHolidays.nextOpening(at("2026-05-14T08:00:00"), OSLO, DAYS)).contains(at("2026-05-15T00:00:00"));
        assertThat(exceptHolidays.openUntil(at("2026-05-13T08:00:00"), OSLO, DAYS)).contains(at("2026-05-14T00:00:00"));
    }

    @Test
    void theHolidayOnTheSpringForwardSundayLasts23Hours() {
        Instant start = at("2026-03-29T00:00:00");
        Instant end = exceptHolidays.nextOpening(start, OSLO, DAYS).orElseThrow();
        assertThat(end).isEqualTo(at("2026-03-30T00:00:00"));
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(23));
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-03-28T22:59:59Z"), OSLO, DAYS)).isTrue();
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-03-28T23:00:00Z"), OSLO, DAYS)).as("00:00 CET").isFalse();
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-03-29T21:59:59Z"), OSLO, DAYS)).isFalse();
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-03-29T22:00:00Z"), OSLO, DAYS)).as("00:00 CEST").isTrue();
    }

    @Test
    void theHolidayOnTheFallBackSundayLasts25Hours() {
        Instant start = at("2026-10-25T00:00:00");
        Instant end = exceptHolidays.nextOpening(start, OSLO, DAYS).orElseThrow();
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(25));
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-10-24T21:59:59Z"), OSLO, DAYS)).isTrue();
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-10-24T22:00:00Z"), OSLO, DAYS)).as("00:00 CEST").isFalse();
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-10-25T00:30:00Z"), OSLO, DAYS)).as("02:30 the first time").isFalse();
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-10-25T01:30:00Z"), OSLO, DAYS)).as("02:30 the second time").isFalse();
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-10-25T22:59:59Z"), OSLO, DAYS)).isFalse();
        assertThat(exceptHolidays.isOpen(Instant.parse("2026-10-25T23:00:00Z"), OSLO, DAYS)).as("00:00 CET").isTrue();
    }

    @Test
    void aWindowCrossingMidnightFollowsTheDayEachPartIsOn() {
        WeeklySchedule nights = WeeklySchedule.parse("FR-SA 22:00-02:00; holidays closed");
        // Saturday 16 May 2026, then Sunday 17 May (Constitution Day).
        assertThat(nights.isOpen(at("2026-05-16T23:59:59"), OSLO, EVERY_17_MAY)).as("Saturday night").isTrue();
        assertThat(nights.isOpen(at("2026-05-17T00:00:00"), OSLO, EVERY_17_MAY)).as("after midnight: the holiday").isFalse();
        assertThat(nights.openUntil(at("2026-05-16T23:00:00"), OSLO, EVERY_17_MAY)).contains(at("2026-05-17T00:00:00"));
        // Friday 15 May is no holiday; were it one, its late part closes but Saturday's early part opens.
        Predicate<LocalDate> friday = LocalDate.of(2026, 5, 15)::equals;
        assertThat(nights.isOpen(at("2026-05-15T23:00:00"), OSLO, friday)).isFalse();
        assertThat(nights.isOpen(at("2026-05-16T01:00:00"), OSLO, friday)).isTrue();
    }

    @Test
    void yearlyHolidaysComeBackEveryYear() {
        WeeklySchedule weekdays = WeeklySchedule.parse("MO-FR 07:00-17:00; holidays closed");
        assertThat(weekdays.isOpen(at("2027-05-17T10:00:00"), OSLO, EVERY_17_MAY)).as("Monday 17 May 2027").isFalse();
        assertThat(weekdays.isOpen(at("2027-05-18T10:00:00"), OSLO, EVERY_17_MAY)).isTrue();
        assertThat(weekdays.isOpen(at("2028-05-17T10:00:00"), OSLO, EVERY_17_MAY)).as("Wednesday 17 May 2028").isFalse();
    }

    @Test
    void holidayHoursReplaceTheWeeklyWindowsOnAHoliday() {
        WeeklySchedule shop = WeeklySchedule.parse("MO-FR 07:00-17:00; holidays 10:00-14:00");
        LocalDate thursday = LocalDate.of(2026, 5, 14);
        Predicate<LocalDate> ascension = thursday::equals;
        assertThat(shop.isOpen(at("2026-05-14T08:00:00"), OSLO, ascension)).as("weekly window, but a holiday").isFalse();
        assertThat(shop.closedForHoliday(at("2026-05-14T08:00:00"), OSLO, ascension)).isTrue();
        assertThat(shop.isOpen(at("2026-05-14T10:00:00"), OSLO, ascension)).isTrue();
        assertThat(shop.closedForHoliday(at("2026-05-14T10:00:00"), OSLO, ascension)).isFalse();
        assertThat(shop.openUntil(at("2026-05-14T10:00:00"), OSLO, ascension)).contains(at("2026-05-14T14:00:00"));
        assertThat(shop.nextOpening(at("2026-05-14T14:00:00"), OSLO, ascension)).contains(at("2026-05-15T07:00:00"));
        // Holiday hours apply also on a holiday that falls outside the weekly windows (a Sunday).
        assertThat(shop.isOpen(at("2026-05-17T11:00:00"), OSLO, EVERY_17_MAY)).isTrue();
        assertThat(shop.isOpen(at("2026-05-17T11:00:00"), OSLO, WeeklySchedule.NO_HOLIDAYS)).isFalse();
    }

    @Test
    void withoutTheClauseHolidaysAreDaysLikeOthers() {
        WeeklySchedule weekdays = WeeklySchedule.parse("MO-FR 07:00-17:00");
        assertThat(weekdays.isOpen(at("2026-05-14T10:00:00"), OSLO, DAYS)).isTrue();
        assertThat(weekdays.closedForHoliday(at("2026-05-14T10:00:00"), OSLO, DAYS)).isFalse();
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(OSLO).toInstant();
    }
}
