package dev.portier.plugin.conformance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.LockDriverFactory;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The kit catches each breach of the contract, and passes a driver that keeps it. */
class LockDriverContractTest {

    private final ScriptedDriverFactory factory = new ScriptedDriverFactory();
    private final Contract contract = new Contract(factory);

    /** The contract as a plugin would extend it, over the scripted driver. */
    static final class Contract extends LockDriverContract {
        private final ScriptedDriverFactory factory;

        Contract(ScriptedDriverFactory factory) {
            this.factory = factory;
        }

        @Override
        protected LockDriverFactory factory() {
            return factory;
        }

        @Override
        protected Map<String, String> validConfiguration() {
            return Map.of("mode", "ok");
        }

        @Override
        protected Map<String, String> invalidConfiguration() {
            return Map.of("mode", "bad");
        }

        @Override
        protected OptionalInt executions(String commandId) {
            AtomicInteger count = factory.executions.get(commandId);
            return OptionalInt.of(count == null ? 0 : count.get());
        }
    }

    @Test
    void a_driver_that_keeps_the_contract_passes_every_check() {
        passes(contract::descriptor_is_valid_and_constant);
        passes(contract::configuration_schema_is_sane);
        passes(contract::created_drivers_are_of_the_declared_driver_type);
        passes(contract::validate_accepts_the_working_configuration);
        passes(contract::validate_answers_for_a_configuration_that_cannot_work_and_names_real_fields);
        passes(contract::create_neither_blocks_nor_touches_the_network);
        passes(contract::initialize_returns_at_once_when_the_vendor_hangs);
        passes(contract::initialize_returns_at_once_and_reports_a_status_when_the_vendor_is_unreachable);
        passes(contract::a_working_configuration_reports_a_status);
        passes(contract::a_configuration_that_cannot_work_is_a_configuration_error_status);
        passes(contract::dispose_right_after_initialize_is_safe);
        passes(contract::nothing_runs_after_dispose);
        passes(contract::sending_the_same_command_twice_runs_it_once);
    }

    @Test
    void a_grant_syncing_and_discovering_driver_that_keeps_the_contract_passes() {
        factory.syncsGrants = true;
        passes(contract::pushing_the_same_grant_twice_answers_the_same_reference);
        passes(contract::withdrawing_an_unknown_grant_does_nothing);
        passes(contract::fitting_a_schedule_answers_at_once_without_the_network);
        passes(contract::the_progress_of_a_withdrawal_never_pushed_is_answered);
        passes(contract::discovery_answers_locks_with_unique_vendor_references);
    }

    @Test
    void fitting_a_schedule_by_asking_the_vendor_fails() {
        factory.syncsGrants = true;
        factory.fitAsksTheVendor = true;
        fails(contract::fitting_a_schedule_answers_at_once_without_the_network, "fit(...) runs on a request thread");
    }

    @Test
    void discovering_one_lock_twice_fails() {
        factory.syncsGrants = true;
        factory.discoversDuplicates = true;
        fails(contract::discovery_answers_locks_with_unique_vendor_references, "vendor reference door-1 is unique");
    }

    @Test
    void a_driver_that_is_not_of_the_declared_driver_type_fails() {
        factory.commandsImplemented = false;
        fails(contract::created_drivers_are_of_the_declared_driver_type, "CommandingDriver");
    }

    @Test
    void validation_that_refuses_the_working_configuration_fails() {
        factory.validateRefusesWorkingMode = true;
        fails(contract::validate_accepts_the_working_configuration, "The mode is ok.");
    }

    @Test
    void a_validation_problem_naming_no_field_of_the_schema_fails() {
        factory.validateNamesUnknownField = true;
        fails(contract::validate_answers_for_a_configuration_that_cannot_work_and_names_real_fields, "The mode is bad.");
    }

    @Test
    void touching_the_network_in_create_fails() {
        factory.sendsInCreate = true;
        fails(contract::create_neither_blocks_nor_touches_the_network, "create");
    }

    @Test
    void waiting_for_the_vendor_in_initialize_fails() {
        factory.blocksInInitialize = true;
        fails(contract::initialize_returns_at_once_when_the_vendor_hangs, "initialize()");
    }

    @Test
    void throwing_for_a_bad_configuration_fails() {
        factory.throwsOnBadConfiguration = true;
        assertThatThrownBy(() -> run(contract::a_configuration_that_cannot_work_is_a_configuration_error_status))
                .hasMessageContaining("bad mode");
    }

    @Test
    void work_that_goes_on_after_dispose_fails() {
        factory.reportsAfterDispose = true;
        fails(contract::nothing_runs_after_dispose, "statuses after dispose");
    }

    @Test
    void running_a_repeated_command_twice_fails() {
        factory.runsRepeatedCommands = true;
        fails(contract::sending_the_same_command_twice_runs_it_once, "executions of command-1");
    }

    @Test
    void an_unflagged_secret_or_a_default_outside_the_choices_fails() {
        factory.schema = List.of(ConfigProperty.required("mode", ConfigType.TEXT, "Mode", ""),
                ConfigProperty.required("apiToken", ConfigType.TEXT, "API token", ""));
        fails(contract::configuration_schema_is_sane, "apiToken looks like a secret");

        factory.schema = List.of(ConfigProperty.required("mode", ConfigType.TEXT, "Mode", ""),
                new ConfigProperty("region", ConfigType.CHOICE, "Region", "", "mars", true, false, List.of("eu", "us")));
        fails(contract::configuration_schema_is_sane, "default of region");

        factory.schema = List.of(ConfigProperty.required("mode", ConfigType.TEXT, "Mode", ""),
                ConfigProperty.required("mode", ConfigType.TEXT, "Mode again", ""));
        fails(contract::configuration_schema_is_sane, "key mode is unique");
    }

    private void passes(Executable check) {
        assertThatCode(() -> run(check)).doesNotThrowAnyException();
    }

    private void fails(Executable check, String naming) {
        assertThatThrownBy(() -> run(check)).isInstanceOf(AssertionError.class).hasMessageContaining(naming);
    }

    /** One contract test with its clean-up, as JUnit would run it. */
    private void run(Executable check) throws Throwable {
        try {
            check.execute();
        } finally {
            contract.disposeDriversAndCloseContexts();
        }
    }
}
