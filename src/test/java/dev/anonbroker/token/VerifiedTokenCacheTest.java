package dev.anonbroker.token;

import com.nimbusds.jose.jwk.ECKey;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.credential.InvalidTokenException.Reason;
import dev.anonbroker.keys.JwkSetParser;
import dev.anonbroker.keys.SigningConfiguration;
import dev.anonbroker.keys.SigningKeySource;
import dev.anonbroker.keys.SigningKeys;
import dev.anonbroker.support.MutableClock;
import dev.anonbroker.token.support.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The verification cache never accepts what a full verification would refuse: an expired token, a token whose key
 * left the key set, a token differing from a cached one. Whether a verification was answered from the cache is read
 * from the cache's hit count ({@code cache.gets}), which the broker exports.
 */
class VerifiedTokenCacheTest {

    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    private static final BrokerConfiguration CONFIGURATION = TestBroker.configuration();
    private static final ECKey KEY = TestKeys.ec("k1");

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicReference<SigningKeys> keys =
            new AtomicReference<>(JwkSetParser.parse(TestKeys.jwks(KEY), SigningConfiguration.JWKS));
    private final SigningKeySource source = keys::get;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double hits() {
        return registry.get("cache.gets").tag("cache", "broker.verification-cache").tag("result", "hit")
                .functionCounter().count();
    }

    private String mint() {
        return TestBroker.minter(TestKeys.jwks(KEY), CONFIGURATION, clock)
                .mint(new MintRequest("user-1", "sid-1", T0, null, "web", null)).token();
    }

    @Test
    void aTokenVerifiedOnceIsNotVerifiedAgainUntilItExpires() {
        BrokerTokenVerifier verifier = TestBroker.verifier(source, CONFIGURATION, clock, 100, registry);
        String token = mint();

        for (int i = 0; i < 5; i++) {
            assertEquals("sid-1", verifier.verify(token).sessionId());
        }
        assertEquals(4, hits(), "one signature check for five verifications");

        clock.set(T0.plus(CONFIGURATION.tokenTtl()).plus(CONFIGURATION.clockSkew()));
        assertEquals(Reason.EXPIRED, assertThrows(InvalidTokenException.class, () -> verifier.verify(token)).reason());
    }

    @Test
    void aCachedTokenCountsOnlyUnderTheKeySetThatVerifiedIt() {
        BrokerTokenVerifier verifier = TestBroker.verifier(source, CONFIGURATION, clock, 100);
        String token = mint();
        verifier.verify(token);

        keys.set(JwkSetParser.parse(TestKeys.jwks(TestKeys.ec("k2")), SigningConfiguration.JWKS));

        assertEquals(Reason.UNKNOWN_KEY,
                assertThrows(InvalidTokenException.class, () -> verifier.verify(token)).reason());
    }

    @Test
    void aTokenDifferingFromACachedOneIsVerifiedOnItsOwn() {
        BrokerTokenVerifier verifier = TestBroker.verifier(source, CONFIGURATION, clock, 100);
        String token = mint();
        verifier.verify(token);
        int signature = token.lastIndexOf('.') + 1;
        String signatureChanged = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A')
                + token.substring(signature + 1);
        assertEquals(Reason.BAD_SIGNATURE,
                assertThrows(InvalidTokenException.class, () -> verifier.verify(signatureChanged)).reason());
    }

    @Test
    void withNoRoomEveryVerificationChecksTheSignature() {
        BrokerTokenVerifier verifier = TestBroker.verifier(source, CONFIGURATION, clock, 0, registry);
        String token = mint();

        for (int i = 0; i < 3; i++) {
            assertEquals("sid-1", verifier.verify(token).sessionId());
        }
        assertEquals(0, hits());
    }
}
