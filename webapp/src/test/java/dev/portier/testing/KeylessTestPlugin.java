package dev.portier.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A test plugin whose driver "keyless-test" keeps reservations as stored keys and takes commands,
 * with the Geotab Keyless documentation's device rules, so the host's reservation and command code
 * runs without the Geotab plugin: at most 4 active stored keys per device (a key whose end has passed
 * does not count), at most 2024 tap-card serials per device, serials of ten characters whose first
 * eight come from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ. A device whose serial ends in "-flaky" fails to
 * remove keys; a connection with the setting {@code down=true} does not run. CheckIn and CheckOut need a stored key; Locate is ACCEPTED (the vendor answers later);
 * the other commands COMPLETE.
 */
public final class KeylessTestPlugin {

    public static final String DRIVER_ID = "keyless-test";
    public static final String MAX_KEYS_RULE = "at most 4 active stored virtual keys per GO device";
    public static final String MAX_CARDS_RULE = "at most 2024 tap-card serial numbers per GO device";

    private static final String FACTORY = """
            package test.keyless;

            import dev.portier.plugin.api.*;
            import java.time.Instant;
            import java.util.*;
            import java.util.concurrent.ConcurrentHashMap;
            import org.pf4j.Extension;

            @Extension
            public class Factory implements LockDriverFactory {
                /** Stored keys per GO device serial, as the Keyless Service keeps them. */
                static final Map<String, List<Key>> KEYS = new ConcurrentHashMap<>();

                record Key(String id, List<String> serials, Instant end) {
                }

                public DriverDescriptor descriptor() {
                    return new DriverDescriptor("keyless-test", "Keyless test driver", "Test", "Stored keys and commands");
                }
                public Class<? extends LockDriver> driverType() {
                    return Driver.class;
                }

                /** A vendor limit, in words that name the rule. */
                static final class Limit extends LimitExceededException {
                    private final String text;
                    Limit(String rule, long limit, long current, String text) {
                        super(rule, limit, current);
                        this.text = text;
                    }
                    @Override
                    public String getMessage() {
                        return text;
                    }
                }
                public List<ConfigProperty> configuration() {
                    return List.of(ConfigProperty.optional("down", ConfigType.BOOLEAN, "Down", "The service refuses to start", "false"));
                }
                public LockDriver create(DriverConfiguration configuration, DriverContext context) {
                    if ("true".equals(configuration.values().get("down"))) {
                        throw new IllegalStateException("the Keyless Service is down");
                    }
                    return new Driver(context);
                }

                public static final class Driver implements LockDriver, ReservationSync, RemoteCommands {
                    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
                    private final DriverContext context;

                    Driver(DriverContext context) {
                        this.context = context;
                    }

                    public void initialize() {
                        context.reportStatus(DriverStatus.online());
                    }

                    public void dispose() {
                    }

                    private List<Key> active(String device) {
                        Instant now = context.clock().instant();
                        return KEYS.getOrDefault(device, List.of()).stream().filter(k -> k.end().isAfter(now)).toList();
                    }

                    public synchronized Capacity capacity(LockRef lock) {
                        List<Key> active = active(lock.vendorReference());
                        return new Capacity(active.size(), 4, active.stream().mapToInt(k -> k.serials().size()).sum(), 2024);
                    }

                    public synchronized StoredReservation store(ReservationRequest request) {
                        String device = request.lock().vendorReference();
                        for (String serial : request.cardSerials()) {
                            boolean valid = serial.length() == 10
                                    && serial.substring(0, 8).chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
                            if (!valid) {
                                throw new Limit("keyless.serial-format", 0, 1, "Tap-card serial " + serial + " is invalid: a serial "
                                        + "number has ten characters, the first eight from " + ALPHABET);
                            }
                        }
                        List<Key> active = active(device);
                        if (active.size() >= 4) {
                            throw new Limit("keyless.active-keys", 4, active.size() + 1, "The GO device " + device
                                    + " already has 4 active stored virtual keys; at most 4 active stored virtual keys per GO device");
                        }
                        int serials = active.stream().mapToInt(k -> k.serials().size()).sum() + request.cardSerials().size();
                        if (serials > 2024) {
                            throw new Limit("keyless.card-serials", 2024, serials, "This would put " + serials
                                    + " tap-card serials on " + device + "; at most 2024 tap-card serial numbers per GO device");
                        }
                        Key key = new Key("vk-" + UUID.randomUUID(), request.cardSerials(), request.end());
                        KEYS.computeIfAbsent(device, d -> new ArrayList<>()).add(key);
                        return new StoredReservation(key.id());
                    }

                    public synchronized void cancel(LockRef lock, String vendorKeyId) {
                        if (lock.vendorReference().endsWith("-flaky")) {
                            throw new IllegalStateException("the Keyless Service did not answer");
                        }
                        KEYS.getOrDefault(lock.vendorReference(), new ArrayList<>()).removeIf(k -> k.id().equals(vendorKeyId));
                    }

                    public synchronized CommandResult send(LockRef lock, LockCommand command) {
                        String keyId = command.storedKeyId();
                        boolean stored = keyId != null && active(lock.vendorReference()).stream().anyMatch(k -> k.id().equals(keyId));
                        if ((command.type() == CommandType.CHECK_IN || command.type() == CommandType.CHECK_OUT) && !stored) {
                            return new CommandResult(CommandStatus.FAILED, null, command.type() + " needs an active stored key");
                        }
                        if (command.type() == CommandType.LOCATE) {
                            return new CommandResult(CommandStatus.ACCEPTED, "loc-" + command.commandId(), "The device will report its position");
                        }
                        return new CommandResult(CommandStatus.COMPLETED, "cmd-" + command.commandId(),
                                stored ? "Ran under key " + keyId : "Ran without a key");
                    }
                }
            }
            """;

    private KeylessTestPlugin() {
    }

    /** Writes the plugin jar into {@code dataDir}/plugins. */
    public static void install(Path dataDir) throws IOException {
        PluginJars.plugin("keyless-test-plugin").extension("test.keyless.Factory", FACTORY).writeTo(dataDir.resolve("plugins"));
    }
}
