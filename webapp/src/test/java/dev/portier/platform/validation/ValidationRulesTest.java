package dev.portier.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidationRulesTest {

    @Test
    void emailAddressesAreCheckedAndNormalised() {
        assertThat(EmailAddress.validate("Ann@Example.com")).isEmpty();
        assertThat(EmailAddress.normalize("  Ann@Example.COM ")).isEqualTo("ann@example.com");
        assertThat(EmailAddress.validate("")).contains("Enter an email address");
        assertThat(EmailAddress.validate("not-an-email")).hasValueSatisfying(m -> assertThat(m).contains("valid email"));
        assertThat(EmailAddress.validate("a@b")).isPresent();
        assertThat(EmailAddress.validate("<script>@x.com")).isPresent();
        assertThat(EmailAddress.validate("a".repeat(250) + "@x.com")).hasValueSatisfying(m -> assertThat(m).contains("254"));
    }

    @Test
    void passwordsNeedTwelveVariedCharacters() {
        assertThat(PasswordPolicy.validate("short")).hasValueSatisfying(m -> assertThat(m).contains("12"));
        assertThat(PasswordPolicy.validate("aaaaaaaaaaaaaaaa")).hasValueSatisfying(m -> assertThat(m).contains("variety"));
        assertThat(PasswordPolicy.validate("            ")).isPresent();
        assertThat(PasswordPolicy.validate("x".repeat(300) + "abc")).hasValueSatisfying(m -> assertThat(m).contains("256"));
        assertThat(PasswordPolicy.validate("correct horse battery")).isEmpty();
    }

    @Test
    void namesRefuseMarkupAndLength() {
        assertThat(TextRules.validateName("Acme Properties", "an account name", 100)).isEmpty();
        assertThat(TextRules.validateName("  ", "an account name", 100)).contains("Enter an account name");
        assertThat(TextRules.validateName("<script>alert(1)</script>", "an account name", 100))
                .contains("Account name cannot contain <, > or control characters");
        assertThat(TextRules.validateName("x".repeat(101), "your name", 100)).contains("Your name has at most 100 characters");
    }
}
