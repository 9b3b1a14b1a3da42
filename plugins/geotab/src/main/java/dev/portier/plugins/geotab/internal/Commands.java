package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RemoteCommands.CommandResult;
import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.CommandType;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends commands through {@code POST …/devices/{serialNumber}/commands} with a {@code virtualKeyId}
 * (option "virtualKeyId"), a {@code virtualKeyRequest} (option "tapCardSerialNumber" plus
 * "userReference", "beginningTimestamp", "endingTimestamp" as epoch milliseconds or ISO instants,
 * "permissions", "privileges", "endBookConditions" comma-separated, "isStoredVirtualKey"), or neither.
 * The service answers that it scheduled the command: the result is ACCEPTED, and the device's
 * completion arrives as a notification. A command id is sent once; repeats answer the first result.
 */
final class Commands {

    private static final int REMEMBERED = 1000;

    private final GeotabDriver driver;
    private final Map<String, CommandResult> sent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommandResult> eldest) {
            return size() > REMEMBERED;
        }
    };

    Commands(GeotabDriver driver) {
        this.driver = driver;
    }

    CommandResult send(LockRef vehicle, LockCommand command) {
        synchronized (sent) {
            CommandResult earlier = sent.get(command.commandId());
            if (earlier != null) {
                return earlier;
            }
        }
        CommandResult result = post(vehicle, command);
        if (result.status() != CommandStatus.FAILED) {
            synchronized (sent) {
                CommandResult raced = sent.putIfAbsent(command.commandId(), result);
                return raced == null ? result : raced;
            }
        }
        return result;
    }

    /** The Keyless API's name of a command. */
    static String vendorName(CommandType type) {
        return switch (type) {
            case LOCK -> "Lock";
            case UNLOCK -> "Unlock";
            case CHECK_IN -> "CheckIn";
            case CHECK_OUT -> "CheckOut";
            case IGNITION_ENABLE -> "IgnitionEnable";
            case IGNITION_INHIBIT -> "IgnitionInhibit";
            case LOCATE -> "Locate";
        };
    }

    private CommandResult post(LockRef vehicle, LockCommand command) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commands", List.of(vendorName(command.type())));
        Map<String, String> options = command.options();
        try {
            if (options.containsKey("virtualKeyId")) {
                body.put("virtualKeyId", driver.storedKeys().currentId(vehicle.vendorReference(), options.get("virtualKeyId")));
            } else if (options.containsKey("tapCardSerialNumber")) {
                body.put("virtualKeyRequest", virtualKeyRequest(options));
            }
        } catch (IllegalArgumentException e) {
            return new CommandResult(CommandStatus.FAILED, null, e.getMessage());
        }
        try {
            KeylessClient.Answer answer = driver.client().commands(vehicle.vendorReference(), body);
            if (answer.ok()) {
                driver.report(DriverStatus.online());
                return new CommandResult(CommandStatus.ACCEPTED, Json.string(answer.json(), "virtualKeyId"),
                        "The Keyless Service scheduled " + vendorName(command.type()) + " for " + vehicle.vendorReference() + ".");
            }
            if (answer.status() == 401) {
                driver.report(GeotabDriver.refusedKey());
            }
            return new CommandResult(CommandStatus.FAILED, null, "The Keyless Service refused " + vendorName(command.type())
                    + ": " + answer.error());
        } catch (IOException e) {
            driver.report(GeotabDriver.unreachable(e));
            return new CommandResult(CommandStatus.FAILED, null, "The Keyless Service could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(CommandStatus.FAILED, null, "Interrupted before the Keyless Service answered.");
        }
    }

    private static Map<String, Object> virtualKeyRequest(Map<String, String> options) {
        String card = options.get("tapCardSerialNumber");
        String problem = SerialNumbers.problem(card);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        if (options.containsKey("isStoredVirtualKey")) {
            request.put("isStoredVirtualKey", Boolean.parseBoolean(options.get("isStoredVirtualKey")));
        }
        request.put("tapCardSerialNumber", card);
        request.put("userReference", options.getOrDefault("userReference", card));
        request.put("beginningTimestamp", millis(options, "beginningTimestamp"));
        request.put("endingTimestamp", millis(options, "endingTimestamp"));
        for (String list : List.of("permissions", "privileges", "endBookConditions")) {
            if (options.containsKey(list)) {
                request.put(list, Arrays.stream(options.get(list).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            }
        }
        return request;
    }

    private static long millis(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("A virtualKeyRequest needs " + name);
        }
        try {
            return value.matches("\\d+") ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is epoch milliseconds or an ISO instant, not " + value);
        }
    }
}
