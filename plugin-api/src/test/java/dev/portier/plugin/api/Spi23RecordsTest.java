package dev.portier.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What SPI 2.3 added: a setting that applies only while another setting has certain values. */
class Spi23RecordsTest {

    @Test
    void a_setting_shown_only_in_production_keeps_everything_else_and_names_its_condition() {
        ConfigProperty key = ConfigProperty.secret("apiKey", "API key", "From the vendor").shownWhen("mode", "production");
        assertThat(key.secret()).isTrue();
        assertThat(key.required()).isTrue();
        assertThat(key.shownWhen()).isEqualTo(new ConfigProperty.ShownWhen("mode", List.of("production")));
        assertThat(key.shownWhen().holdsFor("production")).isTrue();
        assertThat(key.shownWhen().holdsFor("sandbox")).isFalse();
        assertThat(key.shownWhen().holdsFor(null)).isFalse();
    }

    @Test
    void the_constructor_of_2_0_still_makes_a_setting_that_always_applies() {
        ConfigProperty old = new ConfigProperty("site", ConfigType.TEXT, "Site", "", null, false, false, List.of());
        assertThat(old.shownWhen()).isNull();
    }

    @Test
    void a_setting_cannot_depend_on_itself_or_on_no_value() {
        assertThatThrownBy(() -> ConfigProperty.secret("apiKey", "API key", "").shownWhen("apiKey", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigProperty.secret("apiKey", "API key", "").shownWhen("mode"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
