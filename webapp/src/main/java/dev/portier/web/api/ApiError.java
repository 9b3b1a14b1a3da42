package dev.portier.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of every API error, an RFC 9457 problem details object ({@code application/problem+json}):
 * {@code type} (a stable URI per {@link Problem}), {@code title}, {@code status}, {@code detail} (for
 * people), the stable machine {@code code} and, when one input field is to blame, its name. The former
 * shape's {@code error} member (= {@code detail}) stays for one release.
 */
@Schema(name = OpenApiDocument.ERROR_SCHEMA, description = "Every error answer, as RFC 9457 problem details "
        + "(application/problem+json): type, title, status, detail, a stable machine code, and the input field to blame "
        + "when there is one. `error` repeats `detail` and is kept for one release for clients of the former shape.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "code", "field", "error"})
public record ApiError(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri",
                example = "https://portier.dev/problems/validation_failed",
                description = "A stable URI per code: " + Problem.TYPE_BASE + "<code>") String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "The input is not valid",
                description = "A short summary that is the same for every problem of this type") String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "400", description = "The HTTP status") int status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Choose a region-based time zone such as Europe/Oslo",
                description = "What went wrong with this request, for people") String detail,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "validation_failed",
                description = "A stable machine code; one of the Problem codes listed in the README") String code,
        @Schema(example = "timeZone", nullable = true, description = "The input field (or query parameter) to blame, when one is")
        String field,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, deprecated = true, example = "Choose a region-based time zone such as Europe/Oslo",
                description = "The same as detail; kept for one release for clients of the former error shape") String error) {

    static final int MAX_LENGTH = 300;
    static final String MEDIA_TYPE = "application/problem+json";
    static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    static ApiError of(Problem problem, int status, String detail, String field) {
        String shortened = shortened(detail == null || detail.isBlank() ? problem.title() : detail);
        return new ApiError(problem.type(), problem.title(), status, shortened, problem.code(), field, shortened);
    }

    static Response response(Response.Status status, String error, String field) {
        return response(status.getStatusCode(), error, field);
    }

    static Response response(int status, String error, String field) {
        return response(Problem.ofStatus(status), status, error, field);
    }

    static Response response(Problem problem, String error, String field) {
        return response(problem, problem.status(), error, field);
    }

    static Response response(Problem problem, int status, String error, String field) {
        return Response.status(status).type(MEDIA).entity(of(problem, status, error, field)).build();
    }

    /** Some messages quote the input; a huge input is not echoed back whole. */
    private static String shortened(String error) {
        return error.length() <= MAX_LENGTH ? error : error.substring(0, MAX_LENGTH - 1) + "…";
    }
}
