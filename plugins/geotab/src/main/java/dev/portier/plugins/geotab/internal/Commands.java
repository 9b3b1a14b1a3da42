package dev.portier.plugins.geotab.internal;

import dev.portier.plugin.api.DriverStatus;
import dev.portier.plugin.api.LockRef;
import dev.portier.plugin.api.RemoteCommands.CommandResult;
import dev.portier.plugin.api.RemoteCommands.CommandStatus;
import dev.portier.plugin.api.RemoteCommands.LockCommand;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends commands through {@code POST …/devices/{serialNumber}/commands}, under the command's key
 * ({@code virtualKeyId}: the booking's stored key, or the key its online CheckIn created) or without
 * key context. The service answers that it scheduled the command: the result
 * is ACCEPTED, and the device's completion arrives as a notification. A command id is sent once;
 * repeats answer the first result. (The CheckIn response to a tapped card sends a
 * {@code virtualKeyRequest} instead; see {@link Notifications}.)
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

    private CommandResult post(LockRef vehicle, LockCommand command) {
        String name = VendorNames.of(command.type());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commands", List.of(name));
        if (command.storedKeyId() != null) {
            body.put("virtualKeyId", command.storedKeyId());
        }
        try {
            KeylessClient.Answer answer = driver.client().commands(vehicle.vendorReference(), body);
            if (answer.ok()) {
                driver.report(DriverStatus.online());
                return new CommandResult(CommandStatus.ACCEPTED, KeylessJson.text(answer.json(), "virtualKeyId"),
                        "The Keyless Service scheduled " + name + " for " + vehicle.vendorReference() + ".");
            }
            if (answer.status() == 401) {
                driver.report(GeotabDriver.refusedKey());
            }
            return new CommandResult(CommandStatus.FAILED, null, "The Keyless Service refused " + name + ": " + answer.error());
        } catch (IOException e) {
            driver.report(GeotabDriver.unreachable(e));
            return new CommandResult(CommandStatus.FAILED, null, "The Keyless Service could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(CommandStatus.FAILED, null, "Interrupted before the Keyless Service answered.");
        }
    }
}
