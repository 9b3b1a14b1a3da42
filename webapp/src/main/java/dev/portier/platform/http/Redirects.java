package dev.portier.platform.http;

import dev.portier.plugin.api.OutboundHttp.DestinationRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The request a redirect asks for, built by hand because the client never follows redirects itself
 * (each destination has to pass the policy first). 303, and 301/302 after a POST, become a GET
 * without body as browsers do; 307 and 308 repeat the method and body. Credentials the caller set
 * go only to the origin they were meant for.
 */
final class Redirects {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-encoding", "content-language");

    private Redirects() {
    }

    /** The next request, or empty when {@code response} is not a redirect to follow. */
    static Optional<HttpRequest> next(HttpRequest sent, HttpResponse<?> response) throws IOException {
        return next(sent, response, Set.of());
    }

    /**
     * Like {@link #next(HttpRequest, HttpResponse)}, also keeping {@code secretHeaders} (lower-case
     * names, e.g. an API key header) from other origins, as the standard credential headers are.
     */
    static Optional<HttpRequest> next(HttpRequest sent, HttpResponse<?> response, Set<String> secretHeaders) throws IOException {
        if (!REDIRECTS.contains(response.statusCode())) {
            return Optional.empty();
        }
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
            return Optional.empty();
        }
        URI target;
        try {
            target = sent.uri().resolve(location.get().trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(DestinationPolicy.origin(sent.uri()) + " redirected to an invalid location");
        }
        int status = response.statusCode();
        boolean becomesGet = status == 303 && !sent.method().equals("HEAD")
                || (status == 301 || status == 302) && sent.method().equals("POST");
        boolean sameOrigin = sameOrigin(sent.uri(), target);
        HttpRequest.Builder next = HttpRequest.newBuilder(sent, (name, value) -> {
            String header = name.toLowerCase(Locale.ROOT);
            boolean credential = CREDENTIAL_HEADERS.contains(header) || secretHeaders.contains(header);
            return (sameOrigin || !credential) && !(becomesGet && BODY_HEADERS.contains(header));
        });
        try {
            next.uri(target);
        } catch (IllegalArgumentException e) {
            throw new DestinationRefusedException("Refused " + DestinationPolicy.origin(target) + " (redirected from "
                    + DestinationPolicy.origin(sent.uri()) + "): only http and https are allowed");
        }
        if (becomesGet) {
            next.GET();
        }
        return Optional.of(next.build());
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
