package dev.portier.drivers.pulling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.events.LockTimeline;
import dev.portier.domain.events.TimelineRow;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.connections.ConnectionsModule;
import dev.portier.drivers.plugins.PluginsModule;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.http.OutboundHttpModule;
import dev.portier.plugins.example.simulator.DoorControllerSimulator;
import dev.portier.testing.ExamplePlugin;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host pulls the example plugin's real driver, which reads the log of a door controller on loopback. */
class EventPullingTest {

    static final String KEY = "pulling-key-123";
    /**
     * Rounds every 200 ms (the driver would wait 5 s at least; it gives a gap up after 5 pulls, so a
     * test releasing a withheld entry has about a second); failures wait 200 ms, 400 ms, … up to 1 s.
     */
    static final PullTiming FAST = new PullTiming(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200),
            Duration.ofSeconds(1), 20);

    @TempDir
    Path dir;
    DoorControllerSimulator controller;
    TestServices services;
    SignedInUser owner;
    Connection connection;
    Lock front;

    @BeforeEach
    void start() throws Exception {
        ExamplePlugin.install(dir);
        controller = DoorControllerSimulator.start(KEY);
        controller.addDoor("front");
        controller.addDoor("elsewhere");
        services = services();
        owner = services.setUpOwner();
        Site site = services.get(SiteService.class).create(owner, new SiteDraft("Harbour", null, "Europe/Oslo"));
        connection = services.get(ConnectionService.class).create(owner, new ConnectionDraft("Controller", ExamplePlugin.DRIVER_ID,
                Map.of("baseUrl", controller.url(), "apiKey", KEY)));
        front = services.get(LockService.class).create(owner, new LockDraft(site.id(), "Front door", LockKind.DOOR, null, "front",
                LockState.ACTIVE, connection.id()));
    }

    @AfterEach
    void stop() {
        services.close();
        controller.close();
    }

    @Test
    void entriesLandInTheTimelineWithAGapUntilTheWithheldEntryArrives() {
        controller.logByHand("front", "UNLOCKED");
        long late = controller.logByHand("front", "LOCKED");
        controller.logByHand("front", "UNLOCKED");
        controller.logByHand("elsewhere", "UNLOCKED");
        controller.withhold(late);

        // Entry 4 is a controller door that is no lock of Portier's: the driver leaves it out.
        await(() -> timeline(), List.of("1", "gap 2-2", "3"));
        controller.release(late);
        await(() -> timeline(), List.of("1", "2", "3"));

        // The status is written after the page's events are committed: the timeline can show them a moment before it counts them.
        PullStatus status = await(() -> pulls().status(owner, connection.id()).filter(s -> s.eventsReceived() == 3).orElse(null));
        assertThat(status.failing()).isFalse();
        assertThat(status.lastSuccessAt()).isNotNull();
        assertThat(pulls().pulls(owner, connection.id())).isTrue();
    }

    @Test
    void aFailingControllerBacksOffKeepsTheErrorAndRecoversWithoutLosingEntries() {
        controller.logByHand("front", "UNLOCKED");
        await(() -> timeline(), List.of("1"));
        controller.failNext("/log", 3);
        controller.logByHand("front", "LOCKED");

        PullStatus failing = await(() -> pulls().status(owner, connection.id()).filter(s -> s.failures() >= 2).orElse(null));
        assertThat(failing.lastError()).contains("503");
        assertThat(failing.lastSuccessAt()).isBefore(failing.lastPullAt());
        assertThat(timeline()).as("nothing is skipped while the controller fails").containsExactly("1");

        await(() -> timeline(), List.of("1", "2"));
        PullStatus recovered = await(() -> pulls().status(owner, connection.id()).filter(s -> !s.failing()).orElse(null));
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.eventsReceived()).isEqualTo(2);
    }

    @Test
    void aRestartContinuesFromTheSavedCursor() {
        controller.logByHand("front", "UNLOCKED");
        controller.logByHand("front", "LOCKED");
        controller.logByHand("front", "UNLOCKED");
        await(() -> cursor(), "3");
        services.close();

        // The controller no longer answers the old entries: only a host that continues after them moves on
        // (one that read from the start again would see a gap before entry 4 and hold its cursor back).
        controller.withhold(1);
        controller.withhold(2);
        controller.withhold(3);
        controller.logByHand("front", "LOCKED");
        controller.logByHand("front", "UNLOCKED");
        services = services();

        await(() -> cursor(), "5");
        assertThat(timeline()).containsExactly("1", "2", "3", "4", "5");
        assertThat(pulls().status(owner, connection.id()).orElseThrow().eventsReceived()).isEqualTo(5);
    }

    @Test
    void deletingTheConnectionStopsPullingAndForgetsItsCursor() {
        services.get(LockService.class).delete(owner, front.id());
        await(() -> cursor(), "0");
        services.get(ConnectionService.class).delete(owner, connection.id());

        assertThat(pulls().pulls(owner, connection.id())).isFalse();
        assertThat(pulls().status(owner, connection.id())).isEmpty();
        int requests = controller.requests();
        sleep(Duration.ofMillis(400));
        assertThat(controller.requests()).isEqualTo(requests);
    }

    private TestServices services() {
        // The controller listens on loopback, which the guarded client refuses unless private ranges are allowed.
        return new TestServices(PortierConfig.forDataDir(dir).withHttpAllowPrivate(), Clock.systemUTC(), new OutboundHttpModule(),
                new PluginsModule(), new PullingModule(FAST), new ConnectionsModule());
    }

    private EventPulls pulls() {
        return services.get(EventPulls.class);
    }

    private String cursor() {
        return services.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT cursor FROM event_pulls")
                .mapTo(String.class).findOne().orElse(null));
    }

    /** The lock's timeline as entry numbers and "gap from-to". */
    private List<String> timeline() {
        return services.get(LockTimeline.class).page(owner, front.id(), new PageRequest(0, 100)).stream()
                .map(row -> switch (row) {
                    case TimelineRow.Event e -> String.valueOf(e.event().entryNumber());
                    case TimelineRow.Gap g -> "gap " + g.from() + "-" + g.to();
                })
                .toList();
    }

    private static <T> void await(Supplier<T> actual, T wanted) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!wanted.equals(actual.get()) && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(25));
        }
        assertThat(actual.get()).isEqualTo(wanted);
    }

    private static <T> T await(Supplier<T> found) {
        Instant deadline = Instant.now().plusSeconds(10);
        T value = found.get();
        while (value == null && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(25));
            value = found.get();
        }
        assertThat(value).as("in time").isNotNull();
        return value;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
