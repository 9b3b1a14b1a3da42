package dev.portier.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Issue #19 item 1: the date formats a date field accepts, by the browser's language. */
class DateFieldsTest {

    @Test
    void eachLanguageWritesItsOwnShortDateAndIsoAlwaysWorks() {
        assertThat(DateFields.formats(Locale.US)).containsExactly("M/d/yyyy", DateFields.ISO);
        assertThat(DateFields.formats(Locale.forLanguageTag("nb-NO"))).containsExactly("dd.MM.yyyy", "d.M.yyyy", DateFields.ISO);
        assertThat(DateFields.formats(Locale.GERMANY)).containsExactly("dd.MM.yyyy", "d.M.yyyy", DateFields.ISO);
        assertThat(DateFields.example(Locale.US)).isEqualTo("1/31/2030");
        assertThat(DateFields.example(Locale.forLanguageTag("nb-NO"))).isEqualTo("31.01.2030");
    }
}
