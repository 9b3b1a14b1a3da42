package dev.portier.plugins.example;

import static dev.portier.plugins.example.ControllerFixture.FRONT_DOOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.GrantSync.GrantWithdrawal;
import dev.portier.plugin.api.GrantSync.SyncedGrant;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.LimitExceededException;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.Schedule;
import dev.portier.plugin.api.VendorRefusedException;
import dev.portier.plugins.example.simulator.AccessRule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GRANT_SYNC over real HTTP: grants become the controller's access rules, pushed and withdrawn. */
class GrantSyncTest {

    private static final Instant FROM = Instant.parse("2026-01-05T00:00:00Z");
    private static final Grantee ADA = new Grantee.Person("person-1", "Ada Lovelace", "ada@example.com", null);
    private static final Schedule OFFICE_HOURS = new Schedule(ZoneId.of("Europe/Oslo"), List.of(
            new Schedule.Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(7, 0), LocalTime.of(18, 0))), null);

    @Test
    void a_pushed_grant_is_a_rule_the_controller_decides_with() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            SyncedGrant synced = controller.driver.push(grant("grant-1", ADA, OFFICE_HOURS, null));

            AccessRule rule = controller.simulator.rule("front door", "grant-1").orElseThrow();
            assertThat(rule.reference()).isEqualTo(synced.vendorReference());
            assertThat(rule.holderKind()).isEqualTo("person");
            assertThat(rule.holderName()).isEqualTo("Ada Lovelace");
            assertThat(rule.permissions()).containsExactly("UNLOCK");
            assertThat(rule.allows("UNLOCK", Instant.parse("2026-01-05T08:00:00Z"))).as("Monday 09:00 in Oslo").isTrue();
            assertThat(rule.allows("UNLOCK", Instant.parse("2026-01-05T18:00:00Z"))).as("Monday 19:00 in Oslo").isFalse();
        }
    }

    @Test
    void a_changed_grant_updates_its_rule_in_place_and_a_retried_push_changes_nothing() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            SyncedGrant first = controller.driver.push(grant("grant-1", ADA, null, null));
            SyncedGrant again = controller.driver.push(grant("grant-1", ADA, null, null));
            SyncedGrant changed = controller.driver.push(grant("grant-1", ADA, OFFICE_HOURS, first.vendorReference()));

            assertThat(again).isEqualTo(first);
            assertThat(changed).isEqualTo(first);
            assertThat(controller.simulator.rules()).singleElement().satisfies(rule -> {
                assertThat(rule.schedule()).isNotNull();
                assertThat(rule.revision()).isEqualTo(3);
            });
        }
    }

    @Test
    void a_withdrawn_grant_leaves_the_controller_and_withdrawing_again_does_nothing() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            SyncedGrant synced = controller.driver.push(grant("grant-1", ADA, null, null));
            GrantWithdrawal withdrawal = new GrantWithdrawal("grant-1", FRONT_DOOR, ADA, synced.vendorReference());

            controller.driver.withdraw(withdrawal);
            assertThat(controller.simulator.rules()).isEmpty();
            assertThatCode(() -> controller.driver.withdraw(withdrawal)).doesNotThrowAnyException();
        }
    }

    @Test
    void cards_go_by_serial_and_a_serial_the_controller_cannot_take_is_refused_for_good() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.driver.push(grant("grant-1", new Grantee.Card("card-1", "04A1B2C3", "MIFARE"), null, null));
            assertThat(controller.simulator.rule("front door", "grant-1").orElseThrow().holder()).isEqualTo("04A1B2C3");

            assertThatThrownBy(() -> controller.driver.push(grant("grant-2", new Grantee.Card("card-2", "not hex!", null), null, null)))
                    .isInstanceOf(VendorRefusedException.class).hasMessageContaining("not hexadecimal");
        }
    }

    @Test
    void a_full_door_is_a_typed_limit() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.simulator.ruleLimit(1);
            controller.driver.push(grant("grant-1", ADA, null, null));

            assertThatThrownBy(() -> controller.driver.push(grant("grant-2", ADA, null, null)))
                    .isInstanceOfSatisfying(LimitExceededException.class, limit -> {
                        assertThat(limit.rule()).isEqualTo("example.rules-per-door");
                        assertThat(limit.limit()).isEqualTo(1);
                        assertThat(limit.current()).isEqualTo(1);
                    });
        }
    }

    @Test
    void an_unknown_door_is_refused_for_good() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            LockRef cellar = new LockRef("lock-cellar", "cellar", "Cellar", "Europe/Oslo");
            GrantSnapshot grant = new GrantSnapshot("grant-1", cellar, ADA, FROM, null, null, Set.of(Permission.UNLOCK), null);

            assertThatThrownBy(() -> controller.driver.push(grant)).isInstanceOf(VendorRefusedException.class)
                    .hasMessageContaining("cellar");
        }
    }

    @Test
    void a_failing_controller_is_transient_so_the_host_retries() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.simulator.failNext("/doors/front door/rules", 2);

            assertThatThrownBy(() -> controller.driver.push(grant("grant-1", ADA, null, null)))
                    .isNotInstanceOfAny(VendorRefusedException.class, LimitExceededException.class).hasMessageContaining("503");
            assertThatThrownBy(() -> controller.driver.push(grant("grant-1", ADA, null, null))).hasMessageContaining("503");
            assertThat(controller.driver.push(grant("grant-1", ADA, null, null)).vendorReference()).isNotBlank();
        }
    }

    @Test
    void a_hanging_controller_holds_the_call_until_it_answers() throws Exception {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.simulator.hang("/doors");
            CompletableFuture<SyncedGrant> push = CompletableFuture.supplyAsync(() -> controller.driver.push(grant("grant-1", ADA, null, null)));

            Thread.sleep(300);
            assertThat(push).as("the host's time limit, not the driver, ends a hanging call").isNotDone();
            controller.simulator.releaseHung();
            assertThat(push.get(5, TimeUnit.SECONDS).vendorReference()).isNotBlank();
        }
    }

    private static GrantSnapshot grant(String grantId, Grantee grantee, Schedule schedule, String previousReference) {
        return new GrantSnapshot(grantId, FRONT_DOOR, grantee, FROM, null, schedule, Set.of(Permission.UNLOCK), previousReference);
    }
}
