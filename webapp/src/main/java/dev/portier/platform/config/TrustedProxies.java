package dev.portier.platform.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code X-Forwarded-Proto}, {@code X-Forwarded-For} (and {@code Forwarded})
 * headers Portier believes: IP addresses or CIDR blocks, as {@code PORTIER_TRUSTED_PROXIES} lists
 * them ({@code 10.0.0.5, 172.16.0.0/12, ::1}). From any other peer those headers are ignored, so a
 * client cannot claim to be https or to come from another address. Empty: nobody is trusted.
 */
public record TrustedProxies(List<Block> blocks) {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    public TrustedProxies {
        blocks = List.copyOf(blocks);
    }

    /** One address block: {@code prefixBits} leading bits of {@code network}. */
    public record Block(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
            } catch (UnknownHostException e) {
                return "?/" + prefixBits;
            }
        }
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean trusts(InetAddress peer) {
        if (peer == null) {
            return false;
        }
        byte[] address = peer.getAddress();
        return blocks.stream().anyMatch(b -> b.contains(address));
    }

    /** Parses {@code csv} like {@code PORTIER_TRUSTED_PROXIES}; a bad entry is an {@link IllegalArgumentException}. */
    public static TrustedProxies of(String csv) {
        List<String> problems = new ArrayList<>();
        TrustedProxies proxies = parse("trusted proxies", csv, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return proxies;
    }

    /**
     * Parses a comma-separated list of IP literals and CIDR blocks; host names are refused (they would
     * need DNS at start-up and could change). A problem goes into {@code problems}, naming the entry.
     */
    static TrustedProxies parse(String name, String raw, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : raw.split(",")) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            block(text).ifPresentOrElse(blocks::add, () -> problems.add(name + ": '" + text
                    + "' is not an IP address or CIDR block like 10.0.0.5, 172.16.0.0/12 or fd00::/8"));
        }
        return new TrustedProxies(blocks);
    }

    private static Optional<Block> block(String text) {
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        // Only literals: digits, dots, colons and hex; never a name InetAddress would look up in DNS.
        if (!literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && !(literal.contains(":") && literal.matches("[0-9A-Fa-f:.]+"))) {
            return Optional.empty();
        }
        byte[] network;
        try {
            network = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        int bits = network.length * 8;
        if (slash >= 0) {
            String prefix = text.substring(slash + 1);
            if (!prefix.matches("[0-9]{1,3}")) {
                return Optional.empty();
            }
            bits = Integer.parseInt(prefix);
            if (bits > network.length * 8) {
                return Optional.empty();
            }
        }
        return Optional.of(new Block(network, bits));
    }

    @Override
    public String toString() {
        return blocks.toString();
    }
}
