package dev.portier.plugins.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.Capability;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugin.conformance.TestDriverContext;
import dev.portier.plugins.reference.internal.ReferenceDriver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings checked before a connection is saved, and the capabilities the driver type declares. */
class ConnectionValidationTest {

    private final ReferenceLocksFactory factory = new ReferenceLocksFactory();

    private ConfigValidation validate(Map<String, String> settings) {
        try (TestDriverContext context = TestDriverContext.of(settings)) {
            return factory.validate(new DriverConfiguration(settings), context);
        }
    }

    @Test
    void both_modes_and_capacities_in_range_are_accepted() {
        assertThat(validate(Map.of("mode", "sandbox")).isValid()).isTrue();
        assertThat(validate(Map.of("mode", "production", "revocationListCapacity", "100000")).isValid()).isTrue();
        assertThat(validate(Map.of("mode", "sandbox", "revocationListCapacity", " 1 ")).isValid()).isTrue();
    }

    @Test
    void an_unknown_mode_and_a_capacity_out_of_range_are_problems_of_their_fields() {
        assertThat(validate(Map.of("mode", "staging", "revocationListCapacity", "0")).problems()).extracting(FieldProblem::key)
                .containsExactly("mode", "revocationListCapacity");
        assertThat(validate(Map.of("mode", "sandbox", "revocationListCapacity", "100001")).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("1 to 100000"));
        assertThat(validate(Map.of("mode", "sandbox", "revocationListCapacity", "many")).isValid()).isFalse();
    }

    @Test
    void the_capabilities_are_the_interfaces_of_the_driver_type() {
        assertThat(factory.driverType()).isEqualTo(ReferenceDriver.class);
        assertThat(Capability.of(factory.driverType())).containsExactlyInAnyOrder(Capability.ENROLMENT, Capability.KEY_ISSUING,
                Capability.REVOCATION_LISTS, Capability.SANDBOX);
    }
}
