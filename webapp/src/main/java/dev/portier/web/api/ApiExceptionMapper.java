package dev.portier.web.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.portier.identity.accounts.ForbiddenException;
import dev.portier.platform.validation.ConflictException;
import dev.portier.platform.validation.NotFoundException;
import dev.portier.platform.validation.ValidationException;
import dev.portier.platform.validation.VendorException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the API's error shape ({@link ApiError}) with the status that says whose
 * fault it was: the services' exceptions, Jackson's complaints about the body, Jersey's own (unknown
 * route, wrong method or media type, unusable query parameter), and anything unexpected as a 500 that
 * is logged but never shows its stack trace.
 */
final class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        return switch (failure) {
            case ApiProblemException e -> e.response();
            case ValidationException e -> ApiError.response(Problem.VALIDATION_FAILED, e.getMessage(), e.firstField());
            case ApiInputException e -> ApiError.response(e.problem(), e.getMessage(), e.field());
            case NotFoundException e -> ApiError.response(Problem.NOT_FOUND, e.getMessage(), null);
            case ConflictException e -> ApiError.response(Problem.CONFLICT, e.getMessage(), e.field());
            case ForbiddenException e -> ApiError.response(Problem.FORBIDDEN, e.getMessage(), null);
            case dev.portier.platform.validation.UnavailableException e -> ApiError.response(Problem.UNAVAILABLE, e.getMessage(), null);
            case VendorException e -> ApiError.response(Problem.VENDOR_FAILED, e.getMessage(), null);
            case JacksonException e -> badJson(e);
            case ParamException e -> ApiError.response(Problem.INVALID_PARAMETER,
                    "The query parameter " + e.getParameterName() + " is not usable: " + rootMessage(e), e.getParameterName());
            case WebApplicationException e -> fromJersey(e);
            default -> {
                log.error("The API failed on an unexpected error", failure);
                yield ApiError.response(Problem.INTERNAL_ERROR, "Portier failed on an unexpected error; it has been logged",
                        null);
            }
        };
    }

    private static Response fromJersey(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "There is nothing at this address";
            case 405 -> "This address does not take " + (e instanceof NotAllowedException ? "this method; it takes "
                    + String.join(", ", e.getResponse().getAllowedMethods()) : "this method");
            case 406 -> "The API answers in application/json only";
            case 415 -> "Send the body as application/json";
            default -> Status.fromStatusCode(status) == null ? "The request failed" : Status.fromStatusCode(status).getReasonPhrase();
        };
        Problem problem = switch (status) {
            case 400 -> Problem.BAD_REQUEST;
            case 413 -> Problem.BODY_TOO_LARGE;
            default -> Problem.ofStatus(status);
        };
        Response response = ApiError.response(problem, status, message, null);
        return e.getResponse().getAllowedMethods().isEmpty() ? response
                : Response.fromResponse(response).allow(e.getResponse().getAllowedMethods()).build();
    }

    private static Response badJson(JacksonException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return ApiError.response(Problem.MALFORMED_JSON, "The body is not valid JSON" + where(e) + ": " + withoutSource(e), null);
        }
        String field = fieldOf(mapping);
        String subject = field == null ? "The value" : field;
        String message = switch (mapping) {
            case UnrecognizedPropertyException u -> "There is no field " + u.getPropertyName() + " here; the fields are "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            case InvalidNullException n -> subject + " cannot hold null";
            case InvalidFormatException f when f.getTargetType() != null && f.getTargetType().isEnum() ->
                    subject + " must be one of " + constants(f.getTargetType()) + "; '" + f.getValue() + "' is not";
            case InvalidFormatException f when f.getTargetType() == Instant.class ->
                    subject + " must be an ISO-8601 instant like " + ApiJson.INSTANT_EXAMPLE + "; '" + f.getValue() + "' is not";
            case MismatchedInputException m when m.getTargetType() != null -> subject + " must be " + describe(m.getTargetType());
            case JsonMappingException m when m.getCause() instanceof InputCoercionException -> subject + " is out of range";
            default -> mapping.getOriginalMessage();
        };
        if (field == null && mapping instanceof MismatchedInputException && mapping.getPath().isEmpty()) {
            message = "Send the input as a JSON object in the request body";
        }
        return ApiError.response(Problem.VALIDATION_FAILED, message, field);
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Jackson's message without its description of where the input came from. */
    private static String withoutSource(JacksonException e) {
        String message = e.getOriginalMessage();
        int source = message.indexOf(" (start marker at");
        return source < 0 ? message : message.substring(0, source);
    }

    /** The top-level property the problem is in ({@code permissions} for {@code permissions[2]}). */
    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .filter(name -> name != null).findFirst().orElse(null);
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + constants(type);
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant like " + ApiJson.INSTANT_EXAMPLE;
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a different type of value";
    }

    private static String constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? "unusable value" : root.getMessage();
    }
}
