package dev.portier.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.GrantSync.RevocationProgress;
import dev.portier.plugin.api.GrantSync.ScheduleFit;
import dev.portier.plugin.api.LockDiscovery.DiscoveredLock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The values SPI 2.2 added: discovered locks, schedule fits, revocation progress, the subject of an event. */
class Spi22RecordsTest {

    private static final Schedule WEEKDAYS = new Schedule(ZoneId.of("Europe/Oslo"),
            List.of(new Schedule.Window(Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(17, 0))), null);

    @Test
    void a_discovered_lock_keeps_its_facts_in_order_and_unmodifiable() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Physical lock id", "12-34-BF-FB");
        facts.put("Time restrictions", "Supported");
        facts.put("Lock type", "TK.Td30");
        DiscoveredLock lock = new DiscoveredLock("BAASNL/7", "Front door", "12-34-BF-FB", "TK.Td30", facts);
        facts.clear();

        assertThat(lock.facts().keySet()).containsExactly("Physical lock id", "Time restrictions", "Lock type");
        assertThatThrownBy(() -> lock.facts().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new DiscoveredLock("r", "n", null, null, null).facts()).isEmpty();
        assertThatThrownBy(() -> new DiscoveredLock(null, "n", null, null, Map.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DiscoveredLock("r", null, null, null, Map.of())).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_fit_that_differs_explains_itself() {
        assertThat(ScheduleFit.exact(WEEKDAYS).enforced()).isEqualTo(WEEKDAYS);
        ScheduleFit widened = ScheduleFit.differs(null, "Lock X cannot take time restrictions.");
        assertThat(widened.exact()).isFalse();
        assertThat(widened.enforced()).isNull();
        assertThatThrownBy(() -> ScheduleFit.differs(null, " ")).hasMessageContaining("explanation");
        assertThatThrownBy(() -> ScheduleFit.exact(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void default_grant_sync_methods_answer_exact_and_reached() {
        GrantSync sync = new GrantSync() {
            @Override
            public SyncedGrant push(GrantSnapshot grant) {
                return new SyncedGrant("v");
            }

            @Override
            public void withdraw(GrantWithdrawal withdrawal) {
            }
        };
        LockRef lock = new LockRef("l", "v", "Door", "Europe/Oslo");
        assertThat(sync.fit(lock, WEEKDAYS)).isEqualTo(ScheduleFit.exact(WEEKDAYS));
        assertThat(sync.progress(new GrantSync.GrantWithdrawal("g", lock, new Grantee.Card("c", "04A1", null), null)))
                .isEqualTo(RevocationProgress.reachedLock());
        assertThat(RevocationProgress.Stage.values()).containsExactly(RevocationProgress.Stage.REQUESTED,
                RevocationProgress.Stage.REVOKED_AT_VENDOR, RevocationProgress.Stage.REACHED_LOCK);
    }

    @Test
    void an_event_of_spi_2_0_has_no_subject() {
        Instant at = Instant.parse("2026-03-02T08:15:00Z");
        LockEvent old = new LockEvent("lock-1", 7L, at, "UNLOCKED", Map.of());
        assertThat(old.subject()).isNull();
        assertThat(new LockEvent("lock-1", 7L, at, "UNLOCKED", null, AccessDecider.Subject.person("p-1")).subject().personId())
                .isEqualTo("p-1");
        assertThat(old).isEqualTo(new LockEvent("lock-1", 7L, at, "UNLOCKED", Map.of(), null));
    }
}
