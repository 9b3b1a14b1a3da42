package dev.portier.platform.http;

import dev.portier.plugin.api.OutboundHttp.DestinationRefusedException;
import dev.portier.platform.config.ConfigLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a request may go to a URI: http or https only, and a host whose every address is
 * public, unless the operator allows private ranges or the host matches a pattern the host code
 * allowed explicitly (a simulator on loopback in tests and sandboxes).
 *
 * <p>Patterns are host names or address literals, matched case-insensitively, or {@code *.suffix}
 * for any name below {@code suffix}. A matching host skips the address check entirely.
 */
final class DestinationPolicy {

    private final boolean operatorAllowsPrivate;
    private final Set<String> hostPatterns;

    DestinationPolicy(boolean operatorAllowsPrivate, Set<String> hostPatterns) {
        this.operatorAllowsPrivate = operatorAllowsPrivate;
        this.hostPatterns = hostPatterns.stream().map(DestinationPolicy::checkedPattern).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Resolves the host of {@code uri} and throws when the request must not be sent there.
     *
     * @throws DestinationRefusedException naming the destination and the rule
     * @throws UnknownHostException        when the host does not resolve
     */
    void check(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DestinationRefusedException("Refused " + origin(uri) + ": only http and https are allowed");
        }
        String host = host(uri);
        if (host == null) {
            throw new DestinationRefusedException("Refused " + origin(uri) + ": the address has no host name Portier can check");
        }
        if (allowedByPattern(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("Cannot resolve " + host + " (for " + origin(uri) + ")");
        }
        // Every address is checked, not only the first: the HTTP client may pick any of them.
        for (InetAddress address : addresses) {
            Optional<AddressRanges.Restriction> restriction = AddressRanges.restriction(address);
            if (restriction.isPresent() && !(operatorAllowsPrivate && restriction.get().kind().operatorMayAllow)) {
                throw new DestinationRefusedException(refusal(uri, host, address, restriction.get()));
            }
        }
    }

    private String refusal(URI uri, String host, InetAddress address, AddressRanges.Restriction restriction) {
        String where = host.equals(address.getHostAddress()) ? host : host + " (" + address.getHostAddress() + ")";
        String rule = restriction.kind().operatorMayAllow
                ? "Portier does not send requests there unless " + ConfigLoader.HTTP_ALLOW_PRIVATE + "=true"
                : "Portier never sends requests there";
        return "Refused " + origin(uri) + ": " + where + " is a " + restriction.describe() + " address; " + rule;
    }

    private boolean allowedByPattern(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String pattern : hostPatterns) {
            if (pattern.startsWith("*.") ? name.endsWith(pattern.substring(1)) : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** The host without IPv6 brackets, or null when the URI has none Java can parse. */
    static String host(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return null;
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Scheme, host and port only: paths and queries may carry credentials and stay out of messages. */
    static String origin(URI uri) {
        String host = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
        return (uri.getScheme() == null ? "" : uri.getScheme() + "://") + (host == null ? "" : host)
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static String checkedPattern(String pattern) {
        String p = pattern == null ? "" : pattern.trim().toLowerCase(Locale.ROOT);
        if (p.isEmpty() || p.contains("/") || p.contains("@") || (p.contains("*") && !p.matches("\\*\\.[^*]+"))) {
            throw new IllegalArgumentException("A host pattern is a host name, an address or *.domain, was '" + pattern + "'");
        }
        return p.startsWith("[") && p.endsWith("]") ? p.substring(1, p.length() - 1) : p;
    }

    @Override
    public String toString() {
        return "DestinationPolicy[private ranges " + (operatorAllowsPrivate ? "allowed" : "refused") + ", hosts allowed="
                + hostPatterns + "]";
    }
}

