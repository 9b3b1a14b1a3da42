package dev.portier.plugins.tapkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The three spellings of a physical lock id, with the examples of Tapkey's documentation. */
class PhysicalLockIdTest {

    @Test
    void json_form_url_form_and_human_form_are_one_id() {
        PhysicalLockId id = PhysicalLockId.parse("BAASNL/7");
        assertThat(id.humanForm()).isEqualTo("12-34-BF-FB");
        assertThat(id.base64()).isEqualTo("BAASNL/7");
        assertThat(id.urlForm()).isEqualTo("BAASNL_7");
        assertThat(PhysicalLockId.parse("BAASNL_7")).isEqualTo(id);
    }

    @Test
    void the_url_example_of_the_documentation_reads_back() {
        PhysicalLockId id = PhysicalLockId.parse("BwC-AKzc_wEH");
        assertThat(id.humanForm()).isEqualTo("BE-00-AC-DC-FF-01-07");
        assertThat(id.urlForm()).isEqualTo("BwC-AKzc_wEH");
        assertThat(id.base64()).isEqualTo("BwC+AKzc/wEH");
    }

    @Test
    void a_length_that_does_not_fit_is_refused() {
        assertThatThrownBy(() -> PhysicalLockId.parse("BQASNL/7")).hasMessageContaining("announces 5 bytes but carries 4");
        assertThatThrownBy(() -> PhysicalLockId.parse("%%%")).hasMessageContaining("Not a Base64");
    }
}
