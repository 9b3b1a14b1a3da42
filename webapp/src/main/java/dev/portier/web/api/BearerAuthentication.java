package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.identity.apitokens.ApiTokenService;
import dev.portier.identity.accounts.SignedInUser;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;

/**
 * Every request under {@code /api/v1} needs {@code Authorization: Bearer <token>} naming an active
 * API token; anything else is 401 before routing, so unknown paths reveal nothing to strangers.
 */
@Singleton
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class BearerAuthentication implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private static final int SMALL_BODY_BYTES = 64 * 1024;

    private final ApiTokenService tokens;

    @Inject
    BearerAuthentication(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("v1") && !path.startsWith("v1/") || DeviceAuthentication.isMobile(path)) {
            return; // the mobile API authenticates phones (DeviceAuthentication)
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            refuse(request, "Send an API token in the header Authorization: Bearer <token>", "Bearer realm=\"Portier\"");
            return;
        }
        Optional<SignedInUser> caller = tokens.authenticate(header.substring(SCHEME.length()).strip());
        if (caller.isEmpty()) {
            refuse(request, "The API token is unknown or revoked", "Bearer realm=\"Portier\", error=\"invalid_token\"");
            return;
        }
        request.setSecurityContext(new ApiCaller(caller.get()).securityContext(request.getSecurityContext().isSecure()));
    }

    private static void refuse(ContainerRequestContext request, String message, String challenge) {
        Response response = unauthorized(message, challenge);
        if (!discardSmallBody(request)) {
            response = Response.fromResponse(response).header("Connection", "close").build();
        }
        request.abortWith(response);
    }

    /**
     * Reads away a small unread body so Jetty can keep the connection open: answering before the body
     * is read makes Jetty close it, and a client that already reuses the connection then sees EOF.
     * Large bodies are not read for strangers; their connection closes, and the answer says so.
     */
    private static boolean discardSmallBody(ContainerRequestContext request) {
        int length = request.getLength();
        if (!request.hasEntity()) {
            return true;
        }
        if (length > 0 && length <= SMALL_BODY_BYTES) {
            try {
                request.getEntityStream().readNBytes(length);
                return true;
            } catch (IOException e) {
                return false; // the client went away; the 401 goes nowhere either
            }
        }
        return false;
    }

    private static Response unauthorized(String message, String challenge) {
        return Response.fromResponse(ApiError.response(Response.Status.UNAUTHORIZED, message, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
