package dev.portier.web.grants;

import dev.portier.domain.grants.WeeklySchedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schedule editor turns rows of days and times into the schedule text a grant stores, and back. */
class ScheduleEditorTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void noWindowsMeansAnyTime() {
        ScheduleEditor editor = new ScheduleEditor();
        assertThat(editor.getValue()).isEmpty();
        assertThat(editor.problem()).isEmpty();
    }

    @Test
    void twoWindowsOnWorkdaysBecomeTheTwoWindowSchedule() {
        ScheduleEditor editor = new ScheduleEditor();
        ScheduleWindowRow morning = editor.addWindow();
        morning.start.setValue(LocalTime.of(7, 0));
        morning.end.setValue(LocalTime.of(12, 0));
        ScheduleWindowRow afternoon = editor.addWindow();
        afternoon.start.setValue(LocalTime.of(13, 0));
        afternoon.end.setValue(LocalTime.of(18, 0));

        assertThat(editor.getValue()).isEqualTo("MO,TU,WE,TH,FR 07:00-12:00; MO,TU,WE,TH,FR 13:00-18:00");
        WeeklySchedule schedule = WeeklySchedule.parse(editor.getValue());
        // Monday 2030-01-07: 08:00 and 17:59 open, 12:30 (lunch) and Saturday closed.
        assertThat(schedule.isOpen(Instant.parse("2030-01-07T07:00:00Z"), OSLO)).isTrue();
        assertThat(schedule.isOpen(Instant.parse("2030-01-07T16:59:00Z"), OSLO)).isTrue();
        assertThat(schedule.isOpen(Instant.parse("2030-01-07T11:30:00Z"), OSLO)).isFalse();
        assertThat(schedule.isOpen(Instant.parse("2030-01-12T09:00:00Z"), OSLO)).isFalse();
        assertThat(afternoon.summary()).isEqualTo("Weekdays 13:00–18:00");
    }

    @Test
    void aFurtherWindowFollowsTheLastOnTheSameDays() {
        ScheduleEditor editor = new ScheduleEditor();
        editor.addWindow().days.setValue(EnumSet.of(DayOfWeek.SATURDAY));
        editor.addWindow();
        assertThat(editor.getValue()).isEqualTo("SA 08:00-16:00; SA 17:00-21:00");
    }

    @Test
    void aStoredScheduleFillsOneRowPerWindowWithItsRule() {
        ScheduleEditor editor = new ScheduleEditor();
        editor.setValue("SA,SU 10:00-14:00; FR 22:00-02:00");

        assertThat(editor.rows()).hasSize(2);
        ScheduleWindowRow weekend = editor.rows().get(0);
        assertThat(weekend.days.getValue()).isEqualTo(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        assertThat(weekend.summary()).startsWith("Weekends ");
        ScheduleWindowRow night = editor.rows().get(1);
        assertThat(night.start.getValue()).isEqualTo(LocalTime.of(22, 0));
        assertThat(night.end.getValue()).isEqualTo(LocalTime.of(2, 0));
        assertThat(editor.getValue()).isEqualTo("SA,SU 10:00-14:00; FR 22:00-02:00");
    }

    @Test
    void changingDaysAndRemovingAWindowUpdateTheValue() {
        ScheduleEditor editor = new ScheduleEditor();
        editor.setValue("MO-FR 07:00-12:00; MO-FR 13:00-18:00");
        editor.rows().get(1).days.setValue(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY));
        assertThat(editor.getValue()).isEqualTo("MO,TU,WE,TH,FR 07:00-12:00; MO,WE 13:00-18:00");

        editor.rows().get(0).remove.click();
        assertThat(editor.rows()).hasSize(1);
        assertThat(editor.getValue()).isEqualTo("MO,WE 13:00-18:00");
        assertThat(editor.rows().get(0).start.getAriaLabel()).contains("Window 1 from");
    }

    @Test
    void anIncompleteWindowIsAProblemAndNotPartOfTheValue() {
        ScheduleEditor editor = new ScheduleEditor();
        ScheduleWindowRow row = editor.addWindow();
        row.days.setValue(Set.of());
        assertThat(editor.problem()).contains("Choose at least one day for each window");
        assertThat(row.summary()).isEqualTo("Choose at least one day for each window");
        assertThat(editor.getValue()).isEmpty();

        row.days.setValue(Set.of(DayOfWeek.TUESDAY));
        row.end.clear();
        assertThat(editor.problem()).contains("Choose a start and an end time for each window");
        row.end.setValue(row.start.getValue());
        assertThat(editor.problem()).hasValueSatisfying(p -> assertThat(p).contains("cannot start and end at the same time"));
    }
}
