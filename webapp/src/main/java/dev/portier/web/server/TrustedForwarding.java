package dev.portier.web.server;

import dev.portier.platform.config.TrustedProxies;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Believes {@code X-Forwarded-Proto} and {@code X-Forwarded-For} only from a configured trusted proxy
 * ({@code PORTIER_TRUSTED_PROXIES}). From such a peer the scheme is the last {@code X-Forwarded-Proto}
 * value (the one the nearest proxy set) and the client is the right-most {@code X-Forwarded-For}
 * address that is not itself a trusted proxy — the left-most entries are whatever the client chose to
 * send and prove nothing. Every other forwarding header ({@code Forwarded}, {@code X-Forwarded-Host},
 * {@code -Port}, {@code -Server}) is dropped, and from any other peer the request is left as it came.
 * Jetty's own {@link ForwardedRequestCustomizer} then applies the cleaned headers, so {@code isSecure()},
 * the {@code Secure} session cookie, HSTS and the client address all follow.
 */
final class TrustedForwarding implements HttpConfiguration.Customizer {

    private static final List<String> DROPPED = List.of(HttpHeader.FORWARDED.asString(), HttpHeader.X_FORWARDED_HOST.asString(),
            HttpHeader.X_FORWARDED_PORT.asString(), HttpHeader.X_FORWARDED_SERVER.asString(), "X-Proxied-Https",
            "Proxy-auth-cert", "Proxy-ssl-id");

    private final TrustedProxies proxies;
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

    TrustedForwarding(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (proxies.isEmpty() || !proxies.trusts(peer(request.getConnectionMetaData().getRemoteSocketAddress()))) {
            return request;
        }
        HttpFields headers = request.getHeaders();
        HttpFields.Mutable cleaned = HttpFields.build(headers);
        DROPPED.forEach(cleaned::remove);
        cleaned.remove(HttpHeader.X_FORWARDED_PROTO);
        cleaned.remove(HttpHeader.X_FORWARDED_FOR);
        List<String> protos = values(headers, HttpHeader.X_FORWARDED_PROTO);
        if (!protos.isEmpty()) {
            String proto = protos.getLast().toLowerCase(Locale.ROOT);
            if (proto.equals("https") || proto.equals("http")) {
                cleaned.put(HttpHeader.X_FORWARDED_PROTO, proto);
            }
        }
        client(values(headers, HttpHeader.X_FORWARDED_FOR)).ifPresent(c -> cleaned.put(HttpHeader.X_FORWARDED_FOR, c));
        HttpFields fixed = cleaned.asImmutable();
        Request withCleanedHeaders = new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return fixed;
            }
        };
        return forwarded.customize(withCleanedHeaders, responseHeaders);
    }

    /** The right-most address in the chain that is not a trusted proxy. */
    private java.util.Optional<String> client(List<String> chain) {
        for (String entry : chain.reversed()) {
            InetAddress address = literal(entry);
            if (address == null) {
                return java.util.Optional.empty(); // garbage in the chain: believe nothing to the left of it
            }
            if (!proxies.trusts(address)) {
                return java.util.Optional.of(entry.contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress());
            }
        }
        return java.util.Optional.empty();
    }

    /** Every comma-separated value of every instance of {@code header}, in order. */
    private static List<String> values(HttpFields headers, HttpHeader header) {
        List<String> all = new ArrayList<>();
        for (String value : headers.getValuesList(header)) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    all.add(part.strip());
                }
            }
        }
        return all;
    }

    /** An IP literal (IPv6 possibly in brackets); null for anything else, host names included. */
    private static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress peer(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
