package dev.anonbroker.gate.ip;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** X-Forwarded-For and Forwarded (RFC 7239) as header lines reach the broker, and which entry counts. */
class ForwardingHeadersTest {

    private static final String NONE = null;

    static Stream<Arguments> xForwardedFor() {
        return Stream.of(
                Arguments.of("one entry, one hop", List.of("192.0.2.1"), 1, "192.0.2.1"),
                Arguments.of("the right-most of a line", List.of("6.6.6.6, 192.0.2.1"), 1, "192.0.2.1"),
                Arguments.of("two hops: the second from the right", List.of("6.6.6.6, 192.0.2.1, 10.0.0.1"), 2, "192.0.2.1"),
                Arguments.of("lines count in order as one list", List.of("6.6.6.6, 192.0.2.1", "10.0.0.1"), 2, "192.0.2.1"),
                Arguments.of("blank lines count for nothing", List.of("192.0.2.1", " "), 1, "192.0.2.1"),
                Arguments.of("fewer entries than hops: the left-most", List.of("192.0.2.1, 10.0.0.1"), 3, "192.0.2.1"),
                Arguments.of("IPv6 and spaces", List.of("6.6.6.6 ,  2001:db8::1 "), 1, "2001:db8:0:0:0:0:0:1"),
                Arguments.of("an appended port is dropped", List.of("192.0.2.1:5555"), 1, "192.0.2.1"),
                Arguments.of("a bracketed IPv6 with port", List.of("[2001:db8::1]:443"), 1, "2001:db8:0:0:0:0:0:1"),
                Arguments.of("a name where the visitor should be", List.of("192.0.2.1, evil.example"), 1, NONE),
                Arguments.of("an empty entry where the visitor should be", List.of("192.0.2.1,"), 1, NONE),
                Arguments.of("garbage", List.of("unknown"), 1, NONE),
                Arguments.of("no header", List.of(), 1, NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xForwardedFor")
    void xForwardedForCountsTheEntryHopsFromTheRight(String description, List<String> lines, int hops, String visitor) {
        assertEquals(address(visitor), XForwardedFor.visitor(lines, hops));
    }

    static Stream<Arguments> forwarded() {
        return Stream.of(
                Arguments.of("RFC 7239 example, IPv4", List.of("for=192.0.2.60;proto=http;by=203.0.113.43"), 1, "192.0.2.60"),
                Arguments.of("quoted IPv6 with port", List.of("for=\"[2001:db8:cafe::17]:4711\""), 1, "2001:db8:cafe:0:0:0:0:17"),
                Arguments.of("quoted IPv4 with port", List.of("for=\"192.0.2.43:47011\""), 1, "192.0.2.43"),
                Arguments.of("case-insensitive names", List.of("Proto=https;FOR=192.0.2.1"), 1, "192.0.2.1"),
                Arguments.of("the last element, one hop", List.of("for=6.6.6.6, for=192.0.2.1"), 1, "192.0.2.1"),
                Arguments.of("two hops", List.of("for=6.6.6.6, for=192.0.2.1, for=10.0.0.1"), 2, "192.0.2.1"),
                Arguments.of("lines in order", List.of("for=6.6.6.6, for=192.0.2.1", "for=10.0.0.1;proto=https"), 2, "192.0.2.1"),
                Arguments.of("fewer elements than hops: the left-most", List.of("for=192.0.2.1"), 2, "192.0.2.1"),
                Arguments.of("commas and semicolons inside quotes", List.of("for=6.6.6.6;x=\"a,b;c\", for=192.0.2.1"), 1, "192.0.2.1"),
                Arguments.of("escapes in quotes", List.of("x=\"a\\\",for=6.6.6.6\";for=192.0.2.1"), 1, "192.0.2.1"),
                Arguments.of("OWS around separators", List.of("for=6.6.6.6 ,for = 192.0.2.1 ; proto=https"), 1, "192.0.2.1"),
                Arguments.of("unknown", List.of("for=6.6.6.6, for=unknown"), 1, NONE),
                Arguments.of("obfuscated identifier", List.of("for=_hidden, for=\"_SEVKISEK\""), 1, NONE),
                Arguments.of("obfuscated port is fine", List.of("for=\"192.0.2.1:_p1\""), 1, "192.0.2.1"),
                Arguments.of("an element without for", List.of("for=6.6.6.6, proto=https;by=10.0.0.1"), 1, NONE),
                Arguments.of("for twice in one element", List.of("for=192.0.2.1;for=6.6.6.6"), 1, NONE),
                Arguments.of("a name", List.of("for=evil.example"), 1, NONE),
                Arguments.of("unterminated quote swallows what follows", List.of("for=\"6.6.6.6, for=192.0.2.1"), 1, NONE),
                Arguments.of("a quote in a token", List.of("for=19\"2.0.2.1"), 1, NONE),
                Arguments.of("no header", List.of(), 1, NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwarded")
    void forwardedCountsTheForOfTheElementHopsFromTheRight(String description, List<String> lines, int hops, String visitor) {
        assertEquals(address(visitor), ForwardedHeader.visitor(lines, hops));
    }

    private static Optional<InetAddress> address(String text) {
        return text == null ? Optional.empty() : IpLiteral.parse(text);
    }
}
