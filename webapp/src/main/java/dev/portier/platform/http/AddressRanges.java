package dev.portier.platform.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a plugin's request must not reach by default: the host itself, its local
 * networks and cloud metadata services (link-local), plus addresses that are never a web server.
 * IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by
 * the IPv4 address they carry, so {@code ::ffff:127.0.0.1} is loopback like {@code 127.0.0.1}.
 */
final class AddressRanges {

    /** Why an address is restricted, and whether the operator may allow it. */
    enum Kind {
        LOOPBACK("loopback", true),
        LINK_LOCAL("link-local", true),
        PRIVATE("private", true),
        UNSPECIFIED("unspecified", false),
        MULTICAST("multicast", false),
        RESERVED("reserved", false);

        final String label;
        /** Whether {@code PORTIER_HTTP_ALLOW_PRIVATE} lifts the restriction. */
        final boolean operatorMayAllow;

        Kind(String label, boolean operatorMayAllow) {
            this.label = label;
            this.operatorMayAllow = operatorMayAllow;
        }
    }

    /** A restricted address: its kind and the range it falls in, as text for messages. */
    record Restriction(Kind kind, String range) {
        String describe() {
            return kind.label + " (" + range + ")";
        }
    }

    private record Block(byte[] network, int prefixBits, Kind kind, String text) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            if (!Arrays.equals(address, 0, full, network, 0, full)) {
                return false;
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0", 8, Kind.UNSPECIFIED),
            block("10.0.0.0", 8, Kind.PRIVATE),
            block("100.64.0.0", 10, Kind.PRIVATE), // shared address space (carrier-grade NAT)
            block("127.0.0.0", 8, Kind.LOOPBACK),
            block("169.254.0.0", 16, Kind.LINK_LOCAL),
            block("172.16.0.0", 12, Kind.PRIVATE),
            block("192.168.0.0", 16, Kind.PRIVATE),
            block("224.0.0.0", 4, Kind.MULTICAST),
            block("240.0.0.0", 4, Kind.RESERVED), // includes the broadcast address 255.255.255.255
            block("::", 128, Kind.UNSPECIFIED),
            block("::1", 128, Kind.LOOPBACK),
            block("fe80::", 10, Kind.LINK_LOCAL),
            block("fec0::", 10, Kind.PRIVATE), // deprecated site-local, still routed inside some networks
            block("fc00::", 7, Kind.PRIVATE),
            block("ff00::", 8, Kind.MULTICAST));

    private AddressRanges() {
    }

    /** The restriction {@code address} falls under, or empty for an ordinary public address. */
    static Optional<Restriction> restriction(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<Inet4Address> carried = carriedIpv4(bytes);
            if (carried.isPresent()) {
                return restriction(carried.get()).map(r -> new Restriction(r.kind(),
                        r.range() + ", carried in the IPv6 address " + address.getHostAddress()));
            }
        }
        return BLOCKS.stream().filter(b -> b.contains(bytes)).findFirst().map(b -> new Restriction(b.kind(), b.text()));
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Optional<Inet4Address> carriedIpv4(byte[] v6) {
        byte[] v4 = null;
        if (allZero(v6, 0, 10) && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (allZero(v6, 0, 12) && !(allZero(v6, 12, 15) && (v6[15] == 0 || v6[15] == 1))) {
            // IPv4-compatible ::a.b.c.d; "::" and "::1" themselves are left to the IPv6 blocks.
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b && allZero(v6, 4, 12)) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (v6[0] == 0x20 && v6[1] == 0x02) {
            v4 = Arrays.copyOfRange(v6, 2, 6);
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Block block(String literal, int prefixBits, Kind kind) {
        try {
            // Literals only: getByName does not query DNS for them.
            return new Block(InetAddress.getByName(literal).getAddress(), prefixBits, kind, literal + "/" + prefixBits);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(literal + " is an address literal", e);
        }
    }
}
