package dev.portier.plugins.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The lock's strict reading of the schedule text form. */
class WeeklyWindowsTest {

    // 2026-01-05 is a Monday.
    private static LocalDateTime monday(int hour, int minute) {
        return LocalDateTime.of(2026, 1, 5, hour, minute);
    }

    @Test
    void a_range_covers_its_days_from_start_inclusive_to_end_exclusive() {
        WeeklyWindows windows = WeeklyWindows.parse("MO-FR 07:00-12:00");
        assertThat(windows.contains(monday(7, 0))).isTrue();
        assertThat(windows.contains(monday(11, 59))).isTrue();
        assertThat(windows.contains(monday(12, 0))).isFalse();
        assertThat(windows.contains(monday(6, 59))).isFalse();
        assertThat(windows.contains(monday(8, 0).plusDays(4))).as("Friday").isTrue();
        assertThat(windows.contains(monday(8, 0).plusDays(5))).as("Saturday").isFalse();
    }

    @Test
    void comma_lists_single_days_several_windows_and_an_end_of_24_00() {
        WeeklyWindows windows = WeeklyWindows.parse("MO,WE,FR 07:00-08:00; SA 20:00-24:00; SU 00:00-01:30");
        assertThat(windows.contains(monday(7, 30))).isTrue();
        assertThat(windows.contains(monday(7, 30).plusDays(1))).as("Tuesday").isFalse();
        assertThat(windows.contains(monday(7, 30).plusDays(2))).as("Wednesday").isTrue();
        assertThat(windows.contains(monday(23, 59).plusDays(5))).as("Saturday 23:59").isTrue();
        assertThat(windows.contains(monday(1, 29).plusDays(6))).as("Sunday 01:29").isTrue();
        assertThat(windows.contains(monday(1, 30).plusDays(6))).as("Sunday 01:30").isFalse();
    }

    @Test
    void instants_are_read_in_the_locks_zone() {
        WeeklyWindows windows = WeeklyWindows.parse("MO 07:00-08:00");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(windows.contains(Instant.parse("2026-01-05T06:30:00Z"), berlin)).isTrue();
        assertThat(windows.contains(Instant.parse("2026-01-05T07:30:00Z"), berlin)).isFalse();
        assertThat(windows.contains(Instant.parse("2026-07-06T05:30:00Z"), berlin)).as("summer time").isTrue();
    }

    @Test
    void a_window_ending_at_or_before_its_start_runs_past_midnight_as_portiers_grants_do() {
        WeeklyWindows overnight = WeeklyWindows.parse("FR 22:00-06:00");
        assertThat(overnight.contains(LocalDateTime.of(2026, 1, 9, 23, 0))).isTrue(); // Friday
        assertThat(overnight.contains(LocalDateTime.of(2026, 1, 10, 5, 59))).isTrue(); // Saturday morning
        assertThat(overnight.contains(LocalDateTime.of(2026, 1, 10, 6, 0))).isFalse();
        assertThat(overnight.contains(LocalDateTime.of(2026, 1, 9, 5, 0))).isFalse(); // Friday morning
        WeeklyWindows monday = WeeklyWindows.parse("MO 00:00-00:00");
        assertThat(monday.contains(LocalDateTime.of(2026, 1, 5, 0, 0))).isTrue();
        assertThat(monday.contains(LocalDateTime.of(2026, 1, 5, 23, 59))).isTrue();
        assertThat(monday.contains(LocalDateTime.of(2026, 1, 6, 0, 0))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MO", "MO 07:00", "mo 07:00-08:00", "MO 7:00-08:00", "MO 07:00-08:00;TU 07:00-08:00",
            "MO 07:00-08:00;  TU 07:00-08:00", "MO 07:00-08:00; ", "MO  07:00-08:00",
            "FR-MO 07:00-08:00", "MO-MO 07:00-08:00", "MO,MO 07:00-08:00", "MO-WE,FR 07:00-08:00",
            "XX 07:00-08:00", "MO 24:00-24:00", "MO 07:00-24:30", "MO 07:60-08:00", "MO 07:00-08:00 ", " MO 07:00-08:00"})
    void anything_else_is_refused(String text) {
        assertThatThrownBy(() -> WeeklyWindows.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*(window|schedule|Day|runs backwards).*");
    }
    @Test
    void the_text_written_from_the_hosts_schedule_opens_exactly_when_the_schedule_does() {
        // Across midnight, whole days, single days, scattered days, and Berlin's spring-forward night (2026-03-29).
        Schedule schedule = new Schedule(ZoneId.of("Europe/Berlin"), List.of(
                new Schedule.Window(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(2, 30)),
                new Schedule.Window(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT),
                new Schedule.Window(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), LocalTime.of(7, 15), LocalTime.of(7, 45)),
                new Schedule.Window(EnumSet.of(DayOfWeek.TUESDAY), LocalTime.of(12, 0), LocalTime.of(12, 0))), null);
        WeeklyWindows windows = WeeklyWindows.of(schedule);

        assertThat(windows.toString()).isEqualTo("FR-SA 22:00-02:30; SU 00:00-00:00; MO,WE 07:15-07:45; TU 12:00-12:00");
        for (Instant at = Instant.parse("2026-03-23T00:00:00Z"); at.isBefore(Instant.parse("2026-04-06T00:00:00Z"));
                at = at.plusSeconds(15 * 60)) {
            assertThat(windows.contains(at, schedule.zone())).as("at %s", at).isEqualTo(schedule.isOpen(at));
        }
    }

    @Test
    void holidays_close_the_day_or_open_only_their_hours_exactly_as_the_hosts_schedule_does() {
        // Weekdays 07:00-12:00 and an overnight Saturday window; Sunday 29 March 2026 (Berlin springs forward) and
        // Wednesday 1 April are holidays.
        List<Schedule.Window> weekly = List.of(
                new Schedule.Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(7, 0), LocalTime.of(12, 0)),
                new Schedule.Window(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.TUESDAY), LocalTime.of(22, 0), LocalTime.of(2, 0)));
        List<java.time.LocalDate> holidays = List.of(java.time.LocalDate.of(2026, 3, 29), java.time.LocalDate.of(2026, 4, 1));
        Schedule closed = new Schedule(ZoneId.of("Europe/Berlin"), weekly, null, holidays, List.of());
        Schedule hours = new Schedule(ZoneId.of("Europe/Berlin"), weekly, null, holidays, List.of(
                new Schedule.Window(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(13, 0)),
                new Schedule.Window(EnumSet.allOf(DayOfWeek.class), LocalTime.of(15, 0), LocalTime.MIDNIGHT)));

        assertThat(WeeklyWindows.of(closed).toString())
                .isEqualTo("MO-FR 07:00-12:00; TU,SA 22:00-02:00; holidays 2026-03-29,2026-04-01 closed");
        assertThat(WeeklyWindows.of(hours).toString())
                .isEqualTo("MO-FR 07:00-12:00; TU,SA 22:00-02:00; holidays 2026-03-29,2026-04-01 09:00-13:00,15:00-24:00");
        for (Schedule schedule : List.of(closed, hours)) {
            WeeklyWindows windows = WeeklyWindows.parse(WeeklyWindows.of(schedule).toString());
            for (Instant at = Instant.parse("2026-03-23T00:00:00Z"); at.isBefore(Instant.parse("2026-04-06T00:00:00Z"));
                    at = at.plusSeconds(15 * 60)) {
                assertThat(windows.contains(at, schedule.zone())).as("at %s", at).isEqualTo(schedule.isOpen(at));
            }
        }
        WeeklyWindows read = WeeklyWindows.of(closed);
        assertThat(read.contains(LocalDateTime.of(2026, 4, 1, 8, 0))).as("holiday Wednesday morning").isFalse();
        assertThat(read.contains(LocalDateTime.of(2026, 3, 31, 8, 0))).as("the Tuesday before").isTrue();
        assertThat(read.contains(LocalDateTime.of(2026, 4, 1, 1, 0))).as("Tuesday's night window ends at midnight").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"holidays 2026-12-25 closed", "MO 07:00-08:00; holidays 2026-12-25 closed; TU 07:00-08:00",
            "MO 07:00-08:00; holidays 2026-12-25", "MO 07:00-08:00; holidays  closed", "MO 07:00-08:00; holidays 2026-12-25 shut",
            "MO 07:00-08:00; holidays 2026-12-26,2026-12-25 closed", "MO 07:00-08:00; holidays 2026-12-25,2026-12-25 closed",
            "MO 07:00-08:00; holidays 2026-02-30 closed", "MO 07:00-08:00; holidays 26-12-25 closed",
            "MO 07:00-08:00; holidays 2026-12-25 13:00-09:00", "MO 07:00-08:00; holidays 2026-12-25 09:00-13:00,",
            "MO 07:00-08:00; holidays 2026-12-25 closed ", "MO 07:00-08:00; holidays 2026-12-25  closed"})
    void a_holidays_part_is_read_as_strictly(String text) {
        assertThatThrownBy(() -> WeeklyWindows.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*(Holiday|holidays).*");
    }
}
