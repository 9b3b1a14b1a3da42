package dev.portier.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ZoneCountriesTest {

    @Test
    void aZoneNamesItsCountryAndUtcNone() {
        assertThat(ZoneCountries.of(ZoneId.of("Europe/Oslo"))).hasValue("NO");
        assertThat(ZoneCountries.of(ZoneId.of("Europe/Berlin"))).hasValue("DE");
        assertThat(ZoneCountries.of(ZoneId.of("America/New_York"))).hasValue("US");
        assertThat(ZoneCountries.of(ZoneId.of("UTC"))).isEmpty();
        assertThat(ZoneCountries.of(ZoneId.of("Etc/GMT+1"))).isEmpty();
    }
}
