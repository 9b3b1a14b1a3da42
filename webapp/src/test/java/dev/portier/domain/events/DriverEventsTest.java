package dev.portier.domain.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.drivers.connections.Connection;
import dev.portier.drivers.connections.ConnectionDraft;
import dev.portier.drivers.connections.ConnectionService;
import dev.portier.drivers.connections.ConnectionsModule;
import dev.portier.platform.db.PageRequest;
import dev.portier.platform.http.OutboundHttpModule;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.drivers.plugins.PluginsModule;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.config.PortierConfig;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.PluginJars;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real plugin's driver, run by the connection runtime, records its locks' events through the
 * context's event sink: they land on the lock's timeline; another lock is refused.
 */
class DriverEventsTest {

    @TempDir
    Path dir;
    TestServices services;
    SignedInUser owner;

    @BeforeEach
    void start() throws Exception {
        PluginJars.plugin("logging-plugin").extension("test.logging.Factory", LOGGING).writeTo(dir.resolve("plugins"));
        services = new TestServices(PortierConfig.forDataDir(dir), Clock.systemUTC(), new OutboundHttpModule(), new PluginsModule(),
                new ConnectionsModule());
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void eventsADriverRecordsLandOnItsLocksTimelineAndOtherLocksAreRefused() {
        LockService locks = services.get(LockService.class);
        Lock outsider = EventFixtures.lock(services.get(SiteService.class), locks, owner, "Not the connection's");
        ConnectionService connections = services.get(ConnectionService.class);
        Connection connection = connections.create(owner, new ConnectionDraft("Logging locks", "logging-driver",
                Map.of("outsider", outsider.id())));
        Lock door = locks.create(owner, new LockDraft(outsider.siteId(), "Gate", LockKind.GATE, null, "gate-1", LockState.ACTIVE,
                connection.id()));

        // The test driver records on "Test connection" and tells in its status what the sink said about the outsider.
        DriverStatus status = connections.test(owner, connection.id());
        assertThat(status.message()).isEqualTo("refused: Lock " + outsider.id() + " is not one of this connection's locks");
        DriverStatus again = connections.test(owner, connection.id());
        assertThat(again.message()).startsWith("refused");

        LockTimeline timeline = services.get(LockTimeline.class);
        List<String> rows = timeline.page(owner, door.id(), PageRequest.first(10)).stream().map(EventFixtures::visible).toList();
        // Both test calls recorded entries 1, 2 and 4 (the second time as duplicates) and one unnumbered event each.
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).startsWith("1 2026-11-02T07:00:00Z UNLOCKED card=04A1B2C3 driver");
        assertThat(rows.get(2)).isEqualTo("Entry 3 not received yet");
        assertThat(rows.subList(4, 6)).allSatisfy(row -> assertThat(row).isEqualTo("null 2026-11-02T08:00:00Z REMOTE_UNLOCK  driver"));
        TimelineRow.Event first = (TimelineRow.Event) timeline.page(owner, door.id(), PageRequest.first(1)).getFirst();
        assertThat(first.event().connectionId()).isEqualTo(connection.id());
        assertThat(first.event().lockName()).isEqualTo("Gate");
        assertThat(timeline.count(owner, outsider.id())).isZero();
    }

    private static final String LOGGING = """
            package test.logging;

            import dev.portier.plugin.api.*;
            import java.time.Instant;
            import java.util.*;
            import org.pf4j.Extension;

            @Extension
            public class Factory implements LockDriverFactory {
                public DriverDescriptor descriptor() {
                    return new DriverDescriptor("logging-driver", "Logging Driver", "Test", "Records events when tested");
                }
                public Class<? extends LockDriver> driverType() {
                    return LockDriver.class;
                }
                public List<ConfigProperty> configuration() {
                    return List.of(ConfigProperty.required("outsider", ConfigType.TEXT, "A lock that is not ours", "For the test"));
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    return new LockDriver() {
                        public void initialize() {
                            context.reportStatus(DriverStatus.online());
                        }
                        public DriverStatus test() {
                            Instant start = Instant.parse("2026-11-02T07:00:00Z");
                            for (LockRef lock : context.locks().all()) {
                                for (long n : new long[] {1, 2, 4}) {
                                    context.events().record(new LockEvent(lock.lockId(), n, start.plusSeconds(60 * (n - 1)), "UNLOCKED",
                                            Map.of("card", "04A1B2C3")));
                                }
                                context.events().record(new LockEvent(lock.lockId(), null, start.plusSeconds(3600), "REMOTE_UNLOCK", null));
                            }
                            try {
                                context.events().record(new LockEvent(configuration.require("outsider"), 1L, start, "UNLOCKED", null));
                                return new DriverStatus(ConnectionState.ONLINE, null, "accepted");
                            } catch (IllegalArgumentException e) {
                                return new DriverStatus(ConnectionState.ONLINE, null, "refused: " + e.getMessage());
                            }
                        }
                        public void dispose() {
                        }
                    };
                }
            }
            """;
}
