package dev.portier.web.api;

/** A request the API cannot hand to a service at all (no body, a missing id); answered with 400. */
final class ApiInputException extends RuntimeException {

    private final String field;
    private final Problem problem;

    ApiInputException(String field, String message) {
        this(Problem.VALIDATION_FAILED, field, message);
    }

    ApiInputException(Problem problem, String field, String message) {
        super(message);
        this.problem = problem;
        this.field = field;
    }

    Problem problem() {
        return problem;
    }

    String field() {
        return field;
    }

    /** The body, or a 400 saying it is missing. */
    static <T> T required(T body) {
        if (body == null) {
            throw new ApiInputException(null, "Send the input as a JSON object in the request body");
        }
        return body;
    }
}
