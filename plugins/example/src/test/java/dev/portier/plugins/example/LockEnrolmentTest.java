package dev.portier.plugins.example;

import static dev.portier.plugins.example.ControllerFixture.BACK_DOOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.EnrolmentRefusedException;
import dev.portier.plugin.api.LockEnrolment.EnrolmentRequest;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.Material;
import dev.portier.plugin.conformance.TestDriverContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ENROLMENT over real HTTP: the serial number and installer code from the controller become the door's material. */
class LockEnrolmentTest {

    @Test
    void the_inputs_are_declared_for_the_form_and_the_installer_code_is_secret() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            assertThat(controller.driver.enrolmentInputs()).extracting(ConfigProperty::key, ConfigProperty::required, ConfigProperty::secret)
                    .containsExactly(tuple("serialNumber", true, false),
                            tuple("installerCode", true, true));
        }
    }

    @Test
    void enrolling_answers_the_door_its_public_label_and_a_secret_expiring_token_and_puts_the_label_on_phones() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            EnrolmentResult result = controller.driver.enrol(request("SN-back", "1234"));

            assertThat(result.vendorReference()).isEqualTo("back");
            Material label = result.material().get(0);
            Material token = result.material().get(1);
            assertThat(label.name()).isEqualTo("publicLabel");
            assertThat(label.visibility()).isEqualTo(Material.Visibility.PUBLIC);
            assertThat(new String(label.content(), StandardCharsets.UTF_8)).contains("SN-back");
            assertThat(token.visibility()).isEqualTo(Material.Visibility.SECRET);
            assertThat(token.expiresAt()).isAfter(TestDriverContext.START);
            assertThat(controller.context.phoneMaterial("publicLabel", "lock-back")).get()
                    .extracting(material -> new String(material.content(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(label.content(), StandardCharsets.UTF_8));

            assertThat(controller.driver.enrol(request("SN-back", "1234"))).as("enrolling again").isEqualTo(result);
        }
    }

    @Test
    void refusals_name_the_input_they_are_about() {
        try (ControllerFixture controller = ControllerFixture.start()) {
            assertThatThrownBy(() -> controller.driver.enrol(request("SN-back", "0000")))
                    .isInstanceOfSatisfying(EnrolmentRefusedException.class, e -> assertThat(e.input()).isEqualTo("installerCode"));
            assertThatThrownBy(() -> controller.driver.enrol(request("SN-nowhere", "1234")))
                    .isInstanceOfSatisfying(EnrolmentRefusedException.class, e -> assertThat(e.input()).isEqualTo("serialNumber"))
                    .hasMessageContaining("SN-nowhere");
            assertThatThrownBy(() -> controller.driver.enrol(new EnrolmentRequest(BACK_DOOR, Map.of("serialNumber", "SN-back"))))
                    .isInstanceOfSatisfying(EnrolmentRefusedException.class, e -> assertThat(e.input()).isEqualTo("installerCode"));
        }
    }

    private static EnrolmentRequest request(String serialNumber, String installerCode) {
        return new EnrolmentRequest(BACK_DOOR, Map.of("serialNumber", serialNumber, "installerCode", installerCode));
    }
}
