package dev.anonbroker.support;

import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatorFlavor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A clock handed to {@link BrokerHarness#start} is the broker's one clock, and only that broker's: two brokers at once
 * each mint with their own clock, and neither with the system clock.
 */
class BrokerHarnessClockTest {

    @Test
    void eachBrokerMintsWithTheClockItWasGiven() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock behind = new MutableClock(now.minus(Duration.ofMinutes(7)));
        MutableClock ahead = new MutableClock(now.plus(Duration.ofMinutes(5)));
        try (BrokerHarness first = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of(), behind);
             BrokerHarness second = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), Map.of(), ahead)) {
            assertSame(behind, first.context().getBean(Clock.class), "the system clock stepped aside");
            assertEquals(1, first.context().getBeansOfType(Clock.class).size(), "no second clock beside the test's");

            assertEquals(now.minus(Duration.ofMinutes(7)), issuedAt(first));
            assertEquals(now.plus(Duration.ofMinutes(5)), issuedAt(second));

            behind.advance(Duration.ofMinutes(3));
            assertEquals(now.minus(Duration.ofMinutes(4)), issuedAt(first), "the broker follows its clock");
            assertEquals(now.plus(Duration.ofMinutes(5)), issuedAt(second), "another broker's clock did not move");
        }
    }

    private static Instant issuedAt(BrokerHarness broker) throws Exception {
        return SignedJWT.parse(broker.accessToken(null)).getJWTClaimsSet().getIssueTime().toInstant();
    }
}
