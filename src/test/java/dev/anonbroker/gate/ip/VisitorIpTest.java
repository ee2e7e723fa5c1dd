package dev.anonbroker.gate.ip;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.NetlifySignatures;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which IP a request counts as, in every mode, read where it matters: the IP the broker forwards to GoTrue (recorded
 * by a pass-through in front of the emulator). Every request forges every forwarding header the broker might read;
 * only the one the configuration names, in the position it names, may win, and only from a trusted peer.
 */
class VisitorIpTest {

    static final String SECRET = TestSecrets.random(32);
    /** Two entries, as if a client's own entry were followed by one proxy's. */
    static final String XFF = "198.51.100.1, 198.51.100.2";
    /** Two elements: one IPv4, then an IPv6 with a port, quoted as RFC 7239 requires. */
    static final String FORWARDED = "for=198.51.100.3;proto=https, For=\"[2001:db8::4]:4711\"";
    static final String REAL_IP = "198.51.100.5";
    static final String NETLIFY_IP = "198.51.100.6";
    static final String PEER = "127.0.0.1";
    static final String IPV6_FORWARDED = "2001:db8:0:0:0:0:0:4";

    /** How the broker is set up, whether Netlify signed the request, and the IP it must count as. */
    record Case(String description, Map<String, Object> settings, boolean signed, String expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                of("peer (default): every header ignored", Map.of(), false, PEER),
                of("peer, even with Micronaut's client-address-header set",
                        Map.of("micronaut.server.client-address-header", "X-Forwarded-For"), false, PEER),
                of("peer with the signed proxy on: a valid signature trusts no header", netlify("peer"), true, PEER),
                of("x-forwarded-for, 1 hop: the right-most entry", xff(1), false, "198.51.100.2"),
                of("x-forwarded-for, 2 hops: the second from the right", xff(2), false, "198.51.100.1"),
                of("x-forwarded-for, 3 hops but 2 entries: the left-most", xff(3), false, "198.51.100.1"),
                of("x-forwarded-for from a trusted proxy", trusted(xff(1), "127.0.0.1/32,::1/128"), false, "198.51.100.2"),
                of("x-forwarded-for from an untrusted peer: the peer", trusted(xff(1), "10.0.0.0/8,fd00::/8"), false, PEER),
                of("forwarded, 1 hop: [IPv6]:port of the last element", forwarded(1), false, IPV6_FORWARDED),
                of("forwarded, 2 hops: the first element", forwarded(2), false, "198.51.100.3"),
                of("forwarded from a trusted proxy", trusted(forwarded(1), "127.0.0.0/8"), false, IPV6_FORWARDED),
                of("forwarded from an untrusted peer: the peer", trusted(forwarded(1), "192.0.2.0/24"), false, PEER),
                of("netlify, signed: x-nf-client-connection-ip", netlify("netlify"), true, NETLIFY_IP),
                of("netlify, signed, from a trusted proxy", trusted(netlify("netlify"), "127.0.0.1"), true, NETLIFY_IP),
                of("netlify, signed, from an untrusted peer: the peer", trusted(netlify("netlify"), "10.0.0.0/8"), true, PEER));
    }

    private static Arguments of(String description, Map<String, Object> settings, boolean signed, String expected) {
        return Arguments.of(new Case(description, settings, signed, expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theVisitorIpForwardedToGoTrueIsTheTrustedOne(Case c) throws Exception {
        try (RecordingGoTrueFront front = new RecordingGoTrueFront("X-Forwarded-For");
             BrokerHarness broker = start(EmulatorFlavor.NETLIFY, front, c.settings())) {
            HttpResponse<String> response = broker.post("/anon-session", null, forgedHeaders(c.signed()));

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(List.of(List.of(c.expected())), front.valuesOn("/signup"), "X-Forwarded-For on /signup");
            assertEquals(List.of(List.of(c.expected())), front.valuesOn("/token"), "X-Forwarded-For on /token");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void supabaseGetsTheSameIpInSbForwardedFor(Case c) throws Exception {
        try (RecordingGoTrueFront front = new RecordingGoTrueFront("Sb-Forwarded-For");
             BrokerHarness broker = start(EmulatorFlavor.SUPABASE, front, c.settings())) {
            HttpResponse<String> response = broker.post("/anon-session", null, forgedHeaders(c.signed()));

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(List.of(List.of(c.expected())), front.valuesOn("/signup"), "Sb-Forwarded-For on /signup");
        }
    }

    @ParameterizedTest(name = "netlify, x-nf-sign {0}: refused, GoTrue never called")
    @ValueSource(strings = {"", "garbage", "signed with another secret"})
    void netlifyWithoutAValidSignatureForwardsNothing(String signature) throws Exception {
        try (RecordingGoTrueFront front = new RecordingGoTrueFront("X-Forwarded-For");
             BrokerHarness broker = start(EmulatorFlavor.NETLIFY, front, netlify("netlify"))) {
            List<String> headers = new ArrayList<>(List.of(forgedHeaders(false)));
            if (!signature.isEmpty()) {
                headers.addAll(List.of("x-nf-sign", signature.equals("garbage") ? signature
                        : NetlifySignatures.sign(TestSecrets.random(32), Instant.now())));
            }
            List<String> before = broker.emulator().users().stream().map(u -> u.id()).toList();

            HttpResponse<String> response = broker.post("/anon-session", null, headers.toArray(String[]::new));

            assertEquals(403, response.statusCode(), response.body());
            assertEquals(List.of(), front.valuesOn("/signup"));
            assertNoUserCreated(broker, before);
        }
    }

    static BrokerHarness start(EmulatorFlavor flavor, RecordingGoTrueFront front, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("broker.gotrue.url", front.url());
        BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(flavor), properties);
        front.forwardTo(broker.emulator().baseUrl());
        return broker;
    }

    /** Every header a caller could use to name its IP, and Netlify's signature when {@code signed}. */
    static String[] forgedHeaders(boolean signed) {
        List<String> headers = new ArrayList<>(List.of("X-Forwarded-For", XFF, "Forwarded", FORWARDED,
                "X-Real-IP", REAL_IP, "x-nf-client-connection-ip", NETLIFY_IP));
        if (signed) {
            headers.addAll(List.of("x-nf-sign", NetlifySignatures.sign(SECRET, Instant.now())));
        }
        return headers.toArray(String[]::new);
    }

    static Map<String, Object> xff(int hops) {
        return Map.of("broker.client-ip.source", "x-forwarded-for", "broker.client-ip.trusted-hops", hops);
    }

    static Map<String, Object> forwarded(int hops) {
        return Map.of("broker.client-ip.source", "forwarded", "broker.client-ip.trusted-hops", hops);
    }

    static Map<String, Object> netlify(String source) {
        return Map.of("broker.client-ip.source", source, "broker.netlify.signed-proxy-secret", SECRET);
    }

    static Map<String, Object> trusted(Map<String, Object> settings, String cidrs) {
        Map<String, Object> withProxies = new HashMap<>(settings);
        withProxies.put("broker.client-ip.trusted-proxies", cidrs);
        return withProxies;
    }

    static void assertNoUserCreated(BrokerHarness broker, List<String> before) {
        assertTrue(broker.emulator().users().stream().allMatch(u -> before.contains(u.id())), "no GoTrue user was created");
    }
}
