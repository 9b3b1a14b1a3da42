package dev.portier.plugin.conformance;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.ConfigValidation;
import dev.portier.plugin.api.DriverConfiguration;
import dev.portier.plugin.api.DriverContext;
import dev.portier.plugin.api.DriverDescriptor;
import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.GrantSync;
import dev.portier.plugin.api.LockDiscovery;
import dev.portier.plugin.api.Schedule;
import dev.portier.plugin.api.LockDriver;
import dev.portier.plugin.api.LockDriverFactory;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RemoteCommands;
import dev.portier.plugin.api.StatusDetail;
import dev.portier.plugin.api.ValidationContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A driver without a vendor whose misbehaviours the kit's own tests switch on, to see that each
 * contract catches its breach. Well-behaved by default: configuration {@code mode=ok} goes ONLINE,
 * {@code mode=bad} is a CONFIGURATION_ERROR.
 */
final class ScriptedDriverFactory implements LockDriverFactory {

    boolean commandsImplemented = true;
    boolean validateNamesUnknownField;
    boolean validateRefusesWorkingMode;
    boolean blocksInInitialize;
    boolean sendsInCreate;
    boolean throwsOnBadConfiguration;
    boolean reportsAfterDispose;
    boolean runsRepeatedCommands;
    boolean syncsGrants;
    boolean fitAsksTheVendor;
    boolean discoversDuplicates;
    List<ConfigProperty> schema = List.of(
            ConfigProperty.required("mode", ConfigType.TEXT, "Mode", ""),
            ConfigProperty.optional("retries", ConfigType.INTEGER, "Retries", "", "3"));
    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    @Override
    public DriverDescriptor descriptor() {
        return new DriverDescriptor("scripted", "Scripted driver", "Nobody", "A driver the kit's tests script.");
    }

    @Override
    public Class<? extends LockDriver> driverType() {
        return syncsGrants ? SyncingDriver.class : CommandingDriver.class;
    }

    @Override
    public ConfigValidation validate(DriverConfiguration configuration, ValidationContext context) {
        String mode = configuration.require("mode");
        if (validateRefusesWorkingMode || mode.equals("bad")) {
            return ConfigValidation.problem(validateNamesUnknownField ? "nonsense" : "mode", "The mode is " + mode + ".");
        }
        return ConfigValidation.ok();
    }

    @Override
    public List<ConfigProperty> configuration() {
        return schema;
    }

    @Override
    public LockDriver create(DriverConfiguration configuration, DriverContext context) {
        if (sendsInCreate) {
            probe(context);
        }
        if (syncsGrants) {
            return new SyncingDriver(configuration, context);
        }
        return commandsImplemented ? new CommandingDriver(configuration, context) : new Driver(configuration, context);
    }

    private static void probe(DriverContext context) {
        try {
            context.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/status")).build());
        } catch (IOException e) {
            // The vendor's answer does not matter to the script, only that it was asked.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private class Driver implements LockDriver {
        final DriverConfiguration configuration;
        final DriverContext context;
        volatile Thread rogue;

        Driver(DriverConfiguration configuration, DriverContext context) {
            this.configuration = configuration;
            this.context = context;
        }

        @Override
        public void initialize() {
            if (configuration.require("mode").equals("bad")) {
                if (throwsOnBadConfiguration) {
                    throw new IllegalArgumentException("bad mode");
                }
                context.reportStatus(DriverStatus.offline(StatusDetail.CONFIGURATION_ERROR, "The mode is bad."));
                return;
            }
            if (blocksInInitialize) {
                probe(context);
            }
            context.scheduler().after(Duration.ZERO, () -> context.reportStatus(DriverStatus.online()));
            if (reportsAfterDispose) {
                rogue = Thread.ofPlatform().daemon().start(() -> {
                    // Bounded so the rogue does not outlive the test run by much.
                    for (int beat = 0; beat < 40; beat++) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                        context.reportStatus(DriverStatus.online());
                    }
                });
            }
        }

        @Override
        public void dispose() {
            // A rogue thread is left running on purpose when reportsAfterDispose is set.
        }
    }

    private class CommandingDriver extends Driver implements RemoteCommands {
        CommandingDriver(DriverConfiguration configuration, DriverContext context) {
            super(configuration, context);
        }

        @Override
        public CommandResult send(LockRef lock, LockCommand command) {
            AtomicInteger count = executions.computeIfAbsent(command.commandId(), id -> new AtomicInteger());
            if (runsRepeatedCommands || count.get() == 0) {
                count.incrementAndGet();
            }
            return new CommandResult(CommandStatus.COMPLETED, "ref-" + command.commandId(), "");
        }
    }

    /** Mirrors grants and discovers locks, both in memory; {@code fit} asks the "vendor" when scripted to. */
    private final class SyncingDriver extends CommandingDriver implements GrantSync, LockDiscovery {
        private final Map<String, String> pushed = new ConcurrentHashMap<>();

        SyncingDriver(DriverConfiguration configuration, DriverContext context) {
            super(configuration, context);
        }

        @Override
        public SyncedGrant push(GrantSnapshot grant) {
            return new SyncedGrant(pushed.computeIfAbsent(grant.grantId(), id -> "vendor-" + id));
        }

        @Override
        public void withdraw(GrantWithdrawal withdrawal) {
            pushed.remove(withdrawal.grantId());
        }

        @Override
        public ScheduleFit fit(LockRef lock, Schedule schedule) {
            if (fitAsksTheVendor) {
                probe(context);
            }
            return ScheduleFit.exact(schedule);
        }

        @Override
        public List<DiscoveredLock> discover() {
            DiscoveredLock door = new DiscoveredLock("door-1", "Front door", "D-1", null, Map.of());
            return discoversDuplicates ? List.of(door, door) : List.of(door);
        }
    }
}
