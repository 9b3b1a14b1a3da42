package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/** A holiday calendar to create, or its new name. */
@JsonIgnoreProperties({"id", "createdAt"})
public record HolidayCalendarRequest(
        @Schema(example = "Norway", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name) {
}
