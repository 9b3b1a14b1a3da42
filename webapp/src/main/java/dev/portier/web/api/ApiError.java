package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every API error: a message for people and, when one input field is to blame, its name. */
@Schema(name = OpenApiDocument.ERROR_SCHEMA, description = "Every error answer: a message for people, and the input field to blame when there is one")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        @Schema(example = "Choose a region-based time zone such as Europe/Oslo") String error,
        @Schema(example = "timeZone", nullable = true) String field) {

    static final int MAX_LENGTH = 300;

    static Response response(Response.Status status, String error, String field) {
        return response(status.getStatusCode(), error, field);
    }

    static Response response(int status, String error, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(shortened(error), field)).build();
    }

    /** Some messages quote the input; a huge input is not echoed back whole. */
    private static String shortened(String error) {
        return error.length() <= MAX_LENGTH ? error : error.substring(0, MAX_LENGTH - 1) + "…";
    }
}
