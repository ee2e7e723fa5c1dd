package dev.anonbroker.gate.ip;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** broker.client-ip.trusted-proxies entries: IPv4 and IPv6 networks, and the errors for what is none. */
class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "10.1.2.3/8, 10.9.9.9, true",
            "192.0.2.7, 192.0.2.7, true",
            "192.0.2.7, 192.0.2.8, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "0.0.0.0/0, ::1, false",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe80::1, false",
            "::1/128, ::1, true",
            "::/0, 192.0.2.1, false",
            "10.0.0.0/8, ::ffff:10.0.0.1, true",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false"})
    void containsAddressesOfItsNetworkOnly(String cidr, String address, boolean contained) {
        assertEquals(contained, Cidr.parse(cidr).contains(IpLiteral.parse(address).orElseThrow()));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0/8",
            "proxy.internal", "proxy.internal/32", "10.0.0.0/ 8", "fe80::1%eth0/64"})
    void anEntryThatIsNoCidrStopsTheStartWithTheSettingsName(String entry) {
        ConfigurationException error = assertThrows(ConfigurationException.class, () -> Cidr.parse(entry));

        assertTrue(error.getMessage().contains("broker.client-ip.trusted-proxies"), error.getMessage());
        assertTrue(error.getMessage().contains(entry), error.getMessage());
    }

    @ParameterizedTest(name = "{0} trusts 127.0.0.1: {1}")
    @CsvSource(delimiter = '|', value = {"|true", "10.0.0.0/8|false", "10.0.0.0/8,127.0.0.0/8|true"})
    void noNetworksTrustEveryPeer(String entries, boolean trusted) {
        List<String> list = entries == null ? List.of() : List.of(entries.split(","));

        assertEquals(trusted, TrustedProxies.parse(list).trusts(IpLiteral.parse("127.0.0.1").orElseThrow()));
    }
}
