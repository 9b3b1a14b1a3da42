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

    @Test
    void namesAndTextsRefuseBidiOverridesAndOtherInvisibleControls() {
        // "invoice\u202Efdp.exe" displays as "invoiceexe.pdf"; the isolates, zero-width space, BOM and
        // line separator are just as invisible.
        for (String bad : new String[] {"Ann\u202Efdp.exe", "Ann\u2066x\u2069", "Ann\u200Bx", "\uFEFFAnn", "Ann\u2028x",
                "Ann\u0085x", "Ann\u009Bx", "Ann\u0000", "Ann\uD800x", "Ann\uE000", "Ann\u061Cx"}) {
            assertThat(TextRules.validateName(bad, "a name", 100)).as(bad).contains("Name cannot contain <, > or control characters");
            assertThat(TextRules.validateText(bad, "The address", 500)).as(bad).contains("The address cannot contain control characters");
        }
        // Real names in other scripts, emoji sequences with the zero-width joiner, Persian's non-joiner.
        for (String good : new String[] {"Åse Ødegård", "محمد", "李小龍", "👩\u200D🔧 Fixers", "می\u200Cخواهم", "Ο Ζορμπάς"}) {
            assertThat(TextRules.validateName(good, "a name", 100)).as(good).isEmpty();
        }
        assertThat(TextRules.validateText("Street 1\nOslo\r\n\tNorway", "The address", 500)).isEmpty();
    }
}
