package dev.portier.web.api;

import jakarta.ws.rs.core.Response;

/** A failure that already knows its whole answer (status, problem body and headers). */
final class ApiProblemException extends RuntimeException {

    private final transient Response response;

    ApiProblemException(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }
}
