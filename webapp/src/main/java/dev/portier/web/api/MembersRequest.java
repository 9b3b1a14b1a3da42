package dev.portier.web.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** People (of a people group) or locks (of a lock group) to add, by id. */
public record MembersRequest(
        @ArraySchema(minItems = 1, maxItems = 10_000, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Ids of the account's people (people group) or locks (lock group)")) List<String> ids) {
}
