package dev.portier.drivers.sync;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.ScheduleWindow;
import dev.portier.domain.grants.WeeklySchedule;
import dev.portier.domain.holidays.HolidayService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockService;
import dev.portier.drivers.connections.ConnectionRuntime;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.drivers.plugins.SpiValues;
import dev.portier.identity.accounts.Authorization;
import dev.portier.identity.accounts.Role;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugin.api.GrantSync.ScheduleFit;
import dev.portier.plugin.api.Schedule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Before a grant with a weekly schedule is saved: whether each grant-syncing lock it covers can enforce that
 * schedule exactly ({@link GrantSync#fit}), and if not, what the lock will enforce instead — so the grant form
 * warns instead of letting a vendor silently widen access. Drivers answer without the network.
 */
@Singleton
public final class ScheduleFits {

    /**
     * A lock that will not enforce the schedule as written.
     *
     * @param explanation the driver's sentence, e.g. "Lock X cannot take time restrictions …"
     * @param enforced    what the lock will enforce, in Portier's schedule notation; null = no time restriction
     *                    (open during the grant's whole validity)
     */
    public record Mismatch(String lockId, String lockName, String explanation, String enforced) {
    }

    private final LockService locks;
    private final ConnectionRuntime runtime;
    private final Authorization authorization;
    private final Clock clock;
    private final HolidayService holidays;

    @Inject
    ScheduleFits(LockService locks, ConnectionRuntime runtime, Authorization authorization, Clock clock, HolidayService holidays) {
        this.holidays = holidays;
        this.locks = locks;
        this.runtime = runtime;
        this.authorization = authorization;
        this.clock = clock;
    }

    /** The locks of the draft (its lock, or its site's locks) that cannot enforce its schedule; empty without a schedule. */
    public List<Mismatch> mismatches(SignedInUser who, GrantDraft draft) {
        authorization.require(who, Role.VIEWER);
        if (draft.schedule() == null || draft.schedule().isBlank() || (draft.lockId() == null && draft.siteId() == null)) {
            return List.of();
        }
        List<Lock> covered = draft.lockId() != null
                ? locks.covered(who.accountId(), Set.of(draft.lockId()), Set.of())
                : locks.covered(who.accountId(), Set.of(), Set.of(draft.siteId()));
        List<Mismatch> mismatches = new ArrayList<>();
        for (Lock lock : covered) {
            if (lock.connectionId() == null || !runtime.offers(lock.connectionId(), GrantSync.class)) {
                continue;
            }
            Schedule schedule;
            try {
                Instant from = draft.validFrom() != null ? draft.validFrom() : clock.instant();
                schedule = SpiValues.schedule(draft.schedule(), lock.siteTimeZone(), from, draft.validUntil(), "draft", clock.instant(),
                        holidays.observedAt(who.accountId(), lock.siteId()));
            } catch (RuntimeException malformed) {
                return List.of(); // the save refuses the schedule with its own message
            }
            DriverCallResult<ScheduleFit> fit = runtime.callCapability(lock.connectionId(), GrantSync.class,
                    "check a schedule", sync -> sync.fit(SpiValues.lockRef(lock), schedule));
            switch (fit) {
                case DriverCallResult.Succeeded<ScheduleFit> ok when ok.value() != null && !ok.value().exact() ->
                        mismatches.add(new Mismatch(lock.id(), lock.name(), ok.value().explanation(), notation(ok.value().enforced())));
                case DriverCallResult.Succeeded<ScheduleFit> ok -> {
                }
                case DriverCallResult.Failed<ScheduleFit> failed -> mismatches.add(new Mismatch(lock.id(), lock.name(),
                        "Portier could not ask the driver whether " + lock.name() + " can enforce this schedule (" + failed.message()
                                + "); the vendor may enforce it differently.", WeeklySchedule.parse(draft.schedule()).format()));
            }
        }
        return mismatches;
    }

    /** What one mismatch means, in a sentence: the driver's explanation and what the lock will enforce. */
    public static String describe(Mismatch mismatch) {
        return mismatch.lockName() + ": " + mismatch.explanation() + " It will enforce: "
                + (mismatch.enforced() == null ? "no time restriction (any time between the grant's start and end)."
                        : mismatch.enforced() + ".");
    }

    private static String notation(Schedule enforced) {
        if (enforced == null) {
            return null;
        }
        return new WeeklySchedule(enforced.windows().stream()
                .map(w -> new ScheduleWindow(w.days(), w.start(), w.end())).toList()).format();
    }
}
