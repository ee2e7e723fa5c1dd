package dev.anonbroker.gate.ratelimit;

import dev.anonbroker.gate.GatedEndpoint;
import dev.anonbroker.gate.Visitor;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate called directly with {@link Visitor}s of many addresses, which the HTTP tests cannot have until the
 * client-IP resolver reads forwarding headers; time from a {@link MutableClock}, never from waiting.
 */
class RateLimitGateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    private static Visitor visitor(String ip) {
        try {
            return new Visitor(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    private RateLimitGate gate(String perIp, String perNetwork, String mintBudget, int maxTrackedKeys) {
        return new RateLimitGate(new RateLimitConfiguration(true, perIp, perNetwork, perIp, perNetwork, perIp,
                perNetwork, mintBudget, maxTrackedKeys), clock);
    }

    private static ProblemException refused(RateLimitGate gate, GatedEndpoint endpoint, String ip) {
        return assertThrows(ProblemException.class, () -> gate.check(endpoint, visitor(ip)));
    }

    /** How many of {@code attempts} the gate admits. */
    private static int admitted(RateLimitGate gate, GatedEndpoint endpoint, String ip, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                gate.check(endpoint, visitor(ip));
                admitted++;
            } catch (ProblemException refused) {
                assertTrue(refused.type() == ProblemType.RATE_LIMITED || refused.type() == ProblemType.MINT_BUDGET_EXHAUSTED);
            }
        }
        return admitted;
    }

    @Test
    void perIpAdmitsCapacityThenRefusesWithRetryAfterAndRateLimitFields() {
        RateLimitGate gate = gate("3/30s", "off", "off", 100);

        assertEquals(3, admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.7", 3));
        ProblemException refusal = refused(gate, GatedEndpoint.ANON_SESSION, "203.0.113.7");

        assertEquals(ProblemType.RATE_LIMITED, refusal.type());
        assertEquals("10", refusal.headers().get("Retry-After"), "one token every 30s/3");
        assertEquals("\"anon-session-per-ip\";q=3;w=30", refusal.headers().get("RateLimit-Policy"));
        assertEquals("\"anon-session-per-ip\";r=0;t=10", refusal.headers().get("RateLimit"));
        assertTrue(refusal.detail().contains("anon-session-per-ip: 3 per 30s"), refusal.detail());
        assertTrue(refusal.detail().contains("Retry in 10 seconds"), refusal.detail());
        assertFalse(refusal.detail().contains("203.0.113"), "the detail does not echo the address");
        assertEquals(1, admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.8", 1), "another IP has its own bucket");
    }

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAndAtLeastOne() {
        RateLimitGate gate = gate("2/3s", "off", "off", 100);
        admitted(gate, GatedEndpoint.ANON_SESSION, "198.51.100.1", 2);
        assertEquals("2", refused(gate, GatedEndpoint.ANON_SESSION, "198.51.100.1").headers().get("Retry-After"));

        clock.advance(Duration.ofMillis(1400));
        assertEquals("1", refused(gate, GatedEndpoint.ANON_SESSION, "198.51.100.1").headers().get("Retry-After"));
        assertEquals(1, RateLimitGate.seconds(1));
        assertEquals(1, RateLimitGate.seconds(0));
    }

    @Test
    void refillsGreedilyOneTokenPerPeriodOverCapacity() {
        RateLimitGate gate = gate("3/30s", "off", "off", 100);
        admitted(gate, GatedEndpoint.REFRESH, "192.0.2.1", 3);

        clock.advance(Duration.ofSeconds(9));
        assertEquals(0, admitted(gate, GatedEndpoint.REFRESH, "192.0.2.1", 1));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, admitted(gate, GatedEndpoint.REFRESH, "192.0.2.1", 2), "one token after 10s, not three");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(3, admitted(gate, GatedEndpoint.REFRESH, "192.0.2.1", 5), "never more than the capacity");
    }

    @Test
    void perNetworkCountsEveryAddressOfOneSlash24AndOneSlash64() {
        RateLimitGate gate = gate("10/1h", "3/1h", "off", 100);

        assertEquals(3, admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.1", 1)
                + admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.2", 1)
                + admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.3", 1)
                + admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.254", 1));
        ProblemException refusal = refused(gate, GatedEndpoint.ANON_SESSION, "203.0.113.99");
        assertEquals("\"anon-session-per-network\";q=3;w=3600", refusal.headers().get("RateLimit-Policy"));
        assertTrue(refusal.detail().startsWith("Too many requests from your network"), refusal.detail());
        assertEquals(1, admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.114.1", 1), "the next /24 is another network");

        for (int i = 1; i <= 3; i++) {
            assertEquals(1, admitted(gate, GatedEndpoint.ANON_SESSION, "2001:db8:0:1::" + i, 1));
        }
        assertEquals(0, admitted(gate, GatedEndpoint.ANON_SESSION, "2001:db8:0:1:ffff::1", 1), "the same /64");
        assertEquals(1, admitted(gate, GatedEndpoint.ANON_SESSION, "2001:db8:0:2::1", 1), "the next /64");
    }

    @Test
    void eachEndpointHasItsOwnBuckets() {
        RateLimitGate gate = gate("2/1h", "off", "off", 100);

        for (GatedEndpoint endpoint : GatedEndpoint.values()) {
            assertEquals(2, admitted(gate, endpoint, "192.0.2.9", 3), endpoint.label());
            assertEquals("\"" + endpoint.label() + "-per-ip\";q=2;w=3600",
                    refused(gate, endpoint, "192.0.2.9").headers().get("RateLimit-Policy"));
        }
    }

    @Test
    void aRequestTheNetworkRefusesCostsItsIpNothing() {
        RateLimitGate gate = gate("1/1h", "1/1h", "off", 100);
        admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.1", 1);

        for (int i = 0; i < 5; i++) {
            ProblemException refusal = refused(gate, GatedEndpoint.ANON_SESSION, "203.0.113.2");
            assertTrue(refusal.headers().get("RateLimit").startsWith("\"anon-session-per-network\""),
                    "refused by the network every time, never by its own (capacity 1) bucket: " + refusal.headers());
        }
        assertFalse(gate.tracks("anon-session-per-ip", "203.0.113.2"), "its bucket was given back, full");
    }

    @Test
    void aRequestItsIpRefusesNeverDrainsTheNetworkItShares() {
        RateLimitGate gate = gate("1/1h", "2/1h", "off", 100);
        admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.1", 1);

        assertEquals(0, admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.1", 20));

        assertEquals(1, admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.2", 1), "the neighbour still gets in");
        assertEquals(0, admitted(gate, GatedEndpoint.ANON_SESSION, "203.0.113.3", 1), "and now the network is spent");
    }

    @Test
    void theMintBudgetCountsBothMintingEndpointsWhateverTheIpAndGivesTheOtherTokensBack() {
        RateLimitGate gate = gate("1/1h", "1/1h", "3/1s", 100);

        assertEquals(1, admitted(gate, GatedEndpoint.ANON_SESSION, "192.0.2.1", 1));
        assertEquals(1, admitted(gate, GatedEndpoint.EXCHANGE, "198.51.100.1", 1));
        assertEquals(1, admitted(gate, GatedEndpoint.ANON_SESSION, "2001:db8::1", 1));
        ProblemException refusal = refused(gate, GatedEndpoint.EXCHANGE, "203.0.113.1");
        ProblemException again = refused(gate, GatedEndpoint.EXCHANGE, "203.0.113.1");

        assertEquals(ProblemType.MINT_BUDGET_EXHAUSTED, refusal.type());
        assertEquals(ProblemType.MINT_BUDGET_EXHAUSTED, again.type(), "not 429: its per-IP token was given back");
        assertEquals("1", refusal.headers().get("Retry-After"));
        assertTrue(refusal.detail().contains("mint-budget: 3 per 1s"), refusal.detail());
        assertEquals(1, admitted(gate, GatedEndpoint.REFRESH, "203.0.113.1", 1), "refresh starts no session");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, admitted(gate, GatedEndpoint.EXCHANGE, "203.0.113.1", 1));
    }

    @Test
    void offSwitchesOneLimitOffAndKeepsTheOthers() {
        RateLimitGate gate = new RateLimitGate(new RateLimitConfiguration(true, "off", "2/1h", "1/1h", "off", "off",
                "off", "off", 100), clock);

        assertEquals(2, admitted(gate, GatedEndpoint.ANON_SESSION, "192.0.2.1", 50), "per network only");
        assertEquals(1, admitted(gate, GatedEndpoint.EXCHANGE, "192.0.2.1", 50), "per IP only");
        assertEquals(50, admitted(gate, GatedEndpoint.REFRESH, "192.0.2.1", 50), "no limit");
    }

    @Test
    void disabledLimitsNothingButStillValidates() {
        RateLimitGate gate = new RateLimitGate(new RateLimitConfiguration(false, "1/1h", "1/1h", "1/1h", "1/1h",
                "1/1h", "1/1h", "1/1h", 100), clock);

        assertFalse(gate.enabled());
        assertEquals(20, admitted(gate, GatedEndpoint.ANON_SESSION, "192.0.2.1", 20));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitGate(new RateLimitConfiguration(false,
                "1/1h", "1/1h", "1/1h", "1/1h", "1/1h", "1/1h", "20/second", 100), clock));
    }

    @Test
    void aBucketIsDroppedOnceItWouldBeFullAgain() {
        RateLimitGate gate = gate("4/1m", "off", "off", 100);
        admitted(gate, GatedEndpoint.ANON_SESSION, "192.0.2.1", 2);
        assertTrue(gate.tracks("anon-session-per-ip", "192.0.2.1"));

        clock.advance(Duration.ofSeconds(29));
        assertTrue(gate.tracks("anon-session-per-ip", "192.0.2.1"), "two tokens short take 30s to come back");
        clock.advance(Duration.ofSeconds(1));

        assertFalse(gate.tracks("anon-session-per-ip", "192.0.2.1"));
        assertEquals(0, gate.trackedKeys());
        assertEquals(4, admitted(gate, GatedEndpoint.ANON_SESSION, "192.0.2.1", 5), "and comes back full");
    }

    @Test
    void manyDistinctVisitorsNeverGrowTheCacheBeyondItsBound() {
        RateLimitGate gate = gate("5/1h", "50/1h", "off", 64);

        for (int i = 0; i < 20_000; i++) {
            gate.check(GatedEndpoint.REFRESH, visitor("10." + (i >> 8 & 255) + "." + (i & 255) + ".1"));
            if (i % 1000 == 999) {
                assertTrue(gate.trackedKeys() <= 64, "after " + (i + 1) + " visitors: " + gate.trackedKeys());
            }
        }

        assertTrue(gate.trackedKeys() <= 64, "tracked " + gate.trackedKeys());
        assertTrue(gate.trackedKeys() > 0);
    }

    @Test
    void aFloodOfAddressesInOneNetworkCannotGetPastItsNetworkLimitEvenWithATinyCache() {
        RateLimitGate gate = gate("1/1h", "50/1h", "off", 16);
        int admitted = 0;
        for (int i = 0; i < 5_000; i++) {
            admitted += admitted(gate, GatedEndpoint.ANON_SESSION, "2001:db8:0:7::" + Integer.toHexString(i + 1), 1);
        }

        assertEquals(50, admitted, "one host rotating through its /64 gets the network's 50");
        assertTrue(gate.trackedKeys() <= 16);
    }

    @Test
    void anEvictedBucketStartsFullAgain() {
        RateLimitGate gate = gate("1/1h", "off", "1000000/1s", 16);
        admitted(gate, GatedEndpoint.ANON_SESSION, "192.0.2.1", 1);
        assertEquals(0, admitted(gate, GatedEndpoint.ANON_SESSION, "192.0.2.1", 1));

        for (int i = 0; i < 2_000; i++) {
            admitted(gate, GatedEndpoint.ANON_SESSION, "10.1." + (i >> 8 & 255) + "." + (i & 255), 4);
        }

        assertFalse(gate.tracks("anon-session-per-ip", "192.0.2.1"), "pushed out by keys used more often");
        assertEquals(1, admitted(gate, GatedEndpoint.ANON_SESSION, "192.0.2.1", 1),
                "admitted again an hour early: the weakness gates.md describes");
    }

    @Test
    void requestsRefusedByTheNetworkOrTheBudgetAddNoBucketAndEvictNone() {
        RateLimitGate gate = gate("1/1h", "1/1h", "8/1h", 16);
        for (int i = 1; i <= 8; i++) {
            assertEquals(1, admitted(gate, GatedEndpoint.ANON_SESSION, "192.0." + i + ".1", 1));
        }
        long held = gate.trackedKeys();

        for (int i = 0; i < 3_000; i++) {
            refused(gate, GatedEndpoint.ANON_SESSION, "192.0.1." + (2 + i % 250));
            refused(gate, GatedEndpoint.EXCHANGE, "10." + (i >> 8 & 255) + "." + (i & 255) + ".9");
        }

        assertEquals(held, gate.trackedKeys(), "16 would be reached by a single new bucket per refusal");
        for (int i = 1; i <= 8; i++) {
            assertTrue(gate.tracks("anon-session-per-ip", "192.0." + i + ".1"), "visitor " + i + " kept its bucket");
        }
    }
}
