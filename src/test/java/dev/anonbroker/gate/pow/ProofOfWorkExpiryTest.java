package dev.anonbroker.gate.pow;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.anonbroker.gate.pow.ProofOfWorkGateTest.KEY;
import static dev.anonbroker.gate.pow.ProofOfWorkGateTest.SITE;
import static dev.anonbroker.gate.pow.ProofOfWorkGateTest.assertRefused;
import static dev.anonbroker.gate.pow.ProofOfWorkGateTest.challenge;
import static dev.anonbroker.gate.pow.ProofOfWorkGateTest.mintWithJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * broker.pow.challenge-ttl and broker.pow.max-remembered on the broker's own clock, moved by the test.
 */
class ProofOfWorkExpiryTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.pow.enabled", true, "broker.pow.hmac-key", KEY, "broker.pow.max-number", 2_000,
                        "broker.pow.challenge-ttl", "1m", "broker.pow.max-remembered", 2,
                        "broker.allowed-origins", List.of(SITE)), CLOCK);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aSolutionPresentedAfterItsChallengeExpiredIsInvalid() {
        String solvedInTime = AltchaSolver.payload(challenge(broker));
        String solvedLate = AltchaSolver.payload(challenge(broker));

        CLOCK.advance(TTL.minusSeconds(2));
        HttpResponse<String> justInTime = mintWithJson(broker, solvedInTime);
        CLOCK.advance(Duration.ofSeconds(2));

        assertEquals(200, justInTime.statusCode(), justInTime.body());
        assertRefused(broker, 403, "proof-of-work-invalid", "expired. Fetch a new challenge",
                () -> mintWithJson(broker, solvedLate));
        CLOCK.advance(TTL);
    }

    @Test
    void whenFullNewSolutionsGet503UntilRememberedOnesExpire() {
        String first = AltchaSolver.payload(challenge(broker));
        String second = AltchaSolver.payload(challenge(broker));
        String third = AltchaSolver.payload(challenge(broker));

        assertEquals(200, mintWithJson(broker, first).statusCode());
        assertEquals(200, mintWithJson(broker, second).statusCode());
        assertRefused(broker, 503, "gate-at-capacity", "try again later", () -> mintWithJson(broker, third));
        HttpResponse<String> full = mintWithJson(broker, third);
        assertEquals(String.valueOf(TTL.toSeconds()), full.headers().firstValue("Retry-After").orElse(""));
        assertRefused(broker, 403, "proof-of-work-replayed", "already used", () -> mintWithJson(broker, first));

        CLOCK.advance(TTL.plusSeconds(1));
        HttpResponse<String> afterExpiry = mintWithJson(broker, AltchaSolver.payload(challenge(broker)));

        assertEquals(200, afterExpiry.statusCode(), afterExpiry.body());
        broker.awaitNoThrowawayUsers();
        CLOCK.advance(TTL.plusSeconds(1));
    }
}
