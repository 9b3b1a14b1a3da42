package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portier.domain.holidays.HolidayDraft;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/** A holiday to add to a calendar: one date, or (yearly) that month and day every year. */
@JsonIgnoreProperties({"id", "month", "day"})
public record HolidayRequest(
        @Schema(example = "Constitution Day", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String name,
        @Schema(description = "The holiday's date; for a yearly holiday, any year's date of it", example = "2026-05-17",
                requiredMode = Schema.RequiredMode.REQUIRED) LocalDate date,
        @Schema(description = "Every year on the date's month and day (29 February: in leap years)", example = "true") Boolean yearly) {

    HolidayDraft toDraft() {
        return new HolidayDraft(name, date, Boolean.TRUE.equals(yearly));
    }
}
