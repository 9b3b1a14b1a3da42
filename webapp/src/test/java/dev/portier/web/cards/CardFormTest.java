package dev.portier.web.cards;

import dev.portier.domain.cards.CardDraft;
import dev.portier.domain.cards.CardService;
import dev.portier.domain.cards.CardState;
import dev.portier.domain.cards.CardType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.domain.people.PersonService;
import dev.portier.identity.accounts.SignedInUser;
import dev.portier.plugin.conformance.MutableClock;
import dev.portier.testing.TestServices;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card form checks the serial number by the chosen card type's own rule. */
class CardFormTest {

    @TempDir
    Path dir;
    TestServices services;
    CardForm form;
    final List<CardDraft> saved = new ArrayList<>();

    @BeforeEach
    void setUp() {
        services = new TestServices(dir, new MutableClock(Instant.parse("2030-01-01T00:00:00Z")));
        SignedInUser owner = services.setUpOwner();
        form = new CardForm(services.get(PersonService.class), owner);
        form.edit(new CardDraft(CardType.GEOTAB_TAPCARD, "", null, "", CardState.ACTIVE));
        form.addSaveListener(saved::add);
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    @Test
    void aGeotabSerialWithForbiddenCharactersIsRefused() {
        form.serialNumber.setValue("0OI1ABCDEF");
        form.save();
        assertThat(saved).isEmpty();
        assertThat(form.serialNumber.getErrorMessage()).isEqualTo(CardType.GEOTAB_TAPCARD.rule());
    }

    @Test
    void switchingTheTypeChecksTheSerialAgainstTheNewRule() {
        form.serialNumber.setValue("04:A2:2B:91:C3:5D:80");
        form.save();
        assertThat(form.serialNumber.isInvalid()).isTrue();

        form.cardType.setValue(CardType.GENERIC_NFC);
        assertThat(form.serialNumber.isInvalid()).isFalse();
        assertThat(form.serialNumber.getHelperText()).isEqualTo(CardType.GENERIC_NFC.rule());
        form.save();
        assertThat(saved).singleElement().satisfies(d -> {
            assertThat(d.cardType()).isEqualTo(CardType.GENERIC_NFC);
            assertThat(d.personId()).isNull();
            assertThat(CardService.validate(d).serialNumber()).isEqualTo("04A22B91C35D80");
        });
    }
}
