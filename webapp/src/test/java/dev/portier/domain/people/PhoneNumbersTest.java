package dev.portier.domain.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Phone numbers as people type them, normalised to E.164 by libphonenumber. */
class PhoneNumbersTest {

    @Test
    void aBracketedTrunkZeroIsNotReadAsPartOfTheNumber() {
        // Norway has no trunk prefix: libphonenumber alone read "+47 (0)91…" as +47091… (and refused it).
        assertThat(PhoneNumbers.normalize("+47 (0)91 23 45 67")).hasValue("+4791234567");
        assertThat(PhoneNumbers.normalize("+47(0)91234567")).hasValue("+4791234567");
        assertThat(PhoneNumbers.normalize("0047 (0) 912 34 567")).hasValue("+4791234567");
        // Countries with a trunk zero come out the same as written without it.
        assertThat(PhoneNumbers.normalize("+44 (0)20 7946 0958")).hasValue("+442079460958");
        assertThat(PhoneNumbers.normalize("+49 (0)30 123456")).hasValue("+4930123456");
    }

    @Test
    void internationalNotationsAgree() {
        for (String raw : new String[] {"+4791234567", "+47 912 34 567", "0047-912-34-567", "+47 (912) 34 567"}) {
            assertThat(PhoneNumbers.normalize(raw)).as(raw).hasValue("+4791234567");
        }
    }

    @Test
    void aNationalNumberWithoutCountryCodeIsRefusedNotGuessed() {
        assertThat(PhoneNumbers.normalize("(0)91234567")).isEmpty();
        assertThat(PhoneNumbers.normalize("912 34 567")).isEmpty();
        assertThat(PhoneNumbers.validate("(0)91234567")).isPresent();
    }

    /** Issue #19 item 11: "912 34 567" is a Norwegian number where the account's sites are in Norway. */
    @Test
    void aLocalNumberIsReadInTheGivenCountryAndTheFieldSaysWhich() {
        assertThat(PhoneNumbers.normalize("912 34 567", "NO")).hasValue("+4791234567");
        assertThat(PhoneNumbers.normalize("030 123456", "DE")).hasValue("+4930123456");
        assertThat(PhoneNumbers.normalize("+44 20 7946 0958", "NO")).as("international stays international").hasValue("+442079460958");
        assertThat(PhoneNumbers.normalize("912 34 567", null)).isEmpty();
        assertThat(PhoneNumbers.normalize("12", "NO")).isEmpty();
        assertThat(PhoneNumbers.normalize("12345", "NO")).as("a guess must be a real number there").isEmpty();
        assertThat(PhoneNumbers.hint("NO")).isEqualTo("Numbers without + are read as Norway (+47)");
        assertThat(PhoneNumbers.validate("12", "NO")).hasValue("Enter a phone number of Norway, or + and the country code, like +47 123 45 678");
    }
}
