package dev.portier.plugins.geotab;

import static dev.portier.plugins.geotab.GeotabHarness.VAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.RemoteCommands.CommandResult;
import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import dev.portier.plugin.api.ReservationSync.ReservationRequest;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.geotab.simulator.GoDevice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands with a virtualKeyId, a virtualKeyRequest or neither, and how the GO device treats each (vendor rules 1–3). */
class RemoteCommandsTest {

    private final GeotabHarness harness = new GeotabHarness();
    private final GoDevice van = harness.simulator.device(VAN.vendorReference());
    private final AtomicInteger ids = new AtomicInteger();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void without_context_commands_run_unconditionally_except_checkin_and_checkout() {
        assertThat(send(CommandType.UNLOCK, Map.of()).status()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(van.locked()).isFalse();
        send(CommandType.LOCK, Map.of());
        assertThat(van.locked()).isTrue();

        send(CommandType.CHECK_IN, Map.of());
        assertThat(van.checkedInKeyId()).as("CheckIn needs a virtual key").isNull();
    }

    @Test
    void a_checkin_with_a_virtual_key_request_creates_the_key_and_books_the_vehicle() {
        CommandResult result = send(CommandType.CHECK_IN, Map.of("tapCardSerialNumber", "743227D3PR",
                "userReference", "user@example.com", "beginningTimestamp", TestDriverContext.START.toString(),
                "endingTimestamp", String.valueOf(TestDriverContext.START.plus(Duration.ofHours(2)).toEpochMilli()),
                "endBookConditions", "IgnitionOff"));

        assertThat(result.status()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.vendorReference()).isNotBlank().isEqualTo(van.checkedInKeyId());
    }

    @Test
    void with_the_checked_in_key_every_command_runs_with_another_key_only_locate() {
        String booked = storedKey("743227D3PR");
        String other = storedKey("ABF26238AA");
        send(CommandType.CHECK_IN, Map.of("virtualKeyId", booked));
        assertThat(van.checkedInKeyId()).isEqualTo(booked);
        send(CommandType.LOCK, Map.of("virtualKeyId", booked));
        assertThat(van.locked()).isTrue();

        send(CommandType.UNLOCK, Map.of("virtualKeyId", other));
        assertThat(van.locked()).as("another key than the checked-in one may only locate").isTrue();
        assertThat(send(CommandType.LOCATE, Map.of("virtualKeyId", other)).status()).isEqualTo(CommandStatus.ACCEPTED);

        send(CommandType.UNLOCK, Map.of("virtualKeyId", booked));
        assertThat(van.locked()).isFalse();
        send(CommandType.CHECK_OUT, Map.of("virtualKeyId", booked));
        assertThat(van.checkedInKeyId()).isNull();
    }

    @Test
    void a_request_with_an_invalid_card_fails_naming_the_rule_and_sends_nothing() {
        CommandResult result = send(CommandType.CHECK_IN, Map.of("tapCardSerialNumber", "6D4297YA",
                "beginningTimestamp", "0", "endingTimestamp", "1"));

        assertThat(result.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(result.message()).contains("rule 1");
        assertThat(harness.requests("POST", "commands")).isZero();
    }

    @Test
    void the_same_command_id_is_sent_once() {
        LockCommand unlock = new LockCommand("cmd-7", CommandType.UNLOCK, Map.of());
        CommandResult first = harness.driver.send(VAN, unlock);
        CommandResult second = harness.driver.send(VAN, unlock);

        assertThat(second).isEqualTo(first);
        assertThat(harness.requests("POST", "commands")).isEqualTo(1);
    }

    private CommandResult send(CommandType type, Map<String, String> options) {
        return harness.driver.send(VAN, new LockCommand("cmd-" + ids.incrementAndGet(), type, options));
    }

    private String storedKey(String card) {
        return harness.driver.store(new ReservationRequest("r-" + card, VAN, "user@example.com", List.of(card),
                TestDriverContext.START, TestDriverContext.START.plus(Duration.ofHours(4)), Set.of("Lock"), Set.of(),
                Set.of())).vendorKeyId();
    }
}
