package dev.portier.plugins.geotab;

import static dev.portier.plugins.geotab.GeotabHarness.VAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.AccessDecider.AccessAnswer;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.ReservationSync.ReservationRequest;
import dev.portier.plugin.api.SandboxActions.SandboxAction;
import dev.portier.plugin.api.SandboxActions.SandboxOutcome;
import dev.portier.plugin.api.SandboxActions.SandboxRun;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.geotab.internal.GeotabDriver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sandbox connection runs its own simulator on loopback and reaches it over real HTTP with a plain
 * client (the context's guarded client is never used); its actions tap cards, toggle the network and
 * show stored keys, and the simulator calls "Portier" at the run's base URL.
 */
class SandboxModeTest {

    private static final String CARD = "743227D3PR";
    private final GeotabHarness harness = GeotabHarness.sandbox();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void offers_its_three_actions_and_talks_to_its_own_simulator() {
        assertThat(harness.driver.sandboxActions()).extracting(SandboxAction::id)
                .containsExactly("tap-card", "connectivity", "show-keys");
        assertThat(harness.simulator).isNotNull();
        assertThat(harness.simulator.requests()).anySatisfy(r -> assertThat(r).startsWith("GET /api/tenants/portierfleet/notification-subscriptions"));
        assertThat(harness.context.http().sent()).as("the guarded client is not used in sandbox mode").isEmpty();
    }

    @Test
    void a_short_tap_with_a_stored_key_checks_in_and_portier_records_it() {
        harness.driver.store(new ReservationRequest("r-1", VAN, "user@example.com", List.of(CARD),
                TestDriverContext.START, TestDriverContext.START.plus(Duration.ofHours(2)), Set.of(), Set.of(), Set.of()));

        SandboxOutcome outcome = run("tap-card", Map.of("lock", VAN.lockId(), "card", "7432 27d3pr", "hold", "Short tap"));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.transcript()).contains("LED: NFC tapCard detect: Green LED - On (125ms), Off (125ms)",
                "LED: CheckIn/CheckOut completed: [Green LED - On (500ms), Off (500ms)] x 3");
        assertThat(outcome.transcript()).anySatisfy(line -> assertThat(line).startsWith("Notified Portier of TapCheckInComplete: HTTP 200"));
        assertThat(harness.context.recordedEvents()).extracting(LockEvent::type).containsExactly("TAP_CHECK_IN_COMPLETE");
    }

    @Test
    void a_long_hold_of_an_allowed_unknown_card_is_approved_by_portier() {
        harness.context.decideWith(q -> new AccessAnswer(true, "grant-1", null, null, Duration.ofMinutes(30), List.of()));

        SandboxOutcome outcome = run("tap-card", Map.of("lock", VAN.lockId(), "card", CARD, "hold", "Long hold (about 7 s)"));

        assertThat(outcome.transcript()).anySatisfy(line -> assertThat(line).contains("\"result\":\"approved\""));
        assertThat(outcome.transcript()).anySatisfy(line -> assertThat(line).startsWith("CheckIn approved with virtual key"));
        SandboxOutcome keys = run("show-keys", Map.of("lock", VAN.lockId()));
        assertThat(keys.transcript().getFirst()).contains("online, unlocked, ignition enabled, checked in with");
    }

    @Test
    void offline_and_back_online_delivers_the_taps_in_between() {
        harness.driver.store(new ReservationRequest("r-1", VAN, "user@example.com", List.of(CARD),
                TestDriverContext.START, TestDriverContext.START.plus(Duration.ofHours(2)), Set.of(), Set.of(), Set.of()));
        run("connectivity", Map.of("lock", VAN.lockId(), "network", "Take offline"));
        run("tap-card", Map.of("lock", VAN.lockId(), "card", CARD, "hold", "Short tap"));
        assertThat(harness.context.recordedEvents()).isEmpty();

        SandboxOutcome back = run("connectivity", Map.of("lock", VAN.lockId(), "network", "Back online"));

        assertThat(back.transcript()).anySatisfy(line -> assertThat(line).startsWith("Delivered TapCheckInComplete"));
        assertThat(harness.context.recordedEvents()).extracting(LockEvent::type).containsExactly("TAP_CHECK_IN_COMPLETE");
    }

    @Test
    void after_a_restart_the_empty_simulator_gets_the_stored_keys_again() throws InterruptedException {
        String id = harness.driver.store(new ReservationRequest("r-1", VAN, "user@example.com", List.of(CARD),
                TestDriverContext.START, TestDriverContext.START.plus(Duration.ofHours(2)), Set.of(), Set.of(), Set.of()))
                .vendorKeyId();
        harness.driver.dispose();

        GeotabDriver restarted = (GeotabDriver) harness.factory.create(harness.context.configuration(), harness.context);
        restarted.initialize();
        try {
            GeotabHarness.await(() -> !restarted.simulator().device(VAN.vendorReference()).storedKeys().isEmpty(),
                    Duration.ofSeconds(5));
            assertThat(restarted.simulator().device(VAN.vendorReference()).storedKeys())
                    .singleElement().satisfies(k -> assertThat(k.virtualKeyId()).as("under its own id").isEqualTo(id));
            assertThat(harness.context.recordedEvents()).isEmpty();
            assertThat(restarted.capacity(VAN).activeKeys()).isEqualTo(1);
            restarted.cancel(VAN, id);
            assertThat(restarted.simulator().device(VAN.vendorReference()).describe())
                    .anySatisfy(line -> assertThat(line).contains("Stored virtual keys in flash: 0 of 4"));
        } finally {
            restarted.dispose();
        }
    }

    /** Issue #15 item 5: a sandbox device gets the "Disable Online CheckIn" parameter from the host, also after a restart. */
    @Test
    void the_host_sets_disable_online_checkin_on_the_sandbox_device_and_it_holds_across_a_restart() throws InterruptedException {
        harness.driver.onlineCheckIn(VAN, false);
        SandboxOutcome tap = run("tap-card", Map.of("lock", VAN.lockId(), "card", CARD, "hold", "Long hold (about 7 s)"));
        assertThat(tap.transcript()).contains(
                "Card not in a valid stored virtual key and \"Disable Online CheckIn\" is set: no CheckIn request.");
        assertThat(harness.context.recordedEvents()).isEmpty();
        harness.driver.dispose();

        GeotabDriver restarted = (GeotabDriver) harness.factory.create(harness.context.configuration(), harness.context);
        restarted.initialize();
        try {
            GeotabHarness.await(() -> restarted.simulator().device(VAN.vendorReference()).onlineCheckInDisabled(),
                    Duration.ofSeconds(5));
            restarted.onlineCheckIn(VAN, true);
            assertThat(restarted.simulator().device(VAN.vendorReference()).onlineCheckInDisabled()).isFalse();
        } finally {
            restarted.dispose();
        }
    }

    @Test
    void bad_inputs_are_a_failed_outcome_saying_what_is_wrong() {
        assertThat(run("tap-card", Map.of("lock", "no-such-lock", "card", CARD, "hold", "Short tap")))
                .isEqualTo(new SandboxOutcome(false, List.of("Choose one of this connection's vehicles.")));
        assertThat(run("connectivity", Map.of("lock", VAN.lockId(), "network", "sideways")).succeeded()).isFalse();
    }

    private SandboxOutcome run(String action, Map<String, String> inputs) {
        return harness.driver.run(new SandboxRun(action, inputs, URI.create(harness.portierUrl())));
    }
}
