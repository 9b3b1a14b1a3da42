package dev.portier.web.grants;

import dev.portier.domain.cards.CardService;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.SiteService;
import java.io.Serializable;
import java.time.ZoneId;

/**
 * What the grant pages need besides the grant service: the services to pick subjects and targets
 * from (people and lock groups too), the signed-in user, and the account's time zone for when no target (or a lock
 * group, whose locks may lie in several zones) is chosen.
 */
record GrantContext(PersonService people, CardService cards, LockService locks, SiteService sites, SignedInUser who,
        ZoneId accountZone, GroupService groups) implements Serializable {

    /** The time zone a grant's dates and schedule are read in: its target site's. */
    ZoneId zoneOf(String lockId, String siteId) {
        if (lockId != null) {
            return ZoneId.of(locks.get(who, lockId).siteTimeZone());
        }
        if (siteId != null) {
            return ZoneId.of(sites.get(who, siteId).timeZone());
        }
        return accountZone;
    }
}
