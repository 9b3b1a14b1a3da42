package dev.portier.domain.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.TestServices;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonServiceTest {

    @TempDir
    Path dir;
    TestServices services;
    PersonService people;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        people = services.get(PersonService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void phonesAreStoredInE164AndFoundInAnyNotation() {
        Person ola = people.create(owner, new PersonDraft(" Ola ", null, "+47 123 45 678", null));
        assertThat(ola.phone()).isEqualTo("+4712345678");
        assertThat(ola.name()).isEqualTo("Ola");
        assertThat(people.findByPhone(owner.accountId(), "0047 12 34 56 78")).contains(ola);
        assertThat(PhoneNumbers.display("+4791234567")).isEqualTo("+47 91 23 45 67");
    }

    @Test
    void emailsAreUniquePerAccountIgnoringCase() {
        people.create(owner, new PersonDraft("Ann", "Ann@Example.com", null, null));
        assertThatThrownBy(() -> people.create(owner, new PersonDraft("Ann Again", "ann@example.COM", null, null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("email"));
        SignedInUser beta = services.get(AccountService.class).create(owner, "Beta", "UTC");
        assertThat(people.create(beta, new PersonDraft("Ann", "ann@example.com", null, null)).email())
                .as("another account may have the same email").isEqualTo("ann@example.com");
    }

    @Test
    void aPhoneNumberNamesOnePersonPerAccountInAnyNotation() {
        Person ola = people.create(owner, new PersonDraft("Ola", null, "+47 912 34 567", null));
        assertThatThrownBy(() -> people.create(owner, new PersonDraft("Kari", null, "0047 91 23 45 67", null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.field()).isEqualTo("phone");
                    assertThat(e.getMessage()).startsWith("Ola already has the phone number +47 91 23 45 67");
                });
        Person kari = people.create(owner, new PersonDraft("Kari", null, "+47 900 00 001", null));
        assertThatThrownBy(() -> people.update(owner, kari.id(), new PersonDraft("Kari", null, "+47 (0)912 34 567", null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("phone"));
        assertThat(people.get(owner, kari.id()).phone()).as("nothing changed").isEqualTo("+4790000001");
        assertThat(people.update(owner, ola.id(), new PersonDraft("Ola N.", null, "+4791234567", null)).phone())
                .as("a person keeps their own number").isEqualTo("+4791234567");
        assertThat(people.findByPhone(owner.accountId(), "+4791234567")).contains(people.get(owner, ola.id()));
        SignedInUser beta = services.get(AccountService.class).create(owner, "Beta", "UTC");
        assertThat(people.create(beta, new PersonDraft("Ola", null, "+4791234567", null)).phone())
                .as("another account may have the same number").isEqualTo("+4791234567");
    }

    @Test
    void badInputNamesItsFieldAndWritesNothing() {
        assertThatThrownBy(() -> people.create(owner, new PersonDraft("", null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKeys("name", "email"));
        assertThatThrownBy(() -> people.create(owner, new PersonDraft("X", "not-an-email", "12345", "x".repeat(2001))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsKeys("email", "phone", "notes"));
        assertThatThrownBy(() -> people.create(owner, new PersonDraft("X", null, "+47 abc", null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("phone"));
        assertThat(people.count(owner, null)).isZero();
    }

    @Test
    void listsPageAndSearchWithinTheAccountOnly() {
        for (int i = 0; i < 25; i++) {
            people.create(owner, new PersonDraft("Person " + (char) ('A' + i), "p" + i + "@example.com", null, null));
        }
        SignedInUser beta = services.get(AccountService.class).create(owner, "Beta", "UTC");
        Person stranger = people.create(beta, new PersonDraft("Person Z", "z@example.com", null, null));

        assertThat(people.count(owner, null)).isEqualTo(25);
        assertThat(people.list(owner, null, new PageRequest(20, 10))).hasSize(5);
        assertThat(people.list(owner, "person c", PageRequest.first(10))).extracting(Person::name).containsExactly("Person C");
        assertThat(people.count(owner, "100%")).isZero();
        assertThatThrownBy(() -> people.get(owner, stranger.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> people.update(owner, stranger.id(), new PersonDraft("Mine", "m@example.com", null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> people.delete(owner, stranger.id())).isInstanceOf(NotFoundException.class);
        assertThat(people.get(beta, stranger.id()).name()).isEqualTo("Person Z");
    }
}
