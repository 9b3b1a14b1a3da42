package dev.portier.drivers.sync;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.holidays.HolidayListener;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The holidays some sites observe changed: every grant on them whose schedule observes holidays is pushed
 * again (its snapshot's holidays and iCalendar EXDATEs changed), in the holiday change's transaction, as
 * if the grant itself had changed. The worker applies it in the background.
 */
@Singleton
final class GrantsFollowHolidays implements HolidayListener {

    private final DesiredGrantState desired;

    @Inject
    GrantsFollowHolidays(DesiredGrantState desired) {
        this.desired = desired;
    }

    @Override
    public void holidaysChanged(Handle h, String accountId, Set<String> siteIds) {
        for (Grant grant : GrantService.observingHolidaysAt(h, accountId, siteIds)) {
            desired.reconcile(h, grant, true);
        }
    }
}
