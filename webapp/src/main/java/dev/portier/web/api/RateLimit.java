package dev.portier.web.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portier.platform.config.PortierConfig;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Per-caller rate limit of the API: a token bucket per API token (and per phone of the mobile API) holding
 * {@code PORTIER_API_RATE_LIMIT} requests (default {@value PortierConfig#DEFAULT_API_RATE_LIMIT}), refilled
 * evenly over a minute — so a caller may burst that many at once and then runs at that many a minute. Kept in
 * memory, per Portier instance. Every answer to an authenticated caller carries the IETF draft's fields, both
 * the current ones ({@code RateLimit-Policy}, {@code RateLimit}; draft-ietf-httpapi-ratelimit-headers-11) and
 * the earlier, widely read {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset}
 * (seconds until the bucket is full again); over the limit the answer is 429 with {@code Retry-After}.
 * Runs after authentication and before the body is read.
 */
@Singleton
@PreMatching
@Priority(Priorities.AUTHENTICATION + 1)
final class RateLimit implements ContainerRequestFilter, ContainerResponseFilter {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";
    static final String POLICY = "RateLimit-Policy";
    static final String CURRENT = "RateLimit";
    static final String RETRY_AFTER = "Retry-After";
    private static final String STATE = RateLimit.class.getName();
    private static final long WINDOW_NANOS = 60_000_000_000L;
    /** Past this many buckets, those that have refilled completely (idle callers) are dropped from memory. */
    private static final int MAX_BUCKETS_BEFORE_SWEEP = 10_000;

    private final int limit;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    RateLimit(PortierConfig config) {
        this(config.apiRateLimit(), System::nanoTime);
    }

    RateLimit(int limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /** What one request found: allowed or not, what remains and when the bucket is full / has a token again. */
    record Decision(boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String caller = callerKey(request.getSecurityContext().getUserPrincipal());
        if (limit <= 0 || caller == null) {
            return;
        }
        Decision decision = take(caller);
        request.setProperty(STATE, decision);
        if (!decision.allowed()) {
            Response refused = ApiError.response(Problem.RATE_LIMITED, "More than " + limit + " requests a minute with this "
                    + "credential; wait " + decision.retryAfterSeconds() + " s (Retry-After) and send fewer", null);
            request.abortWith(refused);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STATE) instanceof Decision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle(LIMIT, decision.limit());
            headers.putSingle(REMAINING, decision.remaining());
            headers.putSingle(RESET, decision.resetSeconds());
            headers.putSingle(POLICY, "\"per-credential\";q=" + decision.limit() + ";w=60");
            headers.putSingle(CURRENT, "\"per-credential\";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
            if (!decision.allowed()) {
                headers.putSingle(RETRY_AFTER, decision.retryAfterSeconds());
            }
        }
    }

    /** The bucket's key: one per API token, one per phone; null for requests without a caller. */
    static String callerKey(Principal principal) {
        return switch (principal) {
            case ApiCaller api -> "token:" + api.user().apiTokenId();
            case DeviceAuthentication.DevicePrincipal device -> "device:" + device.caller().deviceId();
            case null, default -> null;
        };
    }

    Decision take(String caller) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_BUCKETS_BEFORE_SWEEP) {
            buckets.values().removeIf(b -> b.fullAt(now, limit));
        }
        Bucket bucket = buckets.computeIfAbsent(caller, k -> new Bucket(limit, now));
        synchronized (bucket) {
            bucket.refill(now, limit);
            boolean allowed = bucket.tokens >= 1.0;
            if (allowed) {
                bucket.tokens -= 1.0;
            }
            double perSecond = limit / 60.0;
            long reset = (long) Math.ceil((limit - bucket.tokens) / perSecond);
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1.0 - bucket.tokens) / perSecond));
            return new Decision(allowed, limit, (long) Math.floor(bucket.tokens), reset, retryAfter);
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(int limit, long now) {
            this.tokens = limit;
            this.at = now;
        }

        void refill(long now, int limit) {
            long elapsed = Math.max(0, now - at);
            tokens = Math.min(limit, tokens + (double) elapsed * limit / WINDOW_NANOS);
            at = now;
        }

        synchronized boolean fullAt(long now, int limit) {
            return tokens + (double) Math.max(0, now - at) * limit / WINDOW_NANOS >= limit;
        }
    }
}
