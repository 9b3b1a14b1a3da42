package dev.portier.plugin.api;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.Schedule.Window;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void an_office_hours_window_is_open_from_start_until_before_end_on_its_days() {
        Schedule officeHours = schedule(new Window(EnumSet.range(MONDAY, FRIDAY), LocalTime.of(7, 0), LocalTime.of(18, 0)));

        assertThat(officeHours.isOpen(oslo("2026-01-05T06:59"))).isFalse(); // Monday
        assertThat(officeHours.isOpen(oslo("2026-01-05T07:00"))).isTrue();
        assertThat(officeHours.isOpen(oslo("2026-01-05T17:59"))).isTrue();
        assertThat(officeHours.isOpen(oslo("2026-01-05T18:00"))).isFalse();
        assertThat(officeHours.isOpen(oslo("2026-01-10T12:00"))).as("Saturday").isFalse();
        assertThat(officeHours.windows().getFirst().crossesMidnight()).isFalse();
    }

    @Test
    void a_window_ending_before_its_start_runs_past_midnight_into_the_next_day() {
        Schedule fridayNight = schedule(new Window(Set.of(FRIDAY), LocalTime.of(22, 0), LocalTime.of(2, 0)));

        assertThat(fridayNight.windows().getFirst().crossesMidnight()).isTrue();
        assertThat(fridayNight.isOpen(oslo("2026-01-09T21:59"))).isFalse(); // Friday
        assertThat(fridayNight.isOpen(oslo("2026-01-09T23:30"))).isTrue();
        assertThat(fridayNight.isOpen(oslo("2026-01-10T01:59"))).as("early Saturday").isTrue();
        assertThat(fridayNight.isOpen(oslo("2026-01-10T02:00"))).isFalse();
        assertThat(fridayNight.isOpen(oslo("2026-01-08T01:00"))).as("early Thursday follows no Friday").isFalse();
    }

    @Test
    void midnight_to_midnight_is_the_whole_day() {
        Schedule tuesday = schedule(new Window(Set.of(TUESDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));

        assertThat(tuesday.isOpen(oslo("2026-01-06T00:00"))).isTrue();
        assertThat(tuesday.isOpen(oslo("2026-01-06T23:59"))).isTrue();
        assertThat(tuesday.isOpen(oslo("2026-01-07T00:00"))).isFalse();
        assertThat(tuesday.isOpen(oslo("2026-01-05T23:59"))).isFalse();
    }

    @Test
    void windows_follow_the_wall_clock_across_the_spring_dst_change() {
        // On Sunday 2026-03-29 Oslo's clocks jump from 02:00 to 03:00 (UTC+1 → UTC+2).
        Schedule sundayMorning = schedule(new Window(Set.of(SUNDAY), LocalTime.of(1, 0), LocalTime.of(3, 0)));

        assertThat(sundayMorning.isOpen(Instant.parse("2026-03-29T00:30:00Z"))).as("01:30 CET").isTrue();
        assertThat(sundayMorning.isOpen(Instant.parse("2026-03-29T00:59:59Z"))).as("01:59:59 CET").isTrue();
        assertThat(sundayMorning.isOpen(Instant.parse("2026-03-29T01:00:00Z"))).as("03:00 CEST, the window has ended")
                .isFalse();

        Schedule ninetoFive = schedule(new Window(Set.of(SUNDAY), LocalTime.of(9, 0), LocalTime.of(17, 0)));
        assertThat(ninetoFive.isOpen(Instant.parse("2026-03-29T07:00:00Z"))).as("09:00 CEST").isTrue();
        assertThat(ninetoFive.isOpen(Instant.parse("2026-03-29T06:59:59Z"))).as("08:59:59 CEST").isFalse();
    }

    @Test
    void the_repeated_hour_of_the_autumn_dst_change_is_open_twice() {
        // On Sunday 2026-10-25 Oslo's clocks fall back from 03:00 to 02:00: 02:30 happens twice.
        Schedule twoToThree = schedule(new Window(Set.of(SUNDAY), LocalTime.of(2, 0), LocalTime.of(3, 0)));

        assertThat(twoToThree.isOpen(Instant.parse("2026-10-25T00:30:00Z"))).as("02:30 CEST").isTrue();
        assertThat(twoToThree.isOpen(Instant.parse("2026-10-25T01:30:00Z"))).as("02:30 CET").isTrue();
        assertThat(twoToThree.isOpen(Instant.parse("2026-10-25T02:00:00Z"))).as("03:00 CET").isFalse();
    }

    @Test
    void any_open_window_opens_the_schedule() {
        Schedule split = schedule(new Window(Set.of(SATURDAY), LocalTime.of(8, 0), LocalTime.of(10, 0)),
                new Window(Set.of(SATURDAY), LocalTime.of(16, 0), LocalTime.of(18, 0)));

        assertThat(split.isOpen(oslo("2026-01-10T09:00"))).isTrue();
        assertThat(split.isOpen(oslo("2026-01-10T12:00"))).isFalse();
        assertThat(split.isOpen(oslo("2026-01-10T17:00"))).isTrue();
    }

    @Test
    void a_schedule_needs_a_zone_and_windows_with_days_and_times() {
        Window window = new Window(Set.of(MONDAY), LocalTime.NOON, LocalTime.of(13, 0));

        assertThatThrownBy(() -> new Schedule(OSLO, List.of(), null)).hasMessageContaining("at least one window");
        assertThatThrownBy(() -> new Schedule(null, List.of(window), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Window(EnumSet.noneOf(DayOfWeek.class), LocalTime.NOON, LocalTime.MIDNIGHT))
                .hasMessageContaining("at least one day");
        assertThatThrownBy(() -> new Window(Set.of(MONDAY), null, LocalTime.MIDNIGHT)).hasMessageContaining("start");
    }

    private static Schedule schedule(Window... windows) {
        return new Schedule(OSLO, List.of(windows), null);
    }

    private static Instant oslo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(OSLO).toInstant();
    }
}
