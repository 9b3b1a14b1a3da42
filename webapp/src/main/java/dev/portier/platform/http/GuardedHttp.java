package dev.portier.platform.http;

import dev.portier.plugin.api.OutboundHttp;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The host's {@link OutboundHttp}: every request of a plugin goes through a {@link DestinationPolicy}
 * (http or https, no loopback, link-local or private address unless allowed), redirects are followed
 * here, at most {@value #MAX_REDIRECTS}, each destination checked again, connecting takes at most 5 s,
 * the whole exchange at most 10 s (or the request's own timeout when shorter), and bodies over
 * 10 MiB fail.
 *
 * <h2>DNS rebinding</h2>
 * {@link HttpClient} resolves the host itself and offers no way to hand it the checked address:
 * connecting to the address literal would break TLS host-name checks and SNI, and the {@code Host}
 * header is restricted. The check and the connection resolve through the same JVM lookup cache,
 * which keeps a successful answer for 30 s by default ({@code networkaddress.cache.ttl}), so the
 * client normally connects to an address that was checked. The residual risk is a lookup that
 * expires between the check and the connection and is answered differently the second time by a
 * name server the attacker controls; operators who set the cache TTL to 0 widen that window.
 *
 * <p>Thread-safe; one client (and its connection pool) serves every caller.
 */
public final class GuardedHttp implements OutboundHttp, AutoCloseable {

    static final int MAX_REDIRECTS = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

    private final DestinationPolicy policy;
    private final Duration requestTimeout;
    private final HttpClient client;

    GuardedHttp(DestinationPolicy policy, Duration requestTimeout) {
        this.policy = policy;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What the operator configured: private ranges refused unless {@code PORTIER_HTTP_ALLOW_PRIVATE=true}. */
    public static GuardedHttp forOperator(boolean allowPrivate) {
        return new GuardedHttp(new DestinationPolicy(allowPrivate, Set.of()), REQUEST_TIMEOUT);
    }

    /**
     * Private ranges refused, except for hosts matching {@code hostPatterns} (names or address literals,
     * or {@code *.domain}): for tests and sandbox simulators that listen on loopback.
     */
    public static GuardedHttp allowing(Set<String> hostPatterns) {
        return new GuardedHttp(new DestinationPolicy(false, hostPatterns), REQUEST_TIMEOUT);
    }

    /**
     * Throws when a request to {@code uri} would be refused (scheme, or an address the policy refuses), without
     * sending anything: for checking an address when it is entered. Redirects are checked when they happen.
     */
    public void check(java.net.URI uri) throws IOException {
        policy.check(uri);
    }

    @Override
    public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return send(request, Set.of());
    }

    /**
     * Like {@link #send(HttpRequest)}, and the headers named in {@code secretHeaders} (an API key in a
     * header of the caller's choosing) are not sent on to another origin when a redirect leads there,
     * just as {@code Authorization} and {@code Cookie} are not.
     */
    public HttpResponse<byte[]> send(HttpRequest request, Set<String> secretHeaders) throws IOException, InterruptedException {
        Set<String> secrets = secretHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        Duration timeout = request.timeout().filter(t -> t.compareTo(requestTimeout) < 0).orElse(requestTimeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest current = request;
        for (int redirects = 0; ; redirects++) {
            policy.check(current.uri());
            HttpResponse<byte[]> response = exchange(current, deadline, timeout);
            Optional<HttpRequest> next = Redirects.next(current, response, secrets);
            if (next.isEmpty()) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException("Stopped after " + MAX_REDIRECTS + " redirects, the last from "
                        + DestinationPolicy.origin(current.uri()) + " to " + DestinationPolicy.origin(next.get().uri()));
            }
            current = next.get();
        }
    }

    /**
     * One request and its whole body within what is left of the deadline. The client's own request
     * timeout is about the response headers, so the limit is enforced here as well, which also covers
     * a body that trickles in.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        String origin = DestinationPolicy.origin(request.uri());
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(origin, timeout);
        }
        HttpRequest limited = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(Duration.ofNanos(remaining))
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(limited, new CappedBody(MAX_BODY_BYTES, origin));
        try {
            return pending.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(origin, timeout);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw unwrap(e, origin, timeout);
        }
    }

    private static IOException unwrap(ExecutionException e, String origin, Duration timeout) {
        Throwable cause = e.getCause();
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new HttpConnectTimeoutException("Could not connect to " + origin + " within "
                    + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(origin, timeout);
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException("The request to " + origin + " failed: " + cause, cause);
    }

    private static HttpTimeoutException timedOut(String origin, Duration timeout) {
        return new HttpTimeoutException("The request to " + origin + " took longer than " + timeout.toMillis() + " ms");
    }

    /** Ends the client's connections and threads; requests in flight fail. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    @Override
    public String toString() {
        return "GuardedHttp[" + policy + ", timeout " + requestTimeout.toMillis() + " ms]";
    }
}
