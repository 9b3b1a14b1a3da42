package dev.portier.plugins.tapkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.AccessDecider.Subject;
import dev.portier.plugin.api.EventPulling.PulledEvents;
import dev.portier.plugin.api.GrantSync.GrantSnapshot;
import dev.portier.plugin.api.Grantee;
import dev.portier.plugin.api.LockEvent;
import dev.portier.plugin.api.Permission;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.tapkey.TapkeyFixture.Started;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lock logs pulled from the simulated Tapkey: late, out of order, with gaps, across pages. */
class EventPullingTest {

    private final TapkeyFixture tapkey = new TapkeyFixture();
    private final Started started = tapkey.start(tapkey.configuration(), 2);

    @AfterEach
    void stop() {
        started.close();
        tapkey.close();
    }

    /** Pulls until the driver says there is no more, as the host does; answers the events and the last cursor. */
    private List<LockEvent> pullAll(String[] cursor) {
        List<LockEvent> events = new ArrayList<>();
        for (int page = 0; page < 20; page++) {
            PulledEvents pulled = started.driver().pull(cursor[0]);
            events.addAll(pulled.events());
            cursor[0] = pulled.nextCursor();
            if (!pulled.more()) {
                return events;
            }
        }
        throw new AssertionError("the driver never stopped saying there is more");
    }

    @Test
    void unlocks_arrive_late_and_out_of_order_with_gaps_and_are_read_by_entry_number_with_their_person() {
        Instant start = TestDriverContext.START;
        started.driver().push(new GrantSnapshot("grant-1", TapkeyFixture.DOOR_LOCK,
                new Grantee.Person("person-ada", "Ada", "ada@example.com", null), start, null, null, Set.of(Permission.UNLOCK), null));
        for (int i = 0; i < 3; i++) {
            assertThat(tapkey.simulator.world().phoneUnlock(TapkeyFixture.DOOR, "ada@example.com", start.plusSeconds(60L * i)).opened())
                    .isTrue();
        }
        String[] cursor = {null};
        assertThat(pullAll(cursor)).as("nothing reached Tapkey yet").isEmpty();

        started.context().clock().advance(Duration.ofMinutes(10));
        assertThat(tapkey.simulator.world().deliverLogs(TapkeyFixture.DOOR, true)).containsExactly(3L, 2L, 1L);
        List<LockEvent> first = pullAll(cursor);
        assertThat(first).extracting(LockEvent::entryNumber).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(first).allSatisfy(event -> {
            assertThat(event.lockId()).isEqualTo("lock-1");
            assertThat(event.type()).isEqualTo("UNLOCKED");
            assertThat(event.subject()).isEqualTo(Subject.person("person-ada"));
        });
        assertThat(first).filteredOn(event -> event.entryNumber() == 2L).singleElement()
                .satisfies(event -> assertThat(event.occurredAt()).isEqualTo(start.plusSeconds(60)));

        // Entries 5 and 6 come first, 4 (the gap) later, each with a later arrival than what was read.
        started.context().clock().advance(Duration.ofMinutes(1));
        tapkey.simulator.world().receiveLogEntry(TapkeyFixture.DOOR, 6, start.plusSeconds(400), null, tapkey.cardId);
        tapkey.simulator.world().receiveLogEntry(TapkeyFixture.DOOR, 5, start.plusSeconds(300), null, null);
        assertThat(pullAll(cursor)).extracting(LockEvent::entryNumber).containsExactlyInAnyOrder(5L, 6L);
        started.context().clock().advance(Duration.ofMinutes(1));
        tapkey.simulator.world().receiveLogEntry(TapkeyFixture.DOOR, 4, start.plusSeconds(200), null, null);
        assertThat(pullAll(cursor)).extracting(LockEvent::entryNumber).containsExactly(4L);
        assertThat(pullAll(cursor)).as("after the last page nothing is read twice").isEmpty();
    }

    @Test
    void a_backfill_that_arrives_while_pages_are_read_is_not_lost() {
        Instant start = TestDriverContext.START;
        for (int entry = 1; entry <= 5; entry++) {
            tapkey.simulator.world().receiveLogEntry(TapkeyFixture.DOOR, entry * 10L, start, null, null);
        }
        String[] cursor = {null};
        PulledEvents page = started.driver().pull(cursor[0]);
        assertThat(page.more()).isTrue();
        cursor[0] = page.nextCursor();
        List<Long> read = new ArrayList<>(page.events().stream().map(LockEvent::entryNumber).toList());

        // An old entry (number 5) arrives between two pages.
        started.context().clock().advance(Duration.ofSeconds(30));
        tapkey.simulator.world().receiveLogEntry(TapkeyFixture.DOOR, 5, start.minusSeconds(3600), null, null);
        pullAll(cursor).forEach(event -> read.add(event.entryNumber()));

        assertThat(read).containsExactlyInAnyOrder(10L, 20L, 30L, 40L, 50L, 5L);
    }

    @Test
    void the_cursor_stays_short_however_many_entries_arrive_in_one_millisecond() {
        Instant start = TestDriverContext.START;
        for (int entry = 1; entry <= 300; entry++) {
            tapkey.simulator.world().receiveLogEntry(TapkeyFixture.DOOR, entry, start, null, null);
        }
        String[] cursor = {null};
        List<LockEvent> read = new ArrayList<>();
        for (int page = 0; page < 400; page++) { // the fixture's pages hold two entries
            PulledEvents pulled = started.driver().pull(cursor[0]);
            read.addAll(pulled.events());
            cursor[0] = pulled.nextCursor();
            // The host keeps the cursor in a 2000-character column (PostgreSQL enforces it; ids alone made 11 kB).
            assertThat(cursor[0].length()).isLessThanOrEqualTo(2000);
            if (!pulled.more()) {
                break;
            }
        }
        assertThat(read).extracting(LockEvent::entryNumber).doesNotHaveDuplicates().hasSize(300);
    }

    @Test
    void entries_of_locks_not_in_portier_are_left_out() {
        PhysicalLockId elsewhere = PhysicalLockId.of(new byte[] {9, 9, 9});
        tapkey.simulator.world().bindLock(TapkeyFixture.OWNER, "Not imported", elsewhere, "TK.Td30", true);
        tapkey.simulator.world().receiveLogEntry(elsewhere, 1, TestDriverContext.START, null, null);
        tapkey.simulator.world().receiveLogEntry(TapkeyFixture.SHED, 1, TestDriverContext.START, null, null);

        assertThat(pullAll(new String[] {null})).extracting(LockEvent::lockId).containsExactly("lock-2");
    }
}
