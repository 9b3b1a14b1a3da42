package dev.portier.plugins.geotab;

import static dev.portier.plugins.geotab.GeotabHarness.VAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.RemoteCommands.CommandResult;
import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import dev.portier.plugin.api.ReservationSync.ReservationRequest;
import dev.portier.plugin.api.VehiclePermission;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.geotab.simulator.GoDevice;
import java.time.Duration;
import java.util.List;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Commands under a reservation's stored key or without key context, and how the GO device treats each
 * (vendor rules 1–3); the virtualKeyRequest form, which Portier sends for CheckIn requests, at the service.
 */
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
        assertThat(send(CommandType.UNLOCK, null).status()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(van.locked()).isFalse();
        send(CommandType.LOCK, null);
        assertThat(van.locked()).isTrue();

        send(CommandType.CHECK_IN, null);
        assertThat(van.checkedInKeyId()).as("CheckIn needs a virtual key").isNull();
    }

    @Test
    void a_checkin_with_a_virtual_key_request_creates_the_key_and_books_the_vehicle() throws Exception {
        HttpResponse<String> answer = harness.callService("POST", "/devices/" + VAN.vendorReference() + "/commands",
                "{\"commands\":[\"CheckIn\",\"Unlock\",\"IgnitionEnable\"],\"virtualKeyRequest\":{"
                        + "\"tapCardSerialNumber\":\"743227D3PR\",\"userReference\":\"user@example.com\","
                        + "\"beginningTimestamp\":" + TestDriverContext.START.toEpochMilli() + ",\"endingTimestamp\":"
                        + TestDriverContext.START.plus(Duration.ofHours(2)).toEpochMilli()
                        + ",\"endBookConditions\":[\"IgnitionOff\"]}}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(van.checkedInKeyId()).isNotBlank();
        assertThat(answer.body()).contains("\"virtualKeyId\":\"" + van.checkedInKeyId() + "\"");
        assertThat(van.locked()).isFalse();
    }

    @Test
    void with_the_checked_in_key_every_command_runs_with_another_key_only_locate() {
        String booked = storedKey("743227D3PR");
        String other = storedKey("ABF26238AA");
        send(CommandType.CHECK_IN, booked);
        assertThat(van.checkedInKeyId()).isEqualTo(booked);
        send(CommandType.LOCK, booked);
        assertThat(van.locked()).isTrue();

        send(CommandType.UNLOCK, other);
        assertThat(van.locked()).as("another key than the checked-in one may only locate").isTrue();
        assertThat(send(CommandType.LOCATE, other).status()).isEqualTo(CommandStatus.ACCEPTED);

        send(CommandType.UNLOCK, booked);
        assertThat(van.locked()).isFalse();
        send(CommandType.CHECK_OUT, booked);
        assertThat(van.checkedInKeyId()).isNull();
    }

    @Test
    void a_virtual_key_request_with_an_invalid_card_is_refused_by_the_service_naming_the_rule() throws Exception {
        HttpResponse<String> answer = harness.callService("POST", "/devices/" + VAN.vendorReference() + "/commands",
                "{\"commands\":[\"CheckIn\"],\"virtualKeyRequest\":{\"tapCardSerialNumber\":\"6D4297YA\","
                        + "\"beginningTimestamp\":0,\"endingTimestamp\":1}}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("rule 1");
        assertThat(van.checkedInKeyId()).isNull();
    }

    @Test
    void a_command_under_a_key_the_service_does_not_know_fails_with_its_answer() {
        CommandResult result = send(CommandType.UNLOCK, "NO-SUCH-KEY");

        assertThat(result.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(result.message()).contains("Unknown virtualKeyId NO-SUCH-KEY");
        assertThat(van.locked()).isTrue();
    }

    @Test
    void a_command_goes_out_under_the_key_the_host_names_after_the_device_lost_and_got_back_its_keys() {
        String booked = storedKey("743227D3PR");
        van.loseFlash();
        harness.simulator.synchroniseDevices();

        assertThat(send(CommandType.CHECK_IN, booked).status()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(van.checkedInKeyId()).isEqualTo(booked);
    }

    @Test
    void the_same_command_id_is_sent_once() {
        LockCommand unlock = new LockCommand("cmd-7", CommandType.UNLOCK, null);
        CommandResult first = harness.driver.send(VAN, unlock);
        CommandResult second = harness.driver.send(VAN, unlock);

        assertThat(second).isEqualTo(first);
        assertThat(harness.requests("POST", "commands")).isEqualTo(1);
    }

    private CommandResult send(CommandType type, String storedKeyId) {
        return harness.driver.send(VAN, new LockCommand("cmd-" + ids.incrementAndGet(), type, storedKeyId));
    }

    private String storedKey(String card) {
        return harness.driver.store(new ReservationRequest("r-" + card, VAN, "user@example.com", List.of(card),
                TestDriverContext.START, TestDriverContext.START.plus(Duration.ofHours(4)), Set.of(VehiclePermission.LOCK), Set.of(),
                Set.of())).vendorKeyId();
    }
}
