package dev.anonbroker.gotrue;

import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.credential.InvalidTokenException.Reason;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoTrueTokenVerifierTest {

    /** Netlify sites often have short secrets; Nimbus' MACVerifier would refuse this one. */
    private static final String SECRET = TestSecrets.random(32);
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final long EXP = NOW.getEpochSecond() + 3600;
    private static final String CLAIMS = "{\"sub\":\"u-1\",\"email\":\"anon-x@anon.invalid\",\"exp\":" + EXP
            + ",\"is_anonymous\":true,\"user_metadata\":{\"anon_broker\":{\"id\":\"b1\"}}}";

    private final GoTrueTokenVerifier verifier = new GoTrueTokenVerifier(SECRET, new GoTrueClaimRules(GoTrueFlavor.NETLIFY, null, null), Clock.fixed(NOW, ZoneOffset.UTC));

    private Reason rejection(String token, String expectedSubject) {
        return assertThrows(InvalidTokenException.class, () -> verifier.verify(token, expectedSubject)).reason();
    }

    @Test
    void goodTokenWithAShortSecretVerifies() {
        GoTrueAccessToken token = verifier.verify(TestTokens.hs256(SECRET, CLAIMS), "u-1");

        assertEquals(new GoTrueAccessToken("u-1", "anon-x@anon.invalid", Instant.ofEpochSecond(EXP), true,
                Map.of("anon_broker", Map.of("id", "b1"))), token);
    }

    @Test
    void netlifyTokenWithoutIssAudOrAnonymousFlagVerifiesForAnySubject() {
        String claims = "{\"sub\":\"u-2\",\"exp\":" + EXP + ",\"app_metadata\":{\"provider\":\"email\"}}";

        GoTrueAccessToken token = verifier.verify(TestTokens.hs256(SECRET, claims), null);

        assertEquals("u-2", token.subject());
        assertFalse(token.anonymous());
        assertTrue(token.userMetadata().isEmpty());
    }

    static Stream<Arguments> otherAlgorithms() {
        return Stream.of(
                Arguments.of("alg none", "{\"alg\":\"none\"}"),
                Arguments.of("alg RS256", "{\"alg\":\"RS256\",\"typ\":\"JWT\"}"),
                Arguments.of("alg hs256 in lower case", "{\"alg\":\"hs256\"}"),
                Arguments.of("alg HS512", "{\"alg\":\"HS512\"}"),
                Arguments.of("HS256 with a critical header", "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherAlgorithms")
    void anythingButPlainHs256IsRefused(String description, String header) {
        assertEquals(Reason.WRONG_ALGORITHM, rejection(TestTokens.hs256(SECRET, header, CLAIMS), "u-1"));
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefused() {
        assertEquals(Reason.BAD_SIGNATURE, rejection(TestTokens.hs256(TestSecrets.random(32), CLAIMS), "u-1"));
    }

    @Test
    void expiredTokenIsRefused() {
        String atExp = "{\"sub\":\"u-1\",\"exp\":" + NOW.getEpochSecond() + "}";
        String noExp = "{\"sub\":\"u-1\"}";

        assertEquals(Reason.EXPIRED, rejection(TestTokens.hs256(SECRET, atExp), "u-1"));
        assertEquals(Reason.MALFORMED, rejection(TestTokens.hs256(SECRET, noExp), "u-1"));
    }

    @Test
    void tokenOfAnotherUserIsRefused() {
        assertEquals(Reason.WRONG_SUBJECT, rejection(TestTokens.hs256(SECRET, CLAIMS), "u-9"));
    }

    @Test
    void garbageIsMalformed() {
        assertEquals(Reason.MALFORMED, rejection("abc", null));
        assertEquals(Reason.MALFORMED, rejection("a.b.", null));
        assertEquals(Reason.MALFORMED, rejection("!!.??.**", null));
    }

    @Test
    void withoutASecretLocalVerificationIsUnavailable() {
        GoTrueTokenVerifier none = new GoTrueTokenVerifier(null, new GoTrueClaimRules(GoTrueFlavor.NETLIFY, null, null), Clock.systemUTC());

        assertFalse(none.canVerifyLocally());
        assertThrows(IllegalStateException.class, () -> none.verify(TestTokens.hs256(SECRET, CLAIMS), null));
    }
}
