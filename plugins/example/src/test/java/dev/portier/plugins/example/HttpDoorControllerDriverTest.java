package dev.portier.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.EventPulling;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RemoteCommands;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example driver against its simulator over real HTTP: commands, the log, and the failure statuses. */
class HttpDoorControllerDriverTest {

    private static final String API_KEY = "front-desk-key";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final LockRef FRONT_DOOR = new LockRef("lock-front", "front door", "Front door", "Europe/Berlin");

    private DoorControllerSimulator simulator;
    private TestDriverContext context;
    private LockDriver driver;

    @BeforeEach
    void startSimulator() {
        simulator = DoorControllerSimulator.start(API_KEY);
        simulator.addDoor("front door");
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            context.dispose(driver);
        }
        if (context != null) {
            context.close();
        }
        simulator.close();
    }

    @Test
    void unlocking_and_locking_drive_the_door_and_show_in_its_log() {
        start(Map.of("baseUrl", simulator.url() + "/", "apiKey", API_KEY));
        RemoteCommands commands = (RemoteCommands) driver;

        CommandResult unlocked = commands.send(FRONT_DOOR, new LockCommand("c-1", CommandType.UNLOCK, Map.of()));
        assertThat(unlocked.status()).isEqualTo(CommandStatus.COMPLETED);
        assertThat(unlocked.vendorReference()).isNotBlank();
        assertThat(simulator.state("front door")).isEqualTo("UNLOCKED");

        commands.send(FRONT_DOOR, new LockCommand("c-2", CommandType.LOCK, Map.of()));
        commands.send(FRONT_DOOR, new LockCommand("c-2", CommandType.LOCK, Map.of()));
        assertThat(simulator.state("front door")).isEqualTo("LOCKED");
        assertThat(simulator.executions("c-2")).isEqualTo(1);

        List<LockEvent> log = ((EventPulling) driver).pull(FRONT_DOOR, 0);
        assertThat(log).extracting(LockEvent::entryNumber, LockEvent::type)
                .containsExactly(tuple(1L, "UNLOCKED"),
                        tuple(2L, "LOCKED"));
        assertThat(log).allSatisfy(event -> {
            assertThat(event.lockId()).isEqualTo("lock-front");
            assertThat(event.details()).containsEntry("door", "front door");
        });
        assertThat(log.getFirst().occurredAt()).isEqualTo(DoorControllerSimulator.LOG_START.plus(Duration.ofMinutes(1)));
    }

    @Test
    void pulling_answers_only_entries_after_the_given_number() {
        simulator.logByHand("front door", "UNLOCKED");
        simulator.logByHand("front door", "LOCKED");
        simulator.logByHand("front door", "DOOR_FORCED");
        start(Map.of("baseUrl", simulator.url(), "apiKey", API_KEY));

        assertThat(((EventPulling) driver).pull(FRONT_DOOR, 2)).extracting(LockEvent::type).containsExactly("DOOR_FORCED");
        assertThat(((EventPulling) driver).pull(FRONT_DOOR, 3)).isEmpty();
    }

    @Test
    void a_reachable_controller_is_online() {
        start(Map.of("baseUrl", simulator.url(), "apiKey", API_KEY));

        assertThat(context.awaitStatus(status -> status.state() == ConnectionState.ONLINE, WAIT)).isEqualTo(DriverStatus.online());
        assertThat(driver.test()).isEqualTo(DriverStatus.online());
    }

    @Test
    void a_refused_api_key_is_an_authentication_error() {
        start(Map.of("baseUrl", simulator.url(), "apiKey", "stolen-key"));

        DriverStatus status = context.awaitStatus(s -> s.state() == ConnectionState.OFFLINE, WAIT);
        assertThat(status.detail()).isEqualTo(StatusDetail.AUTHENTICATION_ERROR);
        assertThat(status.message()).contains("401").doesNotContain("stolen-key");

        CommandResult refused = ((RemoteCommands) driver).send(FRONT_DOOR, new LockCommand("c-1", CommandType.UNLOCK, Map.of()));
        assertThat(refused.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(simulator.state("front door")).isEqualTo("LOCKED");
    }

    @Test
    void an_unreachable_controller_is_a_communication_error() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        start(Map.of("baseUrl", "http://127.0.0.1:" + closedPort, "apiKey", API_KEY));

        DriverStatus status = context.awaitStatus(s -> s.state() == ConnectionState.OFFLINE, WAIT);
        assertThat(status.detail()).isEqualTo(StatusDetail.COMMUNICATION_ERROR);
        assertThat(status.message()).startsWith("The controller could not be reached");
        assertThat(((RemoteCommands) driver).send(FRONT_DOOR, new LockCommand("c-1", CommandType.LOCK, Map.of())).status())
                .isEqualTo(CommandStatus.FAILED);
        assertThat(((EventPulling) driver).pull(FRONT_DOOR, 0)).isEmpty();
    }

    @Test
    void an_unknown_door_fails_the_command_with_its_name() {
        start(Map.of("baseUrl", simulator.url(), "apiKey", API_KEY));
        LockRef backDoor = new LockRef("lock-back", "back-door", "Back door", "Europe/Berlin");

        CommandResult result = ((RemoteCommands) driver).send(backDoor, new LockCommand("c-1", CommandType.UNLOCK, Map.of()));
        assertThat(result.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(result.message()).contains("back-door");
    }

    @Test
    void commands_other_than_lock_and_unlock_fail_without_asking_the_controller() {
        start(Map.of("baseUrl", simulator.url(), "apiKey", API_KEY));
        context.awaitAnyStatus(WAIT);
        int requestsBefore = simulator.requests();

        CommandResult result = ((RemoteCommands) driver).send(FRONT_DOOR, new LockCommand("c-1", CommandType.IGNITION_ENABLE, Map.of()));
        assertThat(result.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(result.message()).contains("IGNITION_ENABLE");
        assertThat(simulator.requests()).isEqualTo(requestsBefore);
    }

    @Test
    void settings_that_cannot_work_are_configuration_errors_naming_the_setting() {
        assertConfigurationError(Map.of("baseUrl", "doors.example.com", "apiKey", API_KEY), "controller URL");
        assertConfigurationError(Map.of("baseUrl", "http://exa mple.com", "apiKey", API_KEY), "not a URL");
        assertConfigurationError(Map.of("baseUrl", simulator.url(), "apiKey", API_KEY, "pollInterval", "1"), "poll interval");
        assertThat(simulator.requests()).as("nothing is sent with settings that cannot work").isZero();
    }

    private void assertConfigurationError(Map<String, String> settings, String named) {
        try (TestDriverContext badContext = TestDriverContext.of(settings)) {
            LockDriver bad = new HttpDoorControllerFactory().create(badContext.configuration(), badContext);
            bad.initialize();
            DriverStatus status = badContext.awaitAnyStatus(WAIT);
            assertThat(status.detail()).isEqualTo(StatusDetail.CONFIGURATION_ERROR);
            assertThat(status.message()).contains(named);
            badContext.dispose(bad);
        }
    }

    private void start(Map<String, String> settings) {
        context = TestDriverContext.of(settings);
        context.addLock(FRONT_DOOR);
        driver = new HttpDoorControllerFactory().create(context.configuration(), context);
        driver.initialize();
    }
}
