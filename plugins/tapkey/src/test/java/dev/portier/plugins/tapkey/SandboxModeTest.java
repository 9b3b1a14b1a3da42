package dev.portier.plugins.tapkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.EventPulling.PulledEvents;
import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.GrantSync.ScheduleFit;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.LockDiscovery.DiscoveredLock;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.SandboxActions;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.tapkey.internal.TapkeyDriver;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's path in sandbox mode: the owner account's bound locks, a weekday grant on one, a simulated
 * phone opening it inside the schedule and not outside, the unlock read back by entry number.
 */
class SandboxModeTest {

    @Test
    void discover_grant_open_with_a_phone_and_read_the_unlock() {
        try (TestDriverContext context = TestDriverContext.of(Map.of("mode", "sandbox", "ownerAccount", "sandbox-office"))) {
            TapkeyDriver driver = (TapkeyDriver) new TapkeyFactory().create(context.configuration(), context);
            driver.initialize();
            context.awaitStatus(status -> status.state() == ConnectionState.ONLINE, Duration.ofSeconds(5));

            List<DiscoveredLock> locks = driver.discover();
            assertThat(locks).extracting(DiscoveredLock::name).containsExactly("Front door", "Meeting room", "Bike shed");
            DiscoveredLock front = locks.getFirst();
            assertThat(front.displayReference()).isEqualTo("12-34-BF-FB");
            assertThat(front.facts()).containsEntry("Time restrictions", "Supported").containsEntry("Lock type", "TK.Td30");
            LockRef door = new LockRef("lock-front", front.vendorReference(), front.name(), "Europe/Oslo");
            LockRef shed = new LockRef("lock-shed", locks.get(2).vendorReference(), "Bike shed", "Europe/Oslo");
            context.addLock(door);
            context.addLock(shed);

            var schedule = HostSchedules.weekdays(ZoneId.of("Europe/Oslo"), LocalDate.of(2026, 1, 5));
            assertThat(driver.fit(door, schedule)).isEqualTo(ScheduleFit.exact(schedule));
            assertThat(driver.fit(shed, schedule).explanation()).contains("cannot take time restrictions");
            driver.push(new GrantSnapshot("grant-1", door, new Grantee.Person("person-ada", "Ada", "ada@example.com", null),
                    TestDriverContext.START, null, schedule, Set.of(Permission.UNLOCK), null));

            SandboxActions sandbox = driver;
            assertThat(sandbox.sandboxActions()).extracting(SandboxActions.SandboxAction::id)
                    .contains("phone-unlock", "card-unlock", "upload-log", "sync-revocation-list", "drop-next-create", "show-grants");
            // 2026-01-05 is a Monday; the clock starts at 09:00 UTC = 10:00 in Oslo.
            SandboxOutcome inside = sandbox.run(new SandboxRun("phone-unlock", Map.of("lock", "lock-front", "email", "ada@example.com"), null));
            assertThat(inside.transcript().getLast()).startsWith("Opened");
            SandboxOutcome outside = sandbox.run(new SandboxRun("phone-unlock",
                    Map.of("lock", "lock-front", "email", "ada@example.com", "at", "2026-01-05T18:30"), null));
            assertThat(outside.transcript().getLast()).startsWith("Stayed locked").contains("time restriction");
            assertThat(sandbox.run(new SandboxRun("show-grants", Map.of("lock", "lock-front"), null)).transcript())
                    .anySatisfy(line -> assertThat(line).contains("ada@example.com").contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"));

            assertThat(driver.pull(null).events()).as("the entry is still on its way").isEmpty();
            context.clock().advance(Duration.ofSeconds(30));
            List<LockEvent> events = new ArrayList<>();
            String cursor = null;
            PulledEvents pulled;
            do {
                pulled = driver.pull(cursor);
                events.addAll(pulled.events());
                cursor = pulled.nextCursor();
            } while (pulled.more());
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.lockId()).isEqualTo("lock-front");
                assertThat(event.entryNumber()).isEqualTo(1L);
                assertThat(event.type()).isEqualTo("UNLOCKED");
                assertThat(event.subject().personId()).isEqualTo("person-ada");
            });
            context.dispose(driver);
        }
    }

    @Test
    void production_drivers_offer_no_sandbox_actions() {
        try (TapkeyFixture tapkey = new TapkeyFixture(); TapkeyFixture.Started started = tapkey.start()) {
            assertThat(started.driver().sandboxActions()).isEmpty();
        }
    }
}
