package dev.portier.domain.events;

import dev.portier.platform.db.PageRequest;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.plugin.api.LockEvent;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Locks and events for the event tests. */
public final class EventFixtures {

    public static final Instant START = Instant.parse("2026-11-02T07:00:00Z");

    private EventFixtures() {
    }

    public static Lock lock(SiteService sites, LockService locks, SignedInUser owner, String name) {
        Site site = sites.list(owner, null, PageRequest.first(1)).stream().findFirst()
                .orElseGet(() -> sites.create(owner, new SiteDraft("Harbour", null, "Europe/Oslo")));
        return locks.create(owner, new LockDraft(site.id(), name, LockKind.DOOR, null, null, LockState.ACTIVE));
    }

    /** Entry {@code n} as the lock logs it: a minute apart, alternating unlocks and refusals. */
    public static LockEvent entry(String lockId, long n) {
        return new LockEvent(lockId, n, START.plusSeconds(60 * n), n % 3 == 0 ? "ACCESS_DENIED" : "UNLOCKED",
                Map.of("card", "04A1" + n, "verdict", n % 3 == 0 ? "NO_GRANT" : "ALLOWED"));
    }

    static LockEvent unnumbered(String lockId, Instant at, String type) {
        return new LockEvent(lockId, null, at, type, Map.of("by", "cloud"));
    }

    /** The whole timeline, read a page of {@code pageSize} at a time. */
    static List<TimelineRow> all(Function<PageRequest, List<TimelineRow>> pages, int pageSize) {
        List<TimelineRow> rows = new ArrayList<>();
        for (int offset = 0; ; offset += pageSize) {
            List<TimelineRow> page = pages.apply(new PageRequest(offset, pageSize));
            rows.addAll(page);
            if (page.size() < pageSize) {
                return rows;
            }
        }
    }

    /** What a person sees of a row: everything but the row's id, lock and time of arrival. */
    static String visible(TimelineRow row) {
        return switch (row) {
            case TimelineRow.Gap gap -> gap.label();
            case TimelineRow.Event(RecordedEvent e) -> e.entryNumber() + " " + e.occurredAt() + " " + e.type() + " "
                    + e.detailsText() + " " + e.source();
        };
    }
}
