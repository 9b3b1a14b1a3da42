package dev.portier.web.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.portier.identity.accounts.Role;
import dev.portier.platform.audit.AuditAction;
import dev.portier.platform.audit.AuditEntry;
import dev.portier.platform.audit.AuditFilter;
import dev.portier.platform.audit.AuditLog;
import dev.portier.domain.cards.Card;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import dev.portier.platform.db.PageRequest;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.TestServices;
import dev.portier.identity.users.Member;
import dev.portier.identity.users.UserService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportServiceTest {

    @TempDir
    Path dir;
    TestServices services;
    CsvImportService importer;
    PersonService people;
    CardService cards;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, new MutableClock(Instant.parse("2026-11-23T10:00:00Z")));
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
    void aValidFileImportsEveryRowNormalisedWithOneAuditEntry() throws IOException {
        ImportResult result = importPeople("""
                name,email,phone,notes
                Ada Lovelace,Ada@Example.com,+47 123 45 678,front desk
                Bob Builder,,+46 70 123 45 67,
                Cy Twombly,cy@example.com,,"paints, draws"
                """);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.imported()).isEqualTo(3);
        assertThat(allPeople()).extracting(Person::name, Person::email, Person::phone, Person::notes).containsExactly(
                tuple("Ada Lovelace", "ada@example.com", "+4712345678", "front desk"),
                tuple("Bob Builder", null, "+46701234567", null),
                tuple("Cy Twombly", "cy@example.com", null, "paints, draws"));
        List<AuditEntry> imports = audit(AuditAction.IMPORTED);
        assertThat(imports).extracting(AuditEntry::target).containsExactly("3 people from staff.csv");
        assertThat(audit(AuditAction.CREATED)).isEmpty();
    }

    @Test
    void oneBadRowAmongManyImportsNothingAndEveryBadRowIsReported() throws IOException {
        people.create(owner, new PersonDraft("Existing Person", "taken@example.com", null, null));
        StringBuilder csv = new StringBuilder("name,email,phone,notes\n");
        for (int i = 1; i <= 300; i++) {
            csv.append("Person ").append(i).append(",person").append(i).append("@example.com,,\n");
        }
        // Lines 302 to 307: one problem each.
        csv.append("Bad Email,not-an-email,,\n")
                .append("Bad Phone,,+47 abc,\n")
                .append("Twin,person7@example.com,,\n")
                .append("Copycat,TAKEN@example.com,,\n")
                .append(",nameless@example.com,,\n")
                .append("Nobody Reachable,,,\n");

        ImportResult result = importPeople(csv.toString());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.imported()).isZero();
        assertThat(result.errors()).extracting(RowError::line, RowError::column).containsExactly(
                tuple(302, "email"), tuple(303, "phone"), tuple(304, "email"), tuple(305, "email"), tuple(306, "name"),
                tuple(307, "email"));
        assertThat(result.errors()).extracting(RowError::message).containsExactly(
                "Enter a valid email address, like name@example.com",
                "Enter an international phone number starting with + and the country code, like +47 123 45 678",
                "The email person7@example.com is also on line 8",
                "Existing Person already has the email taken@example.com",
                "Enter a name",
                "Enter an email address or a phone number");
        assertThat(allPeople()).extracting(Person::name).containsExactly("Existing Person");
        assertThat(audit(AuditAction.IMPORTED)).isEmpty();
    }

    @Test
    void aPhoneNumberAlreadyTakenOrTwiceInTheFileIsReportedAndNothingImported() throws IOException {
        people.create(owner, new PersonDraft("Existing Person", null, "+47 912 34 567", null));
        ImportResult result = importPeople("""
                name,email,phone,notes
                Ada,,+47 900 00 001,
                Bob,,0047 900 00 001,
                Cid,,+47 (0)91 23 45 67,
                """);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.errors()).extracting(RowError::line, RowError::column, RowError::message).containsExactly(
                tuple(3, "phone", "The phone number +4790000001 is also on line 2"),
                tuple(4, "phone", "Existing Person already has the phone number +4791234567"));
        assertThat(allPeople()).extracting(Person::name).containsExactly("Existing Person");
    }

    @Test
    void cardsAreAssignedByEmailAndEveryBadCardRowIsReported() throws IOException {
        people.create(owner, new PersonDraft("Ada", "ada@example.com", null, null));
        cards.create(owner, new dev.portier.domain.cards.CardDraft(CardType.GEOTAB_TAPCARD, "ABCDEFGH12", null, null, null));

        ImportResult bad = importCards("""
                card_type,serial_number,person_email,label,state
                GEOTAB_TAPCARD,23456789AB,ada@example.com,Van 1,
                GEOTAB_TAPCARD,0123456789,,,
                GEOTAB_TAPCARD,23456789AB,,,
                GEOTAB_TAPCARD,abcdefgh12,,,
                GENERIC_NFC,04:A2:2B:91,nobody@example.com,,
                MAGSTRIPE,12345678,,,
                GENERIC_NFC,04A22B92,,,MISSING
                """);

        assertThat(bad.succeeded()).isFalse();
        assertThat(bad.errors()).extracting(RowError::line, RowError::column).containsExactly(
                tuple(3, "serial_number"), tuple(4, "serial_number"), tuple(5, "serial_number"), tuple(6, "person_email"),
                tuple(7, "card_type"), tuple(8, "state"));
        assertThat(bad.errors().get(0).message()).startsWith("A Geotab tap card serial has 10 characters");
        assertThat(bad.errors().get(1).message()).isEqualTo("The serial number 23456789AB is also on line 2");
        assertThat(bad.errors().get(2).message()).isEqualTo("A card with serial number ABCDEFGH12 already exists");
        assertThat(bad.errors().get(3).message()).isEqualTo("No person of this account has the email nobody@example.com");
        assertThat(bad.errors().get(4).message()).isEqualTo("\"MAGSTRIPE\" is not one of GEOTAB_TAPCARD, GENERIC_NFC");
        assertThat(bad.errors().get(5).message()).isEqualTo("\"MISSING\" is not one of ACTIVE, LOST, RETIRED");
        assertThat(cards.count(owner, null)).isEqualTo(1);

        ImportResult good = importCards("""
                Card Type;Serial Number;Person Email;Label;State
                geotab_tapcard;23456789ab;ADA@example.com;Van 1;
                GENERIC_NFC;04:A2:2B:91;;;lost
                """);

        assertThat(good.errors()).isEmpty();
        assertThat(cards.list(owner, null, PageRequest.first(10)))
                .extracting(Card::serialNumber, Card::personName, Card::label, Card::state).containsExactly(
                        tuple("04A22B91", null, null, CardState.LOST),
                        tuple("23456789AB", "Ada", "Van 1", CardState.ACTIVE),
                        tuple("ABCDEFGH12", null, null, CardState.ACTIVE));
        assertThat(audit(AuditAction.IMPORTED)).extracting(AuditEntry::target).containsExactly("2 cards from staff.csv");
    }

    @Test
    void aMissingRequiredColumnOrAnUnknownOneIsReportedOnTheHeaderLine() throws IOException {
        ImportResult noName = importPeople("email,phone\nada@example.com,\n");
        assertThat(noName.errors()).containsExactly(new RowError(1, "name", "The column name is missing"));

        ImportResult noContact = importPeople("name,notes\nAda,hi\n");
        assertThat(noContact.errors()).containsExactly(new RowError(1, "email", "The file needs an email column, a phone column or both"));

        ImportResult noSerial = importCards("card_type,label\nGENERIC_NFC,x\n");
        assertThat(noSerial.errors()).containsExactly(new RowError(1, "serial_number", "The column serial_number is missing"));

        ImportResult typo = importPeople("name,e-mail,mail\nAda,ada@example.com,x\n");
        assertThat(typo.errors()).extracting(RowError::line, RowError::column).containsExactly(tuple(1, "e_mail"), tuple(1, "mail"));
        assertThat(typo.errors().getFirst().message()).isEqualTo("Unknown column \"e_mail\": the columns are name, email, phone, notes, groups");

        ImportResult noHeader = importPeople("Ada,ada@example.com\n");
        assertThat(noHeader.errors()).extracting(RowError::message)
                .containsExactly("The first line must be a header row naming the columns: name, email, phone, notes, groups");
        assertThat(allPeople()).isEmpty();
    }

    @Test
    void aByteOrderMarkCrlfLineEndsAndSemicolonsAreUnderstoodAndLinesCountedAsASpreadsheetShowsThem() throws IOException {
        String csv = "\uFEFFname;email;phone;notes\r\n"
                + "Åse Ødegård;ase@example.com;+47 123 45 678;\"two\r\nlines\"\r\n"
                + "\r\n"
                + "Bad;bad@;;\r\n";
        ImportResult bad = importPeople(csv);
        assertThat(bad.errors()).containsExactly(new RowError(5, "email", "Enter a valid email address, like name@example.com"));

        ImportResult good = importPeople(csv.replace("bad@", "bad@example.com"));
        assertThat(good.imported()).isEqualTo(2);
        assertThat(allPeople()).extracting(Person::name, Person::notes)
                .containsExactly(tuple("Bad", null), tuple("Åse Ødegård", "two\r\nlines"));
    }

    @Test
    void formulaEscapedCellsLoseTheirApostropheAndOtherApostrophesStay() throws IOException {
        importPeople("name,email,phone,notes\nO'Brien,ob@example.com,'+47 123 45 678,'=1+2\n");
        assertThat(allPeople()).extracting(Person::name, Person::phone, Person::notes)
                .containsExactly(tuple("O'Brien", "+4712345678", "=1+2"));
    }

    @Test
    void filesThatAreNotUtf8TooLargeTooLongOrEmptyAreRefusedWithAClearMessage() throws IOException {
        byte[] latin1 = "name,email\nJosé,jose@example.com\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(importer.importFile(owner, CsvKind.PEOPLE, "x.csv", new ByteArrayInputStream(latin1), ImportProgress.NONE).errors())
                .extracting(RowError::message)
                .containsExactly("The file is not UTF-8 (line 2 has a character that is not): save it as \"CSV UTF-8\"");

        byte[] huge = new byte[CsvTable.MAX_BYTES + 1];
        assertThat(importer.importFile(owner, CsvKind.PEOPLE, "x.csv", new ByteArrayInputStream(huge), ImportProgress.NONE).errors())
                .extracting(RowError::message).containsExactly("The file is larger than 10 MB: split it into smaller files");

        StringBuilder tooLong = new StringBuilder("name,phone\n");
        tooLong.append("P,+4712345678\n".repeat(CsvTable.MAX_ROWS + 1));
        assertThat(importPeople(tooLong.toString()).errors()).extracting(RowError::message)
                .containsExactly("The file has more than 100,000 rows: split it into smaller files");

        assertThat(importPeople("name,email\n").errors()).extracting(RowError::message)
                .containsExactly("The file has no rows below the header");
        assertThat(importPeople("name,email\n\"Ada,ada@example.com\n").errors()).extracting(RowError::message)
                .singleElement().asString().startsWith("The file is not valid CSV (check the quotes)");
        assertThat(allPeople()).isEmpty();
    }

    @Test
    void aRowWithMoreValuesThanColumnsIsReported() throws IOException {
        ImportResult result = importPeople("name,email\nSmith, John,john@example.com\n");
        assertThat(result.errors()).extracting(RowError::line, RowError::message).contains(
                tuple(2, "This line has 3 values but the header has 2 columns: put values with a separator in quotes"));
    }

    @Test
    void progressIsReportedForCheckingAndImporting() throws IOException {
        StringBuilder csv = new StringBuilder("name,email\n");
        for (int i = 0; i < 600; i++) {
            csv.append("P").append(i).append(",p").append(i).append("@example.com\n");
        }
        List<String> updates = new CopyOnWriteArrayList<>();
        importer.importFile(owner, CsvKind.PEOPLE, "p.csv", stream(csv.toString()),
                (stage, done, total) -> updates.add(stage + " " + done + "/" + total));
        assertThat(updates).containsExactly("VALIDATING 250/600", "VALIDATING 500/600", "VALIDATING 600/600",
                "IMPORTING 250/600", "IMPORTING 500/600", "IMPORTING 600/600");
    }

    @Test
    void viewersCannotImportAndManagersCan() throws IOException {
        UserService users = services.get(UserService.class);
        SignedInUser viewer = member(users.addMember(owner, new UserService.NewMember("vic@example.com", "Vic", Role.VIEWER,
                "viewer password 1")));
        SignedInUser manager = member(users.addMember(owner, new UserService.NewMember("max@example.com", "Max", Role.MANAGER,
                "manager password 1")));
        String csv = "name,email\nAda,ada@example.com\n";

        assertThat(importer.mayImport(viewer)).isFalse();
        assertThatThrownBy(() -> importer.importFile(viewer, CsvKind.PEOPLE, "p.csv", stream(csv), ImportProgress.NONE))
                .isInstanceOf(ForbiddenException.class);
        assertThat(allPeople()).isEmpty();

        assertThat(importer.mayImport(manager)).isTrue();
        assertThat(importer.importFile(manager, CsvKind.PEOPLE, "p.csv", stream(csv), ImportProgress.NONE).imported()).isEqualTo(1);
    }

    @Test
    void grantsCannotBeImported() {
        assertThatThrownBy(() -> importer.importFile(owner, CsvKind.GRANTS, "g.csv", stream("id\n"), ImportProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ImportResult importPeople(String csv) throws IOException {
        return importer.importFile(owner, CsvKind.PEOPLE, "uploads/staff.csv", stream(csv), ImportProgress.NONE);
    }

    private ImportResult importCards(String csv) throws IOException {
        return importer.importFile(owner, CsvKind.CARDS, "staff.csv", stream(csv), ImportProgress.NONE);
    }

    private static ByteArrayInputStream stream(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }

    private List<Person> allPeople() {
        return new ArrayList<>(people.list(owner, null, PageRequest.first(1000)));
    }

    private List<AuditEntry> audit(AuditAction action) {
        return services.get(AuditLog.class).page(owner.accountId(), new AuditFilter(action, null, null, null), 0, 100);
    }

    private SignedInUser member(Member m) {
        return new SignedInUser(m.userId(), m.email(), m.displayName(), owner.accountId());
    }
}
