package dev.anonbroker.gate.ip;

import dev.anonbroker.gate.Visitor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visitor.ip() as forwarded to GoTrue, and Visitor.network(): the /24 or /64 one household usually has. */
class VisitorTest {

    @ParameterizedTest(name = "{0}: ip {1}, network {2}")
    @CsvSource({
            "203.0.113.77, 203.0.113.77, 203.0.113.0/24",
            "10.1.2.255, 10.1.2.255, 10.1.2.0/24",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6, 2001:db8:1:2:0:0:0:0/64",
            "2001:db8:1:2::, 2001:db8:1:2:0:0:0:0, 2001:db8:1:2:0:0:0:0/64",
            "::ffff:198.51.100.9, 198.51.100.9, 198.51.100.0/24"})
    void ipAndNetwork(String address, String ip, String network) {
        Visitor visitor = new Visitor(IpLiteral.parse(address).orElseThrow());

        assertEquals(ip, visitor.ip());
        assertEquals(network, visitor.network());
    }
}
