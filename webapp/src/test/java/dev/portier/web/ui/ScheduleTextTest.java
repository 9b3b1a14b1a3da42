package dev.portier.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.grants.WeeklySchedule;
import org.junit.jupiter.api.Test;

/** Issue #19 item 7: schedules as people say them. */
class ScheduleTextTest {

    @Test
    void schedulesReadAsSentences() {
        assertThat(ScheduleText.sentence(WeeklySchedule.parse("MO,TU,WE,TH,FR 07:00-12:00; SA 09:00-13:00")))
                .isEqualTo("Weekdays 07:00–12:00, Sat 09:00–13:00");
        assertThat(ScheduleText.sentence(WeeklySchedule.parse("SA,SU 00:00-00:00"))).isEqualTo("Weekends all day");
        assertThat(ScheduleText.sentence(WeeklySchedule.parse("MO,WE,FR 22:00-02:00")))
                .isEqualTo("Mon, Wed, Fri 22:00–02:00 (into the next day)");
        assertThat(ScheduleText.sentence(WeeklySchedule.parse("MO,TU,WE,TH 08:00-16:00; SU 10:00-12:00")))
                .isEqualTo("Mon–Thu 08:00–16:00, Sun 10:00–12:00");
        assertThat(ScheduleText.sentence(WeeklySchedule.parse("MO,TU,WE,TH,FR 07:00-12:00; MO,TU,WE,TH,FR 13:00-18:00")))
                .isEqualTo("Weekdays 07:00–12:00 and 13:00–18:00");
        assertThat(ScheduleText.sentence(null)).isEqualTo("Any time");
    }
}
