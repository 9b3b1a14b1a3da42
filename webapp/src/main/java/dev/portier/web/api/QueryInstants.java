package dev.portier.web.api;

import dev.portier.platform.validation.InstantRange;
import dev.portier.platform.validation.ValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Instants in query parameters, written like those in bodies: ISO-8601 with a zone offset. */
final class QueryInstants {

    private QueryInstants() {
    }

    static Instant parse(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(raw.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            InstantRange.problem(name, instant).ifPresent(message -> {
                throw ValidationException.of(name, message);
            });
            return instant;
        } catch (DateTimeParseException e) {
            throw ValidationException.of(name, name + " is an ISO-8601 instant like " + ApiJson.INSTANT_EXAMPLE + ", not " + raw);
        }
    }
}
