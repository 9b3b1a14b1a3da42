package dev.portier.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangesTest {

    private static Optional<AddressRanges.Restriction> restriction(String literal) throws Exception {
        // Address literals only: getByName does not ask DNS for them.
        return AddressRanges.restriction(InetAddress.getByName(literal));
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, LOOPBACK, 127.0.0.0/8",
            "127.0.0.2, LOOPBACK, 127.0.0.0/8",
            "::1, LOOPBACK, ::1/128",
            "10.1.2.3, PRIVATE, 10.0.0.0/8",
            "172.16.0.1, PRIVATE, 172.16.0.0/12",
            "172.31.255.254, PRIVATE, 172.16.0.0/12",
            "192.168.1.10, PRIVATE, 192.168.0.0/16",
            "100.64.0.1, PRIVATE, 100.64.0.0/10",
            "fd12:3456::1, PRIVATE, fc00::/7",
            "169.254.169.254, LINK_LOCAL, 169.254.0.0/16",
            "fe80::1, LINK_LOCAL, fe80::/10",
            "0.0.0.0, UNSPECIFIED, 0.0.0.0/8",
            "::, UNSPECIFIED, ::/128",
            "224.0.0.1, MULTICAST, 224.0.0.0/4",
            "ff02::1, MULTICAST, ff00::/8",
            "255.255.255.255, RESERVED, 240.0.0.0/4"
    })
    void restrictedAddressesAreClassified(String address, AddressRanges.Kind kind, String range) throws Exception {
        assertThat(restriction(address)).hasValue(new AddressRanges.Restriction(kind, range));
    }

    @ParameterizedTest
    @CsvSource({
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:10.0.0.1, PRIVATE",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::127.0.0.1, LOOPBACK",
            "64:ff9b::a00:1, PRIVATE",
            "2002:7f00:1::1, LOOPBACK",
            "2002:a9fe:a9fe::1, LINK_LOCAL"
    })
    void ipv6FormsCarryingAnIpv4AddressAreJudgedByIt(String address, AddressRanges.Kind kind) throws Exception {
        assertThat(restriction(address)).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1",
            "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1"})
    void publicAddressesPass(String address) throws Exception {
        assertThat(restriction(address)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "fe80::1", "fd00::1", "::1"})
    void theOperatorMayAllowLoopbackLinkLocalAndPrivate(String address) throws Exception {
        assertThat(restriction(address)).hasValueSatisfying(r -> assertThat(r.kind().operatorMayAllow).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "224.0.0.1", "255.255.255.255"})
    void nobodyMayAllowUnspecifiedMulticastOrReserved(String address) throws Exception {
        assertThat(restriction(address)).hasValueSatisfying(r -> assertThat(r.kind().operatorMayAllow).isFalse());
    }
}
