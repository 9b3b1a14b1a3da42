package dev.portier.web.api;

import dev.portier.platform.validation.ValidationException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import java.util.Map;

/**
 * Refuses a query parameter holding a NUL character with 400 at that parameter. No search or filter means
 * one, and PostgreSQL cannot take it in text at all (the fuzz test's {@code ?search=%00} answered 500 there).
 */
@Priority(Priorities.USER)
final class NoNulInQuery implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (parameter.getKey().indexOf('\u0000') >= 0 || parameter.getValue().stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                throw ValidationException.of(parameter.getKey().replace('\u0000', '?'),
                        "Query parameters cannot contain the NUL character (%00)");
            }
        }
    }
}
