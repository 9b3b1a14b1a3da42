package dev.portier.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.GrantSync.GrantWithdrawal;
import dev.portier.plugin.api.GrantSync.ScheduleFit;
import dev.portier.plugin.api.GrantSync.SyncedGrant;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What SPI 2.3 added: a schedule's holidays (and holiday hours), and the default fit's warning about them. */
class Spi23HolidaysTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final List<Schedule.Window> WEEKDAYS = List.of(new Schedule.Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(7, 0), LocalTime.of(17, 0)));
    static final LocalDate ASCENSION = LocalDate.of(2026, 5, 14); // a Thursday

    @Test
    void a_holiday_closes_the_weekly_windows_for_its_whole_local_day() {
        Schedule schedule = new Schedule(OSLO, WEEKDAYS, null, List.of(ASCENSION), List.of());
        assertThat(schedule.observesHolidays()).isTrue();
        assertThat(schedule.isOpen(Instant.parse("2026-05-13T08:00:00Z"))).isTrue();
        assertThat(schedule.isOpen(Instant.parse("2026-05-14T08:00:00Z"))).isFalse();
        assertThat(schedule.withoutHolidays().isOpen(Instant.parse("2026-05-14T08:00:00Z"))).isTrue();
        assertThat(schedule.withoutHolidays().holidays()).isEmpty();
        assertThat(new Schedule(OSLO, WEEKDAYS, null).holidays()).as("the 2.2 constructor").isEmpty();
    }

    @Test
    void holiday_hours_open_instead_on_a_holiday() {
        Schedule schedule = new Schedule(OSLO, WEEKDAYS, null, List.of(ASCENSION),
                List.of(new Schedule.Window(Set.of(DayOfWeek.MONDAY), LocalTime.of(10, 0), LocalTime.of(14, 0))));
        assertThat(schedule.isOpen(Instant.parse("2026-05-14T07:00:00Z"))).as("09:00 CEST").isFalse();
        assertThat(schedule.isOpen(Instant.parse("2026-05-14T09:00:00Z"))).as("11:00 CEST").isTrue();
        assertThat(schedule.isOpen(Instant.parse("2026-05-14T12:00:00Z"))).as("14:00 CEST").isFalse();
    }

    @Test
    void the_default_fit_says_a_lock_cannot_observe_holidays() {
        GrantSync vendor = new GrantSync() {
            @Override
            public SyncedGrant push(GrantSnapshot grant) {
                return new SyncedGrant("ref");
            }

            @Override
            public void withdraw(GrantWithdrawal withdrawal) {
            }
        };
        LockRef lock = new LockRef("lock-1", "door-1", "Front door", "Europe/Oslo");
        Schedule plain = new Schedule(OSLO, WEEKDAYS, null);
        assertThat(vendor.fit(lock, plain)).isEqualTo(ScheduleFit.exact(plain));

        Schedule withHolidays = new Schedule(OSLO, WEEKDAYS, null, List.of(ASCENSION), List.of());
        ScheduleFit fit = vendor.fit(lock, withHolidays);
        assertThat(fit.exact()).isFalse();
        assertThat(fit.explanation()).isEqualTo("This lock cannot observe holidays: Front door will open on holidays as on other days of the week.");
        assertThat(fit.enforced()).isEqualTo(plain);
    }

    @Test
    void the_version_says_2_3() {
        assertThat(PluginApi.VERSION).isEqualTo("2.3.0");
        assertThat(DenialReason.valueOf("HOLIDAY_CLOSED")).isNotNull();
    }
}
