package dev.portier.domain.events;

import static dev.portier.domain.events.EventFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.plugin.api.LockEvent;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.SiteService;
import dev.portier.testing.TestServices;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingesting lock events over a real SQLite file: idempotent, all or nothing, within the account. */
class EventLogTest {

    @TempDir
    Path dir;
    TestServices services;
    EventLog log;
    LockTimeline timeline;
    SignedInUser owner;
    Lock door;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        owner = services.setUpOwner();
        log = services.get(EventLog.class);
        timeline = services.get(LockTimeline.class);
        door = lock("Front door");
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void tenThousandEventsShuffledWithDuplicatesInBatchesGiveTheTimelineOfTheSameEventsInOrder() {
        // Entries 1..10,000 with every 97th missing, so both timelines have gaps to agree on.
        List<LockEvent> log1 = LongStream.rangeClosed(1, 10_000).filter(n -> n % 97 != 0).mapToObj(n -> entry(null, n)).toList();
        Lock inOrder = lock("In order");
        Lock shuffled = lock("Shuffled");

        BatchResult ordered = upload(inOrder, log1);
        assertThat(ordered).isEqualTo(new BatchResult(log1.size(), 0));

        Random random = new Random(20261123);
        List<LockEvent> arriving = new ArrayList<>(log1);
        for (int i = 0; i < log1.size() / 10; i++) {
            arriving.add(log1.get(random.nextInt(log1.size())));
        }
        Collections.shuffle(arriving, random);
        BatchResult result = upload(shuffled, arriving);
        assertThat(result.accepted()).isEqualTo(log1.size());
        assertThat(result.duplicates()).isEqualTo(arriving.size() - log1.size());

        List<String> expected = EventFixtures.all(p -> timeline.page(owner, inOrder.id(), p), 1000).stream()
                .map(EventFixtures::visible).toList();
        List<String> actual = EventFixtures.all(p -> timeline.page(owner, shuffled.id(), p), 1000).stream()
                .map(EventFixtures::visible).toList();
        assertThat(actual).hasSize(log1.size() + 103).isEqualTo(expected);
        assertThat(expected).contains("Entry 97 not received yet").first().asString().startsWith("1 ");
        assertThat(timeline.count(owner, shuffled.id())).isEqualTo(expected.size());

        assertThat(upload(shuffled, arriving)).as("everything again").isEqualTo(new BatchResult(0, arriving.size()));
        assertThat(stored()).isEqualTo(2 * log1.size());
    }

    @Test
    void keysetPagesGiveTheSameTimelineAsOffsetPagesWhateverThePageSizeAndARowsCursorAsksForTheRest() {
        // Gaps at the start of a page, at its end and across it; unnumbered events, two at the same instant.
        record(1, 2, 5, 6, 9, 10, 11, 20, 21, 22, 40);
        for (int i = 0; i < 5; i++) {
            log.record(owner.accountId(), null, "api", EventFixtures.unnumbered(door.id(),
                    EventFixtures.START.plusSeconds(i == 4 ? 30 : 10 * i), "REMOTE_UNLOCK"));
        }
        List<String> byOffset = EventFixtures.all(p -> timeline.page(owner, door.id(), p), 1000).stream().map(TimelineRow::key).toList();
        assertThat(byOffset).hasSize(11 + 4 + 5);
        for (int size = 1; size <= 21; size++) {
            List<String> byKeyset = new ArrayList<>();
            String cursor = null;
            while (true) {
                List<TimelineRow> page = timeline.pageAfter(owner, door.id(), cursor, size);
                page.forEach(row -> byKeyset.add(row.key()));
                if (page.size() < size) {
                    break;
                }
                cursor = LockTimeline.cursor(page.getLast());
            }
            assertThat(byKeyset).as("pages of " + size).isEqualTo(byOffset);
        }
        assertThatThrownBy(() -> timeline.pageAfter(owner, door.id(), "7.x", 10)).isInstanceOf(IllegalArgumentException.class);
        SignedInUser other = services.get(AccountService.class).create(owner, "Other", "UTC");
        assertThatThrownBy(() -> timeline.pageAfter(other, door.id(), null, 10)).isInstanceOf(NotFoundException.class);
    }

    private BatchResult upload(Lock lock, List<LockEvent> events) {
        int accepted = 0;
        int duplicates = 0;
        for (int from = 0; from < events.size(); from += 500) {
            BatchResult batch = log.recordAll(owner.accountId(), lock.id(), "mobile", events.subList(from, Math.min(events.size(), from + 500)));
            accepted += batch.accepted();
            duplicates += batch.duplicates();
        }
        return new BatchResult(accepted, duplicates);
    }

    @Test
    void gapsAreShownBetweenReceivedEntriesAndCloseWhenTheEntriesArrive() {
        record(1, 2, 5, 6, 9);
        log.record(owner.accountId(), null, "api", EventFixtures.unnumbered(door.id(), EventFixtures.START.plusSeconds(30), "REMOTE_UNLOCK"));
        assertThat(rows()).containsExactly("1", "2", "Entries 3–4 not received yet", "5", "6", "Entries 7–8 not received yet", "9",
                "REMOTE_UNLOCK");

        record(7, 3, 4);
        assertThat(rows()).containsExactly("1", "2", "3", "4", "5", "6", "7", "Entry 8 not received yet", "9", "REMOTE_UNLOCK");

        record(8, 12);
        assertThat(rows()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "Entries 10–11 not received yet", "12",
                "REMOTE_UNLOCK");
        assertThat(timeline.page(owner, door.id(), new PageRequest(9, 2))).extracting(TimelineRow::key)
                .first().isEqualTo("gap-10-11");
    }

    @Test
    void aLateEntryLandsAtItsOwnNumberAndTheStoredOneWinsOverADifferentCopy() {
        record(1, 3);
        LockEvent late = new LockEvent(door.id(), 2L, EventFixtures.START.minusSeconds(3600), "LOCKED", Map.of());
        assertThat(log.record(owner.accountId(), null, "mobile", late).accepted()).isTrue();
        LockEvent changed = new LockEvent(door.id(), 2L, EventFixtures.START, "TAMPERED", Map.of("x", "y"));
        assertThat(log.record(owner.accountId(), null, "mobile", changed).duplicate()).isTrue();
        assertThat(rows()).containsExactly("1", "2", "3");
        assertThat(EventFixtures.visible(timeline.page(owner, door.id(), PageRequest.first(3)).get(1)))
                .isEqualTo("2 " + EventFixtures.START.minusSeconds(3600) + " LOCKED  mobile");
    }

    @Test
    void aBatchWithOneBadEventWritesNothingAndNamesEachProblem() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 33; i++) {
            tooMany.put("k" + i, "v");
        }
        List<LockEvent> bad = List.of(entry(door.id(), 1),
                new LockEvent(door.id(), 2L, EventFixtures.START, " ", Map.of()),
                new LockEvent(door.id(), 0L, EventFixtures.START, "UNLOCKED", Map.of()),
                new LockEvent(door.id(), 4L, EventFixtures.START, "X".repeat(65), Map.of()),
                new LockEvent(door.id(), 5L, EventFixtures.START, "UNLOCKED", tooMany),
                new LockEvent(door.id(), 6L, EventFixtures.START, "UNLOCKED", Map.of("note", "n".repeat(501))),
                new LockEvent(door.id(), 7L, null, "UNLOCKED", Map.of()),
                new LockEvent("another-lock", 8L, EventFixtures.START, "UNLOCKED", Map.of()));
        assertThatThrownBy(() -> log.recordAll(owner.accountId(), door.id(), "mobile", bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsExactly(
                        Map.entry("events[1].type", "Event 2 of the batch: the type is needed"),
                        Map.entry("events[2].entryNumber", "Event 3 of the batch: the entry number is 0; entry numbers start at 1"),
                        Map.entry("events[3].type", "Event 4 of the batch: the type has 65 characters, at most 64 are allowed"),
                        Map.entry("events[4].details", "Event 5 of the batch: 33 details, at most 32 are allowed"),
                        Map.entry("events[5].details", "Event 6 of the batch: the detail note has 501 characters, at most 500 are allowed"),
                        Map.entry("events[6].occurredAt", "Event 7 of the batch: the time the event occurred is needed"),
                        Map.entry("events[7].lockId", "Event 8 of the batch: it names lock another-lock, but the batch is for lock "
                                + door.id())));
        List<LockEvent> tooLong = LongStream.rangeClosed(1, 1001).mapToObj(n -> entry(door.id(), n)).toList();
        assertThatThrownBy(() -> log.recordAll(owner.accountId(), door.id(), "mobile", tooLong))
                .hasMessage("At most 1000 events in one batch, not 1001; send the rest in another batch");
        assertThatThrownBy(() -> log.record(owner.accountId(), null, "api", new LockEvent(door.id(), -1L, EventFixtures.START, "X", null)))
                .isInstanceOf(ValidationException.class).hasMessage("The entry number is -1; entry numbers start at 1");
        assertThat(stored()).isZero();
    }

    @Test
    void singleEventsOfManyCallersAtOnceAreEachStoredOnceAndAForeignOneAmongThemIsRefusedAlone() throws Exception {
        SignedInUser other = services.get(AccountService.class).create(owner, "Other", "UTC");
        Lock theirs = EventFixtures.lock(services.get(SiteService.class), services.get(LockService.class), other, "Their door");
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<RecordResult>> results = new java.util.ArrayList<>();
            for (long n = 1; n <= 400; n++) {
                long entry = n;
                results.add(callers.submit(() -> log.record(owner.accountId(), null, "driver", entry(door.id(), entry))));
            }
            java.util.concurrent.Future<RecordResult> foreign = callers.submit(() ->
                    log.record(owner.accountId(), null, "driver", entry(theirs.id(), 1)));
            for (long n = 1; n <= 100; n++) {
                long entry = n;
                results.add(callers.submit(() -> log.record(owner.accountId(), null, "driver", entry(door.id(), entry))));
            }
            int accepted = 0;
            for (java.util.concurrent.Future<RecordResult> result : results) {
                accepted += result.get().accepted() ? 1 : 0;
            }
            assertThat(accepted).as("each entry number stored once, however the calls were grouped").isEqualTo(400);
            assertThatThrownBy(foreign::get).hasCauseInstanceOf(NotFoundException.class);
            assertThat(stored()).isEqualTo(400);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anotherAccountsLockIsNotFoundAndNothingIsWritten() {
        SignedInUser other = services.get(AccountService.class).create(owner, "Other", "UTC");
        Lock theirs = EventFixtures.lock(services.get(SiteService.class), services.get(LockService.class), other, "Their door");
        assertThatThrownBy(() -> log.recordAll(owner.accountId(), theirs.id(), "mobile", List.of(entry(null, 1))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> log.record(owner.accountId(), null, "mobile", entry(theirs.id(), 1)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> timeline.page(owner, theirs.id(), PageRequest.first(10))).isInstanceOf(NotFoundException.class);
        assertThat(stored()).isZero();
    }

    @Test
    void aLockWithEventsCannotBeDeletedButDecommissioned() {
        record(1);
        assertThatThrownBy(() -> services.get(LockService.class).delete(owner, door.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("has logged events");
    }

    private void record(long... entries) {
        log.recordAll(owner.accountId(), door.id(), "mobile", LongStream.of(entries).mapToObj(n -> entry(door.id(), n)).toList());
    }

    /** The timeline as entry numbers, gap labels and the types of unnumbered events. */
    private List<String> rows() {
        return timeline.page(owner, door.id(), PageRequest.first(100)).stream().map(row -> switch (row) {
            case TimelineRow.Gap gap -> gap.label();
            case TimelineRow.Event(RecordedEvent e) -> e.entryNumber() == null ? e.type() : Long.toString(e.entryNumber());
        }).toList();
    }

    private Lock lock(String name) {
        return EventFixtures.lock(services.get(SiteService.class), services.get(LockService.class), owner, name);
    }

    private int stored() {
        return services.get(Database.class).jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM lock_events")
                .mapTo(Integer.class).one());
    }
}
