package dev.portier.plugins.reference;

import static dev.portier.plugins.reference.KeyFlowFixture.LOCK;
import static dev.portier.plugins.reference.KeyFlowFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.KeyIssuing.IssuedKey;
import dev.portier.plugin.api.KeyHolder;
import dev.portier.plugin.api.KeyIssuing.KeyRequest;
import dev.portier.plugin.api.KeyIssuing.KeyWithdrawal;
import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.LockEnrolment.EnrolmentRequest;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.api.SandboxActions.InputKind;
import dev.portier.plugin.api.SandboxActions.SandboxAction;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.reference.internal.Base64Url;
import dev.portier.plugins.reference.internal.ReferenceDriver;
import dev.portier.plugins.reference.internal.SimulatorStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox's actions end to end: register, sync and tap simulated phones, with state that outlives the driver. */
class SandboxActionsTest {

    private final KeyFlowFixture world;

    SandboxActionsTest() throws IOException {
        world = new KeyFlowFixture();
    }

    @AfterEach
    void close() {
        world.close();
    }

    private SandboxOutcome run(ReferenceDriver driver, String action, Map<String, String> inputs) {
        return driver.run(new SandboxRun(action, inputs, world.api.baseUrl()));
    }

    private String text(SandboxOutcome outcome) {
        return String.join("\n", outcome.transcript());
    }

    @Test
    void the_actions_offer_the_registered_phones_the_locks_and_the_permissions() {
        List<SandboxAction> before = world.driver.sandboxActions();
        assertThat(before).extracting(SandboxAction::id).containsExactly("register-phone", "tap-phone", "sync-phone", "tap-card");
        assertThat(before.get(1).inputs()).extracting(input -> input.kind())
                .containsExactly(InputKind.CHOICE, InputKind.LOCK, InputKind.CHOICE);
        assertThat(before.get(1).inputs().get(0).choices()).isEmpty();
        assertThat(before.get(1).inputs().get(2).choices()).containsExactly("UNLOCK", "LOCK", "IGNITION");

        world.api.addEnrolmentCode("code-1", "person-1");
        run(world.driver, "register-phone", Map.of("enrolmentCode", "code-1", "phoneName", "Kiosk phone"));

        assertThat(world.driver.sandboxActions().get(2).inputs().getFirst().choices()).containsExactly("Kiosk phone");
    }

    @Test
    void register_sync_tap_and_sync_again_tell_each_step_and_survive_a_new_driver() {
        EnrolmentResult enrolled = world.driver.enrol(new EnrolmentRequest(LOCK, Map.of()));
        world.api.addLock(LOCK.lockId(), LOCK.name(), Base64Url.decode(Schedules.material(enrolled, "publicKey"), "publicKey"),
                world.issuerKey);
        world.api.addEnrolmentCode("code-1", "person-1");

        SandboxOutcome registered = run(world.driver, "register-phone", Map.of("enrolmentCode", "code-1", "phoneName", "Kiosk phone"));
        assertThat(registered.succeeded()).as(text(registered)).isTrue();
        assertThat(text(registered)).contains("Portier registered device device-2 for person person-1");

        PhoneSimulator phone = new SimulatorStore(world.context.secrets()).phone("Kiosk phone", world.api.baseUrl(),
                world.context.clock()).orElseThrow();
        IssuedKey key = world.driver.issue(new KeyRequest("key-9", LOCK, KeyFlowFixture.device(phone), START,
                START.plus(Duration.ofDays(1)), null, Set.of(Permission.UNLOCK), START));
        world.api.giveKey(phone.deviceId(), LOCK.lockId(), key, START);

        SandboxOutcome synced = run(world.driver, "sync-phone", Map.of("phone", "Kiosk phone"));
        assertThat(text(synced)).contains("Keys opened with the phone's encryption key: key-9.");

        SandboxOutcome tapped = run(world.driver, "tap-phone", Map.of("phone", "Kiosk phone", "lock", "lock-1", "permission", "UNLOCK"));
        assertThat(tapped.succeeded()).isTrue();
        assertThat(text(tapped)).contains("genuine lock", "Result: the lock opened.", "Log entry: #1", "UNLOCKED",
                "keeps 1 log entry and list version 0 for its next sync");

        // A new driver (a restart) finds the phone and the lock as they were.
        ReferenceDriver restarted = (ReferenceDriver) new ReferenceLocksFactory().create(world.context.configuration(), world.context);
        SandboxOutcome denied = run(restarted, "tap-phone", Map.of("phone", "Kiosk phone", "lock", "lock-1", "permission", "LOCK"));
        assertThat(text(denied)).contains("Result: the lock refused: MISSING_PERMISSION", "Log entry: #2", "ACCESS_DENIED");

        SandboxOutcome uploaded = run(restarted, "sync-phone", Map.of("phone", "Kiosk phone"));
        assertThat(text(uploaded)).contains("Uploaded 2 log entries of lock lock-1: 2 new, 0 already known.");
        assertThat(world.api.events(LOCK.lockId())).hasSize(2);
    }

    @Test
    void bad_inputs_are_failed_outcomes_that_say_what_is_wrong() {
        assertThat(text(run(world.driver, "register-phone", Map.of("enrolmentCode", "nope", "phoneName", "P"))))
                .contains("Portier answered", "HTTP 400", "unknown, used or expired");
        assertThat(run(world.driver, "register-phone", Map.of("enrolmentCode", " ", "phoneName", "P")).succeeded()).isFalse();
        assertThat(text(run(world.driver, "sync-phone", Map.of("phone", "ghost")))).contains("Choose a registered simulated phone");

        world.api.addEnrolmentCode("code-1", "person-1");
        run(world.driver, "register-phone", Map.of("enrolmentCode", "code-1", "phoneName", "P"));
        world.api.addEnrolmentCode("code-2", "person-1");
        assertThat(text(run(world.driver, "register-phone", Map.of("enrolmentCode", "code-2", "phoneName", "P"))))
                .contains("named P already");
        SandboxOutcome noLock = run(world.driver, "tap-phone", Map.of("phone", "P", "lock", "lock-404", "permission", "UNLOCK"));
        assertThat(noLock.succeeded()).isFalse();
        assertThat(text(noLock)).contains("has no simulated lock");
        world.driver.enrol(new EnrolmentRequest(LOCK, Map.of()));
        assertThat(text(run(world.driver, "tap-phone", Map.of("phone", "P", "lock", "lock-1", "permission", "FLY"))))
                .contains("Choose a permission");
        SandboxOutcome noKey = run(world.driver, "tap-phone", Map.of("phone", "P", "lock", "lock-1", "permission", "UNLOCK"));
        assertThat(noKey.succeeded()).isTrue();
        assertThat(text(noKey)).contains("the phone refused", "no key for lock lock-1");
        assertThat(run(world.driver, "fly", Map.of()).succeeded()).isFalse();
    }
    @Test
    void a_card_key_is_written_onto_the_simulated_card_and_opens_the_simulated_lock() {
        world.driver.enrol(new EnrolmentRequest(LOCK, Map.of()));
        world.giveCard("04a1b2c3", "card-key-1", LOCK, START, START.plus(Duration.ofDays(1)), null, Set.of("UNLOCK"), START);

        SandboxAction tapCard = world.driver.sandboxActions().get(3);
        assertThat(tapCard.inputs()).extracting(input -> input.kind()).containsExactly(InputKind.CHOICE, InputKind.LOCK,
                InputKind.CHOICE);
        assertThat(tapCard.inputs().getFirst().choices()).containsExactly("04A1B2C3");
        SandboxOutcome tapped = run(world.driver, "tap-card", Map.of("card", "04A1B2C3", "lock", "lock-1", "permission", "UNLOCK"));

        assertThat(tapped.succeeded()).as(text(tapped)).isTrue();
        assertThat(text(tapped)).contains("serial 04A1B2C3 and its key card-key-1", "Result: the lock opened.", "Log entry: #1",
                "UNLOCKED", "Lock health: online, battery 100 %");
        SandboxOutcome denied = run(world.driver, "tap-card", Map.of("card", "04A1B2C3", "lock", "lock-1", "permission", "LOCK"));
        assertThat(text(denied)).contains("Result: the lock refused: MISSING_PERMISSION", "Log entry: #2");
        assertThat(text(run(world.driver, "tap-card", Map.of("card", "nope", "lock", "lock-1", "permission", "LOCK"))))
                .contains("Choose a simulated card");
    }

    @Test
    void withdrawing_a_card_key_erases_it_from_the_simulated_card_and_is_idempotent() {
        world.driver.enrol(new EnrolmentRequest(LOCK, Map.of()));
        world.giveCard("04A1B2C3", "card-key-1", LOCK, START, START.plus(Duration.ofDays(1)), null, Set.of("UNLOCK"), START);
        world.giveCard("04A1B2C3", "card-key-2", KeyFlowFixture.OTHER_LOCK, START, START.plus(Duration.ofDays(1)), null,
                Set.of("UNLOCK"), START);
        KeyWithdrawal withdrawal = new KeyWithdrawal("card-key-1", LOCK, START.plus(Duration.ofDays(1)));

        world.driver.withdraw(withdrawal);
        Map<String, byte[]> afterFirst = store().card("04A1B2C3").orElseThrow().credentials();
        world.driver.withdraw(withdrawal);
        world.driver.withdraw(new KeyWithdrawal("never-issued", LOCK, null));

        assertThat(afterFirst).containsOnlyKeys("card-key-2");
        assertThat(store().card("04A1B2C3").orElseThrow().credentials()).containsOnlyKeys("card-key-2");
        assertThat(text(run(world.driver, "tap-card", Map.of("card", "04A1B2C3", "lock", "lock-1", "permission", "UNLOCK"))))
                .contains("holds no key for lock lock-1", "logs nothing");
        assertThat(world.context.reportedHealth()).as("the lock was not reached").isEmpty();
    }

    @Test
    void withdrawing_in_production_mode_keeps_nothing_and_does_nothing() {
        try (TestDriverContext production = TestDriverContext.of(Map.of("mode", "production"))) {
            ReferenceDriver real = (ReferenceDriver) new ReferenceLocksFactory().create(production.configuration(), production);
            real.issue(new KeyRequest("card-key-1", LOCK, new KeyHolder.Card("card-1", "04A1"), START, START.plusSeconds(60), null,
                    Set.of(Permission.UNLOCK), START));
            assertThat(production.secrets().names()).as("production keeps no cards").isEmpty();
            real.withdraw(new KeyWithdrawal("card-key-1", LOCK, START.plusSeconds(60)));
            real.withdraw(new KeyWithdrawal("card-key-1", LOCK, START.plusSeconds(60)));
            assertThat(production.secrets().names()).isEmpty();
        }
    }

    @Test
    void a_phone_tap_that_reaches_the_lock_reports_its_health_and_the_battery_drops_slowly_with_use() {
        EnrolmentResult enrolled = world.driver.enrol(new EnrolmentRequest(LOCK, Map.of()));
        world.api.addLock(LOCK.lockId(), LOCK.name(), Base64Url.decode(Schedules.material(enrolled, "publicKey"), "publicKey"),
                world.issuerKey);
        world.api.addEnrolmentCode("code-1", "person-1");
        run(world.driver, "register-phone", Map.of("enrolmentCode", "code-1", "phoneName", "P"));

        run(world.driver, "tap-phone", Map.of("phone", "P", "lock", "lock-1", "permission", "UNLOCK"));
        assertThat(world.context.reportedHealth()).as("a phone without a key never says hello").isEmpty();

        PhoneSimulator phone = store().phone("P", world.api.baseUrl(), world.context.clock()).orElseThrow();
        IssuedKey key = world.driver.issue(new KeyRequest("key-9", LOCK, KeyFlowFixture.device(phone), START,
                START.plus(Duration.ofDays(1)), null, Set.of(Permission.UNLOCK), START));
        world.api.giveKey(phone.deviceId(), LOCK.lockId(), key, START);
        run(world.driver, "sync-phone", Map.of("phone", "P"));
        world.context.clock().advance(Duration.ofMinutes(5));
        SandboxOutcome tapped = run(world.driver, "tap-phone", Map.of("phone", "P", "lock", "lock-1", "permission", "UNLOCK"));

        assertThat(text(tapped)).contains("Result: the lock opened.", "Lock health: online, battery 100 %, firmware");
        assertThat(world.context.lastHealth("lock-1")).hasValue(new LockHealth("lock-1", true, 100, false,
                START.plus(Duration.ofMinutes(5)), LockSimulator.FIRMWARE));

        // 0.05 % per use, kept across restarts: 30 more hellos and the tap leave 98.4 %.
        LockSimulator lock = lock();
        for (int i = 0; i < 30; i++) {
            Handshakes.hello(lock);
        }
        store().save(lock);
        run(world.driver, "tap-phone", Map.of("phone", "P", "lock", "lock-1", "permission", "UNLOCK"));
        assertThat(world.context.lastHealth("lock-1").orElseThrow().batteryPercent()).isEqualTo(98);
        assertThat(lock().batteryPercent()).isEqualTo(98);

        LockSimulator low = lock();
        low.setBatteryPercent(15);
        store().save(low);
        SandboxOutcome lowTap = run(world.driver, "tap-phone", Map.of("phone", "P", "lock", "lock-1", "permission", "UNLOCK"));
        assertThat(text(lowTap)).contains("battery 15 % (low)");
        assertThat(world.context.lastHealth("lock-1").orElseThrow().batteryLow()).isTrue();
    }

    private SimulatorStore store() {
        return new SimulatorStore(world.context.secrets());
    }

    private LockSimulator lock() {
        return store().lock(LOCK.lockId(), world.issuerKey, world.context.clock()).orElseThrow();
    }
}
