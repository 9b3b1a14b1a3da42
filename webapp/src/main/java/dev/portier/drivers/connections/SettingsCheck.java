package dev.portier.drivers.connections;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.drivers.plugins.DriverCallResult;
import dev.portier.drivers.plugins.DriverCalls;
import dev.portier.drivers.plugins.LoadedDriverFactory;
import dev.portier.platform.validation.ValidationException;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.FieldProblem;
import dev.portier.plugin.api.OutboundHttp;
import dev.portier.plugin.api.ValidationContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The driver's own check of a connection's settings ({@code LockDriverFactory.validate}) before they are
 * saved: a bad base URL or refused credentials become a message at the field, and nothing is stored.
 * Runs plugin code on a driver worker with a time limit long enough for one round trip to the vendor.
 */
@Singleton
final class SettingsCheck {

    /** The field a problem about the whole connection is shown at. */
    static final String WHOLE = "settings";
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private final DriverCalls calls;
    private final OutboundHttp http;
    private final Clock clock;

    @Inject
    SettingsCheck(DriverCalls calls, OutboundHttp http, Clock clock) {
        this.calls = calls;
        this.http = http;
        this.clock = clock;
    }

    /** What the driver found: problems (by field), choices and notes to show. Never throws for the driver's failures. */
    ConfigValidation check(LoadedDriverFactory factory, Map<String, String> settings) {
        ValidationContext context = new ValidationContext() {
            @Override
            public OutboundHttp http() {
                return http;
            }

            @Override
            public Clock clock() {
                return clock;
            }
        };
        DriverConfiguration configuration = new DriverConfiguration(settings);
        DriverCallResult<ConfigValidation> result = calls.call(factory.pluginId(), factory.id() + ": validate settings", LIMIT,
                DriverCalls.inLoader(factory.factory().getClass().getClassLoader(),
                        () -> factory.factory().validate(configuration, context)));
        return switch (result) {
            case DriverCallResult.Succeeded<ConfigValidation> ok -> ok.value() == null ? ConfigValidation.ok() : ok.value();
            case DriverCallResult.Failed<ConfigValidation> failed ->
                    ConfigValidation.problem(null, "The driver could not check the settings: " + failed.message());
        };
    }

    /** Throws the driver's problems as field errors; answers the validation when there are none. */
    ConfigValidation require(LoadedDriverFactory factory, Map<String, String> settings) {
        ConfigValidation validation = check(factory, settings);
        if (!validation.isValid()) {
            ValidationException.Collector problems = new ValidationException.Collector();
            for (FieldProblem problem : validation.problems()) {
                String field = problem.key() != null && factory.configuration().stream().anyMatch(p -> p.key().equals(problem.key()))
                        ? problem.key() : WHOLE;
                problems.add(field, problem.message());
            }
            problems.throwIfAny();
        }
        return validation;
    }
}
