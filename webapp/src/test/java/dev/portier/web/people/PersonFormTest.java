package dev.portier.web.people;

import dev.portier.domain.people.PersonDraft;
import dev.portier.domain.people.PersonService;
import dev.portier.domain.people.PhoneNumbers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The person form applies the domain's rules for names, emails and phone numbers at each field. */
class PersonFormTest {

    final PersonForm form = new PersonForm();
    final List<PersonDraft> saved = new ArrayList<>();

    @BeforeEach
    void setUp() {
        form.edit(new PersonDraft("", "", "", ""));
        form.addSaveListener(saved::add);
    }

    @Test
    void anInvalidPhoneNumberIsRefusedAtItsField() {
        form.name.setValue("Ada Lovelace");
        form.phone.setValue("12345");
        form.save();
        assertThat(saved).isEmpty();
        assertThat(form.phone.isInvalid()).isTrue();
        assertThat(form.phone.getErrorMessage()).startsWith("Enter an international phone number");
    }

    @Test
    void someoneNeedsAnEmailOrAPhoneNumber() {
        form.name.setValue("Ada Lovelace");
        form.save();
        assertThat(saved).isEmpty();
        assertThat(form.email.getErrorMessage()).isEqualTo("Enter an email address or a phone number");

        form.phone.setValue("+47 123 45 678");
        assertThat(form.email.isInvalid()).as("typing a phone clears the email's message").isFalse();
        form.save();
        assertThat(saved).singleElement().satisfies(d -> {
            assertThat(d.phone()).isEqualTo("+47 123 45 678");
            assertThat(PersonService.validate(d).phone()).isEqualTo("+4712345678");
        });
    }

    @Test
    void namesWithMarkupAndBadEmailsAreRefused() {
        form.name.setValue("<b>Ada</b>");
        form.email.setValue("ada@");
        form.save();
        assertThat(saved).isEmpty();
        assertThat(form.name.getErrorMessage()).isEqualTo("Name cannot contain <, > or control characters");
        assertThat(form.email.getErrorMessage()).isEqualTo("Enter a valid email address, like name@example.com");
    }

    @Test
    void anExistingPersonShowsTheirPhoneReadably() {
        form.edit(new PersonDraft("Bob", null, "+4712345678", null));
        assertThat(form.phone.getValue()).as("international notation with spaces").startsWith("+47 ").isNotEqualTo("+4712345678");
        assertThat(PhoneNumbers.normalize(form.phone.getValue())).contains("+4712345678");
        assertThat(form.email.getValue()).isEmpty();
    }
}
