package dev.anonbroker.gate.ip;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IP literals without DNS: what is an address, what is not, and the one form each address comes out in. */
class IpLiteralTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "192.0.2.1|192.0.2.1",
            "0.0.0.0|0.0.0.0",
            "255.255.255.255|255.255.255.255",
            "2001:db8::1|2001:db8:0:0:0:0:0:1",
            "2001:DB8::A|2001:db8:0:0:0:0:0:a",
            "::|0:0:0:0:0:0:0:0",
            "::1|0:0:0:0:0:0:0:1",
            "1:2:3:4:5:6:7:8|1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::|1:2:3:4:5:6:7:0",
            "::ffff:192.0.2.1|192.0.2.1",
            "::FFFF:c000:0201|192.0.2.1",
            "64:ff9b::192.0.2.1|64:ff9b:0:0:0:0:c000:201"})
    void anAddressIsParsedToItsCanonicalForm(String text, String canonical) {
        assertEquals(canonical, IpLiteral.parse(text).orElseThrow().getHostAddress());
    }

    @ParameterizedTest(name = "{0} is no IP literal")
    @ValueSource(strings = {"", "localhost", "example.com", "192.0.2", "192.0.2.1.5", "256.0.0.1", "01.2.3.4",
            "127.1", "0x7f.0.0.1", "1.2.3.-4", " 1.2.3.4", "1.2.3.4 ", "fe80::1%eth0", "fe80::1%1", "[::1]",
            "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "12345::", "1:2:3:4:5:6:7", "::g", ".::", "unknown",
            "_hidden", "1.2.3.4:80", "::1.2.3", "::1.2.3.4:5", "1.2.3.4::"})
    void anythingElseIsNot(String text) {
        assertEquals(Optional.empty(), IpLiteral.parse(text));
    }

    @ParameterizedTest(name = "node {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "192.0.2.1:8080|192.0.2.1",
            "192.0.2.1:_port|192.0.2.1",
            "[2001:db8::17]|2001:db8:0:0:0:0:0:17",
            "[2001:db8::17]:4711|2001:db8:0:0:0:0:0:17",
            "[::ffff:192.0.2.1]:1|192.0.2.1",
            "2001:db8::17|2001:db8:0:0:0:0:0:17",
            "192.0.2.1|192.0.2.1"})
    void aForwardedNodeMayCarryAPort(String text, String canonical) {
        assertEquals(canonical, IpLiteral.parseNode(text).orElseThrow().getHostAddress());
    }

    @ParameterizedTest(name = "node {0} names no IP")
    @ValueSource(strings = {"unknown", "_hidden", "[192.0.2.1]", "[::1", "[::1]x", "[::1]:", "[::1]:123456",
            "192.0.2.1:", "192.0.2.1:port", "host:80", "[fe80::1%25eth0]"})
    void aNodeThatNamesNoIpIsEmpty(String text) {
        assertEquals(Optional.empty(), IpLiteral.parseNode(text));
    }

    @ParameterizedTest(name = "peer {0} counts as {1}")
    @CsvSource(delimiter = '|', value = {"::ffff:192.0.2.1|192.0.2.1", "fe80::1%1|fe80:0:0:0:0:0:0:1"})
    void aPeerAddressLosesItsMappingAndZone(String peer, String canonical) throws Exception {
        // A literal with a numeric zone: InetAddress parses it without DNS, as the JDK gives peers to the server.
        InetAddress address = IpLiteral.canonical(InetAddress.getByName(peer));

        assertEquals(canonical, address.getHostAddress());
        assertTrue(!address.getHostAddress().contains("%"));
    }

    @ParameterizedTest(name = "{0} comes out as IPv4")
    @ValueSource(strings = {"::ffff:10.0.0.1", "0:0:0:0:0:ffff:a00:1"})
    void ipv4MappedIsIpv4(String text) {
        assertInstanceOf(Inet4Address.class, IpLiteral.parse(text).orElseThrow());
    }
}
