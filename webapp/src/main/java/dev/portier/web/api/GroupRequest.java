package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/** A people group or lock group to create, or its new name. Read-only fields of a response are ignored. */
@JsonIgnoreProperties({"id", "memberCount", "createdAt"})
public record GroupRequest(
        @Schema(example = "Cleaning staff", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name) {
}
