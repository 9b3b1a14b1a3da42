package dev.portier.drivers.sync;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.holidays.HolidayListener;
import dev.portier.domain.sites.SiteListener;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What a site's grants hand to vendors changed without the grants changing: the holidays the site observes
 * (every grant on it whose schedule observes holidays: its snapshot's holidays and iCalendar EXDATEs) or its
 * time zone (every grant on it with a schedule). Those are pushed again, in the change's transaction, as if
 * the grant itself had changed; the worker applies it in the background.
 */
@Singleton
final class GrantsFollowSiteChanges implements HolidayListener, SiteListener {

    private final DesiredGrantState desired;

    @Inject
    GrantsFollowSiteChanges(DesiredGrantState desired) {
        this.desired = desired;
    }

    @Override
    public void holidaysChanged(Handle h, String accountId, Set<String> siteIds) {
        for (Grant grant : GrantService.observingHolidaysAt(h, accountId, siteIds)) {
            desired.reconcile(h, grant, true);
        }
    }

    @Override
    public void timeZoneChanged(Handle h, String accountId, String siteId) {
        for (Grant grant : GrantService.scheduledAt(h, accountId, Set.of(siteId))) {
            desired.reconcile(h, grant, true);
        }
    }
}
