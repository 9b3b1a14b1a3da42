package dev.portier.domain.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.identity.accounts.AccountService;
import dev.portier.domain.people.Person;
import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.testing.TestServices;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardServiceTest {

    @TempDir
    Path dir;
    TestServices services;
    CardService cards;
    SignedInUser owner;

    @BeforeEach
    void start() {
        services = new TestServices(dir, Clock.systemUTC());
        cards = services.get(CardService.class);
        owner = services.setUpOwner();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void geotabSerialsFollowGeotabsRule() {
        assertThat(CardType.GEOTAB_TAPCARD.normalize("6d4297ya01")).contains("6D4297YA01");
        assertThat(CardType.GEOTAB_TAPCARD.normalize("6D4297YA")).as("eight characters").isEmpty();
        assertThat(CardType.GEOTAB_TAPCARD.normalize("0D4297YA01")).as("no zero in the first eight").isEmpty();
        assertThat(CardType.GEOTAB_TAPCARD.normalize("6D4297IA01")).as("no I").isEmpty();
        assertThat(CardType.GEOTAB_TAPCARD.normalize("6D4297YA0O")).as("the last two are free").contains("6D4297YA0O");
    }

    @Test
    void nfcUidsAreFourSevenOrTenBytesOfHex() {
        assertThat(CardType.GENERIC_NFC.normalize("04:a2:2b:91")).contains("04A22B91");
        assertThat(CardType.GENERIC_NFC.normalize("04 A2 2B 91 C3 5D 80")).contains("04A22B91C35D80");
        assertThat(CardType.GENERIC_NFC.normalize("04A22B91C35D80112233")).contains("04A22B91C35D80112233");
        assertThat(CardType.GENERIC_NFC.normalize("04A22B")).isEmpty();
        assertThat(CardType.GENERIC_NFC.normalize("04A22B91C3")).as("5 bytes").isEmpty();
        assertThat(CardType.GENERIC_NFC.normalize("ZZA22B91")).isEmpty();
    }

    @Test
    void serialsAreUniquePerAccountAndCardsAssignToPeopleOfTheAccount() {
        Person pia = services.get(PersonService.class).create(owner, new PersonDraft("Pia", "pia@example.com", null, null));
        Card card = cards.create(owner, new CardDraft(CardType.GEOTAB_TAPCARD, "6D4297YA01", pia.id(), "Pia's", null));
        assertThat(card.personName()).isEqualTo("Pia");
        assertThat(card.state()).isEqualTo(CardState.ACTIVE);
        assertThatThrownBy(() -> cards.create(owner, new CardDraft(CardType.GEOTAB_TAPCARD, "6d4297ya01", null, null, null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("serialNumber"));

        SignedInUser beta = services.get(AccountService.class).create(owner, "Beta", "UTC");
        assertThatThrownBy(() -> cards.create(beta, new CardDraft(CardType.GEOTAB_TAPCARD, "6D4297YA02", pia.id(), null, null)))
                .as("Pia is not Beta's").isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("personId"));
        assertThat(cards.count(beta, null)).isZero();
    }

    @Test
    void anInvalidSerialSaysTheRule() {
        assertThatThrownBy(() -> cards.create(owner, new CardDraft(CardType.GEOTAB_TAPCARD, "ABC", null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get("serialNumber"))
                        .contains("10 characters").contains("23456789ABCDEFGHJKLMNPQRSTUVWXYZ"));
        assertThat(cards.count(owner, null)).isZero();
    }
}
