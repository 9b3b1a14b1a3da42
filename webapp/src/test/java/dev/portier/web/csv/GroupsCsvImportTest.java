package dev.portier.web.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.GroupGrant;
import dev.portier.domain.grants.GroupGrantDraft;
import dev.portier.domain.grants.GroupGrantService;
import dev.portier.domain.grants.Permission;
import dev.portier.domain.groups.Group;
import dev.portier.domain.groups.GroupKind;
import dev.portier.domain.groups.GroupService;
import dev.portier.domain.locks.Lock;
import dev.portier.domain.locks.LockDraft;
import dev.portier.domain.locks.LockKind;
import dev.portier.domain.locks.LockService;
import dev.portier.domain.locks.LockState;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.sites.Site;
import dev.portier.domain.sites.SiteDraft;
import dev.portier.domain.sites.SiteService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.platform.db.PageRequest;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.TestServices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The people import's groups column: groups created on first use, joined with the person, grants naming them follow. */
class GroupsCsvImportTest {

    @TempDir
    Path dir;
    TestServices services;
    CsvImportService importer;
    GroupService groups;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, new MutableClock(Instant.parse("2026-11-23T10:00:00Z")));
        importer = services.get(CsvImportService.class);
        groups = services.get(GroupService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void theGroupsColumnCreatesGroupsOnFirstUseAndMembersGetTheGroupsGrants() throws IOException {
        Site site = services.get(SiteService.class).create(owner, new SiteDraft("HQ", null, "Europe/Oslo"));
        Lock door = services.get(LockService.class).create(owner, new LockDraft(site.id(), "Door", LockKind.DOOR, null, null,
                LockState.ACTIVE));
        Group cleaning = groups.create(owner, GroupKind.PEOPLE, "Cleaning staff");
        GroupGrant grant = services.get(GroupGrantService.class).create(owner, new GroupGrantDraft("Cleaning", null, null, cleaning.id(),
                door.id(), null, null, null, null, null, EnumSet.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));

        ImportResult result = importer.importFile(owner, CsvKind.PEOPLE, "staff.csv", stream("""
                name,email,groups
                Ada,ada@example.com,"cleaning STAFF; Tenants, floor 3"
                Bo,bo@example.com,"Tenants, floor 3"
                Cy,cy@example.com,
                """), ImportProgress.NONE);

        assertThat(result.succeeded()).as(result.errors().toString()).isTrue();
        assertThat(groups.list(owner, GroupKind.PEOPLE)).extracting(Group::name, Group::memberCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Cleaning staff", 1), org.assertj.core.groups.Tuple.tuple("Tenants, floor 3", 2));
        Person ada = services.get(PersonService.class).list(owner, "Ada", new PageRequest(0, 1)).getFirst();
        assertThat(services.get(GroupGrantService.class).memberGrants(owner, grant.id())).singleElement()
                .satisfies(g -> assertThat(g.personId()).isEqualTo(ada.id()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        services.get(CsvExportService.class).export(owner, CsvKind.PEOPLE, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Ada,ada@example.com,,,\"Cleaning staff; Tenants, floor 3\"");
    }

    @Test
    void aBadGroupNameRejectsTheFileAndCreatesNothing() throws IOException {
        ImportResult result = importer.importFile(owner, CsvKind.PEOPLE, "staff.csv", stream("name,email,groups\nAda,ada@example.com,"
                + "x".repeat(101) + "\n"), ImportProgress.NONE);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.column()).isEqualTo("groups"));
        assertThat(groups.list(owner, GroupKind.PEOPLE)).isEmpty();
    }

    private static ByteArrayInputStream stream(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }
}
