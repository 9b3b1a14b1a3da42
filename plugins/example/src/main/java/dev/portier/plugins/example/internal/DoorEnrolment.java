package dev.portier.plugins.example.internal;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import dev.portier.plugin.api.EnrolmentRefusedException;
import dev.portier.plugin.api.LockEnrolment.EnrolmentRequest;
import dev.portier.plugin.api.LockEnrolment.EnrolmentResult;
import dev.portier.plugin.api.Material;
import dev.portier.plugin.api.PhoneMaterial;
import dev.portier.plugin.api.PhoneMaterialPublisher;
import dev.portier.plugins.example.internal.DoorControllerClient.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Enrols a door with what the installer reads off the controller: its serial number and the
 * installer code. The controller answers the door's reference, its public label (kept PUBLIC and put
 * on phones, so the app can show which door it is at) and an installer token (kept SECRET, expiring).
 */
final class DoorEnrolment {

    static final String SERIAL_NUMBER = "serialNumber";
    static final String INSTALLER_CODE = "installerCode";
    static final String PUBLIC_LABEL = "publicLabel";
    static final String INSTALLER_TOKEN = "installerToken";

    static final List<ConfigProperty> INPUTS = List.of(
            ConfigProperty.required(SERIAL_NUMBER, ConfigType.TEXT, "Serial number",
                    "Printed on the label inside the controller's cover, e.g. SN-4711."),
            ConfigProperty.secret(INSTALLER_CODE, "Installer code", "The code from the controller's installation sheet."));

    private final DoorControllerClient client;
    private final ControllerGuard guard;
    private final PhoneMaterialPublisher phones;

    DoorEnrolment(DoorControllerClient client, ControllerGuard guard, PhoneMaterialPublisher phones) {
        this.client = client;
        this.guard = guard;
        this.phones = phones;
    }

    EnrolmentResult enrol(EnrolmentRequest request) {
        String serial = input(request, SERIAL_NUMBER);
        String code = input(request, INSTALLER_CODE);
        Answer answer = guard.call(() -> client.enrol(serial, code));
        switch (answer.status()) {
            case 200 -> { }
            case 403 -> throw new EnrolmentRefusedException(INSTALLER_CODE, "The controller refused the installer code.");
            case 404 -> throw new EnrolmentRefusedException(SERIAL_NUMBER, "The controller has no door with serial number "
                    + serial + ".");
            default -> throw guard.unexpected(answer);
        }
        byte[] label = answer.body().path("label").asText().getBytes(StandardCharsets.UTF_8);
        byte[] token = answer.body().path("installerToken").asText().getBytes(StandardCharsets.UTF_8);
        Instant tokenExpiresAt = Instant.parse(answer.body().path("tokenExpiresAt").asText());
        phones.publish(new PhoneMaterial(PUBLIC_LABEL, request.lock().lockId(), "text/plain", label, null));
        return new EnrolmentResult(answer.body().path("door").asText(), List.of(
                new Material(PUBLIC_LABEL, Material.Visibility.PUBLIC, "text/plain", label, null),
                new Material(INSTALLER_TOKEN, Material.Visibility.SECRET, "text/plain", token, tokenExpiresAt)));
    }

    private static String input(EnrolmentRequest request, String key) {
        String value = request.inputs().get(key);
        if (value == null || value.isBlank()) {
            throw new EnrolmentRefusedException(key, "The " + (key.equals(SERIAL_NUMBER) ? "serial number" : "installer code")
                    + " is missing.");
        }
        return value.strip();
    }
}
