package dev.portier.plugin.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.ConnectionState;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.StatusDetail;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The contract every lock driver must pass. A plugin's test extends it and supplies the factory, a
 * working configuration (pointing at a simulator of the vendor on loopback) and one that cannot work:
 *
 * <pre>{@code
 * class DoorControllerConformanceTest extends LockDriverContract {
 *     static DoorControllerSimulator simulator = DoorControllerSimulator.start("secret-key");
 *
 *     protected LockDriverFactory factory() { return new DoorControllerFactory(); }
 *     protected Map<String, String> validConfiguration() { return Map.of("baseUrl", simulator.url(), "apiKey", "secret-key"); }
 *     protected Map<String, String> invalidConfiguration() { return Map.of("baseUrl", "ftp://doors", "apiKey", "k"); }
 * }
 * }</pre>
 *
 * <p>What it checks: the descriptor, driver type and configuration schema are valid and constant; the
 * schema is sane (unique keys, defaults that are valid values, secret-looking settings flagged secret);
 * the drivers {@code create} answers are instances of {@code driverType()} (whose interfaces are the
 * capabilities); {@code validate} accepts the working configuration and answers problems naming real
 * fields; {@code create} neither blocks nor touches the network;
 * {@code initialize()} returns within {@link #initializeLimit()} even when the vendor hangs or is
 * unreachable, and then reports a status; a configuration that cannot work is reported as
 * {@link StatusDetail#CONFIGURATION_ERROR}, not thrown; {@code dispose()} is safe right after
 * {@code initialize()} and leaves nothing running; and the idempotence promises of
 * {@link IdempotenceContract}. Override the hooks of {@link DriverContractSupport} and
 * {@link IdempotenceContract} where the defaults do not fit.
 */
public abstract class LockDriverContract extends IdempotenceContract {

    private static final Pattern SECRET_LOOKING =
            Pattern.compile(".*(password|passwd|secret|token|apikey|api-key|api_key|privatekey|private-key|credential).*");
    private static final Duration CREATE_LIMIT = Duration.ofSeconds(1);

    @Test
    void descriptor_is_valid_and_constant() {
        LockDriverFactory factory = factory();
        DriverDescriptor descriptor = factory.descriptor();

        assertThat(descriptor).isNotNull().isEqualTo(factory.descriptor());
        assertThat(descriptor.vendor()).as("vendor").isNotBlank();
        assertThat(descriptor.description()).as("description").isNotBlank();
        assertThat(factory.driverType()).as("driverType()").isNotNull().isEqualTo(factory.driverType());
        assertThat(factory.configuration()).isNotNull().isEqualTo(factory.configuration());
    }

    @Test
    void configuration_schema_is_sane() {
        List<ConfigProperty> schema = factory().configuration();
        Set<String> keys = new HashSet<>();
        for (ConfigProperty property : schema) {
            assertThat(keys.add(property.key())).as("key %s is unique", property.key()).isTrue();
            if (property.defaultValue() != null) {
                assertThat(property.secret()).as("secret %s has no default", property.key()).isFalse();
                assertThat(validValue(property, property.defaultValue()))
                        .as("default of %s (%s) is a valid %s", property.key(), property.defaultValue(), property.type())
                        .isTrue();
            }
            if (SECRET_LOOKING.matcher(property.key().toLowerCase(Locale.ROOT)).matches()) {
                assertThat(property.secret()).as("%s looks like a secret and must be flagged secret", property.key()).isTrue();
            }
            if (property.secret()) {
                assertThat(property.type()).as("secret %s is text", property.key()).isIn(ConfigType.TEXT, ConfigType.MULTILINE);
            }
        }
        for (String key : validConfiguration().keySet()) {
            assertThat(keys).as("validConfiguration() only uses keys of the schema").contains(key);
        }
    }

    @Test
    void created_drivers_are_of_the_declared_driver_type() {
        LockDriverFactory factory = factory();
        for (var configuration : List.of(validConfiguration(), invalidConfiguration())) {
            TestDriverContext context = newContext(configuration);
            LockDriver driver = factory.create(context.configuration(), context);
            try {
                assertThat(driver).as("create(...) answers an instance of driverType() %s, whose interfaces are its capabilities",
                        factory.driverType().getName()).isInstanceOf(factory.driverType());
            } finally {
                context.dispose(driver);
            }
        }
    }

    @Test
    void validate_accepts_the_working_configuration() {
        TestDriverContext context = newContext(validConfiguration());
        ConfigValidation validation = validate(context);

        assertThat(validation.problems()).as("problems found in the working configuration").isEmpty();
        assertThat(validation.isValid()).isTrue();
    }

    @Test
    void validate_answers_for_a_configuration_that_cannot_work_and_names_real_fields() {
        TestDriverContext context = newContext(invalidConfiguration());
        ConfigValidation validation = validate(context);

        Set<String> keys = new HashSet<>();
        factory().configuration().forEach(property -> keys.add(property.key()));
        validation.problems().forEach(problem -> {
            if (problem.key() != null) {
                assertThat(keys).as("the field a problem names (%s)", problem.message()).contains(problem.key());
            }
        });
        validation.choices().keySet().forEach(key -> assertThat(keys).as("the field choices are offered for").contains(key));
    }

    private ConfigValidation validate(TestDriverContext context) {
        ThrowingSupplier<ConfigValidation> call =
                () -> factory().validate(new DriverConfiguration(context.configuration().values()), context);
        ConfigValidation validation = assertTimeoutPreemptively(validateLimit(), call,
                "validate(...) must answer problems, not throw or hang");
        assertThat(validation).as("validate(...)").isNotNull();
        return validation;
    }

    @Test
    void create_neither_blocks_nor_touches_the_network() {
        TestDriverContext context = newContext(validConfiguration());
        context.http().stall();
        LockDriver driver = assertTimeoutPreemptively(CREATE_LIMIT, () -> factory().create(context.configuration(), context),
                "create(...) must return at once; talking to the vendor belongs in initialize()'s scheduled work");
        assertThat(driver).isNotNull();
        assertThat(context.http().sent()).as("requests sent by create(...)").isEmpty();
        context.dispose(driver);
    }

    @Test
    void initialize_returns_at_once_when_the_vendor_hangs() {
        TestDriverContext context = newContext(validConfiguration());
        context.http().stall();
        LockDriver driver = factory().create(context.configuration(), context);
        assertTimeoutPreemptively(initializeLimit(), driver::initialize,
                "initialize() must not wait for the vendor: schedule the check with context.scheduler()");
        context.dispose(driver);
    }

    @Test
    void initialize_returns_at_once_and_reports_a_status_when_the_vendor_is_unreachable() {
        TestDriverContext context = newContext(validConfiguration());
        context.http().unreachable();
        LockDriver driver = factory().create(context.configuration(), context);
        assertTimeoutPreemptively(initializeLimit(), driver::initialize);

        context.awaitAnyStatus(statusLimit());
        context.dispose(driver);
        assertThat(context.scheduler().failures()).as("scheduled work must report failures, not throw them").isEmpty();
    }

    @Test
    void a_working_configuration_reports_a_status() {
        TestDriverContext context = newContext(validConfiguration());
        LockDriver driver = start(context);

        DriverStatus status = context.awaitStatus(s -> s.detail() != StatusDetail.INITIALIZING, statusLimit());
        assertThat(status.state()).as("status with the working configuration: %s", status).isEqualTo(ConnectionState.ONLINE);
        assertThat(context.scheduler().failures()).isEmpty();
        assertThat(driver.test()).as("test() with the working configuration").isNotNull();
    }

    @Test
    void a_configuration_that_cannot_work_is_a_configuration_error_status() {
        TestDriverContext context = newContext(invalidConfiguration());
        LockDriver driver = assertTimeoutPreemptively(CREATE_LIMIT, () -> factory().create(context.configuration(), context),
                "create(...) must not throw for settings that cannot work; report them from initialize()");
        assertTimeoutPreemptively(initializeLimit(), driver::initialize);

        DriverStatus status = context.awaitStatus(s -> s.detail() == StatusDetail.CONFIGURATION_ERROR, statusLimit());
        assertThat(status.state()).isEqualTo(ConnectionState.OFFLINE);
        assertThat(status.message()).as("a sentence saying what is wrong").isNotBlank();
        context.dispose(driver);
    }

    @Test
    void dispose_right_after_initialize_is_safe() {
        TestDriverContext context = newContext(validConfiguration());
        context.http().stall();
        LockDriver driver = factory().create(context.configuration(), context);
        driver.initialize();
        assertTimeoutPreemptively(CREATE_LIMIT, driver::dispose, "dispose() must not wait for work in flight");
        context.scheduler().cancelAll();
    }

    @Test
    void nothing_runs_after_dispose() throws InterruptedException {
        TestDriverContext context = newContext(validConfiguration());
        LockDriver driver = start(context);
        context.awaitAnyStatus(statusLimit());
        disposed(driver);
        context.dispose(driver);
        Thread.sleep(100);

        int requests = context.http().sent().size();
        int statuses = context.statuses().size();
        int runs = context.scheduler().runs();
        Thread.sleep(300);
        assertThat(context.http().sent()).as("requests after dispose").hasSize(requests);
        assertThat(context.statuses()).as("statuses after dispose").hasSize(statuses);
        assertThat(context.scheduler().runs()).as("scheduled runs after dispose").isEqualTo(runs);
    }

    private static boolean validValue(ConfigProperty property, String value) {
        try {
            return switch (property.type()) {
                case TEXT, MULTILINE -> true;
                case INTEGER -> {
                    Long.parseLong(value);
                    yield true;
                }
                case BOOLEAN -> value.equals("true") || value.equals("false");
                case CHOICE -> property.options().contains(value);
                case URL -> {
                    URI uri = new URI(value);
                    yield uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                            && uri.getHost() != null;
                }
            };
        } catch (Exception e) {
            return false;
        }
    }
}
