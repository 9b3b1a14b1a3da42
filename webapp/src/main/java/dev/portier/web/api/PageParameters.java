package dev.portier.web.api;

import dev.portier.platform.db.PageRequest;
import dev.portier.platform.validation.ValidationException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.QueryParam;

/** {@code ?offset=&limit=} of every list: offset from 0, limit 1 to 1000, 50 when absent. */
public final class PageParameters {

    static final int DEFAULT_LIMIT = 50;

    // Public so that swagger-core sees them as query parameters of the operation.
    @QueryParam("offset")
    @Parameter(description = "Rows to skip", schema = @Schema(implementation = Integer.class, minimum = "0", defaultValue = "0"))
    public String offset;

    @QueryParam("limit")
    @Parameter(description = "Rows to return", schema = @Schema(implementation = Integer.class, minimum = "1",
            maximum = "" + PageRequest.MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT))
    public String limit;

    PageRequest toPageRequest() {
        int from = parse(offset, 0, "offset", "offset is a whole number, 0 or more");
        int size = parse(limit, DEFAULT_LIMIT, "limit", "limit is a whole number from 1 to " + PageRequest.MAX_LIMIT);
        if (from < 0) {
            throw ValidationException.of("offset", "offset is a whole number, 0 or more");
        }
        if (size < 1 || size > PageRequest.MAX_LIMIT) {
            throw ValidationException.of("limit", "limit is a whole number from 1 to " + PageRequest.MAX_LIMIT);
        }
        return new PageRequest(from, size);
    }

    private static int parse(String raw, int absent, String field, String rule) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ValidationException.of(field, rule);
        }
    }
}
