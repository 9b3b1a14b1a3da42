package dev.portier.web.events;

import dev.portier.domain.events.EventFilter;
import dev.portier.domain.events.EventFixtures;
import dev.portier.domain.events.EventLog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditEntry;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.plugin.api.LockEvent;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.TestServices;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event list's CSV export: exactly the filtered events, newest first, escaped, audited. */
class EventsCsvTest {

    @TempDir
    Path dir;
    TestServices services;
    SignedInUser owner;
    Lock door;
    Lock gate;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        owner = services.setUpOwner();
        door = EventFixtures.lock(services.get(SiteService.class), services.get(LockService.class), owner, "Door");
        gate = EventFixtures.lock(services.get(SiteService.class), services.get(LockService.class), owner, "Gate");
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void theExportHasTheFilteredEventsAcrossPagesNewestFirstWithCellsEscaped() throws Exception {
        EventLog log = services.get(EventLog.class);
        // 2,500 entries: more than two export pages, so the walk from page to page is exercised.
        for (int from = 1; from <= 2500; from += 500) {
            log.recordAll(owner.accountId(), door.id(), "mobile", LongStream.range(from, from + 500)
                    .mapToObj(n -> EventFixtures.entry(door.id(), n)).toList());
        }
        log.recordAll(owner.accountId(), gate.id(), "api", List.of(new LockEvent(gate.id(), 1L, EventFixtures.START, "=1+2",
                Map.of("note", "=HYPERLINK(\"http://evil\")"))));

        List<String> doorDenials = export(new EventFilter(door.id(), "ACCESS_DENIED", null, null, null));
        assertThat(doorDenials).hasSize(1 + 833);
        assertThat(doorDenials.get(1)).startsWith(EventFixtures.START.plusSeconds(60 * 2499) + ",").contains(",Door," + door.id() + ",2499,");
        assertThat(doorDenials.getLast()).contains(",Door," + door.id() + ",3,ACCESS_DENIED,");

        List<String> gateOnly = export(new EventFilter(null, null, null, null, "gate"));
        assertThat(gateOnly).hasSize(2);
        // A type a lock (or whoever holds its keys) chose is never a formula; the details are a JSON object, never one either.
        assertThat(gateOnly.get(1)).contains(",Gate,").contains(",1,'=1+2,\"{\"\"note\"\":\"\"=HYPERLINK(");

        assertThat(export(EventFilter.NONE)).hasSize(1 + 2501);
        List<AuditEntry> audit = services.get(AuditLog.class).page(owner.accountId(),
                new AuditFilter(AuditAction.EXPORTED, null, null, null), 0, 10);
        assertThat(audit).extracting(AuditEntry::target).containsExactly("2,501 events as CSV", "1 event as CSV", "833 events as CSV");
        assertThat(audit.get(2).details()).isEqualTo("lock " + door.id() + ", type ACCESS_DENIED");
    }

    private List<String> export(EventFilter filter) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        services.get(EventsCsv.class).export(owner, filter, out);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
