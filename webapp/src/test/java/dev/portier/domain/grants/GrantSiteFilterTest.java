package dev.portier.domain.grants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.platform.db.PageRequest;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filtering grants by site finds everything at that site: site-wide grants and grants on its locks. */
class GrantSiteFilterTest {

    @TempDir
    Path dir;

    @Test
    void aSiteFilterFindsSiteWideGrantsAndGrantsOnTheSitesLocks() {
        try (TestServices services = new TestServices(dir, new MutableClock(Instant.parse("2030-01-01T00:00:00Z")))) {
            SignedInUser owner = services.setUpOwner();
            SiteService sites = services.get(SiteService.class);
            Site oslo = sites.create(owner, new SiteDraft("Oslo", null, "Europe/Oslo"));
            Site bergen = sites.create(owner, new SiteDraft("Bergen", null, "Europe/Oslo"));
            Lock osloDoor = services.get(LockService.class).create(owner, new LockDraft(oslo.id(), "Door", LockKind.DOOR, null,
                    null, LockState.ACTIVE));
            Lock bergenGate = services.get(LockService.class).create(owner, new LockDraft(bergen.id(), "Gate", LockKind.GATE, null,
                    null, LockState.ACTIVE));
            Person ada = services.get(PersonService.class).create(owner, new PersonDraft("Ada", "ada@example.com", null, null));
            GrantService grants = services.get(GrantService.class);
            Grant onOsloDoor = grants.create(owner, draft(ada, osloDoor.id(), null));
            Grant allOfOslo = grants.create(owner, draft(ada, null, oslo.id()));
            grants.create(owner, draft(ada, bergenGate.id(), null));

            GrantFilter atOslo = new GrantFilter(null, null, null, null, oslo.id(), null);
            assertThat(grants.list(owner, atOslo, PageRequest.first(50))).extracting(Grant::id)
                    .containsExactlyInAnyOrder(onOsloDoor.id(), allOfOslo.id());
            assertThat(grants.count(owner, atOslo)).isEqualTo(2);
        }
    }

    private static GrantDraft draft(Person person, String lockId, String siteId) {
        return new GrantDraft(person.id(), null, lockId, siteId, null, null, null, EnumSet.of(Permission.UNLOCK),
                Delivery.PRE_ISSUED, null);
    }
}
