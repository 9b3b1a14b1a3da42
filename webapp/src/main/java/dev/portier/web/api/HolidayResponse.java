package dev.portier.web.api;

import dev.portier.domain.holidays.Holiday;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/** A holiday as the API shows it: on one {@code date}, or yearly on {@code month} and {@code day}. */
public record HolidayResponse(String id, String name, boolean yearly,
        @Schema(description = "The date of a one-off holiday; null for a yearly one", nullable = true) LocalDate date,
        @Schema(example = "5") int month, @Schema(example = "17") int day) {

    static HolidayResponse of(Holiday holiday) {
        boolean yearly = holiday.yearly() != null;
        return new HolidayResponse(holiday.id(), holiday.name(), yearly, holiday.date(),
                yearly ? holiday.yearly().getMonthValue() : holiday.date().getMonthValue(),
                yearly ? holiday.yearly().getDayOfMonth() : holiday.date().getDayOfMonth());
    }
}
