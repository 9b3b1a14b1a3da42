package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.idempotency.IdempotencyKeys;
import dev.portier.platform.idempotency.IdempotencyKeys.Claim;
import dev.portier.platform.idempotency.IdempotencyKeys.StoredResponse;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} on every POST of an authenticated caller (API token or phone): the first request
 * with a key claims it in the database ({@link IdempotencyKeys}) and its answer is stored; the same key with
 * the same request (method, path, query and body, by SHA-256) replays that answer — status, body,
 * {@code Content-Type}, {@code Location} — with {@code Idempotent-Replayed: true} for 24 hours. The same key
 * with another request is 422 ({@link Problem#IDEMPOTENCY_KEY_REUSED}); while the first is still running, a
 * duplicate is refused at once with 409 ({@link Problem#IDEMPOTENCY_KEY_IN_USE}) rather than waiting. Answers
 * of 500 and above are not kept (the key is given back), so a retry after a server failure runs again. A key
 * must be 1 to 255 printable ASCII characters, else 400.
 */
@Singleton
@Priority(Priorities.USER)
final class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final String CAPTURE = IdempotencyFilter.class.getName() + ".capture";

    private final IdempotencyKeys keys;

    @Inject
    IdempotencyFilter(IdempotencyKeys keys) {
        this.keys = keys;
    }

    private record Claimed(String caller, String key) {
    }

    private record Capture(Claimed claimed, int status, String contentType, String location) {
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod())) {
            return;
        }
        String caller = RateLimit.callerKey(request.getSecurityContext().getUserPrincipal());
        if (!sane(key)) {
            request.abortWith(ApiError.response(Problem.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters (a UUID is a good key)", HEADER));
            return;
        }
        if (caller == null) {
            return; // nobody to keep it for (a phone registering itself); the request simply runs
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String hash = hash(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(),
                request.getUriInfo().getRequestUri().getRawQuery(), body);
        switch (keys.claim(caller, key, hash)) {
            case Claim.Claimed c -> request.setProperty(CLAIM, new Claimed(caller, key));
            case Claim.Replay replay -> request.abortWith(replayed(replay.response()));
            case Claim.Mismatch m -> request.abortWith(ApiError.response(Problem.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request in the last 24 hours; use a new key for a new request",
                    HEADER));
            case Claim.InProgress p -> request.abortWith(Response.fromResponse(ApiError.response(Problem.IDEMPOTENCY_KEY_IN_USE,
                    "The first request with this Idempotency-Key is still running; send it again once it has finished", HEADER))
                    .header(RateLimit.RETRY_AFTER, 1).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claimed claimed)) {
            return;
        }
        request.removeProperty(CLAIM);
        if (response.getStatus() >= 500) {
            keys.release(claimed.caller(), claimed.key());
            return;
        }
        String contentType = response.getMediaType() == null ? null : response.getMediaType().toString();
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        if (!response.hasEntity()) {
            keys.complete(claimed.caller(), claimed.key(), new StoredResponse(response.getStatus(), contentType, location, null));
            return;
        }
        request.setProperty(CAPTURE, new Capture(claimed, response.getStatus(), contentType, location));
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(CAPTURE) instanceof Capture capture)) {
            context.proceed();
            return;
        }
        context.removeProperty(CAPTURE);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        OutputStream original = context.getOutputStream();
        context.setOutputStream(new FilterOutputStream(original) {
            @Override
            public void write(int b) throws IOException {
                copy.write(b);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                copy.write(b, off, len);
                out.write(b, off, len);
            }
        });
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            keys.release(capture.claimed().caller(), capture.claimed().key());
            throw e;
        }
        keys.complete(capture.claimed().caller(), capture.claimed().key(), new StoredResponse(capture.status(),
                capture.contentType(), capture.location(), copy.toString(StandardCharsets.UTF_8)));
    }

    private static Response replayed(StoredResponse stored) {
        Response.ResponseBuilder answer = Response.status(stored.status()).header(REPLAYED, "true");
        if (stored.body() != null) {
            answer.entity(stored.body()).type(stored.contentType() == null ? MediaType.APPLICATION_JSON_TYPE
                    : MediaType.valueOf(stored.contentType()));
        }
        if (stored.location() != null) {
            answer.header(HttpHeaders.LOCATION, stored.location());
        }
        return answer.build();
    }

    static boolean sane(String key) {
        return !key.isEmpty() && key.length() <= MAX_KEY_LENGTH && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    private static String hash(String method, String path, String query, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "?" + (query == null ? "" : query) + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
