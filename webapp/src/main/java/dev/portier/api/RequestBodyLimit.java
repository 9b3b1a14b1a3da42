package dev.portier.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@value #MAX_BYTES} bytes with 413, whether or not they declare their
 * length. Runs after authentication, so strangers cannot make Portier read anything.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 1)
final class RequestBodyLimit implements ContainerRequestFilter {

    static final int MAX_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getLength() > MAX_BYTES) {
            request.abortWith(tooLarge());
            return;
        }
        if (!request.hasEntity()) {
            return;
        }
        // Bodies without a declared length (chunked) are read up to one byte past the limit.
        InputStream in = request.getEntityStream();
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            request.abortWith(tooLarge());
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /**
     * The rest of the body stays unread, so the connection cannot be reused: say so, or a client that
     * reuses it for its next request sees the server hang up.
     */
    private static Response tooLarge() {
        return Response.fromResponse(ApiError.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "The request body is larger than " + MAX_BYTES / (1024 * 1024) + " MiB", null))
                .header("Connection", "close").build();
    }
}
