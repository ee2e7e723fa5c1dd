package dev.anonbroker.session;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 2: the memory of exchanged tokens is bounded by {@code broker.exchange.max-remembered}, refuses
 * rather than evicts when full, and forgets each token when it would have expired anyway ({@code exp} plus
 * {@code broker.clock-skew}).
 */
class ExchangeMemoryTest {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock(Instant.now());
    private BrokerHarness broker;

    @AfterEach
    void stop() {
        broker.close();
    }

    /** A real marked user's token, re-signed with an {@code exp} on the broker's clock. */
    private String tokenExpiringIn(Duration lifetime) {
        String token = ExchangeFixtures.markedUserToken(broker);
        long exp = clock.instant().plus(lifetime).getEpochSecond();
        return ExchangeFixtures.resigned(broker, token, claims -> claims.put("exp", exp));
    }

    @Test
    void whenFullItRefusesUntilARememberedTokenWouldHaveExpired() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.exchange.max-remembered", "1", "broker.clock-skew", SKEW.toSeconds() + "s"), clock);
        String shortLived = tokenExpiringIn(Duration.ofSeconds(60));
        String longLived = tokenExpiringIn(Duration.ofHours(1));

        HttpResponse<String> first = ExchangeFixtures.exchange(broker, shortLived);
        HttpResponse<String> full = ExchangeFixtures.exchange(broker, longLived);
        clock.advance(Duration.ofSeconds(60).plus(SKEW).minusSeconds(1));
        HttpResponse<String> stillFull = ExchangeFixtures.exchange(broker, longLived);
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> room = ExchangeFixtures.exchange(broker, longLived);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(503, full.statusCode(), full.body());
        assertEquals("urn:anon-broker:problem:exchange-at-capacity", ExchangeFixtures.problem(full).get("type").asText());
        assertTrue(full.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        assertEquals(503, stillFull.statusCode(), "remembered until exp + clock-skew: " + stillFull.body());
        assertEquals(200, room.statusCode(), room.body());
    }

    @Test
    void aTokenIsRememberedPastTheOldTwoHourWindowWhileItIsValid() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.exchange.max-remembered", "1"), clock);
        String longLived = tokenExpiringIn(Duration.ofHours(3));
        String other = tokenExpiringIn(Duration.ofHours(3));

        assertEquals(200, ExchangeFixtures.exchange(broker, longLived).statusCode());
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        HttpResponse<String> response = ExchangeFixtures.exchange(broker, other);

        assertEquals(503, response.statusCode(), "the first token is still remembered: " + response.body());
    }
}
