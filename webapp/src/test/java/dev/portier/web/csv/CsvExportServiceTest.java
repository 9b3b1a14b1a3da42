package dev.portier.web.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.portier.identity.accounts.AccountService;
import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditEntry;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.grants.Delivery;
import dev.portier.domain.grants.Grant;
import dev.portier.domain.grants.GrantDraft;
import dev.portier.domain.grants.GrantService;
import dev.portier.domain.grants.Permission;
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
import dev.portier.identity.users.Member;
import dev.portier.identity.users.UserService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportServiceTest {

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T23:30:00Z"));
    TestServices services;
    CsvExportService exporter;
    CsvImportService importer;
    PersonService people;
    CardService cards;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, clock);
        exporter = services.get(CsvExportService.class);
        importer = services.get(CsvImportService.class);
        people = services.get(PersonService.class);
        cards = services.get(CardService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void peopleAreExportedWithTheImportColumnsAsUtf8WithBomAndCrlf() throws IOException {
        people.create(owner, new PersonDraft("Åse Ødegård", "ase@example.com", "+47 123 45 678", "door, \"side\""));

        byte[] bytes = export(owner, CsvKind.PEOPLE);

        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("\uFEFFname,email,phone,notes,groups\r\nÅse Ødegård,ase@example.com,'+4712345678,\"door, \"\"side\"\"\",\r\n");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasGetALeadingApostrophe() throws IOException {
        people.create(owner, new PersonDraft("=HYPERLINK(\"http://evil.example\";\"click\")", "a@example.com", null, "+1+1"));
        people.create(owner, new PersonDraft("@SUM(A1)", "b@example.com", null, "-2"));
        people.create(owner, new PersonDraft("'=already quoted", "c@example.com", null, "it's fine"));

        List<CSVRecord> rows = parse(export(owner, CsvKind.PEOPLE));

        assertThat(rows).extracting(r -> r.get(0), r -> r.get(3)).containsExactly(
                tuple("name", "notes"),
                tuple("''=already quoted", "it's fine"),
                tuple("'=HYPERLINK(\"http://evil.example\";\"click\")", "'+1+1"),
                tuple("'@SUM(A1)", "'-2"));
    }

    @Test
    void anExportOfPeopleAndCardsImportsIntoAFreshAccountAsTheSameRows() throws IOException {
        Person ada = people.create(owner, new PersonDraft("Ada", "ada@example.com", "+47 123 45 678", "=1+2\nsecond line"));
        people.create(owner, new PersonDraft("Bob", null, "+46 70 123 45 67", null));
        cards.create(owner, new CardDraft(CardType.GEOTAB_TAPCARD, "23456789AB", ada.id(), "-Van 1", null));
        cards.create(owner, new CardDraft(CardType.GENERIC_NFC, "04A22B91C35D80", null, null, CardState.RETIRED));
        byte[] peopleCsv = export(owner, CsvKind.PEOPLE);
        byte[] cardsCsv = export(owner, CsvKind.CARDS);

        SignedInUser fresh = services.get(AccountService.class).create(owner, "Fresh", "UTC");
        assertThat(importer.importFile(fresh, CsvKind.PEOPLE, "people.csv", new ByteArrayInputStream(peopleCsv),
                ImportProgress.NONE).errors()).isEmpty();
        assertThat(importer.importFile(fresh, CsvKind.CARDS, "cards.csv", new ByteArrayInputStream(cardsCsv),
                ImportProgress.NONE).errors()).isEmpty();

        assertThat(people.list(fresh, null, PageRequest.first(10)))
                .extracting(Person::name, Person::email, Person::phone, Person::notes)
                .containsExactlyElementsOf(people.list(owner, null, PageRequest.first(10)).stream()
                        .map(p -> tuple(p.name(), p.email(), p.phone(), p.notes())).toList());
        assertThat(cards.list(fresh, null, PageRequest.first(10)))
                .extracting(Card::cardType, Card::serialNumber, Card::personName, Card::label, Card::state)
                .containsExactly(tuple(CardType.GENERIC_NFC, "04A22B91C35D80", null, null, CardState.RETIRED),
                        tuple(CardType.GEOTAB_TAPCARD, "23456789AB", "Ada", "-Van 1", CardState.ACTIVE));
    }

    @Test
    void largeExportsArePagedAndHoldEveryRowOnce() throws IOException {
        int count = 2 * PageRequest.MAX_LIMIT + 345;
        StringBuilder csv = new StringBuilder("name,email\n");
        for (int i = 0; i < count; i++) {
            csv.append(String.format("Person %05d,p%d@example.com%n", i, i));
        }
        assertThat(importer.importFile(owner, CsvKind.PEOPLE, "many.csv",
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), ImportProgress.NONE).imported()).isEqualTo(count);

        List<CSVRecord> rows = parse(export(owner, CsvKind.PEOPLE));

        assertThat(rows).hasSize(count + 1);
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0)).doesNotHaveDuplicates().isSorted();
        assertThat(rows.get(count).get(0)).isEqualTo(String.format("Person %05d", count - 1));
    }

    @Test
    void grantsAreExportedWithIsoUtcTimesTheirStatusAndWhoRevokedThem() throws IOException {
        Site site = services.get(SiteService.class).create(owner, new SiteDraft("Depot", null, "Europe/Oslo"));
        Lock lock = services.get(LockService.class).create(owner, new LockDraft(site.id(), "Gate", LockKind.GATE, null, null,
                LockState.ACTIVE));
        Person ada = people.create(owner, new PersonDraft("Ada", "ada@example.com", null, null));
        Card card = cards.create(owner, new CardDraft(CardType.GEOTAB_TAPCARD, "23456789AB", null, null, null));
        GrantService grants = services.get(GrantService.class);
        Instant now = clock.instant();
        Grant scheduled = grants.create(owner, new GrantDraft(ada.id(), null, null, site.id(), now.minus(Duration.ofDays(1)), null,
                "mo-fr 07:00-12:00; MO-FR 13:00-18:00", EnumSet.of(Permission.UNLOCK, Permission.LOCK), Delivery.ON_DEMAND, 15));
        clock.advance(Duration.ofSeconds(1));
        Grant revoked = grants.create(owner, new GrantDraft(null, card.id(), lock.id(), null, null, null, null,
                Set.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));
        grants.revoke(owner, revoked.id(), "card handed back");
        clock.advance(Duration.ofSeconds(1));
        Grant expired = grants.create(owner, new GrantDraft(ada.id(), null, lock.id(), null, now.minus(Duration.ofDays(9)),
                now.minus(Duration.ofDays(2)), null, Set.of(Permission.UNLOCK), Delivery.PRE_ISSUED, null));

        List<CSVRecord> rows = parse(export(owner, CsvKind.GRANTS));

        assertThat(rows.getFirst().toList()).isEqualTo(CsvKind.GRANTS.columns());
        assertThat(rows.subList(1, rows.size())).extracting(CSVRecord::toList).containsExactly(
                List.of(expired.id(), "Ada", "Gate", "2026-11-14T23:30:00Z", "2026-11-21T23:30:00Z", "", "UNLOCK", "PRE_ISSUED",
                        "30", "EXPIRED", "owner@example.com", "", ""),
                List.of(revoked.id(), "Card 23456789AB", "Gate", "", "", "", "UNLOCK", "PRE_ISSUED", "30", "REVOKED",
                        "owner@example.com", "owner@example.com", "card handed back"),
                List.of(scheduled.id(), "Ada", "All of Depot", "2026-11-22T23:30:00Z", "", "MO,TU,WE,TH,FR 07:00-12:00; "
                        + "MO,TU,WE,TH,FR 13:00-18:00", "UNLOCK,LOCK", "ON_DEMAND", "15", "ACTIVE", "owner@example.com", "", ""));
    }

    @Test
    void noExportShowsAnotherAccountsRows() throws IOException {
        people.create(owner, new PersonDraft("Acme Person", "acme@example.com", null, null));
        cards.create(owner, new CardDraft(CardType.GEOTAB_TAPCARD, "23456789AB", null, null, null));
        SignedInUser beta = services.get(AccountService.class).create(owner, "Beta", "UTC");
        people.create(beta, new PersonDraft("Beta Person", "beta@example.com", null, null));

        assertThat(parse(export(beta, CsvKind.PEOPLE))).extracting(r -> r.get(0)).containsExactly("name", "Beta Person");
        assertThat(parse(export(beta, CsvKind.CARDS))).hasSize(1);
        assertThat(parse(export(beta, CsvKind.GRANTS))).hasSize(1);
        assertThat(parse(export(owner, CsvKind.PEOPLE))).extracting(r -> r.get(0)).containsExactly("name", "Acme Person");
    }

    @Test
    void viewersMayExportAndEveryExportIsAudited() throws IOException {
        people.create(owner, new PersonDraft("Ada", "ada@example.com", null, null));
        Member vic = services.get(UserService.class).addMember(owner, new UserService.NewMember("vic@example.com", "Vic",
                Role.VIEWER, "viewer password 1"));
        SignedInUser viewer = new SignedInUser(vic.userId(), vic.email(), vic.displayName(), owner.accountId());

        assertThat(parse(export(viewer, CsvKind.PEOPLE))).hasSize(2);
        export(owner, CsvKind.GRANTS);

        List<AuditEntry> exports = services.get(AuditLog.class).page(owner.accountId(),
                new AuditFilter(AuditAction.EXPORTED, null, null, null), 0, 10);
        assertThat(exports).extracting(AuditEntry::actor, AuditEntry::target)
                .containsExactlyInAnyOrder(tuple("vic@example.com", "1 person as CSV"), tuple("owner@example.com", "0 grants as CSV"));
    }

    @Test
    void theFileIsNamedAfterTheKindAndTheDateInTheAccountsTimeZone() {
        // 23:30 UTC on the 23rd is already the 24th in Oslo.
        assertThat(exporter.fileName(owner, CsvKind.PEOPLE)).isEqualTo("people-2026-11-24.csv");
        assertThat(exporter.fileName(owner, CsvKind.GRANTS)).isEqualTo("grants-2026-11-24.csv");
    }

    private byte[] export(SignedInUser who, CsvKind kind) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(who, kind, out);
        return out.toByteArray();
    }

    private static List<CSVRecord> parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.parse(text.substring(1), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }
}
