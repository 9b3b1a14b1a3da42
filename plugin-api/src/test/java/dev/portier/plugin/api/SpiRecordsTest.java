package dev.portier.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpiRecordsTest {

    @Test
    void driverIdsAreLowerCaseSlugs() {
        assertThat(new DriverDescriptor("geotab", "Geotab Keyless", "Geotab", "Vehicles").id()).isEqualTo("geotab");
        assertThatThrownBy(() -> new DriverDescriptor("Geotab", "G", "G", "")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> new DriverDescriptor("a b", "G", "G", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configurationIsDeclaredAsDataAndChecked() {
        ConfigProperty key = ConfigProperty.secret("apiKey", "API key", "From the vendor portal");
        assertThat(key.secret()).isTrue();
        assertThat(key.required()).isTrue();
        assertThat(ConfigProperty.choice("region", "Region", "", List.of("eu", "us")).defaultValue()).isEqualTo("eu");
        assertThatThrownBy(() -> new ConfigProperty("region", ConfigType.CHOICE, "Region", "", null, true, false, List.of()))
                .hasMessageContaining("options");
        assertThatThrownBy(() -> ConfigProperty.required("1x", ConfigType.TEXT, "X", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfigurationNeverPrintsItsValues() {
        DriverConfiguration config = new DriverConfiguration(Map.of("apiKey", "s3cret", "port", "8443", "sandbox", "true"));
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(config.integer("port")).contains(8443);
        assertThat(config.flag("sandbox")).isTrue();
        assertThat(config.text("missing")).isEmpty();
        assertThatThrownBy(() -> config.require("missing")).hasMessageContaining("missing");
    }

    @Test
    void everyCapabilityNamesItsInterface() {
        for (Capability capability : Capability.values()) {
            assertThat(capability.type()).isInterface();
        }
    }
}
