package dev.portier.plugins.tapkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portier.plugin.api.Choice;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugin.conformance.TestDriverContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** validate(): a token, the owner accounts the client co-administers as choices, and clear problems. */
class ConnectionValidationTest {

    private final TapkeyFixture tapkey = new TapkeyFixture();

    @AfterEach
    void stop() {
        tapkey.close();
    }

    private ConfigValidation validate(Map<String, String> values) {
        try (TestDriverContext context = TestDriverContext.of(values)) {
            return new TapkeyFactory().validate(new DriverConfiguration(values), context);
        }
    }

    @Test
    void the_owner_accounts_the_client_co_administers_are_offered_and_one_must_be_chosen() {
        Map<String, String> values = new HashMap<>(tapkey.configuration());
        values.remove("ownerAccount");
        ConfigValidation validation = validate(values);

        assertThat(validation.problems()).extracting(FieldProblem::key).containsExactly("ownerAccount");
        assertThat(validation.choices().get("ownerAccount")).containsExactly(new Choice("owner-1", "Main office"));

        values.put("ownerAccount", "owner-1");
        ConfigValidation chosen = validate(values);
        assertThat(chosen.isValid()).isTrue();
        assertThat(chosen.notes()).anySatisfy(note -> assertThat(note).contains("holds 2 bound locks"));
    }

    @Test
    void a_client_that_co_administers_nothing_is_told_to_become_co_admin() {
        tapkey.simulator.addClient("lonely", "pw", "read:owneraccounts", "read:core:entities");
        Map<String, String> values = new HashMap<>(tapkey.configuration());
        values.put("clientId", "lonely");
        values.put("clientSecret", "pw");
        values.put("scopes", "read:owneraccounts read:core:entities");

        assertThat(validate(values).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("ownerAccount");
            assertThat(problem.message()).contains("co-administers no owner account").contains("co-admin");
        });
    }

    @Test
    void wrong_credentials_and_scopes_the_client_may_not_have_name_their_fields() {
        Map<String, String> values = new HashMap<>(tapkey.configuration());
        values.put("clientSecret", "wrong");
        assertThat(validate(values).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("clientSecret");
            assertThat(problem.message()).contains("refused the client id or secret").contains("invalid_client");
        });

        values.put("clientSecret", TapkeyFixture.SECRET);
        values.put("scopes", "read:owneraccounts write:owneraccount:permissions");
        assertThat(validate(values).problems()).extracting(FieldProblem::key).containsExactly("scopes");
    }

    @Test
    void a_sandbox_connection_validates_against_its_own_simulator() {
        ConfigValidation validation = validate(Map.of("mode", "sandbox"));
        assertThat(validation.choices().get("ownerAccount")).extracting(Choice::value)
                .containsExactly("sandbox-office", "sandbox-warehouse");
        assertThat(validate(Map.of("mode", "sandbox", "ownerAccount", "sandbox-office")).isValid()).isTrue();
    }
}
