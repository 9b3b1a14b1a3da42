package dev.portier.plugins.example;

import static dev.portier.plugins.example.ControllerFixture.API_KEY;
import static dev.portier.plugins.example.ControllerFixture.FRONT_DOOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockHealth;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RemoteCommands.CommandResult;
import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugin.conformance.TestDriverContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example driver against its simulator over real HTTP: commands, status, lock health and bad settings. */
class HttpDoorControllerDriverTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void unlocking_and_locking_drive_the_door_once_per_command_id() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            CommandResult unlocked = controller.driver.send(FRONT_DOOR, new LockCommand("c-1", CommandType.UNLOCK, null));
            assertThat(unlocked.status()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(unlocked.vendorReference()).isNotBlank();
            assertThat(controller.simulator.state("front door")).isEqualTo("UNLOCKED");

            controller.driver.send(FRONT_DOOR, new LockCommand("c-2", CommandType.LOCK, null));
            controller.driver.send(FRONT_DOOR, new LockCommand("c-2", CommandType.LOCK, null));
            assertThat(controller.simulator.state("front door")).isEqualTo("LOCKED");
            assertThat(controller.simulator.executions("c-2")).isEqualTo(1);
        }
    }

    @Test
    void a_reachable_controller_is_online_and_reports_each_doors_health() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.simulator.doorStatus("back", false, 12);
            assertThat(controller.driver.test()).isEqualTo(DriverStatus.online());

            LockHealth back = controller.context.lastHealth("lock-back").orElseThrow();
            assertThat(back.online()).isFalse();
            assertThat(back.batteryPercent()).isEqualTo(12);
            assertThat(back.batteryLow()).isTrue();
            assertThat(back.firmware()).isEqualTo("3.1.0");
            assertThat(controller.context.lastHealth("lock-front").orElseThrow().online()).isTrue();
            assertThat(controller.context.reportedHealth()).as("the garage is no lock of this connection")
                    .extracting(LockHealth::lockId).containsOnly("lock-front", "lock-back");
        }
    }

    @Test
    void health_comes_with_the_scheduled_check_too() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.context.awaitStatus(status -> status.state() == ConnectionState.ONLINE, WAIT);
            assertThat(controller.context.awaitHealth(health -> health.lockId().equals("lock-front"), WAIT).batteryPercent())
                    .isEqualTo(100);
        }
    }

    @Test
    void a_refused_api_key_is_an_authentication_error() {
        try (ControllerFixture controller = ControllerFixture.start(Map.of("apiKey", "stolen-key"))) {
            DriverStatus status = controller.context.awaitStatus(s -> s.state() == ConnectionState.OFFLINE, WAIT);
            assertThat(status.detail()).isEqualTo(StatusDetail.AUTHENTICATION_ERROR);
            assertThat(status.message()).contains("401").doesNotContain("stolen-key");

            CommandResult refused = controller.driver.send(FRONT_DOOR, new LockCommand("c-1", CommandType.UNLOCK, null));
            assertThat(refused.status()).isEqualTo(CommandStatus.FAILED);
            assertThat(controller.simulator.state("front door")).isEqualTo("LOCKED");
        }
    }

    @Test
    void an_unreachable_controller_is_a_communication_error() throws IOException {
        try (ControllerFixture controller = ControllerFixture.start(Map.of("baseUrl", "http://127.0.0.1:" + closedPort()))) {
            DriverStatus status = controller.context.awaitStatus(s -> s.state() == ConnectionState.OFFLINE, WAIT);
            assertThat(status.detail()).isEqualTo(StatusDetail.COMMUNICATION_ERROR);
            assertThat(status.message()).startsWith("The controller could not be reached");
            assertThat(controller.driver.send(FRONT_DOOR, new LockCommand("c-1", CommandType.LOCK, null)).status())
                    .isEqualTo(CommandStatus.FAILED);
        }
    }

    @Test
    void an_unknown_door_fails_the_command_with_its_name() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            LockRef cellar = new LockRef("lock-cellar", "cellar", "Cellar", "Europe/Oslo");

            CommandResult result = controller.driver.send(cellar, new LockCommand("c-1", CommandType.UNLOCK, null));
            assertThat(result.status()).isEqualTo(CommandStatus.FAILED);
            assertThat(result.message()).contains("cellar");
        }
    }

    @Test
    void commands_other_than_lock_and_unlock_fail_without_asking_the_controller() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            controller.context.awaitAnyStatus(WAIT);
            int requestsBefore = controller.simulator.requests();

            CommandResult result = controller.driver.send(FRONT_DOOR, new LockCommand("c-1", CommandType.IGNITION_ENABLE, null));
            assertThat(result.status()).isEqualTo(CommandStatus.FAILED);
            assertThat(result.message()).contains("IGNITION_ENABLE");
            assertThat(controller.simulator.requests()).isEqualTo(requestsBefore);
        }
    }

    @Test
    void settings_that_cannot_work_are_configuration_errors_naming_the_setting() {
        assertConfigurationError(Map.of("baseUrl", "doors.example.com", "apiKey", API_KEY), "controller URL");
        assertConfigurationError(Map.of("baseUrl", "http://exa mple.com", "apiKey", API_KEY), "not a URL");
        assertConfigurationError(Map.of("baseUrl", "http://127.0.0.1:9", "apiKey", API_KEY, "pollInterval", "1"), "poll interval");
    }

    private static void assertConfigurationError(Map<String, String> settings, String named) {
        try (TestDriverContext context = TestDriverContext.of(settings)) {
            LockDriver bad = new HttpDoorControllerFactory().create(context.configuration(), context);
            bad.initialize();
            DriverStatus status = context.awaitAnyStatus(WAIT);
            assertThat(status.detail()).isEqualTo(StatusDetail.CONFIGURATION_ERROR);
            assertThat(status.message()).contains(named);
            assertThat(context.http().sent()).as("nothing is sent with settings that cannot work").isEmpty();
            context.dispose(bad);
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
