package dev.portier.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The values of a lock's enrolment inputs, by their keys (see the lock's {@code enrolment/inputs}). */
public record EnrolmentRequest(@Schema(description = "Input key → value; keys the driver did not declare are ignored",
        example = "{\"serialNumber\": \"SN-4711\", \"installerCode\": \"1234\"}") Map<String, String> inputs) {
}
