package dev.portier.web.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kinds of API error, each with a stable machine {@code code}, a problem {@code type} URI
 * ({@value #TYPE_BASE}{@code <code>}), a fixed {@code title} and its usual status. Codes are part of the
 * API: add new ones, never rename.
 */
public enum Problem {
    VALIDATION_FAILED(400, "The input is not valid"),
    MALFORMED_JSON(400, "The body is not valid JSON"),
    INVALID_PARAMETER(400, "A query parameter is not usable"),
    INVALID_CURSOR(400, "The cursor is not usable"),
    INVALID_IDEMPOTENCY_KEY(400, "The Idempotency-Key header is not usable"),
    BAD_REQUEST(400, "The request is not usable"),
    UNAUTHORIZED(401, "Authentication is needed"),
    FORBIDDEN(403, "The caller may not do this"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict with the current state"),
    IDEMPOTENCY_KEY_IN_USE(409, "A request with this Idempotency-Key is still in progress"),
    BODY_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was used with another request"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    VENDOR_FAILED(502, "The lock's vendor failed"),
    UNAVAILABLE(503, "Temporarily unavailable"),
    OTHER(0, "The request failed");

    public static final String TYPE_BASE = "https://portier.dev/problems/";

    private final int status;
    private final String title;

    Problem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String type() {
        return TYPE_BASE + code();
    }

    /** The general problem for a status (the first listed with it), {@link #OTHER} when none is. */
    static Problem ofStatus(int status) {
        return Arrays.stream(values()).filter(p -> p.status == status).findFirst().orElse(OTHER);
    }
}
