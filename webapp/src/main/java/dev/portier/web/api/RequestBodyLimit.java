package dev.portier.web.api;

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
 * length. Runs after authentication and the rate limit, so strangers cannot make Portier read anything.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 2)
final class RequestBodyLimit implements ContainerRequestFilter {

    static final int MAX_BYTES = 1024 * 1024;
    /** How much of an oversized body is read away before answering; beyond it the connection closes. */
    static final long DRAIN_BYTES = 16L * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity() && request.getLength() <= 0) {
            return;
        }
        // Read one byte past the limit, whether or not the length was declared (chunked bodies).
        InputStream in = request.getEntityStream();
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            request.abortWith(tooLarge(drained(in)));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /**
     * Reads away the rest of an oversized body, up to {@value #DRAIN_BYTES} bytes, so the client can
     * finish sending and read the 413: answering mid-upload makes Jetty close the connection, and a
     * client still writing then sees a reset instead of the answer. Answers whether the body ended.
     */
    private static boolean drained(InputStream in) {
        try {
            long skipped = in.skip(DRAIN_BYTES);
            return skipped < DRAIN_BYTES && in.read() < 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Without the whole body read, the connection cannot be reused: say so. */
    private static Response tooLarge(boolean bodyConsumed) {
        Response response = ApiError.response(Problem.BODY_TOO_LARGE,
                "The request body is larger than " + MAX_BYTES / (1024 * 1024) + " MiB", null);
        return bodyConsumed ? response : Response.fromResponse(response).header("Connection", "close").build();
    }
}
