package dev.portier.web.api;

import dev.portier.plugin.api.ConfigProperty;
import dev.portier.plugin.api.ConfigType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One input a lock's driver needs to enrol it, as its driver declared it; a client renders exactly these. */
@Schema(name = "EnrolmentInput")
public record EnrolmentInputResponse(
        @Schema(description = "The name to send the value under in inputs", example = "serialNumber") String key,
        @Schema(example = "Serial number") String label,
        @Schema(description = "How to collect it: MULTILINE is a text area, CHOICE one of options") ConfigType type,
        @Schema(description = "A sentence for the installer") String help,
        boolean required,
        @Schema(description = "Collect it like a password; it is never shown back") boolean secret,
        @Schema(description = "The values a CHOICE allows") List<String> options) {

    static EnrolmentInputResponse of(ConfigProperty input) {
        return new EnrolmentInputResponse(input.key(), input.label(), input.type(), input.help(), input.required(),
                input.secret(), input.options());
    }

    /** The inputs of one lock. */
    public record Inputs(List<EnrolmentInputResponse> inputs) {
        static Inputs of(List<ConfigProperty> declared) {
            return new Inputs(declared.stream().map(EnrolmentInputResponse::of).toList());
        }
    }
}
