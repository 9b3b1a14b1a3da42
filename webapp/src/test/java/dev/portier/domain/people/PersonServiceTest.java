package dev.portier.domain.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.platform.db.Database;
import dev.portier.platform.db.PageRequest;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.TestServices;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

    @Test
    void pagesDeepInALongListComeInNameOrderFromEitherEnd() {
        // 2,400 people, each name three times (the id breaks the tie), every second one with an "even" email:
        // pages past PersonService.FROM_END_AFTER in the far half are read backwards from the end.
        List<Person> all = new ArrayList<>();
        services.get(Database.class).jdbi().useTransaction(h -> {
            for (int i = 0; i < 2_400; i++) {
                String name = String.format(Locale.ROOT, "Person %04d", (i * 7) % 800);
                String email = "p" + i + (i % 2 == 0 ? "@even.example" : "@odd.example");
                all.add(PersonService.insert(h, owner.accountId(), new PersonDraft(name, email, null, null), Instant.now()));
            }
        });
        services.get(AccountService.class).create(owner, "Beta", "UTC");
        List<Person> byName = all.stream().sorted(Comparator.comparing(Person::name).thenComparing(Person::id)).toList();
        List<Person> even = byName.stream().filter(p -> p.email().endsWith("@even.example")).toList();

        assertThat(pageThrough(null, 50)).isEqualTo(byName);
        assertThat(pageThrough(null, 333)).isEqualTo(byName);
        assertThat(pageThrough("EVEN.example", 70)).isEqualTo(even);
        assertThat(people.list(owner, null, new PageRequest(2_390, 50))).isEqualTo(byName.subList(2_390, 2_400));
        assertThat(people.list(owner, null, new PageRequest(1_150, 100))).isEqualTo(byName.subList(1_150, 1_250));
        assertThat(people.list(owner, "even", new PageRequest(1_190, 20))).isEqualTo(even.subList(1_190, 1_200));
        assertThat(people.list(owner, null, new PageRequest(2_400, 50))).isEmpty();
        assertThat(people.list(owner, "even", new PageRequest(5_000, 50))).isEmpty();
        assertThat(people.count(owner, "even")).isEqualTo(1_200);
    }

    private List<Person> pageThrough(String search, int pageSize) {
        List<Person> seen = new ArrayList<>();
        for (int offset = 0; ; offset += pageSize) {
            List<Person> page = people.list(owner, search, new PageRequest(offset, pageSize));
            seen.addAll(page);
            if (page.size() < pageSize) {
                return seen;
            }
        }
    }
}
