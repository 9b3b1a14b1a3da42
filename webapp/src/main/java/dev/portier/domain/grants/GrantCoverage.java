package dev.portier.domain.grants;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What a grant reaches, for those that mirror grants elsewhere: a lock grant covers its lock, a site
 * grant every lock of the site at the time of asking. Reads only; runs in the caller's handle.
 */
public final class GrantCoverage {

    private GrantCoverage() {
    }

    /** The ids of the locks {@code grant} covers now, whatever its status. */
    public static List<String> lockIds(Handle h, Grant grant) {
        if (grant.lockId() != null) {
            return List.of(grant.lockId());
        }
        return h.createQuery("SELECT id FROM locks WHERE site_id = :siteId AND account_id = :accountId ORDER BY id")
                .bind("siteId", grant.siteId()).bind("accountId", grant.accountId()).mapTo(String.class).list();
    }

    /** Every grant of every account that is neither revoked nor expired at {@code now}. */
    public static List<Grant> current(Handle h, Instant now) {
        return h.createQuery(GrantService.SELECT + "WHERE g.state = 'ACTIVE' AND (g.valid_until IS NULL OR g.valid_until > :now)")
                .bind("now", now).map(GrantService.MAPPER).list();
    }
}
